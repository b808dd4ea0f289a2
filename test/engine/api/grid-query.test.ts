import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ColumnFilter, TablePage, TablePageRequest } from '../../../electron/contract/api.ts';
import { ApiService } from '../../../electron/engine/api/service.ts';
import { buildGridQuery, type GridSource } from '../../../electron/engine/api/grid-query.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

const BID: GridSource = {
  name: 'bid', kind: 'table',
  columns: [{ name: 'bid_id', type: 'VARCHAR' }, { name: 'price_cny', type: 'DECIMAL(18,2)' }, { name: 'submit_time', type: 'TIMESTAMP' }],
};
const page = (filterModel: Record<string, ColumnFilter> = {}, sortModel: { colId: string; sort: 'asc' | 'desc' }[] = []) =>
  buildGridQuery(BID, { startRow: 100, endRow: 200, sortModel, filterModel });

describe('buildGridQuery (the SQL text)', () => {
  test('pages in a stable order: the sort columns, then rowid; limit and offset bound', () => {
    const q = page({}, [{ colId: 'price_cny', sort: 'desc' }]);
    assert.match(q.pageSql, /ORDER BY "price_cny" DESC NULLS LAST, rowid LIMIT CAST\(\$1 AS BIGINT\) OFFSET CAST\(\$2 AS BIGINT\)$/);
    assert.deepEqual(q.pageParams, [100, 100]);
    assert.equal(q.countSql, 'SELECT count(*) AS n FROM main."bid"');
  });

  test('a view has no rowid: it is ordered by all its columns', () => {
    const q = buildGridQuery({ ...BID, kind: 'view' }, { startRow: 0, endRow: 10, sortModel: [], filterModel: {} });
    assert.match(q.pageSql, /ORDER BY "bid_id" NULLS LAST, "price_cny" NULLS LAST, "submit_time" NULLS LAST LIMIT/);
  });

  test('a view with a key is tie-broken by the key alone; where and order are given for other readers', () => {
    const q = buildGridQuery({ ...BID, kind: 'view', key: ['bid_id'] }, { startRow: 0, endRow: 10, sortModel: [{ colId: 'price_cny', sort: 'asc' }],
      filterModel: { bid_id: { filterType: 'text', type: 'startsWith', filter: 'B' } } });
    assert.match(q.pageSql, /ORDER BY "price_cny" ASC NULLS LAST, "bid_id" ASC LIMIT/);
    assert.equal(q.orderSql, '"price_cny" ASC NULLS LAST, "bid_id" ASC');
    assert.equal(q.whereSql, ' WHERE starts_with(lower(CAST("bid_id" AS VARCHAR)), lower($1))');
    assert.throws(() => buildGridQuery({ ...BID, kind: 'view', key: ['nope'] }, { startRow: 0, endRow: 10, sortModel: [], filterModel: {} }), /nope/);
  });

  test('values are bound parameters, never text of the query', () => {
    const evil = `x'); DROP TABLE bid; --`;
    const q = page({ bid_id: { filterType: 'text', type: 'contains', filter: evil } });
    assert.ok(!q.countSql.includes('DROP'), q.countSql);
    assert.ok(!q.pageSql.includes('DROP'), q.pageSql);
    assert.deepEqual(q.countParams, [evil]);
    assert.deepEqual(q.pageParams, [evil, 100, 100]);
  });

  test('a column that is not in the catalog is refused by name (sort and filter)', () => {
    const evil = 'price_cny" OR 1=1 --';
    assert.throws(() => page({ [evil]: { filterType: 'number', type: 'equals', filter: 1 } }),
      (e: Error & { code?: string }) => e.code === 'bad_input' && e.message.includes('has no column') && e.message.includes(JSON.stringify(evil)));
    assert.throws(() => page({}, [{ colId: 'rowid', sort: 'asc' }]), /has no column "rowid"/);
  });

  test('an empty condition or one without a value yet adds nothing', () => {
    assert.equal(page({ bid_id: { filterType: 'text', type: 'contains', filter: null } }).countParams.length, 0);
    assert.equal(page({ price_cny: { filterType: 'number', type: 'empty' } }).countSql, 'SELECT count(*) AS n FROM main."bid"');
  });
});

