// The one grid query builder: ag-grid's sort and filter models turned into DuckDB SQL. Identifiers come from
// the workspace catalog (the request's names are only used to look them up); every value is a bound
// parameter. Used by the table browser and, later, the warnings grid.
import type { ColumnFilter, SortModelItem } from '../../contract/api.ts';
import type { ColumnInfo } from '../../contract/workspace.ts';
import { quoteIdent } from '../db/sql.ts';
import { ClearsightError } from '../errors.ts';

export interface GridSource {
  name: string;
  kind: 'table' | 'view';
  columns: ColumnInfo[];
  /** Columns that identify a row of a view (a view has no rowid): the tie-break instead of every column. */
  key?: string[];
  /** Where it lives: the workspace's tables and views (default), or a temporary snapshot of this session. */
  schema?: 'main' | 'temp';
}

/** The source as a qualified, quoted name for FROM. */
export function sourceSql(source: GridSource): string {
  return `${source.schema ?? 'main'}.${quoteIdent(source.name)}`;
}

export interface GridQuery {
  /** SELECT count(*) AS n … with the filter: the grid's row count, asked first. */
  countSql: string;
  countParams: (string | number)[];
  /** The page, in a stable order; its last two parameters are the limit and the offset. */
  pageSql: string;
  pageParams: (string | number)[];
  /** ' WHERE …' (or '') and the ORDER BY list of both queries, for a caller that reads the same rows another way (an export). */
  whereSql: string;
  orderSql: string;
  /** Every matching row in the page order (no limit): an export of the grid's view; parameters as countParams. */
  viewSql: string;
  /** For the faster page reads of grid-page.ts: the ORDER BY terms, and the same terms reversed (to read a page
   *  near the end from the end). */
  order: string[];
  reverseOrder: string[];
}

type Condition = Exclude<ColumnFilter, { operator: 'AND' | 'OR' }>;

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/i;

/** Build the count and page queries for rows startRow..endRow-1 of a table or view. */
export function buildGridQuery(source: GridSource, req: {
  startRow: number; endRow: number; sortModel: SortModelItem[]; filterModel: Record<string, ColumnFilter>;
  /** Exact matches the caller imposes whatever the grid asks (the quarantine viewer's batch). */
  fixed?: Record<string, string>;
}): GridQuery {
  const params: (string | number)[] = [];
  const bind = (v: string | number) => { params.push(v); return `$${params.length}`; };

  const where: string[] = [];
  for (const [colId, v] of Object.entries(req.fixed ?? {})) where.push(`${quoteIdent(columnOf(source, colId).name)} = ${bind(v)}`);
  for (const [colId, f] of Object.entries(req.filterModel)) {
    const col = columnOf(source, colId);
    const sql = 'operator' in f
      ? `(${(f.conditions as Condition[]).map((c) => conditionSql(col, c, bind) ?? 'TRUE').join(` ${f.operator} `)})`
      : conditionSql(col, f, bind);
    if (sql) where.push(sql);
  }
  const whereSql = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const from = ` FROM ${sourceSql(source)}`;

  const order = req.sortModel.map((s) => `${quoteIdent(columnOf(source, s.colId).name)} ${s.sort === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`);
  const reverseOrder = req.sortModel.map((s) => `${quoteIdent(columnOf(source, s.colId).name)} ${s.sort === 'desc' ? 'ASC' : 'DESC'} NULLS FIRST`);
  // A total order, so that the blocks the Infinite Row Model asks for one at a time line up: a table's rowid;
  // a view has none, so all its columns.
  if (source.kind === 'table') { order.push('rowid'); reverseOrder.push('rowid DESC'); }
  else if (source.key) order.push(...source.key.map((k) => `${quoteIdent(columnOf(source, k).name)} ASC`));
  else order.push(...source.columns.map((c) => `${quoteIdent(c.name)} NULLS LAST`));

  const countParams = [...params];
  const viewSql = `SELECT *${from}${whereSql} ORDER BY ${order.join(', ')}`;
  const limit = bind(req.endRow - req.startRow);
  const offset = bind(req.startRow);
  return {
    countSql: `SELECT count(*) AS n${from}${whereSql}`,
    countParams,
    pageSql: `SELECT *${from}${whereSql} ORDER BY ${order.join(', ')} LIMIT CAST(${limit} AS BIGINT) OFFSET CAST(${offset} AS BIGINT)`,
    pageParams: params,
    whereSql,
    orderSql: order.join(', '),
    viewSql,
    order,
    reverseOrder,
  };
}

