import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateProvince } from '../../engine/generator/index.ts';
import { workspaceLayout } from '../../engine/workspace/layout.ts';
import { Workspace } from '../../engine/workspace/workspace.ts';
import { serveUntilStopped } from '../../web/serve.ts';
import { parsePort, parseVerbArgs } from '../args.ts';
import { installedElectronBinary } from '../electron-binary.ts';
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
  const electron = installedElectronBinary();
  if (electron !== null) return runElectronApp(electron, dir);
  const why = '未找到 Electron 可执行文件，改用浏览器模式 / the Electron binary is not installed, so the workbench opens in browser mode';
  return serveUntilStopped({ workspace: dir, port: parsePort(values.port), open: values.open, notes: [why] });
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The desktop app on the workspace: build what it loads (npm run build) if missing, then wait for it to quit. */
async function runElectronApp(electron: string, dir: string): Promise<number> {
  if (!existsSync(join(ROOT, 'dist', 'electron', 'main.cjs')) || !existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const built = spawnSync(npm, ['run', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    if (built.status !== 0) return 1;
  }
  const child = spawn(electron, [ROOT, '--workspace', dir], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