describe('grid pages from a real workspace (ApiService.tablePage)', () => {
  let ws: Workspace;
  let api: ApiService;

  before(async () => {
    ws = await Workspace.init(tempDir(), { memoryLimit: '1GB', threads: 1 });
    // 1,000 bids: B0000..B0999, prices 1000..1999 with every 10th NULL, submitted one day apart from 2024-01-01.
    await ws.conn.run(`INSERT INTO bid (bid_id, tender_id, price_cny, submit_time, status)
      SELECT printf('B%04d', i), printf('T%03d', i // 10), CASE WHEN i % 10 = 9 THEN NULL ELSE 1000 + i END,
             TIMESTAMP '2024-01-01 09:30:00' + to_days(CAST(i AS INTEGER)), CASE WHEN i % 3 = 0 THEN '无效 invalid' ELSE 'valid' END
      FROM range(1000) t(i)`);
    await ws.conn.run(`CREATE TABLE odd ("we""ird col" VARCHAR, n INTEGER); INSERT INTO odd VALUES ('a', 1), ('b', 2), (NULL, 3)`);
    api = new ApiService(ws);
  });
  after(async () => {
    api.close();
    await ws.close();
  });

  const get = async (req: TablePageRequest): Promise<TablePage> => {
    const r = await api.call('tablePage', req);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value as TablePage;
  };
  const ids = (p: TablePage) => p.rows.map((r) => r.bid_id);

  test('count first, and consecutive pages line up to the end', async () => {
    const seen: unknown[] = [];
    for (let start = 0; start < 1000; start += 300) {
      const p = await get({ table: 'bid', startRow: start, endRow: start + 300 });
      assert.equal(p.totalRows, 1000);
      seen.push(...ids(p));
    }
    assert.equal(seen.length, 1000);
    assert.equal(new Set(seen).size, 1000);
    assert.deepEqual(seen.slice(0, 3), ['B0000', 'B0001', 'B0002']);
    const p = await get({ table: 'bid', startRow: 0, endRow: 1 });
    assert.deepEqual(p.columns.find((c) => c.name === 'price_cny'), { name: 'price_cny', type: 'DECIMAL(18,2)' });
  });

  test('sort descending puts NULLs last; ties keep insertion order', async () => {
    const p = await get({ table: 'bid', startRow: 0, endRow: 2, sortModel: [{ colId: 'price_cny', sort: 'desc' }] });
    assert.deepEqual(ids(p), ['B0998', 'B0997']);
    const last = await get({ table: 'bid', startRow: 998, endRow: 1000, sortModel: [{ colId: 'price_cny', sort: 'desc' }] });
    assert.deepEqual(ids(last), ['B0989', 'B0999']);
    const ties = await get({ table: 'bid', startRow: 0, endRow: 3, sortModel: [{ colId: 'status', sort: 'asc' }] });
    assert.deepEqual(ids(ties), ['B0001', 'B0002', 'B0004'], "'valid' sorts before '无效' (code point order)");
  });

  test('text filters: contains, equals (case-insensitive), startsWith, endsWith, notContains, blank', async () => {
    const n = async (f: ColumnFilter, col = 'bid_id') => (await get({ table: 'bid', startRow: 0, endRow: 5, filterModel: { [col]: f } })).totalRows;
    assert.equal(await n({ filterType: 'text', type: 'contains', filter: '099' }), 11);
    assert.equal(await n({ filterType: 'text', type: 'equals', filter: 'b0042' }), 1);
    assert.equal(await n({ filterType: 'text', type: 'startsWith', filter: 'B00' }), 100);
    assert.equal(await n({ filterType: 'text', type: 'endsWith', filter: '7' }), 100);
    assert.equal(await n({ filterType: 'text', type: 'contains', filter: '无效' }, 'status'), 334);
    assert.equal(await n({ filterType: 'text', type: 'notContains', filter: '无效' }, 'status'), 666);
    assert.equal(await n({ filterType: 'text', type: 'blank' }, 'price_cny'), 100);
    assert.equal(await n({ filterType: 'text', type: 'notBlank' }, 'price_cny'), 900);
    // % and _ are plain characters, not LIKE wildcards.
    assert.equal(await n({ filterType: 'text', type: 'contains', filter: '%' }), 0);
    assert.equal(await n({ filterType: 'text', type: 'contains', filter: '_' }), 0);
  });

  test('number filters: comparisons, inclusive ranges, blank, combined conditions', async () => {
    const n = async (f: ColumnFilter) => (await get({ table: 'bid', startRow: 0, endRow: 5, filterModel: { price_cny: f } })).totalRows;
    assert.equal(await n({ filterType: 'number', type: 'greaterThanOrEqual', filter: 1990 }), 9);
    assert.equal(await n({ filterType: 'number', type: 'lessThan', filter: 1010 }), 9);
    assert.equal(await n({ filterType: 'number', type: 'inRange', filter: 1000, filterTo: 1008 }), 9);
    assert.equal(await n({ filterType: 'number', type: 'equals', filter: 1500 }), 1);
    assert.equal(await n({ filterType: 'number', type: 'notEqual', filter: 1500 }), 999);
    assert.equal(await n({ filterType: 'number', type: 'blank' }), 100);
    assert.equal(await n({ filterType: 'number', operator: 'OR', conditions: [
      { filterType: 'number', type: 'lessThan', filter: 1002 }, { filterType: 'number', type: 'greaterThan', filter: 1997 }] }), 3);
    // A number filter on a text column compares the values that read as numbers.
    const t = await get({ table: 'odd', startRow: 0, endRow: 5, filterModel: { 'we"ird col': { filterType: 'number', type: 'greaterThan', filter: 0 } } });
    assert.equal(t.totalRows, 0);
  });

  test('date filters at day granularity, on TIMESTAMP columns', async () => {
    const n = async (f: ColumnFilter) => (await get({ table: 'bid', startRow: 0, endRow: 5, filterModel: { submit_time: f } })).totalRows;
    assert.equal(await n({ filterType: 'date', type: 'equals', dateFrom: '2024-01-03 00:00:00', dateTo: null }), 1);
    assert.equal(await n({ filterType: 'date', type: 'lessThan', dateFrom: '2024-01-11' }), 10);
    assert.equal(await n({ filterType: 'date', type: 'inRange', dateFrom: '2024-01-01', dateTo: '2024-01-31' }), 31);
    assert.equal(await n({ filterType: 'date', type: 'greaterThan', dateFrom: '2026-09-26' }), 0);
  });

  test('several columns filter together, and the filtered pages still line up', async () => {
    const filterModel: Record<string, ColumnFilter> = {
      status: { filterType: 'text', type: 'equals', filter: 'valid' },
      price_cny: { filterType: 'number', type: 'lessThan', filter: 1100 },
    };
    const a = await get({ table: 'bid', startRow: 0, endRow: 30, filterModel, sortModel: [{ colId: 'price_cny', sort: 'asc' }] });
    const b = await get({ table: 'bid', startRow: 30, endRow: 100, filterModel, sortModel: [{ colId: 'price_cny', sort: 'asc' }] });
    assert.equal(a.totalRows, 60);
    assert.equal(b.rows.length, 30);
    assert.equal(new Set([...ids(a), ...ids(b)]).size, 60);
  });

  test('a quoted column name works as a name, and its values are bound', async () => {
    const p = await get({ table: 'odd', startRow: 0, endRow: 5, sortModel: [{ colId: 'we"ird col', sort: 'desc' }],
      filterModel: { 'we"ird col': { filterType: 'text', type: 'notBlank' } } });
    assert.deepEqual(p.rows.map((r) => r['we"ird col']), ['b', 'a']);
  });

  test('injection through a value is bound and finds nothing; the table is untouched', async () => {
    const p = await get({ table: 'bid', startRow: 0, endRow: 5,
      filterModel: { bid_id: { filterType: 'text', type: 'equals', filter: `' OR '1'='1'; DROP TABLE bid; --` } } });
    assert.equal(p.totalRows, 0);
    assert.equal((await get({ table: 'bid', startRow: 0, endRow: 1 })).totalRows, 1000);
  });

  test('unknown tables and columns, and malformed requests, are Errs with a clear message', async () => {
    const noTable = await api.call('tablePage', { table: 'bid; DROP TABLE bid', startRow: 0, endRow: 10 });
    assert.deepEqual(noTable.ok ? null : noTable.error.code, 'not_found');
    assert.match(noTable.ok ? '' : noTable.error.message, /no such table/);
    const noCol = await api.call('tablePage', { table: 'bid', startRow: 0, endRow: 10, sortModel: [{ colId: '1; DROP TABLE bid', sort: 'asc' }] });
    assert.equal(noCol.ok ? null : noCol.error.code, 'bad_input');
    const tooMany = await api.call('tablePage', { table: 'bid', startRow: 0, endRow: 5000 });
    assert.equal(tooMany.ok ? null : tooMany.error.code, 'usage');
    assert.match(tooMany.ok ? '' : tooMany.error.message, /at most 1000/);
    const badType = await api.call('tablePage', { table: 'bid', startRow: 0, endRow: 5,
      filterModel: { price_cny: { filterType: 'number', type: 'equals', filter: '1 OR 1=1' } } });
    assert.equal(badType.ok ? null : badType.error.code, 'usage');
    assert.equal((await get({ table: 'bid', startRow: 0, endRow: 1 })).totalRows, 1000);
  });
});
