import { serveUntilStopped } from '../../web/serve.ts';
import { parsePort, parseVerbArgs, requireWorkspace } from '../args.ts';

export const usage = 'serve --workspace DIR [--port N] [--open]   browser mode: the workbench on http://127.0.0.1 with a token (first line: the URL)';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, { workspace: { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean' } });
  const workspace = requireWorkspace(values.workspace);
  return serveUntilStopped({ workspace, port: parsePort(values.port), open: values.open });
}
