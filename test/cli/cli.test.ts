import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { TableInfo, WorkspaceInfo } from '../../electron/contract/workspace.ts';
import { CANONICAL_TABLES } from '../../electron/engine/schema/canonical.ts';
import { LATEST_SCHEMA_VERSION } from '../../electron/engine/schema/migrations.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { lines, runCli, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

/** Exit 2, nothing on stdout, exactly one line on stderr; returns that line. */
function usageFailure(r: CliResult): string {
  assert.equal(r.code, 2, `expected exit 2, got ${r.code}; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const errLines = lines(r.stderr);
  assert.equal(errLines.length, 1, `expected one stderr line, got:\n${r.stderr}`);
  return errLines[0]!;
}

describe('clearsight init / tables', () => {
  const dir = join(tempDir(), 'ws');

  before(async () => {
    const r = await runCli(['init', '--workspace', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
  });

  test('init --json prints one JSON document with the schema version', async () => {
    // Running init again on the workspace is allowed (create or upgrade) and prints the same document.
    const r = await runCli(['init', '--workspace', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const info = JSON.parse(r.stdout) as WorkspaceInfo;
    assert.equal(info.schemaVersion, LATEST_SCHEMA_VERSION);
    assert.equal(info.dir, dir);
    assert.equal(typeof info.createdAt, 'string');
    assert.equal(info.synthetic, null);
  });

  test('init without --json prints a human summary', async () => {
    const r = await runCli(['init', '--workspace', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`schema v${LATEST_SCHEMA_VERSION}`));
    assert.throws(() => JSON.parse(r.stdout));
  });

  test('tables --json lists the canonical tables with 0 rows (and no views unless asked)', async () => {
    const r = await runCli(['tables', '--workspace', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { workspace: string; tables: TableInfo[] };
    assert.equal(out.workspace, dir);
    const byName = new Map(out.tables.map((t) => [t.name, t]));
    for (const name of ['organization', 'person', 'tender', 'lot', 'bid', 'contract', 'court_case', 'lease_contract']) {
      const t = byName.get(name);
      assert.ok(t, `${name} missing`);
      assert.equal(t.rows, 0, name);
      assert.equal(t.kind, 'table');
      assert.ok(t.columns.length > 0);
    }
    for (const name of Object.values(CANONICAL_TABLES).flat()) assert.ok(byName.has(name), `${name} missing`);
    assert.ok(out.tables.every((t) => t.kind === 'table'), 'views only with --views');
  });

  test('tables --views --fingerprint includes the derived views and fingerprints', async () => {
    const r = await runCli(['tables', '--workspace', dir, '--json', '--views', '--fingerprint']);
    assert.equal(r.code, 0, r.stderr);
    const { tables } = JSON.parse(r.stdout) as { tables: TableInfo[] };
    const view = tables.find((t) => t.name === 'v_bid_valid');
    assert.equal(view?.kind, 'view');
    assert.equal(view?.rows, null);
    assert.equal(typeof tables.find((t) => t.name === 'organization')?.fingerprint, 'string');
  });

  test('tables without --json prints one line per table with its row count', async () => {
    const r = await runCli(['tables', '--workspace', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^organization\s+机构\s+0$/m);
    assert.equal(r.stdout.trim().split('\n').length, 61,
      '50 catalog tables, synthetic_truth, 4 import tables, 3 model-run tables (analysis_run, hit_record, hit_content), region and 2 system tables');
  });
});

describe('clearsight usage errors (exit 2, one line on stderr)', () => {
  test('an unknown verb', async () => {
    const line = usageFailure(await runCli(['frobnicate']));
    assert.match(line, /frobnicate/);
  });

  test('an unknown flag', async () => {
    const dir = join(tempDir(), 'ws');
    const line = usageFailure(await runCli(['init', '--workspace', dir, '--no-such-flag']));
    assert.match(line, /no-such-flag/);
  });

  test('a missing --workspace', async () => {
    const line = usageFailure(await runCli(['tables']));
    assert.match(line, /--workspace/);
  });

  test('tables on a missing workspace', async () => {
    const dir = join(tempDir(), 'missing');
    const line = usageFailure(await runCli(['tables', '--workspace', dir]));
    assert.ok(line.includes(dir), line);
    assert.match(line, /init/);
  });

  test('init on a non-empty folder that is not a workspace', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'report.docx'), 'not mine to overwrite');
    const line = usageFailure(await runCli(['init', '--workspace', dir]));
    assert.match(line, /not empty/);
  });

  test('a workspace written by a newer build', async () => {
    const dir = tempDir();
    const ws = await Workspace.init(dir, { memoryLimit: '512MB', threads: 1 });
    await ws.conn.run(`INSERT INTO schema_version VALUES (999, 'future', '9.9.9', now()::TIMESTAMP)`);
    await ws.close();
    const line = usageFailure(await runCli(['tables', '--workspace', dir]));
    assert.match(line, /999/);
    assert.match(line, new RegExp(`\\b${LATEST_SCHEMA_VERSION}\\b`));
  });
});
