// Import figures for `npm run bench`: Clearsight's import of a canonical bid.csv against DuckDB's own
// CREATE TABLE ... AS SELECT * FROM read_csv(...) on the same file, the same file in GB18030, and a
// 1,000,000-row .xlsx, each in a fresh workspace on the same disk.
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import { exportData } from '../../electron/engine/export/export.ts';
import { importFiles } from '../../electron/engine/import/import.ts';
import type { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { Workspace as WS } from '../../electron/engine/workspace/workspace.ts';

/** Peak resident memory of this process so far (Linux), in MB. */
export function peakRssMb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Resident memory now (Linux), in MB. */
export function rssMb(): number | null {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : null;
}

/** Start a new peak: the kernel sets the high-water mark back to the current RSS (Linux; elsewhere a no-op). */
export function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: the peak is then the process's since it started
  }
}

/** One import into a fresh workspace: its time, rows, and the process's memory before and at its peak
 *  (the bench process also holds the source workspace, hence the two figures). */
async function timeImport(file: string, table: string, scratch: string): Promise<{ seconds: number; rows: number; rssBeforeMb: number | null; peakRssMb: number | null }> {
  const ws = await WS.init(mkdtempSync(join(scratch, 'ws-')));
  try {
    const rssBeforeMb = rssMb();
    resetPeakRss();
    const t0 = performance.now();
    const s = await ws.tasks.run('import', (t) => importFiles(ws, { paths: [file], table }, t));
    return { seconds: (performance.now() - t0) / 1000, rows: s.files[0]!.rowsLoaded, rssBeforeMb, peakRssMb: peakRssMb() };
  } finally {
    await ws.close();
  }
}

async function timeRawCtas(file: string, scratch: string): Promise<number> {
  const path = join(mkdtempSync(join(scratch, 'raw-')), 'raw.duckdb');
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  try {
    const t0 = performance.now();
    await c.run(`CREATE TABLE bid AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
    return (performance.now() - t0) / 1000;
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

export async function importBench(source: Workspace, scratch: string) {
  const csv = join(scratch, 'bid.csv');
  const gb = join(scratch, 'bid-gb18030.csv');
  const xlsx = join(scratch, 'bid-1m.xlsx');
  try {
    process.stderr.write('… import bench: writing bid.csv\n');
    await source.conn.run(`COPY bid TO '${csv.replaceAll("'", "''")}' (FORMAT csv, HEADER true)`);
    process.stderr.write('… import bench: DuckDB read_csv baseline\n');
    const raw = await timeRawCtas(csv, scratch);
    process.stderr.write('… import bench: Clearsight import (UTF-8)\n');
    const utf8 = await timeImport(csv, 'bid', scratch);
    process.stderr.write('… import bench: Clearsight import (GB18030)\n');
    await pipeline(createReadStream(csv), iconv.decodeStream('utf-8'), iconv.encodeStream('gb18030'), createWriteStream(gb));
    rmSync(csv, { force: true });
    const gbk = await timeImport(gb, 'bid', scratch);
    rmSync(gb, { force: true });
    process.stderr.write('… import bench: 1,000,000-row .xlsx\n');
    const tx = performance.now();
    await source.tasks.run('export', (t) => exportData(source, { sql: 'SELECT * FROM bid ORDER BY bid_id LIMIT 1000000', out: xlsx }, t));
    const xlsxWrite = (performance.now() - tx) / 1000;
    const x = await timeImport(xlsx, 'bid', scratch);
    return {
      bid_csv_rows: utf8.rows,
      duckdb_read_csv_ctas_s: round(raw),
      clearsight_csv_s: round(utf8.seconds),
      csv_ratio_to_duckdb: round(raw / utf8.seconds),
      clearsight_gb18030_csv_s: round(gbk.seconds),
      gb18030_ratio_to_duckdb: round(raw / gbk.seconds),
      xlsx_1m_export_s: round(xlsxWrite),
      xlsx_1m_import_s: round(x.seconds),
      xlsx_1m_rows: x.rows,
      // The process's resident memory before each import and its peak during it, in MB.
      memory_mb: {
        csv: { before: utf8.rssBeforeMb, peak: utf8.peakRssMb },
        gb18030: { before: gbk.rssBeforeMb, peak: gbk.peakRssMb },
        xlsx: { before: x.rssBeforeMb, peak: x.peakRssMb },
      },
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
