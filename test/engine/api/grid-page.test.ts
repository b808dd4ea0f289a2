// The rowid-based page reads give exactly the rows, in exactly the order, of the builder's plain
// `ORDER BY … LIMIT … OFFSET …` query: dense and gapped rowids, filters, sorts with ties and NULLs, pages at
// the start, the middle, the end and past the end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ColumnFilter, SortModelItem } from '../../../electron/contract/api.ts';
import { countGrid, readGridPage, SortOrderCache } from '../../../electron/engine/api/grid-page.ts';
import { buildGridQuery, type GridSource } from '../../../electron/engine/api/grid-query.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

const N = 3000;

describe('grid pages by rowid equal the plain OFFSET pages', () => {
  let ws: Workspace;
  let source: GridSource;
  let cache: SortOrderCache;

  before(async () => {
    ws = await Workspace.init(tempDir(), { memoryLimit: '1GB', threads: 2 });
    // Prices with many ties and NULLs, so that the rowid tie-break matters.
    await ws.conn.run(`INSERT INTO tender (tender_id, title, est_value_cny, region_code)
      SELECT printf('T%05d', i), '项目 ' || (i % 37), CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 50) * 100 END, CAST(330100 + i % 7 AS VARCHAR)
      FROM range(${N}) t(i)`);
    const cols = await ws.conn.all<{ name: string; type: string }>(`SELECT column_name AS name, data_type AS type FROM duckdb_columns()
      WHERE table_name = 'tender' AND schema_name = 'main' ORDER BY column_index`);
    source = { name: 'tender', kind: 'table', columns: cols };
    cache = new SortOrderCache(ws.conn, 0);
  });
  after(async () => { await ws.close(); });

  async function compare(label: string, sortModel: SortModelItem[], filterModel: Record<string, ColumnFilter>, expectDense?: boolean) {
    const base = buildGridQuery(source, { startRow: 0, endRow: 100, sortModel, filterModel });
    const count = await countGrid(ws.conn, source, base);
    if (expectDense !== undefined) assert.equal(count.dense, expectDense, `${label}: dense`);
    for (const startRow of [0, 100, Math.floor(count.totalRows / 2) - 37, count.totalRows - 150, count.totalRows - 100, count.totalRows - 7, count.totalRows + 5]) {
      if (startRow < 0) continue;
      const req = { startRow, endRow: startRow + 100, sortModel, filterModel };
      const q = buildGridQuery(source, req);
      const want = (await ws.conn.all<Record<string, unknown>>(q.pageSql, q.pageParams)).map((r) => r.tender_id);
      const got = (await readGridPage(ws.conn, source, q, { ...req, sorted: sortModel.length > 0 }, count)).map((r) => r.tender_id);
      assert.deepEqual(got, want, `${label} @${startRow}`);
      // The same page through a kept sort order (every page counts as deep here).
      const kept = (await readGridPage(ws.conn, source, q, { ...req, sorted: sortModel.length > 0 }, count, cache)).map((r) => r.tender_id);
      assert.deepEqual(kept, want, `${label} @${startRow} (kept order)`);
    }
  }

  const filter: Record<string, ColumnFilter> = { title: { filterType: 'text', type: 'contains', filter: '项目 1' } };
  const sortPrice: SortModelItem[] = [{ colId: 'est_value_cny', sort: 'desc' }];
  const sortTwo: SortModelItem[] = [{ colId: 'region_code', sort: 'asc' }, { colId: 'est_value_cny', sort: 'asc' }];

  test('dense rowids after a load: no sort, no filter is a rowid range', async () => {
    await compare('plain', [], {}, true);
    await compare('filter', [], filter);
    await compare('sort', sortPrice, {});
    await compare('sort+filter', sortPrice, filter);
    await compare('two sorts', sortTwo, {});
  });

  test('a kept order serves every later page of its sort, near the ends too, and is built once', async () => {
    const tables = async () => (await ws.conn.all<{ n: number | bigint }>(`SELECT count(*) AS n FROM duckdb_tables()
      WHERE temporary AND table_name LIKE '_grid_order_%'`))[0]!.n;
    const deepCache = new SortOrderCache(ws.conn, 1000);
    const page = async (startRow: number, sortModel: SortModelItem[], filterModel: Record<string, ColumnFilter> = {}) => {
      const req = { startRow, endRow: startRow + 100, sortModel, filterModel };
      const q = buildGridQuery(source, req);
      const count = await countGrid(ws.conn, source, q);
      const want = (await ws.conn.all<Record<string, unknown>>(q.pageSql, q.pageParams)).map((r) => r.tender_id);
      const got = (await readGridPage(ws.conn, source, q, { ...req, sorted: true }, count, deepCache)).map((r) => r.tender_id);
      assert.deepEqual(got, want, `@${startRow}`);
      return q;
    };
    const before = Number(await tables());
    const q = await page(0, sortPrice);
    assert.equal(deepCache.keeps(source, q), false, 'a page near the start needs no kept order');
    // The grid asks for two blocks at once: both wait for one build.
    await Promise.all([page(1500, sortPrice), page(1600, sortPrice)]);
    assert.equal(deepCache.keeps(source, q), true);
    assert.equal(Number(await tables()), before + 1, 'one build for two concurrent deep pages');
    await page(0, sortPrice);
    await page(N - 100, sortPrice);
    // Another filter is another order; invalidating while one is being built leaves no table behind.
    const building = page(1500, sortPrice, filter);
    await deepCache.invalidate();
    await building;
    await deepCache.invalidate();
    assert.equal(deepCache.keeps(source, q), false);
    assert.equal(Number(await tables()), before, 'every kept order dropped');
  });

  test('after deletes the rowids have gaps: detected, and every path still agrees', async () => {
    await ws.conn.run(`DELETE FROM tender WHERE CAST(substr(tender_id, 2) AS INTEGER) % 13 = 5`);
    await cache.invalidate(); // as the service does after every call that may write
    await compare('plain', [], {}, false);
    await compare('filter', [], filter);
    await compare('sort', sortPrice, {});
    await compare('sort+filter', sortTwo, filter);
  });
});
