import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { generateProvince } from '../../engine/generator/index.ts';
import { workspaceLayout } from '../../engine/workspace/layout.ts';
import { Workspace } from '../../engine/workspace/workspace.ts';
import { serveUntilStopped } from '../../web/serve.ts';
import { parsePort, parseVerbArgs } from '../args.ts';
import { progressPrinter } from '../output.ts';

export const usage = 'start [--workspace DIR] [--port N] [--open]   the workbench on the demo workspace (created on first run)';

/**
 * `npm start`: the demo workspace (./workspaces/demo, generated on first run), then the workbench. The
 * Electron app needs its binary, which cannot be downloaded on every machine; without it the workbench
 * opens in browser mode, and says so in one line.
 */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, { workspace: { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean' } });
  parsePort(values.port); // a bad --port is refused before the demo is generated
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
  } finally {
    await ws.close();
  }
  const why = electronBinary() === null
    ? '未找到 Electron 可执行文件，改用浏览器模式 / the Electron binary is not installed, so the workbench opens in browser mode'
    : 'Electron 桌面外壳尚未完成（issue 6），改用浏览器模式 / the Electron shell is not built yet (issue 6), so the workbench opens in browser mode';
  return serveUntilStopped({ workspace: dir, port: parsePort(values.port), open: values.open, notes: [why] });
}

/** The Electron binary's path if the electron package and its downloaded binary are both there. */
function electronBinary(): string | null {
  try {
    // The electron package's main export is the binary's path; it throws when the download never happened.
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
