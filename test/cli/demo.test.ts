import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { CANONICAL_TABLES, DATA_TABLES } from '../../electron/engine/schema/canonical.ts';
import { CLI, REPO_ROOT, lines, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

interface TablesJson { tables: Array<{ name: string; rows: number; columns: Array<{ name: string }>; fingerprint?: string }> }

const fingerprints = async (dir: string) => {
  const r = await runCli(['tables', '--workspace', dir, '--json', '--fingerprint']);
  assert.equal(r.code, 0, r.stderr);
  return Object.fromEntries((JSON.parse(r.stdout) as TablesJson).tables.map((t) => [t.name, t.fingerprint]));
};

describe('clearsight init → demo → tables', () => {
  const dir = join(tempDir(), 'ws');
  before(async () => {
    assert.equal((await runCli(['init', '--workspace', dir])).code, 0);
  });

  test('demo fills every catalog table a model reads and reports planted cases', async () => {
    const r = await runCli(['demo', '--workspace', dir, '--scale', '600', '--seed', '3', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { rows: Record<string, number>; truth: { planted: number; nearMiss: number; models: number } };
    assert.equal(summary.rows.tender, 600);
    assert.ok(summary.truth.models >= 10 && summary.truth.planted >= 30 && summary.truth.nearMiss >= 10, JSON.stringify(summary.truth));
    const t = await runCli(['tables', '--workspace', dir, '--json']);
    const tables = new Map((JSON.parse(t.stdout) as TablesJson).tables.map((x) => [x.name, x]));
    for (const name of Object.values(CANONICAL_TABLES).flat()) assert.ok(tables.get(name)?.columns.length, `missing table ${name}`);
    for (const name of DATA_TABLES) assert.ok(tables.get(name)!.rows > 0, `empty table ${name}`);
  });

  test('a second demo is refused without --replace and leaves the data as it was', async () => {
    const before = await fingerprints(dir);
    const r = await runCli(['demo', '--workspace', dir, '--scale', '600', '--seed', '4']);
    assert.equal(r.code, 2);
    assert.equal(lines(r.stderr).length, 1);
    assert.match(r.stderr, /--replace/);
    assert.deepEqual(await fingerprints(dir), before);
  });

  test('Ctrl-C during demo --replace exits 130 and leaves the workspace exactly as it was', async () => {
    const before = await fingerprints(dir);
    const child = spawn(process.execPath, [CLI, 'demo', '--workspace', dir, '--scale', '20000', '--seed', '5', '--replace'],
      { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (/generating bids|生成投标/.test(d)) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 130, stderr);
    assert.deepEqual(await fingerprints(dir), before);
  });

  test('--replace regenerates with another seed', async () => {
    const before = await fingerprints(dir);
    const r = await runCli(['demo', '--workspace', dir, '--scale', '600', '--seed', '4', '--replace']);
    assert.equal(r.code, 0, r.stderr);
    assert.notEqual((await fingerprints(dir)).bid, before.bid);
  });
});

describe('bad demo arguments', () => {
  let parent: string;
  before(() => { parent = tempDir(); });
  for (const args of [['--scale', 'huge'], ['--scale', '10'], ['--seed', 'abc'], ['--seed', '99999999999'], ['--frobnicate']]) {
    test(`${args.join(' ')}: exit 2, one line, no folder created`, async () => {
      const dir = join(parent, args.join('_').replaceAll('-', ''));
      const r = await runCli(['demo', '--workspace', dir, ...args]);
      assert.equal(r.code, 2);
      assert.equal(lines(r.stderr).length, 1, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(existsSync(dir), false);
    });
  }
});
