#!/usr/bin/env node
// npm run dist [-- electron-builder args]: the installers of electron-builder.yml for this machine's OS.
// electron-builder packages the Electron binary, which cannot be downloaded on every machine: without it this
// says so in one line and exits 0 (nothing to build here, and not a failure of the project).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

// Run with --import tsx (package.json "dist"), so the CLI's TypeScript check is reused.
const { installedElectronBinary } = await import('../electron/cli/electron-binary.ts');
const binary = installedElectronBinary();
if (!binary) {
  process.stdout.write('npm run dist: skipped — the Electron binary is not installed (its download was skipped or failed), and electron-builder needs it to package the app\n');
  process.exit(0);
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts']);
run(process.execPath, [join(root, 'scripts', 'build-electron.mjs')]);
// Package the installed Electron (node_modules/electron/dist) instead of downloading another copy.
const electronDist = dirname(binary);
run(process.execPath, [require.resolve('electron-builder/cli.js'), '--config', 'electron-builder.yml',
  `--config.electronDist=${electronDist}`, ...process.argv.slice(2)]);
