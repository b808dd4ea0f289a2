import { createReadStream } from 'node:fs';
import { BIGINT, LIST, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { withQueryProgress } from '../db/query-progress.ts';
import { rowsOf } from '../db/rows.ts';
import { quoteIdent } from '../db/sql.ts';
import { debugTiming } from '../debug-timing.ts';
import type { Task } from '../tasks.ts';
import type { PlannedFile } from './files.ts';
import type { TableSpec } from './table-spec.ts';
import { castSql, valueChecksSql } from './validate.ts';

/** A CSV or TSV file as DuckDB reads it: a UTF-8 path (a transcoded copy for GB18030) and its delimiter. */
export interface CsvSource { path: string; delim: string; sizeBytes: number }

/**
 * DuckDB's reader over the file, every column as text; malformed rows (wrong field count, bad quoting)
 * are set aside in the named rejects table instead of failing the read. Parameters: $1 path, $2 delimiter.
 */
export function csvReaderSql(rejects: string): string {
  return `read_csv($1, header = true, all_varchar = true, delim = $2, quote = '"', escape = '"',
    store_rejects = true, rejects_table = '${rejects}', rejects_scan = '${rejects}_scans')`;
}

/**
 * The data-row number of each row of `relation` (a table filled from the reader in file order, so rowid
 * follows the file; inside a transaction rowids start at an offset, hence counted from the first): its
 * line in the file less the header line, as an editor or a spreadsheet shows it. Lines that give no row,
 * those the reader rejected and blank ones, are listed in temp._import_skipped (see skippedLines), and the
 * numbers step over them.
 */
export function csvRowNumberSql(relation: string, anySkipped: boolean): string {
  const base = `(SELECT min(rowid) FROM ${relation})`;
  if (!anySkipped) return `SELECT *, rowid - ${base} + 1 AS row_no FROM ${relation}`;
  return `WITH sk AS (SELECT line, row_number() OVER (ORDER BY line) - 1 AS j FROM temp._import_skipped),
    raw AS (SELECT *, rowid - ${base} AS r FROM ${relation})
    SELECT raw.* EXCLUDE (r), raw.r + 1 + (SELECT count(*) FROM sk WHERE sk.line - 2 - sk.j <= raw.r) AS row_no FROM raw`;
}

/**
 * temp._import_skipped: the lines of the file that give no row (rejected by the reader, or blank, which
 * it passes over silently). Returns whether there are any.
 */
export async function skippedLines(c: DuckDBConnection, rejects: string, path: string): Promise<boolean> {
  const blank = await blankLines(path);
  await c.run(`CREATE OR REPLACE TEMP TABLE _import_skipped AS
    SELECT DISTINCT CAST(line AS BIGINT) AS line FROM temp.${rejects} UNION SELECT unnest($1::BIGINT[])`,
  [listValue(blank.map((n) => BigInt(n)))], [LIST(BIGINT)]);
  return Number((await rowsOf<{ n: number }>(c, `SELECT count(*) AS n FROM temp._import_skipped`))[0]!.n) > 0;
}

/**
 * The 1-based numbers of the blank lines after the header (empty, or only a carriage return). Most files
 * have none, which a search for two line ends in a row tells without counting lines.
 */
export async function blankLines(path: string): Promise<number[]> {
  const hasBlank = async () => {
    let prev = Buffer.alloc(0);
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const b = Buffer.concat([prev, chunk as Buffer]);
      if (b.indexOf('\n\n') >= 0 || b.indexOf('\n\r\n') >= 0) return true;
      prev = b.subarray(Math.max(0, b.length - 2));
    }
    return false;
  };
  if (!(await hasBlank())) return [];
  const out: number[] = [];
  let line = 1;
  let lineStart = true;
  let onlyCr = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    for (let i = 0; i < b.length; i++) {
      const x = b[i]!;
      if (x === 10) {
        if ((lineStart || onlyCr) && line > 1) out.push(line);
        line++;
        lineStart = true;
        onlyCr = false;
      } else if (lineStart && x === 13) {
        onlyCr = true;
        lineStart = false;
      } else {
        lineStart = false;
        onlyCr = false;
      }
    }
  }
  return out;
}

/** Quarantine the rows the reader rejected: one row per line, with all of its errors. Returns how many. */
export async function quarantineRejects(c: DuckDBConnection, rejects: string, base: [string, string, string]): Promise<number> {
  await c.run(`INSERT INTO quarantine SELECT $1, $2, $3, CAST(line AS BIGINT) - 1, NULL, NULL,
    '行结构错误 / malformed row: ' || string_agg(DISTINCT error_message, '; '), any_value(csv_line)
    FROM temp.${rejects} GROUP BY line`, base);
  return Number((await rowsOf<{ n: number }>(c, `SELECT count(DISTINCT line) AS n FROM temp.${rejects}`))[0]!.n);
}

/**
 * Load a CSV whose headings are the table's column names straight from the file, without copying it
 * into a staging table first (the copy cost more than the load itself):
 *  1. a quick read of the keys alone: how many rows, and whether any key repeats in the file or is
 *     already in the workspace; if so this returns null having loaded nothing, and the caller stages
 *     the file for the row-by-row comparison that needs;
 *  2. the rows whose values all pass their checks (types, vocabularies, empty keys) are inserted, the
 *     text converted as the staging path converts it;
 *  3. only if some rows were held back: a read that lists each failing row's problems, row number and
 *     raw values into quarantine, selected by the very same test.
 */
