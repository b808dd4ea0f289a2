import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, totalmem } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import type { TableInfo, WorkspaceInfo } from '../../contract/workspace.ts';
import { APP_VERSION } from '../app-version.ts';
import { SerialConnection } from '../db/serial-connection.ts';
import { quoteIdent } from '../db/sql.ts';
import { ClearsightError } from '../errors.ts';
import { migrate } from '../schema/migrations.ts';
import { groupOf, TABLE_LABELS_ZH } from '../schema/canonical.ts';
import { TaskHub } from '../tasks.ts';
import { workspaceLayout, type WorkspaceLayout } from './layout.ts';
import { writeMeta } from './meta.ts';

export interface OpenOptions {
  /** DuckDB memory_limit, e.g. '8GB'. Default: CLEARSIGHT_MEMORY_LIMIT or 60% of RAM. */
  memoryLimit?: string;
  threads?: number;
}

/** Workspaces open in this process, by real path: DuckDB must not attach one file twice. */
const openHere = new Set<string>();

/**
 * A workspace folder: workspace.duckdb (all data, results, cases, audit log), attachments/,
 * exports/ and tmp/ (DuckDB spill). One process writes a workspace at a time; DuckDB's own
 * file lock enforces it and a second opener gets a clear 'in_use' error naming the holder.
 */
export class Workspace {
  readonly tasks = new TaskHub();

  private constructor(
    readonly layout: WorkspaceLayout,
    private readonly instance: DuckDBInstance,
    readonly conn: SerialConnection,
    private readonly key: string,
  ) {}

  /** Create a workspace, or open and upgrade an existing one (`clearsight init`). */
  static async init(dir: string, opts: OpenOptions = {}): Promise<Workspace> {
    const layout = workspaceLayout(dir);
    if (existsSync(layout.root)) {
      if (!statSync(layout.root).isDirectory()) {
        throw new ClearsightError('bad_input', `不是文件夹 / not a folder: ${layout.root}`);
      }
      if (!existsSync(layout.db) && readdirSync(layout.root).length > 0) {
        throw new ClearsightError('bad_input',
          `文件夹非空且不是明鉴工作区 / folder is not empty and is not a Clearsight workspace: ${layout.root}`);
      }
    }
    mkdirSync(layout.root, { recursive: true });
    return Workspace.connect(layout, opts);
  }

  /** Open an existing workspace, upgrading its schema if this build is newer. */
  static async open(dir: string, opts: OpenOptions = {}): Promise<Workspace> {
    const layout = workspaceLayout(dir);
    if (existsSync(layout.root) && !statSync(layout.root).isDirectory()) {
      throw new ClearsightError('bad_input', `不是文件夹 / not a folder: ${layout.root}`);
    }
    if (!existsSync(layout.db)) {
      throw new ClearsightError('not_found',
        `找不到工作区（先运行 clearsight init）/ no workspace at ${layout.root} (run clearsight init first)`);
    }
    return Workspace.connect(layout, opts);
  }

  private static async connect(layout: WorkspaceLayout, opts: OpenOptions): Promise<Workspace> {
    const key = realpathSync(layout.root);
    if (openHere.has(key)) {
      throw new ClearsightError('in_use', `工作区已在本进程中打开 / workspace already open in this process (PID ${process.pid}): ${layout.root}`);
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(layout.db, {
        memory_limit: opts.memoryLimit ?? process.env.CLEARSIGHT_MEMORY_LIMIT ?? defaultMemoryLimit(),
        threads: String(opts.threads ?? availableParallelism()),
        temp_directory: layout.tmp,
      });
    } catch (e) {
      throw openError(e, layout);
    }
    openHere.add(key);
    // Created only once the workspace is ours: a refused opener leaves the folder untouched.
    for (const d of [layout.attachments, layout.exports, layout.tmp]) mkdirSync(d, { recursive: true });
    // Left-overs of a killed import or export (copies, partial files) are stale: this process holds the lock.
    for (const f of readdirSync(layout.tmp)) if (/^(import|export)-/.test(f)) rmSync(join(layout.tmp, f), { force: true });
    const raw = await instance.connect();
    // DuckDB's own estimate of a running statement's progress, polled for progress bars (db/query-progress.ts).
    await raw.run(`SET enable_progress_bar = true; SET enable_progress_bar_print = false`);
    const conn = new SerialConnection(raw);
    const ws = new Workspace(layout, instance, conn, key);
    try {
      await conn.exclusive((c) => migrate(c, APP_VERSION));
      await ws.checkIdHashKey();
      await conn.run(`INSERT INTO workspace_meta VALUES ('created_at', strftime(now(), '%Y-%m-%dT%H:%M:%S')), ('app_version', $1)
        ON CONFLICT (key) DO NOTHING`, [APP_VERSION]);
    } catch (e) {
      await ws.close();
      throw e;
    }
    return ws;
  }

  /** The key ID numbers are hashed under (HMAC-SHA256); see privacy/id-hash.ts. */
  idHashKey(): Buffer {
    return Buffer.from(readFileSync(this.layout.key, 'utf8').trim(), 'hex');
  }