/** The catalog's column of that name, or a clear refusal; never the request's text. */
export function columnOf(source: GridSource, colId: string): ColumnInfo {
  const col = source.columns.find((c) => c.name === colId);
  if (!col) throw new ClearsightError('bad_input', `${source.name} 没有列 ${JSON.stringify(colId)} / ${source.name} has no column ${JSON.stringify(colId)}`, { column: colId });
  return col;
}

function conditionSql(col: ColumnInfo, c: Condition, bind: (v: string | number) => string): string | null {
  const q = quoteIdent(col.name);
  if (c.type === 'empty') return null;
  switch (c.filterType) {
    case 'text': {
      const x = `CAST(${q} AS VARCHAR)`;
      if (c.type === 'blank') return `(${x} IS NULL OR trim(${x}) = '')`;
      if (c.type === 'notBlank') return `(${x} IS NOT NULL AND trim(${x}) <> '')`;
      if (c.filter === null || c.filter === undefined) return null; // the user has not typed a value yet
      // Case-insensitive like ag-grid's own text filter; contains/prefix/suffix need no LIKE escaping.
      const v = `lower(${bind(c.filter)})`;
      const lx = `lower(${x})`;
      switch (c.type) {
        case 'contains': return `contains(${lx}, ${v})`;
        case 'notContains': return `(${x} IS NULL OR NOT contains(${lx}, ${v}))`;
        case 'equals': return `${lx} = ${v}`;
        case 'notEqual': return `(${x} IS NULL OR ${lx} <> ${v})`;
        case 'startsWith': return `starts_with(${lx}, ${v})`;
        case 'endsWith': return `suffix(${lx}, ${v})`;
      }
      return null;
    }
    case 'number': {
      // A number filter on a text column compares the values that read as numbers.
      const x = NUMERIC.test(col.type) ? q : `TRY_CAST(${q} AS DOUBLE)`;
      return scalarSql(x, c.type, c.filter, c.filterTo, (v) => bind(v as number));
    }
    case 'date': {
      // Day granularity, as ag-grid's date filter; text columns holding ISO dates work too.
      const x = /^DATE$/i.test(col.type) ? q : `CAST(TRY_CAST(${q} AS TIMESTAMP) AS DATE)`;
      return scalarSql(x, c.type, c.dateFrom?.slice(0, 10), c.dateTo?.slice(0, 10), (v) => `CAST(${bind(v as string)} AS DATE)`);
    }
  }
}

function scalarSql<V extends string | number>(x: string, type: Condition['type'], from: V | null | undefined, to: V | null | undefined,
  bind: (v: V) => string): string | null {
  if (type === 'blank') return `${x} IS NULL`;
  if (type === 'notBlank') return `${x} IS NOT NULL`;
  if (from === null || from === undefined) return null;
  const a = bind(from);
  switch (type) {
    case 'equals': return `${x} = ${a}`;
    case 'notEqual': return `(${x} IS NULL OR ${x} <> ${a})`;
    case 'lessThan': return `${x} < ${a}`;
    case 'lessThanOrEqual': return `${x} <= ${a}`;
    case 'greaterThan': return `${x} > ${a}`;
    case 'greaterThanOrEqual': return `${x} >= ${a}`;
    case 'inRange': {
      // Inclusive at both ends (the UI sets inRangeInclusive): "amounts from 1 to 2 million" includes both.
      if (to === null || to === undefined) return `${x} >= ${a}`;
      return `${x} BETWEEN ${a} AND ${bind(to)}`;
    }
  }
  return null;
}
