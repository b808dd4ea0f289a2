import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { ClearsightError } from '../../../electron/engine/errors.ts';
import { importFiles } from '../../../electron/engine/import/import.ts';
import { CANONICAL_KEYS } from '../../../electron/engine/schema/canonical-keys.ts';
import { CANONICAL_TABLES, DATA_TABLES } from '../../../electron/engine/schema/canonical.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/engine/schema/migrations.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { hitsAsOneTable } from '../../helpers/older-schema.ts';
import { tempDir } from '../../helpers/temp.ts';

const OPTS = { memoryLimit: '1GB', threads: 1 };

const DERIVED_VIEWS = [
  'v_bid_valid', 'v_tender_price_stats', 'v_org_person', 'v_kin', 'v_person_org_link', 'v_org_link', 'v_org_link_sym',
  // Not in the catalog: the warnings grid's view (migration 8), the OCDS red flags' views of the raw releases (migration 11).
  'v_warning_list', 'v_ocds_process', 'v_ocds_bid', 'v_ocds_award',
  // Insurance spans shared by the models that ask who insured a person when (migration 12).
  'v_insurance_span',
  // Bid staff and bid file authors with their bid's lot and bidder, and each bidder's devices and contacts,
  // kept as support tables (migration 18).
  'v_bid_person', 'v_bid_doc', 'v_bid_identity',
  // Pre-aggregations for the slowest models (migration 20).
  'v_lot_shared_device', 'v_lot_shared_account', 'v_deposit_payer', 'v_lot_price_list', 'v_bid_item_same', 'v_bid_staff_insurance', 'v_foreign_insurance',
];

/** Asserts that fn rejects with a ClearsightError of this code; returns it for further checks. */
async function rejectsWith(fn: () => Promise<unknown>, code: string): Promise<ClearsightError> {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof ClearsightError, `expected a ClearsightError, got ${String(e)}`);
    assert.equal(e.code, code, `expected code '${code}', got '${e.code}': ${e.message}`);
    return e;
  }
  assert.fail(`expected a rejection with code '${code}'`);
}

/** The columns each CREATE TABLE of the canonical migration declares, read from the SQL itself. */
function declaredColumns(): Map<string, string[]> {
  const file = new URL('../../../electron/engine/schema/migrations/001_canonical_tables.sql', import.meta.url);
  const sql = readFileSync(file, 'utf8').replace(/--[^\n]*/g, '');
  const out = new Map<string, string[]>();
  for (const m of sql.matchAll(/CREATE TABLE (\w+)\s*\(([\s\S]*?)\);/g)) {
    const body = m[2]!;
    const parts: string[] = [];
    let depth = 0;
    let cur = '';
    for (const ch of body) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      if (ch === ',' && depth === 0) {
        parts.push(cur);
        cur = '';
      } else cur += ch;
    }
    parts.push(cur);
    out.set(m[1]!, parts.map((p) => p.trim().split(/\s+/)[0]!).filter((c) => c !== '' && !/^(PRIMARY|UNIQUE|CHECK|FOREIGN)$/i.test(c)));
  }
  return out;
}

async function withWorkspace<T>(dir: string, fn: (ws: Workspace) => Promise<T>, init = false): Promise<T> {
  const ws = init ? await Workspace.init(dir, OPTS) : await Workspace.open(dir, OPTS);
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}

