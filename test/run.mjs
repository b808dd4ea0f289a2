#!/usr/bin/env node
// The test runner behind `npm test`.
//
//   node test/run.mjs                      type-check, then every *.test.ts under test/ (but test/bench)
//   node test/run.mjs test/engine x.test.ts  type-check, then only the tests under these paths
//   node test/run.mjs --no-typecheck ...   skip the type-check (quick local runs)
//
// Node 20's `--test` does not expand globs, so this finds the files and hands them over explicitly.
// Files run one at a time (each in its own process): several tests open DuckDB files and spawn CLIs,
// and the machines have two cores. The exit code is non-zero if the type-check or any test failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const testDir = join(root, 'test');
const benchDir = join(testDir, 'bench');

const args = process.argv.slice(2);
const typecheck = !args.includes('--no-typecheck');
const filters = args.filter((a) => a !== '--no-typecheck');

/** Every *.test.ts under dir, recursively; test/bench only when asked for explicitly. */
function findTests(dir, allowBench) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || (p === benchDir && !allowBench)) continue;
      out.push(...findTests(p, allowBench));
    } else if (entry.isFile() && entry.name.endsWith('.test.ts')) {
      out.push(p);
    }
  }
  return out;
}

const files = new Set();
for (const f of filters.length > 0 ? filters : [testDir]) {
  const p = resolve(f);
  if (!existsSync(p)) {
    process.stderr.write(`test/run.mjs: no such file or folder: ${f}\n`);
    process.exit(2);
  }
  const inBench = p === benchDir || p.startsWith(benchDir + sep);
  const found = statSync(p).isDirectory() ? findTests(p, inBench) : [p];
  if (found.length === 0) {
    process.stderr.write(`test/run.mjs: no *.test.ts files under ${f}\n`);
    process.exit(2);
  }
  for (const file of found) files.add(file);
}
const sorted = [...files].sort();

let typeErrors = false;
if (typecheck) {
  // The Node side and the renderer (DOM, bundler resolution) have a tsconfig each.
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  for (const project of ['tsconfig.json', 'renderer/tsconfig.json']) {
    process.stdout.write(`# typecheck: tsc -p ${project} --noEmit\n`);
    const r = spawnSync(process.execPath, [tsc, '-p', join(root, project), '--noEmit'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) typeErrors = true;
  }
  process.stdout.write(typeErrors ? '# typecheck: FAILED\n' : '# typecheck: ok\n');
}

process.stdout.write(`# running ${sorted.length} test file(s): ${sorted.map((f) => relative(root, f)).join(' ')}\n`);
const r = spawnSync(process.execPath, [
  '--import', 'tsx',
  '--test', '--test-concurrency=1', '--test-timeout=120000',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  ...sorted,
], { cwd: root, stdio: 'inherit' });

if (r.error) throw r.error;
const testCode = r.status ?? 1;
if (typeErrors) process.stdout.write('# typecheck failed (see tsc output above)\n');
process.exit(testCode !== 0 ? testCode : typeErrors ? 1 : 0);
