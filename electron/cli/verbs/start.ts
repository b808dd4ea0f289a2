import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateProvince } from '../../engine/generator/index.ts';
import { workspaceLayout } from '../../engine/workspace/layout.ts';
import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs } from '../args.ts';
import { progressPrinter, tableListing } from '../output.ts';

export const usage = 'start [--workspace DIR]              prepare the demo workspace (created on first run); the UI follows';

/**
 * `npm start`. The workbench UI (browser mode, then Electron) is not built yet; until it is,
 * start prepares the built-in demo workspace and prints what it holds, and says so plainly.
 */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, { workspace: { type: 'string' } });
  const dir = values.workspace ?? join(process.cwd(), 'workspaces', 'demo');
  const fresh = !existsSync(workspaceLayout(dir).db);
  const ws = await Workspace.init(dir);
  try {
    if (fresh || (await ws.info()).synthetic === null) {
      const stop = ws.tasks.subscribe(progressPrinter());
      try {
        await ws.tasks.run('generate', (t) => generateProvince(ws, { scale: 'demo', seed: 7 }, t));
      } finally {
        stop();
      }
    }
    const tables = (await ws.tables()).filter((t) => t.kind === 'table' && (t.rows ?? 0) > 0);
    console.log(`演示工作区 / demo workspace: ${ws.layout.root}`);
    console.log(tableListing(tables));
    console.log('工作台界面尚未发布（见 issue 5），请先使用命令行 / the workbench UI is not built yet (issue 5); use the CLI meanwhile: npx clearsight --help');
    return 0;
  } finally {
    await ws.close();
  }
}
