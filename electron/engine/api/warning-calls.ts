// The Warnings screen's grid and export. The grid is the table browser's one query builder over
// v_warning_list, with the quick filters (warningFilterModel) merged into the grid's own filter model, so
// sort, filter and paging behave exactly as in the table browser. The export reads the same rows in the
// same order and writes them with the workspace's export code (masking, formula safety, BOM).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import {
  columnFilterSchema, type ApiParsedRequest, type ColumnFilter, type SortModelItem, type WarningExport, type WarningGridPage,
} from '../../contract/api.ts';
import type { WarningFilters, WarningRow } from '../../contract/warnings.ts';
import { exportData } from '../export/export.ts';
import type { Task } from '../tasks.ts';
import { warningFilterModel, WARNING_VIEW } from '../warnings/list.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { countGrid, readGridPage, type GridCount } from './grid-page.ts';
import { buildGridQuery, type GridSource } from './grid-query.ts';

export { WARNING_VIEW };

/** Most severe, then most recent first, when the analyst has not sorted. */
const DEFAULT_SORT: SortModelItem[] = [{ colId: 'severity_rank', sort: 'asc' }, { colId: 'occurred_on', sort: 'desc' }];

/** The grid's filter model with the quick filters merged in; a quick filter wins on its column. */
export function mergedFilterModel(filters: WarningFilters, grid: Record<string, ColumnFilter>): Record<string, ColumnFilter> {
  const quick = Object.fromEntries(Object.entries(warningFilterModel(filters)).map(([col, f]) => [col, columnFilterSchema.parse(f)]));
  return { ...grid, ...quick };
}

/** v_warning_list as the builder sees it: alert_id identifies a row, so it alone breaks ties. */
export function warningSource(view: GridSource): GridSource {
  return { ...view, key: ['alert_id'] };
}

/**
 * The warnings grid reads a snapshot of v_warning_list taken when first asked for after a write: the view
 * joins eight tables for each warning, which at a million warnings is seconds a page, while a temporary
 * table pages in milliseconds through the table browser's rowid reads. The snapshot is stored in the
 * default order (most severe, then most recent), so the unsorted grid is a plain rowid range.
 */
export class WarningSnapshot {
  private built: Promise<GridSource> | null = null;
  constructor(private readonly ws: Workspace) {}

  /** Forget the snapshot (the service calls this after anything that may have written). */
  invalidate(): void {
    this.built = null;
  }

