// Reading one grid page fast on a large table. `ORDER BY rowid LIMIT 100 OFFSET k` makes DuckDB carry every
// column of every row through a top-N: 1.6 s for the first page of 8.7M bids, 5.6 s for the last. Rowids
// are what is cheap (the rowid of the page's rows is found in ~10–40 ms), so a page is read in two steps:
// which rowids, then those rows.
//   - no sort, no filter, rowids dense (0..n-1, as after any load with no deletes; checked with the count):
//     the page is the rowid range [startRow, endRow);
//   - no sort, a filter: the rowids of the page's matches (a scan in insertion order, stopping at the page),
//     then the rows of that rowid range that match;
//   - a sort: the page's rowids by a top-N over the sort columns and rowid only (read from the end, reversed,
//     for pages past the middle), then the rows, fetched by rowid in one query. A page deep inside a
//     sorted table needs the whole sort (about a second at 8.7M rows): its rowid order is then kept in a temp
//     table (8 bytes a row), so that every later page of that sort, near the ends too, is a range read of it.
// Views (no rowid) keep the builder's plain page query. Results equal pageSql's, in the same order (tested).
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { SerialConnection } from '../db/serial-connection.ts';
import { sourceSql, type GridQuery, type GridSource } from './grid-query.ts';

const ROWID_KEY = '__clearsight_rowid';

export interface GridCount { totalRows: number; dense: boolean }

/** The row count of the filtered source, and for an unfiltered table whether its rowids are exactly 0..n-1. */
export async function countGrid(conn: SerialConnection, source: GridSource, q: GridQuery): Promise<GridCount> {
  if (source.kind === 'table' && q.whereSql === '') {
    const r = await conn.one<{ n: number | string; m: number | string | null }>(`SELECT count(*) AS n, max(rowid) AS m FROM ${sourceSql(source)}`);
    const n = Number(r?.n ?? 0);
    return { totalRows: n, dense: r?.m !== null && r?.m !== undefined && Number(r.m) === n - 1 };
  }
  const r = await conn.one<{ n: number | string }>(q.countSql, q.countParams as DuckDBValue[]);
  return { totalRows: Number(r?.n ?? 0), dense: false };
}

let insertionOrder: boolean | null = null;

export async function readGridPage(conn: SerialConnection, source: GridSource, q: GridQuery,
  req: { startRow: number; endRow: number; sorted: boolean }, count: GridCount, cache?: SortOrderCache): Promise<Record<string, unknown>[]> {
  if (source.kind !== 'table') return conn.all(q.pageSql, q.pageParams as DuckDBValue[]);
  const end = Math.min(req.endRow, count.totalRows);
  const n = end - req.startRow;
  if (n <= 0) return [];
  const from = sourceSql(source);
  const where = q.countParams as DuckDBValue[];
  const bindAfter = (k: number) => `$${where.length + k}`;

  if (!req.sorted && q.whereSql === '' && count.dense) {
    return conn.all(`SELECT * FROM ${from} WHERE rowid >= CAST($1 AS BIGINT) AND rowid < CAST($2 AS BIGINT) ORDER BY rowid`, [req.startRow, end]);
  }
  if (!req.sorted) {
    // Without ORDER BY a scan keeps insertion (rowid) order while preserve_insertion_order is on (the default).
    insertionOrder ??= String((await conn.one<{ v: unknown }>(`SELECT current_setting('preserve_insertion_order') AS v`))?.v) === 'true';
    const ordered = insertionOrder ? '' : ' ORDER BY rowid';
    const r = await conn.one<{ lo: number | string | null; hi: number | string | null }>(`SELECT min(r) AS lo, max(r) AS hi FROM
      (SELECT rowid AS r FROM ${from}${q.whereSql}${ordered} LIMIT CAST(${bindAfter(1)} AS BIGINT) OFFSET CAST(${bindAfter(2)} AS BIGINT))`,
    [...where, n, req.startRow]);
    if (r?.lo === null || r?.lo === undefined) return [];
    // Every match between the first and last rowid of the page is on the page: they are consecutive matches.
    const cond = q.whereSql === '' ? ' WHERE' : `${q.whereSql} AND`;
    return conn.all(`SELECT * FROM ${from}${cond} rowid BETWEEN CAST(${bindAfter(1)} AS BIGINT) AND CAST(${bindAfter(2)} AS BIGINT) ORDER BY rowid`, [...where, Number(r.lo), Number(r.hi)]);
  }
  const depth = Math.min(req.startRow, count.totalRows - end);
  // Once an order is kept (or being built), every page of that sort reads it: a range read beats the top-N.
  if (cache && (depth > cache.deep || cache.keeps(source, q))) {
    const ids = await cache.rowids(source, q, req.startRow, end);
    return fetchByRowid(conn, from, ids);
  }
  // Sorted: the page's rowids from the nearer end.
  const fromEnd = req.startRow > count.totalRows / 2;
  const order = fromEnd ? q.reverseOrder : q.order;
  const offset = fromEnd ? count.totalRows - end : req.startRow;
  const ids = (await conn.all<{ r: number | string }>(`SELECT rowid AS r FROM ${from}${q.whereSql} ORDER BY ${order.join(', ')}
    LIMIT CAST(${bindAfter(1)} AS BIGINT) OFFSET CAST(${bindAfter(2)} AS BIGINT)`, [...where, n, offset])).map((x) => Number(x.r));
  if (fromEnd) ids.reverse();
  return fetchByRowid(conn, from, ids);
}

