import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { planSharedViews } from '../../../electron/engine/models/shared-views.ts';
import { loadLibrary } from '../../../electron/engine/models/library.ts';
import { clearSupportTables, dropSharedViews, provideSharedViews, type ProvidedView } from '../../../electron/engine/models/support-tables.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

// Two model texts that read the view, so that it is shared.
const READERS = ['SELECT lot AS subject_id, low FROM v_low', 'SELECT lot AS subject_id FROM v_low WHERE n > 1'];

describe('model support tables: a shared view kept until its data changes', () => {
  let ws: Workspace;
  let c: DuckDBConnection;
  const provide = async (readers = READERS) => {
    const out = await provideSharedViews(c, await planSharedViews(c, readers));
    const rows = (await c.runAndReadAll(`SELECT lot, low, n FROM v_low ORDER BY lot`)).getRowObjectsJson();
    await dropSharedViews(c, out.map((v) => v.view));
    return { reused: out.map((v) => v.reused), rows };
  };
  before(async () => {
    ws = await Workspace.init(tempDir());
    c = ws.conn.raw;
    await c.run(`CREATE TABLE offer AS SELECT i AS offer_id, i % 3 AS lot, i * 10 AS price, 'memo ' || i AS memo FROM range(9) t(i)`);
    await c.run(`CREATE VIEW v_low AS SELECT lot, min(price) AS low, count(*) AS n FROM offer GROUP BY lot`);
  });
  after(() => ws.close());

  test('the first run computes it, the next reads it as kept, with the same rows', async () => {
    const first = await provide();
    assert.deepEqual(first.reused, [false]);
    assert.deepEqual(first.rows, [{ lot: '0', low: '0', n: '3' }, { lot: '1', low: '10', n: '3' }, { lot: '2', low: '20', n: '3' }]);
    const second = await provide();
    assert.deepEqual(second, { reused: [true], rows: first.rows });
    // For the run, the view's name was a temporary view over the kept table; afterwards it is the view again.
    const temp = (await c.runAndReadAll(`SELECT count(*) AS n FROM duckdb_views() WHERE database_name = 'temp' AND view_name = 'v_low'`)).getRowObjectsJson();
    assert.deepEqual(temp, [{ n: '0' }]);
  });

  test('a change of a column it reads, by hand, is seen: it is computed again', async () => {
    await c.run(`UPDATE offer SET price = 5 WHERE offer_id = 3`);
    const changed = await provide();
    assert.deepEqual(changed.reused, [false]);
    assert.deepEqual(changed.rows[0], { lot: '0', low: '0', n: '3' });
    await c.run(`UPDATE offer SET price = -1 WHERE offer_id = 3`);
    assert.deepEqual((await provide()).rows[0], { lot: '0', low: '-1', n: '3' });
    await c.run(`INSERT INTO offer VALUES (9, 1, 1, 'memo 9')`);
    const added = await provide();
    assert.deepEqual({ reused: added.reused, row: added.rows[1] }, { reused: [false], row: { lot: '1', low: '1', n: '4' } });
  });

  test('a change of a column it does not read leaves it current', async () => {
    await provide();
    await c.run(`UPDATE offer SET memo = 'changed'`);
    assert.deepEqual((await provide()).reused, [true]);
  });

  test('a new definition of the view is computed again', async () => {
    await c.run(`CREATE OR REPLACE VIEW v_low AS SELECT lot, min(price) AS low, count(*) AS n FROM offer WHERE price >= 0 GROUP BY lot`);
    const redefined = await provide();
    assert.deepEqual({ reused: redefined.reused, row: redefined.rows[0] }, { reused: [false], row: { lot: '0', low: '0', n: '2' } });
  });

  test('a run naming a column the kept table lacks computes it again with both runs\' columns', async () => {
    await provide(['SELECT lot AS subject_id FROM v_low', 'SELECT lot AS subject_id FROM v_low WHERE low > 0']);
    const kept = async () => (await c.runAndReadAll(`SELECT columns FROM support.registry WHERE view_name = 'v_low'`)).getRowObjectsJson()[0]!.columns;
    assert.deepEqual(await kept(), ['lot', 'low', 'n']); // kept from the earlier runs, which named all three
    await clearSupportTables(c);
    const narrow = await provideSharedViews(c, await planSharedViews(c, ['SELECT lot AS subject_id FROM v_low', 'SELECT lot FROM v_low WHERE low > 0']));
    await dropSharedViews(c, ['v_low']);
    assert.deepEqual({ reused: narrow.map((v) => v.reused), cols: await kept() }, { reused: [false], cols: ['lot', 'low'] });
    const wider = await provide();
    assert.deepEqual({ reused: wider.reused, cols: await kept() }, { reused: [false], cols: ['lot', 'low', 'n'] });
    assert.deepEqual((await provide()).reused, [true]);
  });

  test('a new body of a macro the view calls, and rows put back in another order when it reads rowid, are seen', async () => {
    await c.run(`CREATE MACRO cents(x) AS x * 100`);
    await c.run(`CREATE OR REPLACE VIEW v_low AS SELECT lot, min(cents(price)) AS low, arg_min(rowid, price) AS n FROM offer GROUP BY lot`);
    assert.deepEqual((await provide()).reused, [false]);
    assert.deepEqual((await provide()).reused, [true]);
    await c.run(`CREATE OR REPLACE MACRO cents(x) AS x * 1000`);
    const remacro = await provide();
    assert.deepEqual({ reused: remacro.reused, low: remacro.rows[1]!.low }, { reused: [false], low: '1000' });
    // The same rows, put back in reverse order: the same values, other rowids.
    await c.run(`CREATE TEMP TABLE offer_copy AS SELECT * FROM offer`);
    await c.run(`DELETE FROM offer`);
    await c.run(`INSERT INTO offer SELECT * FROM offer_copy ORDER BY offer_id DESC`);
    await c.run(`DROP TABLE offer_copy`);
    assert.deepEqual((await provide()).reused, [false]);
    await c.run(`CREATE OR REPLACE VIEW v_low AS SELECT lot, min(price) AS low, count(*) AS n FROM offer GROUP BY lot`);
  });

  test('forgetting the support tables drops them: the next run computes them again', async () => {
    await provide();
    await clearSupportTables(c);
    const left = (await c.runAndReadAll(`SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'support' AND table_name <> 'registry'`)).getRowObjectsJson();
    assert.deepEqual(left, [{ n: '0' }]);
    assert.deepEqual((await provide()).reused, [false]);
  });
});

describe('model support tables of a workspace opened again', () => {
  test('are read as kept: views are compared as DuckDB parses them, not as the text written when they were made', async () => {
    const dir = tempDir();
    // Every view the library's models read (and those they are built on), over the tables of a new workspace.
    const readers = loadLibrary().map((m) => m.sql);
    const provideAll = async (ws: Workspace) => {
      const c = ws.conn.raw;
      const out = await provideSharedViews(c, await planSharedViews(c, readers));
      await dropSharedViews(c, out.map((v) => v.view));
      return out;
    };
    // The process that creates the workspace (and its views) computes them...
    const ws = await Workspace.init(dir);
    let first: ProvidedView[];
    try { first = await provideAll(ws); } finally { await ws.close(); }
    assert.ok(first.length >= 10 && first.every((v) => !v.reused));
    // ... and once it is opened again, when DuckDB gives back its own rendering of each view's text, they are current.
    const again = await Workspace.open(dir);
    try {
      const second = await provideAll(again);
      assert.deepEqual(second.filter((v) => !v.reused).map((v) => v.view), []);
    } finally { await again.close(); }
  });
});