describe('Workspace.init', () => {
  test('creates workspace.duckdb, attachments/, exports/ and tmp/ at the latest schema version', async () => {
    const dir = join(tempDir(), 'ws');
    await withWorkspace(dir, async (ws) => {
      assert.equal(ws.layout.root, dir);
      const info = await ws.info();
      assert.equal(info.schemaVersion, LATEST_SCHEMA_VERSION);
      assert.equal(info.dir, dir);
      assert.match(info.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      assert.notEqual(info.appVersion, '');
      assert.equal(info.dataAsOf, null);
      assert.equal(info.synthetic, null);
    }, true);
    assert.ok(statSync(join(dir, 'workspace.duckdb')).isFile());
    for (const d of ['attachments', 'exports', 'tmp']) assert.ok(statSync(join(dir, d)).isDirectory(), `${d}/ missing`);
  });

  test('accepts an existing empty folder', async () => {
    const dir = tempDir();
    await withWorkspace(dir, async (ws) => assert.equal((await ws.info()).schemaVersion, LATEST_SCHEMA_VERSION), true);
    assert.ok(existsSync(join(dir, 'workspace.duckdb')));
  });

  test('refuses a non-empty folder that is not a workspace, and leaves it untouched', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'my own files');
    const e = await rejectsWith(() => Workspace.init(dir, OPTS), 'bad_input');
    assert.match(e.message, /not empty/);
    assert.ok(!existsSync(join(dir, 'workspace.duckdb')));
    assert.ok(!existsSync(join(dir, 'attachments')));
  });

  test('refuses a path that is a file', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    await rejectsWith(() => Workspace.init(file, OPTS), 'bad_input');
  });

  test('on an existing workspace keeps its data (init = create or upgrade)', async () => {
    const dir = tempDir();
    await withWorkspace(dir, (ws) => ws.conn.run(`INSERT INTO organization (org_id, name) VALUES ('O1', '甲公司')`), true);
    await withWorkspace(dir, async (ws) => {
      assert.deepEqual(await ws.conn.all('SELECT org_id, name FROM organization'), [{ org_id: 'O1', name: '甲公司' }]);
    }, true);
  });
});

