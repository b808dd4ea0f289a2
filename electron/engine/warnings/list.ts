import type { DuckDBValue } from '@duckdb/node-api';
import {
  WARNING_SORT_COLUMNS, warningFiltersSchema, warningListRequestSchema,
  type WarningCounts, type WarningFilters, type WarningListRequest, type WarningPage, type WarningRow,
} from '../../contract/warnings.ts';
import { ClearsightError } from '../errors.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** The view the Warnings grid pages (migration 008). */
export const WARNING_VIEW = 'v_warning_list';

/**
 * The quick filters as a WHERE clause over v_warning_list with positional parameters from $start on.
 * Column names are fixed here; every value the user typed is a bound parameter. This is the one
 * translation: counts and the list use it, and warningFilterModel states the same filters for the grid.
 */
export function warningWhere(filters: WarningFilters, start = 1): { sql: string; params: DuckDBValue[] } {
  const f = parseFilters(filters);
  const parts: string[] = [];
  const params: DuckDBValue[] = [];
  const p = (v: DuckDBValue) => { params.push(v); return `$${start + params.length - 1}`; };
  const oneOf = (col: string, values: string[] | undefined) => {
    if (values && values.length > 0) parts.push(`${col} IN (${values.map((v) => p(v)).join(', ')})`);
  };
  oneOf('severity', f.severity);
  oneOf('domain', f.domain);
  oneOf('model_id', f.model?.map((m) => m.toUpperCase()));
  oneOf('status', f.status);
  if (f.regionPrefix) parts.push(`starts_with(region_code, ${p(f.regionPrefix)})`);
  if (f.from) parts.push(`occurred_on >= CAST(${p(f.from)} AS DATE)`);
  if (f.to) parts.push(`occurred_on <= CAST(${p(f.to)} AS DATE)`);
  if (f.newOnly) parts.push('is_new');
  const text = f.text?.trim().toLowerCase();
  // contains(), not LIKE: a % or _ the analyst types is a character, not a wildcard.
  if (text) parts.push(`contains(search_text, ${p(text)})`);
  return { sql: parts.length > 0 ? parts.join(' AND ') : 'TRUE', params };
}

/**
 * The same quick filters as an ag-grid filter model on v_warning_list's columns, for the generic grid
 * query builder, using only Community filter types: text (equals / startsWith / contains, several values
 * as OR conditions), date (inRange, or greaterThanOrEqual / lessThanOrEqual on one side) and a text
 * 'true' on the boolean is_new. Merge it into the grid's own filter model (quick filters win per column).
 */
export function warningFilterModel(filters: WarningFilters): Record<string, unknown> {
  const f = parseFilters(filters);
  const model: Record<string, unknown> = {};
  const oneOf = (col: string, values: string[] | undefined) => {
    if (!values || values.length === 0) return;
    const conditions = values.map((v) => ({ filterType: 'text', type: 'equals', filter: v }));
    model[col] = conditions.length === 1 ? conditions[0] : { filterType: 'text', operator: 'OR', conditions };
  };
  oneOf('severity', f.severity);
  oneOf('domain', f.domain);
  oneOf('model_id', f.model?.map((m) => m.toUpperCase()));
  oneOf('status', f.status);
  if (f.regionPrefix) model.region_code = { filterType: 'text', type: 'startsWith', filter: f.regionPrefix };
  if (f.from && f.to) model.occurred_on = { filterType: 'date', type: 'inRange', dateFrom: f.from, dateTo: f.to };
  else if (f.from) model.occurred_on = { filterType: 'date', type: 'greaterThanOrEqual', dateFrom: f.from };
  else if (f.to) model.occurred_on = { filterType: 'date', type: 'lessThanOrEqual', dateFrom: f.to };
  if (f.newOnly) model.is_new = { filterType: 'text', type: 'equals', filter: 'true' };
  const text = f.text?.trim().toLowerCase();
  if (text) model.search_text = { filterType: 'text', type: 'contains', filter: text };
  return model;
}

/** A page of warnings under the quick filters, most severe and most recent first unless sorted otherwise. */
export async function warningList(ws: Workspace, request: WarningListRequest): Promise<WarningPage> {
  const req = warningListRequestSchema.parse(request);
  const where = warningWhere(req.filters);
  const total = await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM ${WARNING_VIEW} WHERE ${where.sql}`, where.params);
  // Sort columns come from the contract's allow-list (the schema refused anything else); alert_id last
  // keeps pages stable.
  const order = [...req.sort.map((s) => `${checkedSortColumn(s.colId)} ${s.sort === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`),
    ...(req.sort.length === 0 ? ['severity_rank ASC', 'occurred_on DESC NULLS LAST'] : []), 'alert_id ASC'];
  const n = where.params.length;
  const rows = await ws.conn.all<WarningRow>(`SELECT * FROM ${WARNING_VIEW} WHERE ${where.sql}
    ORDER BY ${order.join(', ')} LIMIT $${n + 1} OFFSET $${n + 2}`, [...where.params, req.limit, req.offset]);
  return { rows: rows.map(normaliseRow), total: Number(total?.n ?? 0) };
}

/** Warnings by severity under the filters; also how many of them are new. */
export async function warningCounts(ws: Workspace, filters: WarningFilters = {},
  /** What to count in: the view, or a snapshot of it with the same columns (fixed by the caller, never input). */
  relation: string = WARNING_VIEW): Promise<WarningCounts> {
  const where = warningWhere(filters);
  const r = await ws.conn.one<Record<string, number>>(`SELECT count(*) FILTER (WHERE severity = 'red') AS red,
      count(*) FILTER (WHERE severity = 'orange') AS orange, count(*) FILTER (WHERE severity = 'yellow') AS yellow,
      count(*) AS total, count(*) FILTER (WHERE is_new) AS new
    FROM ${relation} WHERE ${where.sql}`, where.params);
  return { red: Number(r?.red ?? 0), orange: Number(r?.orange ?? 0), yellow: Number(r?.yellow ?? 0), total: Number(r?.total ?? 0), new: Number(r?.new ?? 0) };
}

/** One warning's row, or a not_found error. */
export async function warningRow(ws: Workspace, alertId: string): Promise<WarningRow> {
  const row = await ws.conn.one<WarningRow>(`SELECT * FROM ${WARNING_VIEW} WHERE alert_id = $1`, [alertId]);
  if (!row) throw new ClearsightError('not_found', `没有这条预警 / no such warning: ${alertId}`);
  return normaliseRow(row);
}

function parseFilters(filters: WarningFilters): WarningFilters {
  const r = warningFiltersSchema.safeParse(filters);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ClearsightError('usage', `预警筛选条件无效 / invalid warning filter ${issue.path.join('.')}: ${issue.message}`);
  }
  return r.data;
}

function checkedSortColumn(col: string): string {
  if (!(WARNING_SORT_COLUMNS as readonly string[]).includes(col)) throw new ClearsightError('usage', `cannot sort warnings by ${col}`);
  return col;
}

/** JSON rows carry BIGINT counts as text; the contract says numbers. */
function normaliseRow(r: WarningRow): WarningRow {
  return { ...r, times_seen: Number(r.times_seen), severity_rank: Number(r.severity_rank), score: r.score === null ? null : Number(r.score) };
}
