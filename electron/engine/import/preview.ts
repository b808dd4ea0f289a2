// What an import would do with one file, before it runs: detected format, encoding and delimiter, the header
// row, the first 20 rows as text, the table it would load into and, for a file with its own headings, the
// mapping profile and the first rows after mapping. Reads only the head of the file; writes nothing (the
// mapped preview runs in a transaction that is rolled back, since mapping may create organisations).
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ImportPreview, MappingProfileJson } from '../../contract/data.ts';
import { quoteIdent } from '../db/sql.ts';
import { ClearsightError } from '../errors.ts';
import { DATA_TABLES } from '../schema/canonical.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { csvReaderSql } from './csv-load.ts';
import { detectEncoding, type TextEncoding } from './encoding.ts';
import { formatOf, tableOfName, type ImportFormat } from './files.ts';
import { applyMapping, builtinProfiles, matchBuiltin, parseProfile, type MappingProfile } from './mapping.ts';
import { findHeader, xlsxRows, type SheetRow } from './xlsx.ts';

export interface PreviewRequest {
  path: string;
  table?: string;
  format?: string;
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  sheet?: string | number;
  profile?: unknown;
}

const ROWS = 20;
/** Enough of a text file for 20 rows of any sane width. */
const HEAD_BYTES = 512 * 1024;

interface Sample { headings: string[]; rows: Array<Array<string | null>>; headerRow: number | null; encoding: TextEncoding | null;
  delimiter: string | null; sniffedDelimiter: string | null; warnings: string[] }

export async function previewImport(ws: Workspace, req: PreviewRequest): Promise<ImportPreview> {
  const path = resolve(req.path);
  if (!existsSync(path)) throw new ClearsightError('bad_input', `找不到文件 / no such file: ${path}`, { file: path });
  if (statSync(path).isDirectory()) throw new ClearsightError('bad_input', `请选择文件而不是文件夹 / choose a file, not a folder: ${path}`, { file: path });
  const format = formatOf(path, req.format);
  const given = req.profile === undefined ? null : parseProfile(req.profile, '映射编辑器 / mapping editor');
  let table = req.table ?? given?.table ?? (DATA_TABLES.includes(tableOfName(path)) ? tableOfName(path) : null);
  if (table !== null && !DATA_TABLES.includes(table) && format !== 'ftm' && format !== 'ocds') {
    throw new ClearsightError('usage', `'${table}' 不是规范表 / is not a canonical table`);
  }

  let sample: Sample;
  try {
    sample = await readSample(ws, path, format, req, table);
  } catch (e) {
    if (e instanceof ClearsightError) throw e.where.file ? e : new ClearsightError(e.code, `${basename(path)}：${e.message}`, { ...e.where, file: path });
    throw new ClearsightError('bad_input', `文件无法读取 / the file cannot be read: ${basename(path)}: ${(e as Error).message.split('\n')[0]}`, { file: path });
  }

  if (format === 'ftm' || format === 'ocds') {
    return { file: path, format, ...sample, table: format, tableColumns: [], canonical: true, profile: null, mapped: null };
  }
  // A file named after no table: the built-in profile its headings match names one.
  const suggested = given ?? (table ? matchBuiltin(table, sample.headings) : bestBuiltin(sample.headings));
  table ??= suggested?.table ?? null;
  const tableColumns = table ? await ws.conn.all<{ name: string; type: string }>(`SELECT column_name AS name, data_type AS type
    FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1 ORDER BY column_index`, [table]) : [];
  const known = new Set(tableColumns.map((c) => c.name));
  const canonical = table !== null && given === null && sample.headings.length > 0 && sample.headings.every((h) => known.has(h));
  const profile = canonical ? null : suggested && suggested.table === table ? suggested : null;
  const mapped = profile && table && sample.rows.length > 0 ? await mappedSample(ws, profile, table, sample) : null;
  if (!canonical && !profile && table) {
    sample.warnings.push(`列名不是 ${table} 的规范列，需要映射 / the headings are not columns of ${table}: map them`);
  }
  return { file: path, format, ...sample, table, tableColumns, canonical, profile: profile as MappingProfileJson | null, mapped };
}

