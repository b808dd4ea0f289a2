import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  BOOLEAN, DATE, DOUBLE, DuckDBDateValue, INTEGER, LIST, MAP, VARCHAR, listValue, mapValue,
  type DuckDBConnection, type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';
import type { ModelParam, ModelRunSummary, ParamValue, RunSummary } from '../../contract/models.ts';
import { assertReadOnlyQuery } from '../db/read-only.ts';
import { inTransaction, retryingInterrupt, throwIfAborted } from '../db/serial-connection.ts';
import { rowsOf } from '../db/rows.ts';
import { quoteIdent } from '../db/sql.ts';
import { debugTiming } from '../debug-timing.ts';
import { ClearsightError } from '../errors.ts';
import type { Task } from '../tasks.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { loadLibrary, selectModels } from './library.ts';
import { paramValueFits, type ModelDefinition } from './model-file.ts';
import { recordLibrary } from './model-table.ts';
import { planSharedViews } from './shared-views.ts';
import { dropSharedViews, provideSharedViews } from './support-tables.ts';
import { updateWarnings } from './warnings.ts';

export interface RunRequest {
  /** Model ids; empty with no domain means the whole library. */
  models?: string[];
  domain?: string;
  /**
   * Parameter overrides as 'MODEL-ID.name' → text as typed on the command line or in the UI, or a value of
   * the parameter's type (from a program, e.g. list items that hold commas).
   */
  params?: Record<string, string | ParamValue>;
  /** The data's "today" ($as_of); default: the workspace's data_as_of, else today. */
  asOf?: string;
  /**
   * The caller's own reading of the same data within the run, after the models, while the derived views they
   * share are still computed (`clearsight ocds-flags` reads Cardinal's statistics there); its SQL counts
   * when deciding which views to share.
   */
  after?: { sql: string[]; read: (c: DuckDBConnection) => Promise<void> };
}

/** The columns a hit row may carry (DESIGN.md, Models); the model returns those that apply. */
export const HIT_COLUMNS: Record<string, string> = {
  subject_type: 'VARCHAR', subject_id: 'VARCHAR', tender_id: 'VARCHAR', lot_id: 'VARCHAR', org_id: 'VARCHAR',
  person_id: 'VARCHAR', contract_id: 'VARCHAR', lease_id: 'VARCHAR', buyer_org_id: 'VARCHAR',
  amount_cny: 'DECIMAL(18,2)', score: 'DOUBLE', occurred_on: 'DATE', region_code: 'VARCHAR',
};

/**
 * A hit's fingerprint, the key of its warning: model, subject and where it happened (tender and lot), as the
 * MD5 of those values read as a 128-bit number by md5_number (migration 13 rekeyed older hits and warnings
 * the same way; a test pins md5_number's value, since a DuckDB that changed it would raise every warning anew).
 */
const FINGERPRINT = (model: string, subjectType: string, subjectId: string, tenderId: string, lotId: string) =>
  `md5_number(concat_ws('|', ${model}, ${subjectType}, ${subjectId}, COALESCE(${tenderId}, ''), COALESCE(${lotId}, '')))`;

/** The workspace's models folder: files there add to or override the built-in library. */
export function workspaceModelsDir(ws: Workspace): string {
  return join(ws.layout.root, 'models');
}

/**
 * Run models against the workspace, in two steps. First every model's result is computed into a temporary
 * table of this connection, and nothing of the run is recorded (only the derived views the models read may be
 * computed into support tables, kept for later runs until their data changes: support-tables.ts); then one
 * transaction records the run (its hits, model runs and warnings): cancelled or failed, nothing of it is
 * recorded. A model whose data is absent is "not applicable"; a model whose SQL fails is "failed" with the
 * error, and the others still run. (The two steps are also faster: in one transaction,
 * each model's hits appended after the next model's temporary tables were made there cost 2-3 s more for a
 * large model at bench scale.)
 */