  /** Replace the ID-hash key (the synthetic province uses one derived from its seed, so its hashes are reproducible). */
  async setIdHashKey(key: Buffer): Promise<void> {
    writeFileSync(this.layout.key, key.toString('hex'), { mode: 0o600 });
    await this.setMeta({ id_hash_key_sha256: keyFingerprint(key) });
  }

  /**
   * The key file lives beside the database. A new workspace gets a random one; a workspace whose key file
   * is missing or replaced is refused, because every stored ID hash would silently stop matching.
   */
  private async checkIdHashKey(): Promise<void> {
    const known = (await this.meta()).id_hash_key_sha256;
    if (!existsSync(this.layout.key)) {
      if (known) {
        throw new ClearsightError('bad_input', `缺少身份证号哈希密钥文件 ${this.layout.key}，请从备份恢复 / the ID-hash key file is missing (${this.layout.key}); restore it from a backup`);
      }
      await this.setIdHashKey(randomBytes(32));
      return;
    }
    const fp = keyFingerprint(this.idHashKey());
    if (!known) await this.setMeta({ id_hash_key_sha256: fp });
    else if (known !== fp) {
      throw new ClearsightError('bad_input', `身份证号哈希密钥文件与本工作区不符 / the ID-hash key file does not belong to this workspace (${this.layout.key})`);
    }
  }

  async meta(): Promise<Record<string, string>> {
    const rows = await this.conn.all<{ key: string; value: string }>('SELECT key, value FROM workspace_meta');
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  async setMeta(values: Record<string, string>): Promise<void> {
    await this.conn.exclusive((c) => writeMeta(c, values));
  }

  async info(): Promise<WorkspaceInfo> {
    const m = await this.meta();
    const version = await this.conn.one<{ v: number }>('SELECT MAX(version) AS v FROM schema_version');
    return {
      dir: this.layout.root,
      schemaVersion: Number(version?.v ?? 0),
      createdAt: m.created_at ?? '',
      appVersion: m.app_version ?? '',
      dataAsOf: m.data_as_of ?? null,
      synthetic: m.synthetic_seed !== undefined
        ? { scale: m.synthetic_scale ?? '', seed: Number(m.synthetic_seed), generatedAt: m.synthetic_generated_at ?? '' }
        : null,
    };
  }

  /**
   * Tables and views of the workspace with their columns; row counts for tables. Fingerprints are
   * given for data tables only: the system tables hold timestamps of when this copy was made.
   */
  async tables(opts: { fingerprint?: boolean } = {}): Promise<TableInfo[]> {
    const cols = await this.conn.all<{ table_name: string; column_name: string; data_type: string; kind: string }>(`
      SELECT c.table_name, c.column_name, c.data_type,
             CASE WHEN t.table_type = 'VIEW' THEN 'view' ELSE 'table' END AS kind
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
      WHERE c.table_schema = 'main' AND c.table_catalog = current_database()
      ORDER BY c.table_name, c.ordinal_position`);
    const byName = new Map<string, TableInfo>();
    for (const c of cols) {
      let t = byName.get(c.table_name);
      if (!t) {
        t = { name: c.table_name, labelZh: TABLE_LABELS_ZH[c.table_name] ?? c.table_name, kind: c.kind as TableInfo['kind'],
          group: groupOf(c.table_name), rows: null, columns: [] };
        byName.set(c.table_name, t);
      }
      t.columns.push({ name: c.column_name, type: c.data_type });
    }
    const out = [...byName.values()];
    for (const t of out) {
      if (t.kind !== 'table') continue;
      const q = quoteIdent(t.name);
      const fingerprint = opts.fingerprint && t.group !== 'system';
      const r = await this.conn.one<{ n: number; fp: string | null }>(fingerprint
        ? `SELECT COUNT(*) AS n, SUM(hash(x))::VARCHAR AS fp FROM ${q} x`
        : `SELECT COUNT(*) AS n, NULL AS fp FROM ${q}`);
      t.rows = Number(r?.n ?? 0);
      if (fingerprint) t.fingerprint = `${t.rows}:${r?.fp ?? '0'}`;
    }
    return out;
  }

  async close(): Promise<void> {
    this.tasks.cancelAll();
    try {
      await this.conn.close();
    } finally {
      this.instance.closeSync();
      openHere.delete(this.key);
    }
  }
}

function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex');
}

function defaultMemoryLimit(): string {
  return `${Math.max(1, Math.floor((totalmem() * 0.6) / 2 ** 30))}GB`;
}

function openError(e: unknown, layout: WorkspaceLayout): ClearsightError {
  const msg = e instanceof Error ? e.message : String(e);
  const lock = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(msg);
  if (lock) {
    return new ClearsightError('in_use',
      `工作区正被进程 ${lock[2]} 使用 / workspace in use by PID ${lock[2]} (${lock[1]}): ${layout.root}`);
  }
  if (/not a valid DuckDB database|Corrupt|checksum/i.test(msg)) {
    return new ClearsightError('bad_input', `工作区数据库文件无法读取 / workspace database cannot be read: ${layout.db}: ${msg}`);
  }
  return new ClearsightError('internal', `打开工作区失败 / cannot open workspace ${layout.root}: ${msg}`);
}