async function readSample(ws: Workspace, path: string, format: ImportFormat, req: PreviewRequest, table: string | null): Promise<Sample> {
  const none = { headerRow: null, encoding: null, delimiter: null, sniffedDelimiter: null, warnings: [] as string[] };
  switch (format) {
    case 'csv': case 'tsv': return csvSample(ws, path, format === 'tsv' ? '\t' : ',', req.encoding ?? 'auto');
    case 'xlsx': return { ...none, ...await xlsxSample(ws, path, req.sheet ?? 1, table) };
    case 'parquet': {
      const r = await ws.conn.exclusive((c) => c.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM read_parquet($1) LIMIT ${ROWS}`, [path]));
      return { ...none, headings: r.columnNames(), rows: r.getRows().map((row) => row.map(text)) };
    }
    case 'json': case 'jsonl': {
      const r = await ws.conn.all<{ json: string }>(`SELECT json::VARCHAR AS json FROM read_json_objects($1, format = $2) LIMIT ${ROWS}`,
        [path, format === 'jsonl' ? 'newline_delimited' : 'array']);
      const objects = r.map((x, i) => {
        const o = JSON.parse(x.json) as unknown;
        if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new ClearsightError('bad_input', `第 ${i + 1} 条记录不是 JSON 对象 / record ${i + 1} is not a JSON object`, { file: path, row: i + 1 });
        return o as Record<string, unknown>;
      });
      const headings = [...new Set(objects.flatMap((o) => Object.keys(o)))];
      return { ...none, headings, rows: objects.map((o) => headings.map((h) => (o[h] === undefined || o[h] === null ? null : typeof o[h] === 'string' ? o[h] as string : JSON.stringify(o[h])))) };
    }
    default: {
      // OCDS and FtM fill several tables: show the first records as they are.
      const lines = (await headText(path)).split('\n').filter((l) => l.trim() !== '').slice(0, ROWS);
      return { ...none, headings: ['record'], rows: lines.map((l) => [l.length > 500 ? `${l.slice(0, 500)}…` : l]) };
    }
  }
}

async function headBytes(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(b, 0, HEAD_BYTES, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function headText(path: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await headBytes(path));
}

/**
 * The head of a CSV, cut at its last complete line (a line feed is never part of a GB18030 character),
 * decoded, and read by DuckDB with the import's own reader settings.
 */
async function csvSample(ws: Workspace, path: string, delimiter: string, asked: 'auto' | 'utf-8' | 'gb18030'): Promise<Sample> {
  const encoding = asked === 'auto' ? await detectEncoding(path) : asked;
  let head = await headBytes(path);
  if (head.length === HEAD_BYTES) head = head.subarray(0, head.lastIndexOf(0x0a) + 1);
  const decoded = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(head); // drops a UTF-8 BOM
  const copy = join(ws.layout.tmp, `import-preview-${randomUUID()}.csv`);
  writeFileSync(copy, decoded);
  try {
    return await ws.conn.exclusive(async (c) => {
      const r = await c.runAndReadAll(`SELECT * FROM ${csvReaderSql('_preview_rejects')} LIMIT ${ROWS}`, [copy, delimiter]);
      const rejected = Number((await c.runAndReadAll(`SELECT count(DISTINCT line) FROM temp._preview_rejects WHERE line <= ${ROWS + 1}`)).getRows()[0]![0]);
      await c.run(`DROP TABLE IF EXISTS temp._preview_rejects; DROP TABLE IF EXISTS temp._preview_rejects_scans`);
      const warnings: string[] = [];
      if (rejected > 0) warnings.push(`前 ${ROWS} 行中有 ${rejected} 行无法解析，导入时将隔离 / ${rejected} of the first lines cannot be parsed and will be quarantined`);
      const sniffed = await sniffDelimiter(c, copy);
      const headings = r.columnNames();
      if (sniffed && sniffed !== delimiter && headings.length === 1) {
        warnings.push(`分隔符似乎是 ${JSON.stringify(sniffed)}，不是 ${JSON.stringify(delimiter)}；导入将失败，请将文件另存为逗号分隔 / the delimiter looks like ${JSON.stringify(sniffed)}, not ${JSON.stringify(delimiter)}: the import will fail; save the file comma-separated`);
      }
      return { headings, rows: r.getRows().map((row) => row.map(text)), headerRow: 1, encoding, delimiter,
        sniffedDelimiter: sniffed && sniffed !== delimiter ? sniffed : null, warnings };
    });
  } finally {
    rmSync(copy, { force: true });
  }
}

async function sniffDelimiter(c: DuckDBConnection, path: string): Promise<string | null> {
  try {
    const r = await c.runAndReadAll(`SELECT Delimiter FROM sniff_csv($1, sample_size = 1000)`, [path]);
    return String(r.getRows()[0]?.[0] ?? '') || null;
  } catch {
    return null; // the sniffer gives up on some files the reader reads: only a hint
  }
}

async function xlsxSample(ws: Workspace, path: string, sheet: string | number, table: string | null): Promise<Pick<Sample, 'headings' | 'rows' | 'headerRow'>> {
  const tables = table ? [table] : DATA_TABLES;
  const cols = await ws.conn.all<{ t: string; n: string }>(`SELECT table_name AS t, column_name AS n FROM duckdb_columns()
    WHERE database_name = current_database() AND schema_name = 'main'`);
  const expected = new Set([...cols.filter((r) => tables.includes(r.t)).map((r) => r.n), ...builtinProfiles().filter((p) => tables.includes(p.table)).flatMap((p) => p.columns.flatMap((r) => r.from))]);
  const rows: SheetRow[] = [];
  // The header is looked for in the first 30 rows, as the import does; 20 data rows may follow it.
  for await (const r of xlsxRows(path, sheet)) {
    rows.push(r);
    if (rows.length >= 30 + ROWS) break;
  }
  const header = findHeader(rows.slice(0, 30), expected);
  if (!header) throw new ClearsightError('bad_input', `前30行中找不到列名行 / no header row in the first 30 rows`, { file: path });
  const kept = header.values.map((v, i) => [v?.trim(), i] as const).filter((x): x is readonly [string, number] => !!x[0]);
  const data = rows.filter((r) => r.rowNo > header.rowNo && kept.some(([, i]) => r.values[i] != null)).slice(0, ROWS);
  return { headings: kept.map(([n]) => n), rows: data.map((r) => kept.map(([, i]) => r.values[i] ?? null)), headerRow: header.rowNo };
}

/** The built-in profile, for any table, that recognises most of the headings (at least two). */
function bestBuiltin(headings: string[]): MappingProfile | null {
  let best: { p: MappingProfile; n: number } | null = null;
  for (const t of new Set(builtinProfiles().map((p) => p.table))) {
    const p = matchBuiltin(t, headings);
    const n = p ? p.columns.filter((r) => r.from.some((h) => headings.includes(h))).length : 0;
    if (p && (!best || n > best.n)) best = { p, n };
  }
  return best?.p ?? null;
}

/** The sample through the mapping, in a transaction rolled back afterwards: nothing it creates is kept. */
async function mappedSample(ws: Workspace, profile: MappingProfile, table: string, sample: Sample): Promise<NonNullable<ImportPreview['mapped']>> {
  return ws.conn.exclusive(async (c) => {
    await c.run('BEGIN TRANSACTION');
    try {
      await c.run(`CREATE OR REPLACE TEMP TABLE _preview_stage (${sample.headings.map((h) => `${quoteIdent(h)} VARCHAR`).join(', ')}, row_no BIGINT)`);
      const app = await c.createAppender('_preview_stage', 'main', 'temp');
      sample.rows.forEach((row, i) => {
        for (const v of row) { if (v === null) app.appendNull(); else app.appendVarchar(v); }
        app.appendBigInt(BigInt(i + 1));
        app.endRow();
      });
      app.closeSync();
      const { problems } = await applyMapping(c, profile, table, 'temp._preview_stage', ws.idHashKey(), () => undefined);
      const r = await c.runAndReadAll(`SELECT * EXCLUDE (row_no) FROM temp._import_mapped ORDER BY row_no`);
      return { columns: r.columnNames(), rows: r.getRows().map((row) => row.map(text)),
        problems: problems.map((p) => ({ row: p.row_no, column: p.column_name, value: p.value, reason: p.reason })) };
    } finally {
      await c.run('ROLLBACK');
    }
  });
}

function text(v: DuckDBValue): string | null {
  return v === null ? null : String(v);
}