describe('Workspace.open', () => {
  test('a missing workspace is not_found and nothing is created', async () => {
    const dir = join(tempDir(), 'nope');
    const e = await rejectsWith(() => Workspace.open(dir, OPTS), 'not_found');
    assert.match(e.message, /clearsight init/);
    assert.ok(!existsSync(dir));
  });

  test('an empty folder is not_found', async () => {
    const dir = tempDir();
    await rejectsWith(() => Workspace.open(dir, OPTS), 'not_found');
  });

  test('re-opening keeps data, meta and the schema_version rows', async () => {
    const dir = tempDir();
    const before = await withWorkspace(dir, async (ws) => {
      await ws.conn.run(`INSERT INTO organization (org_id, name, reg_capital_cny) VALUES ('O1', '甲公司', 1234567.89)`);
      await ws.setMeta({ data_as_of: '2024-06-30' });
      return {
        versions: await ws.conn.all('SELECT version, name, app_version, applied_at::VARCHAR AS applied_at FROM schema_version ORDER BY version'),
        meta: await ws.meta(),
      };
    }, true);
    assert.deepEqual(before.versions.map((r) => r.version), MIGRATIONS.map((m) => m.version));

    await withWorkspace(dir, async (ws) => {
      const org = await ws.conn.all('SELECT org_id, name, reg_capital_cny::VARCHAR AS cap FROM organization');
      assert.deepEqual(org, [{ org_id: 'O1', name: '甲公司', cap: '1234567.89' }]);
      const versions = await ws.conn.all('SELECT version, name, app_version, applied_at::VARCHAR AS applied_at FROM schema_version ORDER BY version');
      assert.deepEqual(versions, before.versions, 'migrations must not be re-applied');
      assert.deepEqual(await ws.meta(), before.meta, 'created_at and app_version must not change on re-open');
      assert.equal((await ws.info()).dataAsOf, '2024-06-30');
    });
  });

  test('an older workspace is migrated forward on open', async () => {
    const dir = tempDir();
    // Turn a fresh workspace back into a version-2 one: drop what migrations 3 and later created.
    await withWorkspace(dir, async (ws) => {
      await ws.conn.run(`INSERT INTO organization (org_id) VALUES ('O1')`);
      // Migration 8: the warning list view and the region names.
      await ws.conn.run('DROP VIEW v_warning_list; DROP TABLE region');
      await ws.conn.run('DROP VIEW hit');
      for (const t of ['synthetic_truth', 'workspace_meta', 'import_batch', 'import_file', 'quarantine', 'ocds_release', 'analysis_run', 'hit_record', 'hit_content']) await ws.conn.run(`DROP TABLE ${t}`);
      // Migration 6 added columns to two catalog tables: take them away again.
      for (const c of ['analysis_run_id', 'status', 'missing_json', 'seconds', 'data_fingerprint', 'model_sha256']) await ws.conn.run(`ALTER TABLE model_run DROP COLUMN ${c}`);
      for (const c of ['lot_id', 'lease_id', 'buyer_org_id', 'region_code', 'occurred_on', 'base_severity', 'escalation', 'first_seen', 'last_seen', 'times_seen', 'last_run_id']) {
        await ws.conn.run(`ALTER TABLE alert DROP COLUMN ${c}`);
      }
      await ws.conn.run('DELETE FROM schema_version WHERE version >= 3');
    }, true);
    await withWorkspace(dir, async (ws) => {
      const versions = await ws.conn.all<{ version: number }>('SELECT version FROM schema_version ORDER BY version');
      assert.deepEqual(versions.map((r) => r.version), MIGRATIONS.map((m) => m.version));
      const names = (await ws.tables()).map((t) => t.name);
      assert.ok(['synthetic_truth', 'workspace_meta', 'import_batch', 'import_file', 'quarantine'].every((t) => names.includes(t)));
      assert.equal((await ws.conn.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM organization'))?.n, 1);
    });
  });

  test('a workspace whose process was killed right after the migrations opens again (each one replays from the write-ahead log)', async () => {
    const dir = tempDir();
    const workspaceTs = fileURLToPath(new URL('../../../electron/engine/workspace/workspace.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
      `const { Workspace } = await import(${JSON.stringify(workspaceTs)}); await Workspace.init(${JSON.stringify(dir)}); process.kill(process.pid, 'SIGKILL');`]);
    assert.equal(child.signal, 'SIGKILL', String(child.stderr));
    assert.ok(existsSync(join(dir, 'workspace.duckdb.wal')), 'the migrations are still in the write-ahead log');
    await withWorkspace(dir, async (ws) => assert.equal((await ws.info()).schemaVersion, LATEST_SCHEMA_VERSION));
  });

  test('migration 10 rebuilds keyed tables without their index, rows and order unchanged; imports still check the keys', async () => {
    const dir = tempDir();
    await withWorkspace(dir, async (ws) => {
      // bid as migration 1 made it (with PRIMARY KEY), holding rows out of key order.
      const cols = (await ws.conn.all<{ c: string; t: string }>(`SELECT column_name AS c, data_type AS t FROM duckdb_columns() WHERE table_name = 'bid' ORDER BY column_index`));
      await ws.conn.run(`DROP TABLE bid; CREATE TABLE bid (${cols.map((x) => `${x.c} ${x.t}${x.c === 'bid_id' ? ' PRIMARY KEY' : ''}`).join(', ')})`);
      await ws.conn.run(`INSERT INTO bid (bid_id, price_cny) VALUES ('B3', 3), ('B1', 1), ('B2', 2)`);
      await hitsAsOneTable(ws);
      await ws.conn.run('DELETE FROM schema_version WHERE version >= 10');
    }, true);
    await withWorkspace(dir, async (ws) => {
      assert.equal((await ws.info()).schemaVersion, LATEST_SCHEMA_VERSION);
      const keyed = await ws.conn.all(`SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name IN (${Object.keys(CANONICAL_KEYS).map((t) => `'${t}'`).join(', ')})`);
      assert.deepEqual(keyed, []);
      assert.deepEqual((await ws.conn.all<{ bid_id: string }>('SELECT bid_id FROM bid ORDER BY rowid')).map((r) => r.bid_id), ['B3', 'B1', 'B2']);
      for (const [table, key] of Object.entries(CANONICAL_KEYS)) {
        assert.ok(DATA_TABLES.includes(table), table);
        assert.ok((await ws.conn.all(`SELECT 1 FROM duckdb_columns() WHERE table_name = $1 AND column_name = $2`, [table, key])).length === 1, `${table}.${key}`);
      }
      // The key is still the import's rule: a bid already in the workspace is quarantined, not loaded twice.
      const file = join(tempDir(), 'bid.csv');
      writeFileSync(file, 'bid_id,price_cny\nB2,2\nB4,4\n');
      const s = await ws.tasks.run('import', (t) => importFiles(ws, { paths: [file] }, t));
      assert.deepEqual([s.files[0]!.rowsLoaded, s.files[0]!.rowsQuarantined], [1, 1]);
    });
  });

  test('a workspace from a newer build is refused with code version, naming both versions', async () => {
    const dir = tempDir();
    await withWorkspace(dir, (ws) => ws.conn.run(
      `INSERT INTO schema_version VALUES (999, 'from the future', '9.9.9', now()::TIMESTAMP)`), true);

    const e = await rejectsWith(() => Workspace.open(dir, OPTS), 'version');
    assert.match(e.message, /\b999\b/);
    assert.match(e.message, new RegExp(`\\b${LATEST_SCHEMA_VERSION}\\b`));
    assert.match(e.message, /upgrade/i);
    // The refusal released the workspace (a second try gives the same answer, not 'in_use') ...
    await rejectsWith(() => Workspace.open(dir, OPTS), 'version');
    await rejectsWith(() => Workspace.init(dir, OPTS), 'version');
    // ... and did not touch the file.
    const db = await DuckDBInstance.create(join(dir, 'workspace.duckdb'), { access_mode: 'READ_ONLY' });
    const c = await db.connect();
    const rows = (await c.runAndReadAll('SELECT max(version)::INTEGER FROM schema_version')).getRows();
    c.closeSync();
    db.closeSync();
    assert.deepEqual(rows, [[999]]);
  });

  test('opening the same workspace twice in one process is in_use', async () => {
    const dir = tempDir();
    await withWorkspace(dir, async () => {
      const e = await rejectsWith(() => Workspace.open(dir, OPTS), 'in_use');
      assert.match(e.message, new RegExp(`PID ${process.pid}`));
      // Also through another spelling of the same folder.
      mkdirSync(join(dir, 'sub'));
      await rejectsWith(() => Workspace.open(join(dir, 'sub', '..'), OPTS), 'in_use');
    }, true);
    // Once closed it opens again.
    await withWorkspace(dir, async (ws) => assert.equal((await ws.info()).schemaVersion, LATEST_SCHEMA_VERSION));
  });
});

describe('Workspace.tables', () => {
  test('lists the 50 catalog tables with their columns, the derived views, the warning list and the OCDS views', async () => {
    const dir = tempDir();
    const declared = declaredColumns();
    await withWorkspace(dir, async (ws) => {
      const tables = await ws.tables();
      const byName = new Map(tables.map((t) => [t.name, t]));

      const catalog = Object.entries(CANONICAL_TABLES).flatMap(([group, names]) => names.map((name) => ({ group, name })));
      assert.equal(catalog.length, 50);
      assert.equal(new Set(catalog.map((t) => t.name)).size, 50);
      for (const { group, name } of catalog) {
        const t = byName.get(name);
        assert.ok(t, `table ${name} missing`);
        assert.equal(t.kind, 'table', name);
        assert.equal(t.group, group, name);
        assert.equal(t.rows, 0, name);
        const cols = declared.get(name);
        assert.ok(cols, `${name} is not declared in 001_canonical_tables.sql`);
        // Later migrations may add columns to a catalog table (never rename): the catalog's come first.
        assert.deepEqual(t.columns.slice(0, cols.length).map((c) => c.name), cols, `columns of ${name}`);
        for (const c of t.columns) assert.notEqual(c.type, '', `${name}.${c.name} has no type`);
      }
      assert.equal(declared.size, 50, 'the canonical migration declares exactly the catalog tables');

      // A few types the importers and models rely on.
      const type = (t: string, c: string) => byName.get(t)?.columns.find((x) => x.name === c)?.type;
      assert.equal(type('organization', 'org_id'), 'VARCHAR');
      assert.equal(type('organization', 'reg_capital_cny'), 'DECIMAL(18,2)');
      assert.equal(type('tender', 'bid_deadline'), 'TIMESTAMP');
      assert.equal(type('bid', 'is_consortium'), 'BOOLEAN');
      assert.equal(type('kinship', 'degree'), 'INTEGER');
      assert.equal(type('bid_document', 'simhash64'), 'UBIGINT');

      const views = tables.filter((t) => t.kind === 'view');
      // (hit too: a run's hits, as records of contents stored once.)
      assert.deepEqual(views.map((v) => v.name).sort(), [...DERIVED_VIEWS, 'hit'].sort());
      for (const v of views) {
        assert.equal(v.rows, null, v.name);
        assert.ok(v.columns.length > 0, `${v.name} has no columns`);
      }
      assert.ok(byName.get('v_bid_valid')!.columns.some((c) => c.name === 'price_rank'));

      // Workbench tables are there too, in their groups.
      assert.equal(byName.get('synthetic_truth')?.group, 'synthetic');
      assert.equal(byName.get('workspace_meta')?.group, 'system');
      assert.equal(byName.get('schema_version')?.group, 'system');
    }, true);
  });

  test('row counts follow the data', async () => {
    const dir = tempDir();
    await withWorkspace(dir, async (ws) => {
      await ws.conn.run(`INSERT INTO tender (tender_id) SELECT 'T' || range FROM range(7)`);
      const t = (await ws.tables()).find((x) => x.name === 'tender');
      assert.equal(t?.rows, 7);
      assert.equal(t?.fingerprint, undefined, 'no fingerprint unless asked for');
    }, true);
  });

  test('fingerprint changes when a row is inserted and is equal for equal content', async () => {
    const root = tempDir();
    const fp = async (ws: Workspace, table: string) => {
      const t = (await ws.tables({ fingerprint: true })).find((x) => x.name === table);
      assert.ok(t?.fingerprint, `no fingerprint for ${table}`);
      return t.fingerprint;
    };
    const rows = [
      `('O1', '甲公司', 100.50, DATE '2020-01-02')`,
      `('O2', '乙公司', NULL, DATE '2021-03-04')`,
      `('O3', NULL, 7, NULL)`,
    ];
    const insert = (ws: Workspace, r: string[]) =>
      ws.conn.run(`INSERT INTO organization (org_id, name, reg_capital_cny, established_date) VALUES ${r.join(', ')}`);

    const a = join(root, 'a');
    const b = join(root, 'b');
    const fpA = await withWorkspace(a, async (ws) => {
      const empty = await fp(ws, 'organization');
      const person = await fp(ws, 'person');
      await insert(ws, rows.slice(0, 2));
      const two = await fp(ws, 'organization');
      assert.notEqual(two, empty);
      await insert(ws, rows.slice(2));
      const three = await fp(ws, 'organization');
      assert.notEqual(three, two, 'fingerprint must change after a row is inserted');
      // An unrelated table keeps its fingerprint.
      assert.equal(await fp(ws, 'person'), person);
      return three;
    }, true);

    // The same rows, inserted in another order into another workspace: same fingerprint.
    const fpB = await withWorkspace(b, async (ws) => {
      await insert(ws, [...rows].reverse());
      return fp(ws, 'organization');
    }, true);
    assert.equal(fpB, fpA);

    // Stable across close/open, and a one-value change is visible.
    await withWorkspace(a, async (ws) => {
      assert.equal(await fp(ws, 'organization'), fpA);
      await ws.conn.run(`UPDATE organization SET reg_capital_cny = 7.01 WHERE org_id = 'O3'`);
      assert.notEqual(await fp(ws, 'organization'), fpA);
    });
  });
});