  source(view: GridSource): Promise<GridSource> {
    this.built ??= (async () => {
      await this.ws.conn.run(`CREATE OR REPLACE TEMP TABLE ${SNAPSHOT} AS SELECT * FROM main.${WARNING_VIEW}
        ORDER BY ${DEFAULT_SORT.map((s) => `${s.colId} ${s.sort === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}, alert_id`);
      return { ...view, name: SNAPSHOT, schema: 'temp' as const, kind: 'table' as const, key: undefined };
    })().catch((e) => { this.built = null; throw e; });
    return this.built;
  }
}

const SNAPSHOT = '_warning_list';

/** One page of the warnings grid; counts are cached by the caller per filter (blocks share it). */
export async function warningPage(ws: Workspace, snapshot: WarningSnapshot, view: GridSource, req: ApiParsedRequest<'warningPage'>,
  counts: Map<string, GridCount>): Promise<WarningGridPage> {
  const source = await snapshot.source(view);
  const filterModel = mergedFilterModel(req.filters, req.filterModel);
  // No sort asked for: the snapshot's own order is the default one.
  const q = buildGridQuery(source, { startRow: req.startRow, endRow: req.endRow, filterModel, sortModel: req.sortModel });
  const key = JSON.stringify([WARNING_VIEW, filterModel]);
  let count = counts.get(key);
  if (count === undefined) {
    count = await countGrid(ws.conn, source, q);
    if (counts.size > 200) counts.clear();
    counts.set(key, count);
  }
  const rows = await readGridPage(ws.conn, source, q, { ...req, sorted: req.sortModel.length > 0 }, count) as unknown as WarningRow[];
  // JSON rows carry BIGINT as text; the contract says numbers.
  return {
    rows: rows.map((r) => ({ ...r, times_seen: Number(r.times_seen), severity_rank: Number(r.severity_rank), score: r.score === null ? null : Number(r.score) })),
    totalRows: count.totalRows,
  };
}

/** The export's columns, headed in Chinese for the case handler who opens the file; fixed text, no input. */
const EXPORT_COLUMNS = `v.alert_id AS "预警编号",
  CASE v.severity WHEN 'red' THEN '红色' WHEN 'orange' THEN '橙色' WHEN 'yellow' THEN '黄色' ELSE v.severity END AS "预警等级",
  v.model_id AS "模型编号", v.model_name_zh AS "模型名称", v.domain AS "领域", v.subject_name AS "预警对象",
  v.buyer_name AS "采购人/发包方", v.region_code AS "行政区划代码", v.region_name AS "行政区划", v.amount_cny AS "金额（元）",
  v.occurred_on AS "发生日期", strftime(v.first_seen, '%Y-%m-%d %H:%M:%S') AS "首次发现", strftime(v.last_seen, '%Y-%m-%d %H:%M:%S') AS "最近发现",
  v.times_seen AS "发现次数", CASE WHEN v.is_new THEN '是' ELSE '否' END AS "本次新增", v.status AS "处置状态",
  v.tender_id AS "项目编号", v.tender_title AS "项目名称", v.org_id AS "单位编号", v.org_name AS "单位名称",
  v.person_id AS "人员编号", v.person_name AS "人员姓名", v.contract_id AS "合同编号", v.lease_id AS "租赁合同编号"`;

let exportSeq = 0;

/**
 * Write the warnings matching the grid's filters (or the selected ones among them), in the grid's order, to
 * exports/ as CSV (UTF-8 with BOM) or .xlsx. The rows are picked with bound parameters into a temporary
 * table first, because the export code takes one parameterless read-only query.
 */
export async function exportWarnings(ws: Workspace, view: GridSource, req: ApiParsedRequest<'exportWarnings'>, task: Task): Promise<WarningExport> {
  const q = buildGridQuery(warningSource(view), {
    startRow: 0, endRow: 1, filterModel: mergedFilterModel(req.filters, req.filterModel),
    sortModel: req.sortModel.length > 0 ? req.sortModel : DEFAULT_SORT,
  });
  const params: DuckDBValue[] = [...(q.countParams as DuckDBValue[])];
  let picked = `SELECT * FROM main.${WARNING_VIEW}${q.whereSql}`;
  if (req.alertIds) {
    params.push(listValue(req.alertIds));
    picked = `SELECT * FROM (${picked}) WHERE list_contains($${params.length}::VARCHAR[], alert_id)`;
  }
  // The name is ours (a counter), never the request's.
  const selection = `warning_export_${process.pid}_${++exportSeq}`;
  mkdirSync(ws.layout.exports, { recursive: true });
  const out = join(ws.layout.exports, `${fileStamp(new Date())}-${exportSeq}.${req.format}`);
  try {
    await ws.conn.run(`CREATE TEMP TABLE ${selection} AS SELECT alert_id, row_number() OVER (ORDER BY ${q.orderSql}) AS ord FROM (${picked})`, params);
    const s = await exportData(ws, {
      sql: `SELECT ${EXPORT_COLUMNS} FROM main.${WARNING_VIEW} v JOIN temp.main.${selection} s ON s.alert_id = v.alert_id ORDER BY s.ord`,
      out, format: req.format, encoding: 'utf-8', includePersonal: req.reveal,
    }, task);
    return { path: s.out, format: req.format, rows: s.rows };
  } finally {
    await ws.conn.run(`DROP TABLE IF EXISTS temp.main.${selection}`).catch(() => undefined);
  }
}

/** 预警清单-20251231-093000: sorts by time in a file list. */
function fileStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `预警清单-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
