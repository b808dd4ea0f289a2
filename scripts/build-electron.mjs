#!/usr/bin/env node
// Bundles the Electron main process and the preload into dist/electron (npm run build runs this after the
// renderer). esbuild (present through vite and tsx) turns the TypeScript into one CommonJS file each:
// Electron loads main.cjs (package.json "main"), and a sandboxed preload must be a single script.
// The engine is not bundled: it runs from its TypeScript source through tsx in the utility process.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', external: ['electron'], absWorkingDir: root, logLevel: 'warning', sourcemap: 'linked' };

await build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs' });
process.stdout.write('built dist/electron/main.cjs and dist/electron/preload.cjs\n');