export async function runModels(ws: Workspace, req: RunRequest, task: Task): Promise<RunSummary> {
  const started = Date.now();
  const library = loadLibrary(workspaceModelsDir(ws));
  const models = selectModels(library, req.models ?? [], req.domain);
  if (models.length === 0) throw new ClearsightError('usage', `没有选中任何模型 / no models selected${req.domain ? ` in domain ${req.domain}` : ''}`);
  const values = resolveParams(models, req.params ?? {});
  const asOf = req.asOf ?? (await ws.meta()).data_as_of ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new ClearsightError('usage', `--as-of must be YYYY-MM-DD (got '${asOf}')`);
  const runId = `run-${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${randomUUID().slice(0, 6)}`;

  // The connection is held for the whole run, so no other statement of this workspace comes between the
  // two steps: the models and the record see the same data.
  return ws.conn.exclusive(async (c) => {
    // Every temporary table the run makes, dropped however it ends: a computed shared view left behind would
    // stand in for the view in later queries of this connection.
    const temps: string[] = ['_model_result'];
    const sharedNames: string[] = [];
    try {
      task.step('检查数据', 'checking which data is present', models.length, 'models');
      const tPresence = Date.now();
      const presence = new DataPresence(c);
      const missing = new Map<string, string[]>();
      for (const m of models) missing.set(m.id, await presence.missing(m.requires));
      const applicable = models.filter((m) => missing.get(m.id)!.length === 0);
      const fingerprint = await dataFingerprint(c, presence, models);
      debugTiming(tPresence, 'data presence and fingerprint');

      // Shared work: a derived view the models read is computed once, and kept as a support table until its
      // data changes (support-tables.ts); for the run a temporary view of the same name over it is what their
      // unqualified references resolve to (in dependency order, so a view built on another reads the computed
      // one). Kept, even a view one model reads is cheaper to read whole than to compute with that model's
      // filters reaching into it (BID-049 over v_person_org_link: 2.6 s instead of 4.8 at bench scale).
      // Insertion order is of no use to a model's result (its hits are numbered as they come): DuckDB works
      // without keeping it, about a tenth faster at bench scale, until the run records its hits.
      await c.run('SET preserve_insertion_order = false');
      const shared = await planSharedViews(c, [...applicable.map((m) => m.sql), ...(req.after?.sql ?? [])]);
      sharedNames.push(...shared.map((s) => s.view));
      task.step('准备共用视图（模型支撑表）', 'preparing shared views (model support tables)', shared.length, 'steps');
      const sharedViews: RunSummary['shared_views'] = await provideSharedViews(c, shared, (done) => task.advance(done));

      const summaries: ModelRunSummary[] = [];
      const staged: string[] = []; // the tables of the models that ran
      for (const [i, m] of models.entries()) {
        // One forced event per model with its index, so a listener sees every model start (advance is throttled).
        task.step(`运行 ${m.id} ${m.name_zh}`, `running ${m.id} ${m.name_en}`, models.length, 'models', i);
        if (missing.get(m.id)!.length > 0) {
          summaries.push({ model_id: m.id, status: 'not_applicable', hits: 0, seconds: 0, missing: missing.get(m.id)! });
          continue;
        }
        const table = `_model_hits_${i}`;
        temps.push(table);
        const summary = await computeOne(c, m, values.bound.get(m.id)!, asOf, table);
        if (summary.status === 'ok') staged.push(table);
        summaries.push(summary);
      }
      if (req.after) await req.after.read(c);
      await dropSharedViews(c, sharedNames);
      await c.run('RESET preserve_insertion_order');
      throwIfAborted(task.signal);

      task.step('保存命中并更新预警', 'recording hits and updating warnings', 0, 'steps');
      return await inTransaction(c, async () => {
        await recordLibrary(c, library);
        // (now() is the transaction's start, after the models: the run started that many seconds earlier.)
        await c.run(`INSERT INTO analysis_run VALUES ($1, (now() - to_seconds($6::DOUBLE))::TIMESTAMP, NULL, $2::DATE, $3, $4, $5, 'running', NULL)`,
          [runId, asOf, JSON.stringify(models.map((m) => m.id)), JSON.stringify(values.text), fingerprint.all, (Date.now() - started) / 1000]);
        const tHits = Date.now();
        const runHits = staged.length > 0 ? `(${staged.map((t) => `SELECT * FROM temp.${quoteIdent(t)}`).join(' UNION ALL ')})` : null;
        // A content no run stored before, then a record of every hit, each in one statement (model by model,
        // they took a third longer). A run that finds what the last one found stores records alone: storing
        // every hit's evidence again cost 8-10 s a run at bench scale, with the checkpoint after it.
        if (runHits) {
          await c.run(`INSERT INTO hit_content SELECT DISTINCT ON (fingerprint, content_hash) fingerprint, content_hash, ${CONTENT_COLUMNS.join(', ')}
            FROM ${runHits} ANTI JOIN hit_content USING (fingerprint, content_hash)`);
          await c.run(`INSERT INTO hit_record SELECT $1, model_id, hit_no, severity, fingerprint, content_hash FROM ${runHits}`, [runId]);
        }
        debugTiming(tHits, 'hits stored');
        for (const [i, s] of summaries.entries()) {
          const m = models[i]!;
          await c.run(`INSERT INTO model_run (run_id, model_id, started_at, finished_at, data_as_of, params_json, row_count,
              analysis_run_id, status, missing_json, seconds, data_fingerprint, model_sha256)
            VALUES ($1, $2, now()::TIMESTAMP, now()::TIMESTAMP, $3::DATE, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [`${runId}/${m.id}`, m.id, asOf, JSON.stringify(values.text[m.id] ?? {}), s.hits, runId, s.status,
            s.missing ? JSON.stringify(s.missing) : null, s.seconds, fingerprint.byModel.get(m.id)!, m.sha256]);
        }
        const tWarnings = Date.now();
        // The warnings are worked out from the run's hits as computed, not read back from the stored hits.
        const warnings = runHits ? await updateWarnings(c, runId, runHits) : { new: 0, seen_again: 0, escalated: 0 };
        debugTiming(tWarnings, 'warnings');
        const seconds = (Date.now() - started) / 1000;
        await c.run(`UPDATE analysis_run SET finished_at = now()::TIMESTAMP, status = 'done', seconds = $2 WHERE run_id = $1`, [runId, seconds]);
        return { run_id: runId, as_of: asOf, seconds, data_fingerprint: fingerprint.all, models: summaries, shared_views: sharedViews, warnings };
      }, task.signal);
    } finally {
      await retryingInterrupt(() => c.run('RESET preserve_insertion_order'));
      for (const t of temps) await dropTemp(c, t);
      await dropSharedViews(c, sharedNames);
    }
  }, task.signal);
}

/**
 * A hit's content: every column but its model, number, severity and fingerprint, as hit_content stores it
 * (migration 17). content_hash is DuckDB's 64-bit hash of it, in this order (migration 17 writes the same
 * expression for the hits and warnings before it): with the fingerprint it names a stored content, and a
 * warning keeps it to tell whether a run changed its content (see updateWarnings). Were hash() to change in a
 * new DuckDB, the next run would store every content once more and rewrite every warning's, unchanged.
 */
const CONTENT_COLUMNS = [...Object.keys(HIT_COLUMNS), 'evidence_json'];
const CONTENT_HASH = `hash(${CONTENT_COLUMNS.join(', ')})`;

/**
 * Compute one model into a temporary table of hit rows (without the run id); its SQL errors, and results that
 * are not hits, make it "failed" with the error. Its seconds are its own query's.
 */
async function computeOne(c: DuckDBConnection, m: ModelDefinition, bound: BoundParams, asOf: string, table: string): Promise<ModelRunSummary> {
  const t0 = Date.now();
  try {
    await assertReadOnlyQuery(c, m.sql);
    const { values: vals, types } = bindingsFor(m, bound, asOf);
    await c.run(`CREATE OR REPLACE TEMP TABLE _model_result AS ${m.sql}`, vals, types);
    const seconds = (Date.now() - t0) / 1000;
    debugTiming(t0, `model ${m.id}`);
    const cols = new Map((await rowsOf<{ n: string; t: string }>(c, `SELECT column_name AS n, data_type AS t FROM duckdb_columns()
      WHERE database_name = 'temp' AND table_name = '_model_result'`)).map((r) => [r.n, r.t]));
    if (!cols.has('subject_id')) throw new Error('the query must return a subject_id column');
    if (cols.has('rowid')) throw new Error('a column may not be named rowid (the runner numbers hits by it)');
    const pick = (name: string, type: string) => cols.has(name) ? `CAST(h.${quoteIdent(name)} AS ${type})` : `NULL::${type}`;
    const evidence = !cols.has('evidence') ? `NULL::VARCHAR`
      : /^(VARCHAR|JSON)$/.test(cols.get('evidence')!) ? `CAST(h.evidence AS VARCHAR)` : `to_json(h.evidence)::VARCHAR`;
    const severity = cols.has('severity') ? `COALESCE(h.severity, '${m.severity}')` : `'${m.severity}'`;
    const subjectType = cols.has('subject_type') ? `COALESCE(h.subject_type, '${m.subject_type}')` : `'${m.subject_type}'`;
    const [count] = await rowsOf<{ n: number; bad: number }>(c, `SELECT count(*) AS n,
      count(*) FILTER (WHERE h.subject_id IS NULL OR ${severity} NOT IN ('red', 'orange', 'yellow')) AS bad FROM temp._model_result h`);
    if (Number(count!.bad) > 0) throw new Error('every hit needs a subject_id and a severity of red, orange or yellow');
    // hit_no numbers the model's hits: (run, model, hit_no) names a hit, and the warnings step reads hits back
    // by it. It comes from the rowids of the table just written, which are unique and consecutive;
    // row_number() OVER () gathered every row in one thread first: 2 s for 658k hits.
    await c.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS
      SELECT *, ${CONTENT_HASH} AS content_hash FROM (SELECT $1 AS model_id, CAST(h.rowid - (SELECT min(rowid) FROM temp._model_result) + 1 AS INTEGER) AS hit_no,
        ${severity} AS severity, ${subjectType} AS subject_type, CAST(h.subject_id AS VARCHAR) AS subject_id,
        ${Object.entries(HIT_COLUMNS).filter(([n]) => n !== 'subject_type' && n !== 'subject_id').map(([n, t]) => `${pick(n, t)} AS ${n}`).join(', ')},
        ${evidence} AS evidence_json,
        ${FINGERPRINT('$1', subjectType, 'CAST(h.subject_id AS VARCHAR)', pick('tender_id', 'VARCHAR'), pick('lot_id', 'VARCHAR'))} AS fingerprint
      FROM temp._model_result h)`, [m.id]);
    const n = Number(count!.n);
    debugTiming(t0, `model ${m.id} with its ${n} hits staged`);
    await c.run(`DROP TABLE temp._model_result`);
    return { model_id: m.id, status: 'ok', hits: n, seconds };
  } catch (e) {
    if (/INTERRUPT/i.test((e as Error).message)) throw e;
    await dropTemp(c, '_model_result');
    await dropTemp(c, table);
    return { model_id: m.id, status: 'failed', hits: 0, seconds: (Date.now() - t0) / 1000, error: (e as Error).message.split('\n')[0] };
  }
}

/** Drop a temporary table, again if a cancel's repeated interrupt hit the statement. */
async function dropTemp(c: DuckDBConnection, table: string): Promise<void> {
  await retryingInterrupt(() => c.run(`DROP TABLE IF EXISTS temp.${quoteIdent(table)}`));
}

export interface BoundParams { values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> }

/** The values and types to bind for the parameters a model's SQL uses ($as_of included). */
export function bindingsFor(m: ModelDefinition, bound: BoundParams, asOf: string): BoundParams {
  const used = new Set([...m.sql.matchAll(/\$([a-z][a-z0-9_]*)/g)].map((x) => x[1]!));
  const out: BoundParams = { values: {}, types: {} };
  for (const name of used) {
    if (name === 'as_of') { out.values.as_of = dateOf(asOf); out.types.as_of = DATE; continue; }
    out.values[name] = bound.values[name]!;
    out.types[name] = bound.types[name]!;
  }
  return out;
}

/** Every selected model's parameters: defaults, overridden by 'ID.name' values, checked and typed. */
export function resolveParams(models: ModelDefinition[], overrides: Record<string, string | ParamValue>):
  { bound: Map<string, BoundParams>; text: Record<string, Record<string, unknown>> } {
  const byId = new Map(models.map((m) => [m.id, m]));
  for (const key of Object.keys(overrides)) {
    const [id, name] = key.split('.') as [string, string | undefined];
    const m = byId.get(id?.toUpperCase() ?? '');
    if (!m || !name) throw new ClearsightError('usage', `--param 需要 模型编号.参数名=值 / --param takes MODEL-ID.name=value of a selected model (got '${key}')`);
    if (!m.params.some((p) => p.name === name)) {
      throw new ClearsightError('usage', `${m.id} 没有参数 ${name} / ${m.id} has no parameter '${name}' (it has: ${m.params.map((p) => p.name).join(', ') || 'none'})`);
    }
  }
  const bound = new Map<string, BoundParams>();
  const text: Record<string, Record<string, unknown>> = {};
  for (const m of models) {
    const b: BoundParams = { values: {}, types: {} };
    text[m.id] = {};
    for (const p of m.params) {
      const given = Object.entries(overrides).find(([k]) => k.toUpperCase() === `${m.id}.${p.name}`.toUpperCase())?.[1];
      const v = given === undefined ? p.default : typeof given === 'string' && p.type !== 'text' ? parseParam(m.id, p, given) : checkParam(m.id, p, given);
      text[m.id]![p.name] = v;
      [b.values[p.name], b.types[p.name]] = paramBinding(p, v);
    }
    bound.set(m.id, b);
  }
  return { bound, text };
}

function checkParam(id: string, p: ModelParam, v: ParamValue): ParamValue {
  if (!paramValueFits(p.type, v)) throw new ClearsightError('usage', `${id}.${p.name} 应为 ${p.type} / ${id}.${p.name} must be ${p.type} (got ${JSON.stringify(v)})`);
  return v;
}

function parseParam(id: string, p: ModelParam, s: string): ParamValue {
  const bad = () => new ClearsightError('usage', `${id}.${p.name} 应为 ${p.type} / ${id}.${p.name} must be ${p.type} (got '${s}')`);
  const t = s.trim();
  // An empty integer or number is "not set" where the model allows it (its default is not set).
  if (t === '' && p.default === null && (p.type === 'integer' || p.type === 'number')) return null;
  switch (p.type) {
    case 'integer': { if (!/^-?\d+$/.test(t)) throw bad(); return Number(t); }
    case 'number': { const x = Number(t); if (t === '' || !Number.isFinite(x)) throw bad(); return x; }
    case 'boolean': { if (!/^(true|false)$/i.test(t)) throw bad(); return t.toLowerCase() === 'true'; }
    case 'date': { if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) throw bad(); return t; }
    case 'text_list': return s.split(',').map((x) => x.trim()).filter((x) => x !== '');
    case 'integer_map': {
      const out: Record<string, number> = {};
      for (const item of s.split(',').map((x) => x.trim()).filter((x) => x !== '')) {
        const eq = item.lastIndexOf('=');
        if (eq <= 0 || !/^-?\d+$/.test(item.slice(eq + 1).trim())) throw bad();
        out[item.slice(0, eq).trim()] = Number(item.slice(eq + 1));
      }
      return out;
    }
    default: return s;
  }
}

/** A parameter's value as DuckDB binds it. */
export function paramBinding(p: Pick<ModelParam, 'type'>, v: ParamValue): [DuckDBValue, DuckDBType] {
  switch (p.type) {
    case 'integer': return [v as number | null, INTEGER];
    case 'number': return [v as number | null, DOUBLE];
    case 'boolean': return [v as boolean, BOOLEAN];
    case 'date': return [dateOf(v as string), DATE];
    case 'text_list': return [listValue((v as string[]).map(String)), LIST(VARCHAR)];
    case 'integer_map': return [mapValue(Object.entries(v as Record<string, number>).map(([key, value]) => ({ key, value }))), MAP(VARCHAR, INTEGER)];
    default: return [String(v), VARCHAR];
  }
}

export function dateOf(iso: string): DuckDBDateValue {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return DuckDBDateValue.fromParts({ year, month, day });
}

/**
 * Which required tables and columns hold data. A table with no rows, or a column that is NULL in every
 * row, counts as absent: the model would find nothing and that would read as "all clear". One query per
 * table, whatever the number of models asking.
 */
class DataPresence {
  private readonly tables = new Map<string, { rows: number; filled: Set<string> } | null>();
  constructor(private readonly c: DuckDBConnection) {}

  async missing(requires: Record<string, string[]>): Promise<string[]> {
    const out: string[] = [];
    for (const [table, columns] of Object.entries(requires)) {
      const t = await this.table(table);
      if (!t || t.rows === 0) { out.push(table); continue; }
      for (const col of columns) if (!t.filled.has(col)) out.push(`${table}.${col}`);
    }
    return out;
  }

  async rows(table: string): Promise<number> {
    return (await this.table(table))?.rows ?? 0;
  }

  private async table(table: string) {
    if (this.tables.has(table)) return this.tables.get(table)!;
    const cols = (await rowsOf<{ n: string }>(this.c, `SELECT column_name AS n FROM duckdb_columns()
      WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1`, [table])).map((r) => r.n);
    if (cols.length === 0) { this.tables.set(table, null); return null; }
    // EXISTS stops at the first value, so a filled column costs a few rows, not a scan of the table.
    const counts = (await rowsOf<Record<string, number | boolean>>(this.c, `SELECT (SELECT count(*) FROM ${quoteIdent(table)}) AS "*rows",
      ${cols.map((x) => `EXISTS (SELECT 1 FROM ${quoteIdent(table)} WHERE ${quoteIdent(x)} IS NOT NULL) AS ${quoteIdent(x)}`).join(', ')}`))[0]!;
    const info = { rows: Number(counts['*rows']), filled: new Set(cols.filter((x) => counts[x] === true)) };
    this.tables.set(table, info);
    return info;
  }
}

/**
 * A fingerprint of the data each model read: its tables' row counts and the import batches and
 * generation that produced the workspace's data. Cheap, and it changes whenever the data does.
 */
async function dataFingerprint(c: DuckDBConnection, presence: DataPresence, models: ModelDefinition[]) {
  const batches = (await rowsOf<{ b: string }>(c, `SELECT COALESCE(string_agg(batch_id, ',' ORDER BY batch_id), '') AS b FROM import_batch`))[0]!.b;
  const gen = (await rowsOf<{ g: string }>(c, `SELECT COALESCE(string_agg(key || '=' || value, ',' ORDER BY key), '') AS g FROM workspace_meta
    WHERE key LIKE 'synthetic_%' OR key = 'data_as_of'`))[0]!.g;
  const byModel = new Map<string, string>();
  const all = createHash('sha256').update(batches).update(gen);
  for (const m of models) {
    const h = createHash('sha256').update(batches).update(gen);
    for (const t of Object.keys(m.requires).sort()) {
      const n = await presence.rows(t);
      h.update(`${t}:${n};`);
      all.update(`${m.id}:${t}:${n};`);
    }
    byModel.set(m.id, h.digest('hex').slice(0, 16));
  }
  return { all: all.digest('hex').slice(0, 16), byModel };
}
