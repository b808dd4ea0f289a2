import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { assertReadOnlyQuery } from '../db/read-only.ts';
import { quoteIdent } from '../db/sql.ts';
import { ClearsightError } from '../errors.ts';
import type { Task } from '../tasks.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { PERSONAL_TABLES, redactedSql } from '../privacy/redaction.ts';

export type ExportFormat = 'csv' | 'parquet' | 'xlsx';

export interface ExportRequest {
  /** A table or view of the workspace, or a read-only query. */
  table?: string;
  sql?: string;
  out: string;
  format?: ExportFormat;
  /** CSV only: UTF-8 with a byte-order mark (opens in Excel) or GB18030. */
  encoding?: 'utf-8' | 'gb18030';
  /** Keep personal identifiers (phones, addresses, birth dates, ID and account hashes) unmasked. */
  includePersonal?: boolean;
  /** With table: only these rows of it, in this order (the grid's view, built by grid-query.ts with bound values). */
  view?: { sql: string; params: Array<string | number> };
}

export interface ExportSummary { out: string; format: ExportFormat; rows: number; seconds: number }

/** An .xlsx sheet holds at most this many rows, header included. */
const XLSX_MAX_ROWS = 1_048_576;

/**
 * Export a table or query result, streaming: CSV and Parquet through DuckDB's COPY, .xlsx row by row.
 * Personal identifiers are masked unless includePersonal is set.
 * The file appears under its name only when complete (written as .partial, then renamed).
 */
