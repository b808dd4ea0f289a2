// Is the Electron binary installed? The electron package records it in path.txt (relative to its dist/)
// once the binary was downloaded. We read that file instead of require('electron'): since Electron 45,
// require('electron') tries to download a missing binary on the spot, which fails (and hangs until it
// does) on machines that cannot reach the download host.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The Electron executable's path, or null when the package or its binary is missing. */
export function installedElectronBinary(): string | null {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const bin = override ? join(override, rel || 'electron') : rel ? join(pkgDir, 'dist', rel) : null;
  return bin !== null && existsSync(bin) ? bin : null;
}
