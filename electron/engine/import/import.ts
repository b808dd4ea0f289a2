import { randomUUID } from 'node:crypto';
import { createReadStream, rmSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { basename, extname, join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { APP_VERSION } from '../app-version.ts';
import { rowsOf } from '../db/rows.ts';
import { quoteIdent } from '../db/sql.ts';
import { debugTiming } from '../debug-timing.ts';
import { ClearsightError } from '../errors.ts';
import type { Task } from '../tasks.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { detectEncoding, transcodeToUtf8, type TextEncoding } from './encoding.ts';
import { fileDigest, planFiles, type PlannedFile } from './files.ts';
import { castSql, problemsSql } from './validate.ts';
import { csvReaderSql, csvRowNumberSql, loadCsvDirect, quarantineRejects, skippedLines, type CsvSource } from './csv-load.ts';
import { tableSpec } from './table-spec.ts';
import { findHeader, xlsxRows, type SheetRow } from './xlsx.ts';
import { xlsxMerges } from './xlsx-merges.ts';
import { applyMapping, builtinProfiles, loadProfile, matchBuiltin, type MappingProfile } from './mapping.ts';
import { readFtm, stageFtm } from './ftm.ts';
import { readOcds, stageOcds } from './ocds.ts';

export interface ImportRequest {
  paths: string[];
  table?: string;
  format?: string;
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  /** Import a file again into a table it was already imported into. */
  force?: boolean;
  /** .xlsx: the sheet to read, by 1-based position or name (default: the first). */
  sheet?: string | number;
  /** A mapping profile (JSON file) for files whose headings are not canonical column names. */
  mapping?: string;
  /** The same, already parsed (the UI's mapping editor); wins over `mapping`. */
  profile?: MappingProfile;
}

export interface ImportFileSummary {
  file: string; table: string; format: string; encoding: string | null; sha256: string; sizeBytes: number;
  /** The mapping profile used (null for canonical headings) and the organisations it created. */
  mapping: string | null; orgsCreated: number;
  /** Rows that filled in existing records instead of adding new ones (registry extracts over known organisations). */
  rowsUpdated: number;
  rowsRead: number; rowsLoaded: number; rowsQuarantined: number; seconds: number;
}

export interface ImportSummary { batchId: string; files: ImportFileSummary[]; seconds: number }

const STAGE = 'temp._import_stage';
const MAPPED = 'temp._import_mapped';

/**
 * Import canonical files. One call is one transaction: if any file cannot be read, or the task is
 * cancelled or the process killed, the workspace is exactly as before. Rows that fail validation go to
 * quarantine with their reason and raw values; the rest load.
 */
export async function importFiles(ws: Workspace, req: ImportRequest, task: Task): Promise<ImportSummary> {
  const started = Date.now();
  const profile = req.profile ?? (req.mapping ? loadProfile(req.mapping) : null);
  const files = planFiles(req.paths, { table: req.table ?? profile?.table, format: req.format });
  // Digests are computed one file after another on a worker thread, beside the reading below.
  const digests: Array<Promise<{ sha256: string; size: number }>> = [];
  let previous: Promise<unknown> = Promise.resolve();
  for (const f of files) {
    const d = previous.then(() => fileDigest(f.path, task.signal));
    d.catch(() => undefined); // awaited below; a cancelled import may never get there
    digests.push(d);
    previous = d.catch(() => undefined);
  }
  const batchId = `imp-${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  const temps: string[] = [];
  try {
    const summaries = await ws.conn.transaction(async (c) => {
      await run(c, `INSERT INTO import_batch VALUES ($1, now()::TIMESTAMP, NULL, $2)`, [batchId, APP_VERSION]);
      const out: ImportFileSummary[] = [];
      for (const [i, f] of files.entries()) {
        const t0 = Date.now();
        const size = statSync(f.path).size;
        const csv = f.format === 'csv' || f.format === 'tsv' ? await prepareCsv(ws, f, req, size, task, temps) : null;
        const d = await digests[i]!;
        debugTiming(t0, `sha256 ${f.path}`);
        if (!req.force) {
          const prev = await all(c, `SELECT batch_id FROM import_file WHERE sha256 = $1 AND (table_name = $2 OR (format = $3 AND $3 IN ('ftm', 'ocds'))) LIMIT 1`,
            [d.sha256, f.table, f.format]);
          if (prev.length > 0) {
            throw new ClearsightError('bad_input',
              `该文件已导入到 ${f.table}（批次 ${String(prev[0]!.batch_id)}），如需重复导入请加 --force / already imported into ${f.table} in batch ${String(prev[0]!.batch_id)}; use --force to import it again`,
              { file: f.path });
          }
        }
        if (f.format === 'ftm' || f.format === 'ocds') {
          task.step(`导入 ${f.format.toUpperCase()} ${basename(f.path)}`, `importing ${f.format.toUpperCase()} from ${basename(f.path)}`, d.size, 'bytes');
          const staged = f.format === 'ftm'
            ? await stageFtm(c, await readFtm(f.path, task.signal), ws.idHashKey())
            : await stageOcds(c, await readOcds(f.path, extname(f.path).toLowerCase() === '.json' ? 'json' : 'jsonl', task.signal), batchId);
          for (const s of await loadStaged(c, batchId, f, d, staged, t0)) out.push(s);
          continue;
        }
        const spec = await tableSpec(c, f.table);
        task.step(`导入 ${basename(f.path)} → ${f.table}`, `importing ${basename(f.path)} into ${f.table}`, d.size, 'bytes');
        if (csv && !profile) {
          const direct = await readOrExplain(f, () => loadCsvDirect(c, batchId, f, csv, spec, task));
          if (direct) {
            out.push(await logFile(c, batchId, { file: f.path, table: f.table, format: f.format, encoding: csv.encoding, sha256: d.sha256, sizeBytes: d.size,
              mapping: null, orgsCreated: 0, rowsUpdated: 0, rowsRead: direct.rowsRead, rowsLoaded: direct.loaded,
              rowsQuarantined: direct.quarantined, seconds: (Date.now() - t0) / 1000 }));
            continue;
          }
        }
        const rowsRead = await readOrExplain(f, () => stage(c, f, csv, req, task));
        const mapped = await mapIfNeeded(c, ws, batchId, f, profile, task);
        const { loaded, quarantined, updated } = await load(c, batchId, f, mapped ? MAPPED : STAGE, mapped?.quarantined ?? 0, mapped?.enrich ?? false);
        out.push(await logFile(c, batchId, { file: f.path, table: f.table, format: f.format, encoding: csv?.encoding ?? null, sha256: d.sha256, sizeBytes: d.size,
          mapping: mapped?.name ?? null, orgsCreated: mapped?.orgsCreated ?? 0, rowsUpdated: updated,
          rowsRead, rowsLoaded: loaded, rowsQuarantined: quarantined, seconds: (Date.now() - t0) / 1000 }));
      }
      await run(c, `UPDATE import_batch SET finished_at = now()::TIMESTAMP WHERE batch_id = $1`, [batchId]);
      await dropStage(c);
      return out;
    }, task.signal);
    return { batchId, files: summaries, seconds: (Date.now() - started) / 1000 };
  } finally {
    for (const t of temps) rmSync(t, { force: true });
  }
}

/** Detect a CSV's encoding and, for GB18030, transcode it into a UTF-8 copy in the workspace's tmp folder. */
async function prepareCsv(ws: Workspace, f: PlannedFile, req: ImportRequest, sizeBytes: number, task: Task, temps: string[]):
  Promise<CsvSource & { encoding: TextEncoding }> {
  const t0 = Date.now();
  const encoding = (req.encoding ?? 'auto') === 'auto' ? await detectEncoding(f.path, task.signal) : req.encoding as TextEncoding;
  debugTiming(t0, `detect encoding ${f.path}`);
  let path = f.path;
  if (encoding === 'gb18030') {
    path = join(ws.layout.tmp, `import-${randomUUID()}.csv`);
    temps.push(path);
    const t1 = Date.now();
    task.step(`转换编码 GB18030 → UTF-8：${basename(f.path)}`, `transcoding ${basename(f.path)} from GB18030`, sizeBytes, 'bytes');
    await transcodeToUtf8(f.path, path, (n) => task.advance(n), task.signal);
    debugTiming(t1, `transcode ${f.path}`);
  }
  return { path, delim: f.format === 'tsv' ? '\t' : ',', sizeBytes, encoding };
}

/** Read one file into the staging table: every column as text, plus row_no (1-based data row). Returns rows read. */
async function stage(c: DuckDBConnection, f: PlannedFile, csv: CsvSource | null, req: ImportRequest, task: Task): Promise<number> {
  await dropStage(c);
  if (csv) {
    await run(c, `DROP TABLE IF EXISTS temp._import_rejects; DROP TABLE IF EXISTS temp._import_rejects_scans`);
    await run(c, `CREATE TEMP TABLE _import_raw AS SELECT * FROM ${csvReaderSql('_import_rejects')}`, [csv.path, csv.delim]);
    // A view, not a copy: the rows are read a few times but written once.
    await run(c, `CREATE TEMP VIEW _import_stage AS ${csvRowNumberSql('temp._import_raw', await skippedLines(c, '_import_rejects', csv.path))}`);
  } else if (f.format === 'xlsx') {
    const profile = req.profile ?? (req.mapping ? loadProfile(req.mapping) : null);
    const headings = (profile ? [profile] : builtinProfiles().filter((p) => p.table === f.table)).flatMap((p) => p.columns.flatMap((r) => r.from));
    await stageXlsx(c, f, req.sheet ?? 1, headings, task);
  } else if (f.format === 'parquet') {
    await run(c, `CREATE TEMP TABLE _import_stage AS SELECT COLUMNS(c -> c <> 'file_row_number')::VARCHAR, file_row_number + 1 AS row_no
      FROM read_parquet($1, file_row_number = true)`, [f.path]);
  } else {
    // Stored first so that rowid numbers the records in file order (inside a transaction rowids of new rows
    // start at a large offset: subtract the first).
    await run(c, `CREATE TEMP TABLE _import_json_raw AS SELECT json FROM read_json_objects($1, format = $2)`,
      [f.path, f.format === 'jsonl' ? 'newline_delimited' : 'array']);
    await run(c, `CREATE TEMP TABLE _import_json AS
      SELECT json, CAST(rowid - (SELECT min(rowid) FROM temp._import_json_raw) + 1 AS BIGINT) AS row_no FROM temp._import_json_raw`);
    await run(c, `DROP TABLE temp._import_json_raw`);
    const bad = await all(c, `SELECT row_no FROM temp._import_json WHERE NOT json_valid(json) OR json_type(json) <> 'OBJECT' ORDER BY row_no LIMIT 1`);
    if (bad.length > 0) {
      throw new ClearsightError('bad_input', `JSON 格式错误 / malformed JSON (record ${String(bad[0]!.row_no)})`, { file: f.path, row: Number(bad[0]!.row_no) });
    }
    const keys = (await all(c, `SELECT DISTINCT unnest(json_keys(json)) AS k FROM temp._import_json ORDER BY 1`)).map((r) => String(r.k));
    const select = keys.map((k) => `json_extract_string(json, ${sqlString(`$."${k.replaceAll('"', '\\"')}"`)}) AS ${quoteIdent(k)}`);
    await run(c, `CREATE TEMP TABLE _import_stage AS SELECT ${[...select, 'row_no'].join(', ')} FROM temp._import_json`);
    await run(c, `DROP TABLE temp._import_json`);
  }
  const n = await all(c, `SELECT count(*) AS n FROM ${STAGE}`);
  const rejected = csv ? Number((await all(c, `SELECT count(DISTINCT line) AS n FROM temp._import_rejects`))[0]!.n) : 0;
  return Number(n[0]!.n) + rejected;
}

/** Run a read of file f; a reader's error becomes a message naming the file (and line, where DuckDB says). */
async function readOrExplain<T>(f: PlannedFile, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof ClearsightError) throw e;
    const msg = (e as Error).message;
    if (/INTERRUPT/i.test(msg)) throw e;
    if (f.format === 'jsonl') {
      const bad = await firstBadJsonLine(f.path);
      if (bad) throw new ClearsightError('bad_input', `JSON 格式错误 / malformed JSON: ${bad.error}`, { file: f.path, row: bad.line });
    }
    const line = /line[: ]+(\d+)/i.exec(msg);
    throw new ClearsightError('bad_input', `文件无法读取 / the file cannot be read: ${msg.split('\n')[0]}`,
      { file: f.path, ...(line ? { row: Number(line[1]) } : {}) });
  }
}

/** Record one file's figures in import_file and return them. */
async function logFile(c: DuckDBConnection, batchId: string, s: ImportFileSummary): Promise<ImportFileSummary> {
  await run(c, `INSERT INTO import_file VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [batchId, s.file, s.sha256, s.sizeBytes, s.table, s.format, s.encoding, s.rowsRead, s.rowsLoaded, s.rowsQuarantined, s.seconds]);
  return s;
}

/**
 * Stage one sheet: find the header row (banner rows above it are skipped), then append every further
 * non-empty row with its row number as Excel shows it.
 */
async function stageXlsx(c: DuckDBConnection, f: PlannedFile, sheet: string | number, profileHeadings: string[], task: Task): Promise<void> {
  const expected = new Set([...profileHeadings, ...(await all(c, `SELECT column_name AS n FROM duckdb_columns()
    WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1`, [f.table])).map((r) => String(r.n))]);
  const it = xlsxRows(f.path, sheet)[Symbol.asyncIterator]();
  const first: SheetRow[] = [];
  while (first.length < 30) {
    const n = await it.next();
    if (n.done) break;
    first.push(n.value);
  }
  const header = findHeader(first, expected);
  if (!header) {
    throw new ClearsightError('bad_input', `前30行中找不到 ${f.table} 的列名行 / no header row with column names of ${f.table} in the first 30 rows`, { file: f.path });
  }
  const kept = header.values.map((v, i) => [v?.trim(), i] as const).filter((x): x is readonly [string, number] => !!x[0]);
  const dup = kept.find(([n], i) => kept.findIndex(([m]) => m === n) !== i);
  if (dup) throw new ClearsightError('bad_input', `列名重复 / duplicate column name '${dup[0]}'`, { file: f.path, row: header.rowNo, column: dup[0] });
  await run(c, `CREATE TEMP TABLE _import_stage (${kept.map(([n]) => `${quoteIdent(n)} VARCHAR`).join(', ')}, row_no BIGINT)`);
  const app = await c.createAppender('_import_stage', 'main', 'temp');
  let count = 0;
  // Cells Excel has no value for (#N/A, formulas never calculated) quarantine their row in load().
  await run(c, `CREATE OR REPLACE TEMP TABLE _import_cell_problems (row_no BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR)`);
  const cellProblems: Array<[number, string, string]> = [];
  const push = (r: SheetRow) => {
    if (r.rowNo <= header.rowNo || kept.every(([, i]) => r.values[i] == null)) return;
    for (const e of r.errors) {
      const col = kept.find(([, i]) => i === e.col);
      if (col) cellProblems.push([r.rowNo, col[0], e.text]);
    }
    for (const [, i] of kept) {
      const v = r.values[i];
      if (v == null) app.appendNull();
      else app.appendVarchar(v);
    }
    app.appendBigInt(BigInt(r.rowNo));
    app.endRow();
    if (++count % 20_000 === 0) task.throwIfCancelled();
  };
  first.forEach(push);
  for (let n = await it.next(); !n.done; n = await it.next()) push(n.value);
  app.closeSync();
  await fillMergedCells(c, f.path, sheet, header.rowNo, kept);
  if (cellProblems.length > 0) {
    const pa = await c.createAppender('_import_cell_problems', 'main', 'temp');
    for (const [row, col, text] of cellProblems) {
      pa.appendBigInt(BigInt(row));
      pa.appendVarchar(col);
      pa.appendVarchar(text);
      pa.appendVarchar(`单元格没有值 / the cell has no value: ${text}`);
      pa.endRow();
    }
    pa.closeSync();
  }
}

/**
 * A value merged down (or across) several cells of the data stands for each of them: an analyst who
 * merges 采购单位 over the three tenders of one buyer means all three. Excel keeps the value only in the
 * range's first cell, so the others are filled from it. Merges in or above the header row are titles.
 */
async function fillMergedCells(c: DuckDBConnection, path: string, sheet: string | number, headerRow: number,
  kept: ReadonlyArray<readonly [string, number]>): Promise<void> {
  const byIndex = new Map(kept.map(([name, i]) => [i, name]));
  const merges = (await xlsxMerges(path, sheet)).filter((m) => m.top > headerRow && byIndex.has(m.left)
    && (m.bottom > m.top || m.right > m.left));
  if (merges.length === 0) return;
  await run(c, `CREATE OR REPLACE TEMP TABLE _import_merge_fill (target VARCHAR, top BIGINT, bottom BIGINT, source VARCHAR)`);
  const app = await c.createAppender('_import_merge_fill', 'main', 'temp');
  for (const m of merges) {
    for (let i = m.left; i <= m.right; i++) {
      const target = byIndex.get(i);
      if (!target) continue;
      app.appendVarchar(target);
      app.appendBigInt(BigInt(m.top));
      app.appendBigInt(BigInt(m.bottom));
      app.appendVarchar(byIndex.get(m.left)!);
      app.endRow();
    }
  }
  app.closeSync();
  const pairs = await all(c, `SELECT DISTINCT target, source FROM temp._import_merge_fill`);
  for (const { target, source } of pairs as Array<{ target: string; source: string }>) {
    await run(c, `UPDATE temp._import_stage SET ${quoteIdent(target)} = v.value
      FROM (SELECT f.top, f.bottom, s.${quoteIdent(source)} AS value FROM temp._import_merge_fill f
            JOIN temp._import_stage s ON s.row_no = f.top WHERE f.target = $1 AND f.source = $2) v
      WHERE temp._import_stage.row_no BETWEEN v.top AND v.bottom AND temp._import_stage.${quoteIdent(target)} IS NULL`, [target, source]);
  }
  await run(c, `DROP TABLE temp._import_merge_fill`);
}

/** FtM and OCDS files feed several tables, each staged as temp._import_<format>_<table>; one summary per table. */
async function loadStaged(c: DuckDBConnection, batchId: string, f: PlannedFile, d: { sha256: string; size: number },
  staged: Array<{ table: string; rows: number }>, t0: number): Promise<ImportFileSummary[]> {
  const out: ImportFileSummary[] = [];
  for (const st of staged) {
    const stage = `temp._import_${f.format}_${st.table}`;
    const { loaded, quarantined } = await load(c, batchId, { ...f, table: st.table }, stage);
    const s: ImportFileSummary = { file: f.path, table: st.table, format: f.format, encoding: 'utf-8', sha256: d.sha256, sizeBytes: d.size,
      mapping: null, orgsCreated: 0, rowsUpdated: 0, rowsRead: st.rows, rowsLoaded: loaded, rowsQuarantined: quarantined, seconds: (Date.now() - t0) / 1000 };
    await run(c, `INSERT INTO import_file VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [batchId, s.file, s.sha256, s.sizeBytes, s.table, s.format, s.encoding, s.rowsRead, s.rowsLoaded, s.rowsQuarantined, s.seconds]);
    await run(c, `DROP TABLE ${stage}`);
    out.push(s);
  }
  return out;
}

/**
 * When the staged headings are not the table's column names, map them: with the given profile, or the
 * built-in profile that recognises the headings. Rows a rule cannot convert go to quarantine here.
 */
async function mapIfNeeded(c: DuckDBConnection, ws: Workspace, batchId: string, f: PlannedFile, given: MappingProfile | null, task: Task):
  Promise<{ name: string; orgsCreated: number; quarantined: number; enrich: boolean } | null> {
  const headings = (await all(c, `SELECT column_name AS n FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = '_import_stage' AND column_name <> 'row_no'`))
    .map((r) => String(r.n));
  const canonical = new Set((await all(c, `SELECT column_name AS n FROM duckdb_columns()
    WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1`, [f.table])).map((r) => String(r.n)));
  if (!given && headings.every((h) => canonical.has(h))) return null;
  const profile = given ?? matchBuiltin(f.table, headings);
  if (!profile) return null; // load() names the columns it does not know
  task.step(`按“${profile.name}”映射`, `mapping with '${profile.name}'`, 0, 'rows');
  // Rows with a cell Excel had no value for are set aside before mapping: they are quarantined, and no
  // organisation is created from them.
  const cells = (await all(c, `SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = '_import_cell_problems'`)).length > 0
    ? await all<{ row_no: number; column_name: string; value: string; reason: string }>(c, `SELECT * FROM temp._import_cell_problems ORDER BY row_no`) : [];
  let source = STAGE;
  if (cells.length > 0) {
    await run(c, `CREATE OR REPLACE TEMP VIEW _import_stage_ok AS SELECT * FROM ${STAGE} WHERE row_no NOT IN (SELECT row_no FROM temp._import_cell_problems)`);
    source = 'temp._import_stage_ok';
  }
  const mapped = await applyMapping(c, profile, f.table, source, ws.idHashKey(), (n) => task.advance(n));
  const { orgsCreated } = mapped;
  const problems = [...mapped.problems, ...cells.map((x) => ({ ...x, row_no: Number(x.row_no) }))];
  if (cells.length > 0) await run(c, `DROP VIEW temp._import_stage_ok; DROP TABLE temp._import_cell_problems`);
  if (problems.length > 0) {
    await run(c, `CREATE OR REPLACE TEMP TABLE _import_map_problems (row_no BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR)`);
    const app = await c.createAppender('_import_map_problems', 'main', 'temp');
    for (const p of problems) {
      app.appendBigInt(BigInt(p.row_no));
      app.appendVarchar(p.column_name);
      if (p.value === null) app.appendNull();
      else app.appendVarchar(p.value);
      app.appendVarchar(p.reason);
      app.endRow();
    }
    app.closeSync();
    // ID numbers are never stored plainly, not even in quarantine: their source columns are withheld.
    const secret = profile.columns.filter((r) => r.transform === 'id_hash').flatMap((r) => r.from).filter((h) => headings.includes(h));
    const raw = secret.length > 0 ? `(SELECT * REPLACE (${secret.map((h) => `'（已脱敏 redacted）' AS ${quoteIdent(h)}`).join(', ')}) FROM ${STAGE})` : STAGE;
    const idCols = new Set(profile.columns.filter((r) => r.transform === 'id_hash').map((r) => r.to));
    await run(c, `INSERT INTO quarantine SELECT $1, $2, $3, p.row_no, p.column_name,
        CASE WHEN ${idCols.size > 0 ? `p.column_name IN (${[...idCols].map((x) => `'${x.replaceAll("'", "''")}'`).join(', ')})` : 'FALSE'}
          THEN '（已脱敏 redacted）' ELSE p.value END, p.reason, to_json(s)::VARCHAR
      FROM temp._import_map_problems p JOIN ${raw} s USING (row_no)`, [batchId, f.path, f.table]);
  }
  return { name: profile.name, orgsCreated, quarantined: new Set(problems.map((p) => p.row_no)).size, enrich: profile.derive?.org === true };
}

/** Check the staged rows, quarantine the bad ones (and rows the reader rejected), load the rest. */
async function load(c: DuckDBConnection, batchId: string, f: PlannedFile, stage: string, alreadyQuarantined = 0, enrich = false):
  Promise<{ loaded: number; quarantined: number; updated: number }> {
  const { columns: cols, key } = await tableSpec(c, f.table);
  const staged = (await all(c, `SELECT column_name AS name FROM duckdb_columns()
    WHERE database_name = 'temp' AND table_name = $1 AND column_name NOT IN ('row_no', 'src_row') ORDER BY column_index`, [stage.replace('temp.', '')]))
    .map((r) => String(r.name));
  // Sources that give several rows per line (OCDS, FtM) stage a unique row_no and the line as src_row.
  const srcRow = (await all(c, `SELECT 1 FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = $1 AND column_name = 'src_row'`,
    [stage.replace('temp.', '')])).length > 0 ? 's.src_row' : 'p.row_no';
  const known = new Set(cols.map((x) => x.name));
  const unknown = staged.filter((s) => !known.has(s));
  if (unknown.length > 0) {
    throw new ClearsightError('bad_input',
      `列名不是 ${f.table} 的规范列：${unknown.join(', ')}（如分隔符不对，请检查文件；其他表头请用 --mapping）/ not columns of ${f.table}: ${unknown.join(', ')} (a wrong delimiter looks like this too; for other headings give --mapping)`,
      { file: f.path, column: unknown[0] });
  }
  const present = cols.filter((x) => staged.includes(x.name));
  const keyCol = key && staged.includes(key) ? key : null;
  if (key && !keyCol) {
    throw new ClearsightError('bad_input', `缺少主键列 ${key} / the key column ${key} is missing`, { file: f.path, column: key });
  }
  const base: [string, string, string] = [batchId, f.path, f.table];
  await run(c, `CREATE OR REPLACE TEMP TABLE _import_problems AS ${problemsSql(f.table, present, stage, keyCol, enrich)}`);
  if ((await all(c, `SELECT 1 FROM duckdb_tables() WHERE temporary AND table_name = '_import_cell_problems'`)).length > 0 && stage === STAGE) {
    await run(c, `INSERT INTO temp._import_problems SELECT * FROM temp._import_cell_problems`);
  }
  const nProblems = Number((await all(c, `SELECT count(*) AS n FROM temp._import_problems`))[0]!.n);
  if (nProblems > 0) {
    await run(c, `INSERT INTO quarantine
      SELECT $1, $2, $3, ${srcRow}, p.column_name, p.value, p.reason, to_json(s)::VARCHAR
      FROM temp._import_problems p JOIN ${stage} s USING (row_no)`, base);
  }
  let rejected = 0;
  if (f.format === 'csv' || f.format === 'tsv') {
    rejected = await quarantineRejects(c, '_import_rejects', base);
  }
  const colList = present.map((x) => quoteIdent(x.name)).join(', ');
  const casts = present.map((x) => castSql(x.type, `s.${quoteIdent(x.name)}`, x.name)).join(', ');
  const good = nProblems > 0 ? 's.row_no NOT IN (SELECT row_no FROM temp._import_problems)' : 'TRUE';
  let updated = 0;
  if (enrich && keyCol) {
    // Fill in existing records: a value in the file replaces the stored one, an empty cell keeps it.
    const k = quoteIdent(keyCol);
    updated = Number((await all(c, `SELECT count(*) AS n FROM ${stage} s WHERE ${good} AND trim(s.${k}) IN (SELECT ${k} FROM ${quoteIdent(f.table)})`))[0]!.n);
    const sets = present.filter((x) => x.name !== keyCol).map((x) => `${quoteIdent(x.name)} = COALESCE(${castSql(x.type, `s.${quoteIdent(x.name)}`, x.name)}, t.${quoteIdent(x.name)})`);
    if (updated > 0 && sets.length > 0) {
      await run(c, `UPDATE ${quoteIdent(f.table)} t SET ${sets.join(', ')} FROM ${stage} s WHERE t.${k} = trim(s.${k}) AND ${good}`);
    }
    await run(c, `INSERT INTO ${quoteIdent(f.table)} (${colList}) SELECT ${casts} FROM ${stage} s
      WHERE ${good} AND trim(s.${k}) NOT IN (SELECT ${k} FROM ${quoteIdent(f.table)})`);
  } else {
    await run(c, `INSERT INTO ${quoteIdent(f.table)} (${colList}) SELECT ${casts} FROM ${stage} s WHERE ${good}`);
  }
  const n = Number((await all(c, `SELECT count(*) AS n FROM ${stage}`))[0]!.n);
  const bad = Number((await all(c, `SELECT count(DISTINCT row_no) AS n FROM temp._import_problems`))[0]!.n);
  return { loaded: n - bad, quarantined: bad + rejected + alreadyQuarantined, updated };
}

/** Remove the staging table or view of the previous file (a CSV stages as a view over its raw rows). */
async function dropStage(c: DuckDBConnection): Promise<void> {
  const isView = (await all(c, `SELECT 1 FROM duckdb_views() WHERE temporary AND view_name = '_import_stage'`)).length > 0;
  await run(c, isView ? `DROP VIEW temp._import_stage` : `DROP TABLE IF EXISTS temp._import_stage`);
  await run(c, `DROP TABLE IF EXISTS temp._import_raw`);
  await run(c, `DROP TABLE IF EXISTS temp._import_mapped`);
  await run(c, `DROP TABLE IF EXISTS temp._import_cell_problems`);
}

/** The first line of a JSON-lines file that does not parse, for an exact error position. */
async function firstBadJsonLine(path: string): Promise<{ line: number; error: string } | null> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (text.trim() === '') continue;
    try {
      JSON.parse(text);
    } catch (e) {
      rl.close();
      return { line: n, error: (e as Error).message };
    }
  }
  return null;
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

async function run(c: DuckDBConnection, sql: string, params: unknown[] = []): Promise<void> {
  const t0 = Date.now();
  await c.run(sql, params as DuckDBValue[]);
  debugTiming(t0, sql);
}

const all = rowsOf;