export async function exportData(ws: Workspace, req: ExportRequest, task: Task): Promise<ExportSummary> {
  const started = Date.now();
  const format = req.format ?? (extname(req.out).slice(1).toLowerCase() as ExportFormat);
  if (!['csv', 'parquet', 'xlsx'].includes(format)) {
    throw new ClearsightError('usage', `导出格式须为 csv、parquet 或 xlsx / export format must be csv, parquet or xlsx (got '${format}')`);
  }
  const partial = `${req.out}.partial`;
  try {
    const rows = await ws.conn.exclusive(async (c) => {
      const raw = await sourceSql(c, req);
      const p = (req.view?.params ?? []) as DuckDBValue[];
      const shape = await c.runAndReadAll(`SELECT * FROM (${raw}) LIMIT 0`, p);
      const columns = shape.columnNames();
      // A 128-bit key (a warning's fingerprint) is an identifier: as text it survives every format, where
      // Parquet would store it as a DOUBLE and Excel read it as one.
      const types = shape.columnTypes();
      const keys = columns.filter((_, i) => String(types[i]) === 'UHUGEINT');
      const textKeys = keys.length === 0 ? raw
        : `SELECT * REPLACE (${keys.map((k) => `CAST(${quoteIdent(k)} AS VARCHAR) AS ${quoteIdent(k)}`).join(', ')}) FROM (${raw})`;
      const masked = req.includePersonal ? textKeys : redactedSql(textKeys, columns, req.table ?? null);
      const source = format === 'parquet' ? masked : await formulaSafeSql(c, masked, p);
      const n = Number((await c.runAndReadAll(`SELECT count(*) FROM (${source})`, p)).getRows()[0]![0]);
      task.step(`导出 ${n.toLocaleString('en-US')} 行`, `exporting ${n.toLocaleString('en-US')} rows`, n, 'rows');
      if (format === 'xlsx') {
        if (n + 1 > XLSX_MAX_ROWS) {
          throw new ClearsightError('bad_input', `结果有 ${n} 行，超过 Excel 单表上限 1,048,575 行，请导出为 CSV 或 Parquet / ${n} rows exceed an Excel sheet's 1,048,575; export CSV or Parquet`);
        }
        await writeXlsx(c, source, partial, task, p);
      } else if (format === 'parquet') {
        await c.run(`COPY (${source}) TO '${partial.replaceAll("'", "''")}' (FORMAT parquet)`, p);
      } else {
        const plain = join(ws.layout.tmp, `export-${Date.now()}.csv`);
        try {
          await c.run(`COPY (${source}) TO '${plain.replaceAll("'", "''")}' (FORMAT csv, HEADER true)`, p);
          await encodeCsv(plain, partial, req.encoding ?? 'utf-8', task.signal);
        } finally {
          rmSync(plain, { force: true });
        }
      }
      return n;
    }, task.signal);
    renameSync(partial, req.out);
    return { out: req.out, format, rows, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(partial, { force: true });
  }
}

async function sourceSql(c: DuckDBConnection, req: ExportRequest): Promise<string> {
  if ((req.table === undefined) === (req.sql === undefined)) {
    throw new ClearsightError('usage', '请指定 --table 或 --sql 之一 / give either --table or --sql');
  }
  if (req.table !== undefined) {
    const r = await c.runAndReadAll(`SELECT 1 FROM duckdb_tables() WHERE table_name = $1 AND NOT temporary
      UNION ALL SELECT 1 FROM duckdb_views() WHERE view_name = $1 AND NOT internal AND NOT temporary`, [req.table]);
    if (r.getRows().length === 0) throw new ClearsightError('not_found', `没有这张表 / no table named '${req.table}'`);
    return req.view ? req.view.sql : `SELECT * FROM ${quoteIdent(req.table)}`;
  }
  await assertReadOnlyQuery(c, req.sql!);
  if (!req.includePersonal) {
    // Column names can be aliased away, so a query over personal tables is refused rather than masked.
    const ast = String((await c.runAndReadAll(`SELECT json_serialize_sql($1::VARCHAR)`, [req.sql!])).getRows()[0]![0]);
    const read = [...ast.matchAll(/"table_name":"([^"]+)"/g)].map((m) => m[1]!).filter((t) => PERSONAL_TABLES.has(t));
    if (read.length > 0) {
      throw new ClearsightError('bad_input', `查询读取了个人信息表（${[...new Set(read)].join('、')}），导出需加 --include-personal / the query reads personal data (${[...new Set(read)].join(', ')}); exporting it needs --include-personal`);
    }
  }
  // A trailing -- comment would swallow the closing parenthesis of the wrapping query.
  return `${req.sql!.trim().replace(/;\s*$/, '')}\n`;
}

/**
 * Text that starts with = + - or @ would run as a formula when the file is opened in Excel: prefix it with
 * an apostrophe, as spreadsheets do to mark text (CSV and .xlsx exports only).
 */
async function formulaSafeSql(c: DuckDBConnection, source: string, params: DuckDBValue[] = []): Promise<string> {
  // Column types from a zero-row read, which takes the view's bound parameters (DESCRIBE may not).
  const r = await c.runAndReadAll(`SELECT * FROM (${source}) LIMIT 0`, params);
  const types = r.columnTypes();
  const text = r.columnNames().filter((_, i) => String(types[i]) === 'VARCHAR');
  if (text.length === 0) return source;
  const fix = text.map((n) => `CASE WHEN left(${quoteIdent(n)}, 1) IN ('=', '+', '-', '@') THEN '''' || ${quoteIdent(n)} ELSE ${quoteIdent(n)} END AS ${quoteIdent(n)}`);
  return `SELECT * REPLACE (${fix.join(', ')}) FROM (${source})`;
}

/** CSV for Excel: UTF-8 with a byte-order mark, or GB18030 for older Chinese software. */
async function encodeCsv(plain: string, out: string, encoding: 'utf-8' | 'gb18030', signal: AbortSignal): Promise<void> {
  if (encoding === 'utf-8') {
    const w = createWriteStream(out);
    w.write('\ufeff');
    await pipeline(createReadStream(plain), w, { signal });
  } else {
    await pipeline(createReadStream(plain), iconv.decodeStream('utf-8'), iconv.encodeStream('gb18030'), createWriteStream(out), { signal });
  }
}

async function writeXlsx(c: DuckDBConnection, source: string, out: string, task: Task, params: DuckDBValue[] = []): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const sheet = wb.addWorksheet('导出 Export');
  const result = await c.stream(source, params);
  sheet.addRow(result.columnNames()).commit();
  let done = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    for (const row of chunk.getRows()) sheet.addRow(row.map(cell)).commit();
    done += chunk.rowCount;
    task.advance(done);
  }
  sheet.commit();
  await wb.commit();
}

/** A DuckDB value as an Excel cell: numbers stay numbers, everything else its text. */
function cell(v: DuckDBValue): string | number | boolean | null {
  if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof (v as { toDouble?: () => number }).toDouble === 'function') return (v as { toDouble: () => number }).toDouble();
  return String(v);
}
