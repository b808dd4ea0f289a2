import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs, requireWorkspace } from '../args.ts';
import { printJson } from '../output.ts';

export const usage = 'init --workspace DIR [--json]      create a workspace, or upgrade an existing one';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, { workspace: { type: 'string' }, json: { type: 'boolean' } });
  const ws = await Workspace.init(requireWorkspace(values.workspace));
  try {
    const info = await ws.info();
    if (values.json) printJson(info);
    else console.log(`工作区就绪 / workspace ready: ${info.dir} (schema v${info.schemaVersion})`);
    return 0;
  } finally {
    await ws.close();
  }
}
