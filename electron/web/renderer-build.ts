// Browser mode serves the built renderer (dist/renderer, made by `npm run build`). A checkout that has not
// built it yet, or whose renderer sources changed since, is built on demand when Vite is installed (a
// development checkout); otherwise the server says what to run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClearsightError } from '../engine/errors.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIST = join(ROOT, 'dist', 'renderer');
/** What the renderer bundle is made of: its own sources and the contract it imports. */
const SOURCES = [join(ROOT, 'renderer'), join(ROOT, 'electron', 'contract')];

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Why the built renderer cannot be served as it is, or null if it is up to date. */
export function rendererBuildState(): 'missing' | 'stale' | null {
  const index = join(RENDERER_DIST, 'index.html');
  if (!existsSync(index)) return 'missing';
  const built = statSync(index).mtimeMs;
  return SOURCES.some((d) => newestMtime(d) > built) ? 'stale' : null;
}

/** Make sure dist/renderer is there and current; progress goes to stderr (stdout's first line is the URL). */
export function ensureRendererBuilt(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  const state = rendererBuildState();
  if (state === null) return;
  let vite: string;
  try {
    // vite/bin is not among the package's exports; its package.json is, and the bin sits beside it.
    vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    if (state === 'stale') return; // an installed build without its sources' tooling: serve what is there
    throw new ClearsightError('bad_input', '界面尚未构建，请先运行 npm run build / the renderer is not built: run npm run build first');
  }
  log(state === 'missing' ? '正在构建界面… / building the renderer (first run)…' : '界面源码已更新，正在重新构建… / renderer sources changed, rebuilding…');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'renderer', 'vite.config.ts'), '--logLevel', 'warn'],
    // Vite's stdout goes to our stderr: stdout's first line must stay the URL.
    { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new ClearsightError('internal', `界面构建失败 / building the renderer failed (exit ${r.status}); run npm run build to see why`);
}