/** Rows from either end beyond which a sorted page reads its rowids from a kept sort order. */
const DEEP = 50_000;
const KEEP = 3;

/** Numbers the kept orders' temp tables: unique in the process, as two caches may share a connection. */
let orderSeq = 0;

/** Sort orders of deep sorted pages, as temp tables of rowids in page order; dropped whenever the workspace may have changed. */
export class SortOrderCache {
  /** The temp table of each sort, by key, as the promise of its build: pages asked for while it is being built
   *  (the grid asks for two blocks at once) wait for that one build instead of starting another. */
  private readonly tables = new Map<string, Promise<string>>();

  /** deep: rows from either end beyond which a page uses a kept order (lower in tests). */
  constructor(private readonly conn: SerialConnection, readonly deep = DEEP) {}

  /** Whether this sort's order is kept or being built. */
  keeps(source: GridSource, q: GridQuery): boolean {
    return this.tables.has(keyOf(source, q));
  }

  async rowids(source: GridSource, q: GridQuery, start: number, end: number): Promise<number[]> {
    const key = keyOf(source, q);
    let table = this.tables.get(key);
    if (!table) {
      if (this.tables.size >= KEEP) void this.drop(this.tables.keys().next().value!);
      const name = `_grid_order_${++orderSeq}`;
      // Insertion order is the sort order, so the temp table's own rowid is the row's position in the grid.
      table = this.conn.run(`CREATE TEMP TABLE ${name} AS SELECT rowid AS r FROM ${sourceSql(source)}${q.whereSql} ORDER BY ${q.order.join(', ')}`,
        q.countParams as DuckDBValue[]).then(() => name);
      this.tables.set(key, table);
      // A failed build is forgotten, so that the next page tries again.
      table.catch(() => { if (this.tables.get(key) === table) this.tables.delete(key); });
    }
    const name = await table;
    try {
      return (await this.conn.all<{ r: number | string }>(`SELECT r FROM temp.${name} WHERE rowid >= CAST($1 AS BIGINT) AND rowid < CAST($2 AS BIGINT) ORDER BY rowid`,
        [start, end])).map((x) => Number(x.r));
    } catch (e) {
      // Dropped between its build and this read (a write, or another order evicting it): read a fresh one.
      if (this.tables.get(key) !== table) return this.rowids(source, q, start, end);
      throw e;
    }
  }

  async invalidate(): Promise<void> {
    // Forgotten at once, so that no page read started after this call uses an order about to be dropped; one
    // still being built is dropped when its build ends.
    const tables = [...this.tables.keys()];
    await Promise.all(tables.map((key) => this.drop(key)));
  }

  private async drop(key: string): Promise<void> {
    const table = this.tables.get(key);
    this.tables.delete(key);
    const name = await table?.catch(() => undefined);
    if (name) await this.conn.run(`DROP TABLE IF EXISTS temp.${name}`).catch(() => undefined);
  }
}

function keyOf(source: GridSource, q: GridQuery): string {
  return JSON.stringify([sourceSql(source), q.whereSql, q.countParams, q.order]);
}

/** The rows with these rowids, in this order, in one query. Each condition is there for the scan:
 *  - the BETWEEN is a filter DuckDB pushes into it, and with it the IN list, as an optional filter that skips
 *    every vector (2,048 rows) holding none of the ids, but lets through all the rows of those that do;
 *  - list_contains is pushed as an exact filter on rowid: the other columns are read for the ids' rows only.
 *  At 8.7M rows, 100 ids scattered over the table: ~35 ms (the IN and BETWEEN alone ~45 ms; one BETWEEN … IN
 *  part per row group, as before, ~200–500 ms; IN alone is planned as a join over a full scan, 1.6 s). */
async function fetchByRowid(conn: SerialConnection, from: string, ids: number[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  const params: DuckDBValue[] = [Math.min(...ids), Math.max(...ids), ...ids, listValue(ids.map((id) => BigInt(id)))];
  const list = ids.map((_, i) => `CAST($${i + 3} AS BIGINT)`).join(', ');
  const rows = await conn.all<Record<string, unknown>>(`SELECT *, rowid AS ${ROWID_KEY} FROM ${from}
    WHERE rowid BETWEEN CAST($1 AS BIGINT) AND CAST($2 AS BIGINT) AND rowid IN (${list})
      AND list_contains(CAST($${ids.length + 3} AS BIGINT[]), rowid)`, params);
  const byId = new Map(rows.map((r) => [Number(r[ROWID_KEY]), r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    delete r[ROWID_KEY];
    return r;
  });
}
