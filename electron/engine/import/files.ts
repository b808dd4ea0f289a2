import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ClearsightError } from '../errors.ts';
import { DATA_TABLES } from '../schema/canonical.ts';

export type ImportFormat = 'csv' | 'tsv' | 'xlsx' | 'parquet' | 'jsonl' | 'json' | 'ftm' | 'ocds';
const ALL_FORMATS = ['csv', 'tsv', 'xlsx', 'parquet', 'json', 'jsonl', 'ocds', 'ftm'] as const;
const SUPPORTED: readonly string[] = ['csv', 'tsv', 'xlsx', 'parquet', 'jsonl', 'json', 'ftm', 'ocds'];

export interface PlannedFile {
  path: string;
  table: string;
  format: ImportFormat;
}

/**
 * Which files an import reads and into which tables: a folder contributes its `<table>.<ext>` files;
 * a file goes to --table, or to the table its name spells.
 */
export function planFiles(paths: string[], opts: { table?: string; format?: string }): PlannedFile[] {
  if (paths.length === 0) throw new ClearsightError('usage', '请指定要导入的文件或文件夹 / give at least one file or folder to import');
  if (opts.format !== undefined && !(ALL_FORMATS as readonly string[]).includes(opts.format)) {
    throw new ClearsightError('usage', `--format must be one of ${ALL_FORMATS.join(', ')} (got '${opts.format}')`);
  }
  if (opts.table !== undefined && !DATA_TABLES.includes(opts.table)) {
    throw new ClearsightError('usage', `--table '${opts.table}' 不是规范表 / is not a canonical table`);
  }
  const out: PlannedFile[] = [];
  for (const p of paths.map((x) => resolve(x))) {
    if (!existsSync(p)) throw new ClearsightError('bad_input', `找不到文件 / no such file or folder: ${p}`, { file: p });
    if (statSync(p).isDirectory()) {
      const files = readdirSync(p).filter((f) => !f.startsWith('.')).sort();
      const known = files.filter((f) => DATA_TABLES.includes(tableOfName(f)));
      if (known.length === 0) {
        throw new ClearsightError('bad_input', `文件夹中没有以规范表命名的文件（如 bid.csv）/ no files named after canonical tables (e.g. bid.csv) in ${p}`, { file: p });
      }
      for (const f of known) out.push(plan(join(p, f), undefined, opts.format));
    } else {
      out.push(plan(p, opts.table, opts.format));
    }
  }
  return out;
}

export function tableOfName(file: string): string {
  return basename(file).split('.')[0]!.toLowerCase();
}

/** The format a file is read as: the given one, or its extension's; refuses .xls and unknown ones. */
export function formatOf(path: string, format: string | undefined): ImportFormat {
  const ext = extname(path).slice(1).toLowerCase();
  // FollowTheMoney entity streams: .ftm or .ijson by FtM's convention, or OpenSanctions' entities.ftm.json.
  const f = format ?? (ext === 'ijson' || /\.ftm\.json$/i.test(path) ? 'ftm' : ext);
  if (f === 'xls') {
    throw new ClearsightError('bad_input', `不支持旧版 .xls，请在 Excel 中另存为 .xlsx / .xls is not supported: save it as .xlsx in Excel`, { file: path });
  }
  if (!SUPPORTED.includes(f)) {
    throw new ClearsightError('bad_input', (ALL_FORMATS as readonly string[]).includes(f)
      ? `格式 ${f} 的导入尚未实现 / importing ${f} is not implemented yet`
      : `无法识别文件格式（用 --format 指定）/ unknown file format '${ext}' (give --format)`, { file: path });
  }
  return f as ImportFormat;
}

function plan(path: string, table: string | undefined, format: string | undefined): PlannedFile {
  const f = formatOf(path, format);
  // Formats that fill several tables from one file.
  if (f === 'ftm' || f === 'ocds') return { path, table: f, format: f };
  const t = table ?? tableOfName(path);
  if (!DATA_TABLES.includes(t)) {
    throw new ClearsightError('bad_input', `文件名不是规范表名，请用 --table 指定 / the file name does not name a canonical table ('${t}'); give --table`, { file: path });
  }
  return { path, table: t, format: f as ImportFormat };
}

/**
 * SHA-256 and size of a file, computed on a worker thread so that the import's own reading of the
 * file (encoding check, transcoding) runs beside it on the other core.
 */
export function fileDigest(path: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(DIGEST_WORKER, { eval: true, workerData: path });
    const onAbort = () => { void worker.terminate(); reject(new ClearsightError('cancelled', 'cancelled / 已取消')); };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (m: { sha256: string; size: number } | { error: string }) => {
      signal?.removeEventListener('abort', onAbort);
      if ('error' in m) reject(new ClearsightError('bad_input', `文件无法读取 / the file cannot be read: ${m.error}`, { file: path }));
      else resolve(m);
    });
    worker.once('error', (e) => { signal?.removeEventListener('abort', onAbort); reject(e); });
  });
}

const DIGEST_WORKER = `
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const h = createHash('sha256');
let size = 0;
createReadStream(workerData, { highWaterMark: 1 << 20 })
  .on('data', (b) => { h.update(b); size += b.length; })
  .on('end', () => parentPort.postMessage({ sha256: h.digest('hex'), size }))
  .on('error', (e) => parentPort.postMessage({ error: e.message }));
`;