export async function loadCsvDirect(c: DuckDBConnection, batchId: string, f: PlannedFile, src: CsvSource, spec: TableSpec, task: Task):
  Promise<{ rowsRead: number; loaded: number; quarantined: number } | null> {
  const params: DuckDBValue[] = [src.path, src.delim];
  const headings = (await rowsOf<{ column_name: string }>(c, `DESCRIBE SELECT * FROM ${csvReaderSql('_import_rejects')}`, params)).map((r) => r.column_name);
  const present = spec.columns.filter((x) => headings.includes(x.name));
  if (present.length !== headings.length || (spec.key && !headings.includes(spec.key))) return null;
  const name = f.path.split(/[\\/]/).pop()!;

  await dropCheck(c);
  task.step(`读取 ${name}`, `reading ${name}`, src.sizeBytes, 'bytes');
  // The key as it will be stored (castSql trims an identifier), hashed.
  const keyHash = spec.key ? `CASE WHEN s.${quoteIdent(spec.key)} IS NOT NULL THEN hash(${castSql('VARCHAR', `s.${quoteIdent(spec.key)}`, spec.key)}) END` : 'NULL::UBIGINT';
  await timed(c, `CREATE TEMP TABLE _import_keys AS SELECT ${keyHash} AS kh FROM ${csvReaderSql('_import_rejects')} s`, params,
    (x) => task.advance(Math.round(x * src.sizeBytes)));
  const rejected = Number((await rowsOf<{ n: number }>(c, `SELECT count(DISTINCT line) AS n FROM temp._import_rejects`))[0]!.n);
  const n = Number((await rowsOf<{ n: number }>(c, `SELECT count(*) AS n FROM temp._import_keys`))[0]!.n);
  if (spec.key) {
    const t0 = Date.now();
    // Hashes, so a collision only sends a file down the slower path; the staging path compares the keys themselves.
    const [dup] = await rowsOf<{ n: number }>(c, `SELECT count(kh) - count(DISTINCT kh) AS n FROM temp._import_keys`);
    const [known] = await rowsOf<{ n: number }>(c, `SELECT count(*) AS n FROM temp._import_keys
      SEMI JOIN (SELECT hash(${quoteIdent(spec.key)}) AS kh FROM ${quoteIdent(f.table)}) USING (kh)`);
    debugTiming(t0, 'keys repeated in the file or already in the workspace');
    if (Number(dup!.n) > 0 || Number(known!.n) > 0) {
      await dropCheck(c);
      return null;
    }
  }

  const checks = valueChecksSql(f.table, present, 's', spec.key);
  const cols = present.map((x) => quoteIdent(x.name)).join(', ');
  const casts = present.map((x) => castSql(x.type, `s.${quoteIdent(x.name)}`, x.name)).join(', ');
  task.step(`写入 ${f.table}`, `writing ${f.table}`, n, 'rows');
  const loaded = await timed(c, `INSERT INTO ${quoteIdent(f.table)} (${cols}) SELECT ${casts} FROM ${csvReaderSql('_import_rejects_again')} s
    ${checks ? `WHERE NOT ${checks.bad}` : ''}`, params, (x) => task.advance(Math.round(x * n)));

  const base: [string, string, string] = [batchId, f.path, f.table];
  await quarantineRejects(c, '_import_rejects', base);
  if (checks && loaded < n) {
    task.step(`隔离 ${name} 中的问题行`, `quarantining the bad rows of ${name}`, src.sizeBytes, 'bytes');
    // Every row, so that rowid follows the file and gives the row number; the raw values only where needed.
    await timed(c, `CREATE TEMP TABLE _import_check AS
      SELECT ${checks.list} AS probs, CASE WHEN probs IS NOT NULL THEN to_json(s)::VARCHAR END AS raw
      FROM ${csvReaderSql('_import_rejects_check')} s`, params, (x) => task.advance(Math.round(x * src.sizeBytes)));
    await c.run(`INSERT INTO quarantine SELECT $1, $2, $3, t.row_no, p.column_name, p.value, p.reason, t.raw
      FROM (${csvRowNumberSql('temp._import_check', await skippedLines(c, '_import_rejects', src.path))}) t, unnest(t.probs) AS u(p)
      WHERE t.probs IS NOT NULL`, base);
  }
  const bad = checks && loaded < n ? Number((await rowsOf<{ n: number }>(c, `SELECT count(probs) AS n FROM temp._import_check`))[0]!.n) : 0;
  await dropCheck(c);
  // Each read must see the same rows (the file is hashed, not locked): held back + loaded = read.
  if (loaded + bad !== n) {
    throw new Error(`${f.path}: ${n} rows read but ${loaded} loaded and ${bad} quarantined; was the file changed during the import?`);
  }
  return { rowsRead: n + rejected, loaded, quarantined: bad + rejected };
}

async function dropCheck(c: DuckDBConnection): Promise<void> {
  const tables = ['_import_keys', '_import_check', ...['', '_again', '_check'].flatMap((x) => [`_import_rejects${x}`, `_import_rejects${x}_scans`])];
  await c.run(tables.map((t) => `DROP TABLE IF EXISTS temp.${t};`).join(' '));
}

/** Run a long statement with progress; returns the rows it changed. */
async function timed(c: DuckDBConnection, sql: string, params: DuckDBValue[], onFraction: (x: number) => void): Promise<number> {
  const t0 = Date.now();
  const r = await withQueryProgress(c, onFraction, () => c.run(sql, params));
  debugTiming(t0, sql);
  return Number(r.rowsChanged);
}
