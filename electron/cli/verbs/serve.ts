import { ClearsightError } from '../../engine/errors.ts';
import { serveUntilStopped } from '../../web/serve.ts';
import { parseVerbArgs, requireWorkspace } from '../args.ts';

export const usage = 'serve --workspace DIR [--port N] [--open]   browser mode: the workbench on http://127.0.0.1 with a token (first line: the URL)';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, { workspace: { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean' } });
  const workspace = requireWorkspace(values.workspace);
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) throw new ClearsightError('usage', `--port 应为 1–65535 / --port takes 1–65535 (got '${values.port}')`);
  }
  return serveUntilStopped({ workspace, port, open: values.open });
}
