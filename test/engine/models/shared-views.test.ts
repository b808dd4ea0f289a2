import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DuckDBConnection } from '@duckdb/node-api';
import { planSharedViews, readsWholeRow } from '../../../electron/engine/models/shared-views.ts';
import { dropSharedViews, provideSharedViews } from '../../../electron/engine/models/support-tables.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('which columns of a shared view its readers can take', () => {
  test('a reader naming columns through an alias takes only those', () => {
    assert.equal(readsWholeRow('SELECT v.org_id, v.n_valid FROM v_bid_valid v JOIN bid b ON b.bid_id = v.bid_id', 'v_bid_valid'), false);
  });
  test('a star over a CTE that names its columns does not take the whole view', () => {
    assert.equal(readsWholeRow('WITH x AS (SELECT tender_id FROM v_bid_valid) SELECT * FROM x', 'v_bid_valid'), false);
    assert.equal(readsWholeRow('SELECT count(*) FROM v_bid_valid WHERE price_cny * 2 > 5', 'v_bid_valid'), false);
  });
  test('readers that may take every column are recognised', () => {
    for (const sql of [
      'SELECT * FROM v_bid_valid',
      'SELECT DISTINCT * FROM bid JOIN v_bid_valid USING (bid_id)',
      'SELECT v.* FROM v_bid_valid v',
      'SELECT x.* EXCLUDE (status) FROM v_bid_valid AS x',
      'SELECT to_json(v) FROM v_bid_valid v',
      'SELECT a.tender_id FROM v_bid_valid a NATURAL JOIN bid',
      'SELECT COLUMNS(\'price.*\') FROM v_bid_valid',
      'SELECT tender_id FROM bid UNION BY NAME SELECT tender_id FROM v_bid_valid',
    ]) assert.equal(readsWholeRow(sql, 'v_bid_valid'), true, sql);
  });
  test('a star in a comment or a string is not a star projection', () => {
    assert.equal(readsWholeRow("-- SELECT * FROM v_bid_valid\nSELECT org_id, '*' AS s FROM v_bid_valid", 'v_bid_valid'), false);
  });
});

describe('computing shared views once', () => {
  let ws: Workspace;
  let c: DuckDBConnection;
  before(async () => {
    ws = await Workspace.init(tempDir());
    c = ws.conn.raw;
    await c.run(`CREATE TABLE offer AS SELECT i AS bid_id, i % 3 AS lot, i * 10 AS price, 'note ' || i AS memo FROM range(9) t(i)`);
    await c.run(`CREATE VIEW v_cheap AS SELECT b.*, row_number() OVER (PARTITION BY lot ORDER BY price) AS rnk FROM offer b`);
    await c.run(`CREATE VIEW v_lot AS SELECT lot, min(price) AS low FROM v_cheap WHERE rnk = 1 GROUP BY lot`);
  });
  after(() => ws.close());

  test('every view a model reads is computed, keeping the columns the models and dependent views name', async () => {
    const plan = await planSharedViews(c, [
      'SELECT lot AS subject_id FROM v_cheap WHERE rnk = 2',
      'SELECT bid_id AS subject_id FROM v_cheap v WHERE v.price > 10',
      'SELECT lot AS subject_id FROM v_lot',
    ]);
    assert.deepEqual(plan, [{ view: 'v_cheap', columns: ['bid_id', 'lot', 'price', 'rnk'] }, { view: 'v_lot', columns: ['lot'] }]);
    await provideSharedViews(c, plan.slice(0, 1));
    const rows = (await c.runAndReadAll(`SELECT count(*) AS n, max(rnk) AS r FROM v_cheap`)).getRowObjectsJson();
    assert.deepEqual(rows, [{ n: '9', r: '3' }]);
    // The view built on the computed one reads it, correctly.
    const low = (await c.runAndReadAll(`SELECT list(low ORDER BY lot) AS l FROM v_lot`)).getRowObjectsJson();
    assert.deepEqual(low, [{ l: ['0', '10', '20'] }]);
    await dropSharedViews(c, ['v_cheap']);
  });

  test('a view named only in a comment is not read: it is not computed for the model', async () => {
    const plan = await planSharedViews(c, [
      '-- the same bids as v_cheap has them\nSELECT bid_id AS subject_id FROM bid',
      '/* not v_cheap: */ SELECT lot AS subject_id FROM bid',
    ]);
    assert.deepEqual(plan, []);
    // A '--' inside a string or a quoted name starts no comment: the view after it is still read.
    const quoted = await planSharedViews(c, ['SELECT lot AS "a--b", bid_id AS subject_id FROM v_cheap']);
    assert.deepEqual(quoted.map((s) => s.view), ['v_cheap']);
  });

  test('a model taking the whole row keeps every column', async () => {
    const plan = await planSharedViews(c, ['SELECT v.* FROM v_cheap v', 'SELECT lot FROM v_cheap']);
    assert.deepEqual(plan, [{ view: 'v_cheap', columns: null }]);
    await provideSharedViews(c, plan);
    const cols = (await c.runAndReadAll(`SELECT list(column_name ORDER BY column_index) AS c FROM duckdb_columns() WHERE table_name = 'v_cheap' AND schema_name = 'support'`)).getRowObjectsJson();
    assert.deepEqual(cols, [{ c: ['bid_id', 'lot', 'price', 'memo', 'rnk'] }]);
    await dropSharedViews(c, ['v_cheap']);
  });
});
