import { createHash } from 'node:crypto';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { debugTiming } from '../debug-timing.ts';
import { ClearsightError } from '../errors.ts';
import type { Task } from '../tasks.ts';
import { writeMeta } from '../workspace/meta.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { DATA_TABLES } from '../schema/canonical.ts';
import { rowsOf } from '../db/rows.ts';
import { quoteIdent } from '../db/sql.ts';
import { otherSteps } from './background/other.ts';
import { partySteps } from './background/parties.ts';
import { procurementSteps } from './background/procurement.ts';
import type { GenStep } from './background/step.ts';
import { populationLayout } from './layout.ts';
import { loadPlants } from './plants/index.ts';
import { ClaimShortage, type PlantContext, type TruthRow } from './plants/plant.ts';
import { planScale, type ScalePlan } from './scale.ts';
import { setupSql } from './setup.ts';

export interface GenerateOptions {
  scale: string;
  seed: number;
  /** Replace data already in the workspace (otherwise a non-empty workspace is refused). */
  replace?: boolean;
}

export interface GenerateSummary {
  scale: string;
  seed: number;
  asOf: string;
  seconds: number;
  rows: Record<string, number>;
  truth: { planted: number; nearMiss: number; models: number };
}

export function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 31) {
    throw new ClearsightError('usage', `--seed must be an integer from 0 to 2147483648 (got ${seed})`);
  }
}

/** The key under which synthetic ID numbers are hashed: derived from the seed, so output is reproducible. */
export function syntheticIdKey(seed: number): Buffer {
  return createHash('sha256').update(`clearsight-synthetic-id-key:${seed}`).digest();
}

/**
 * Fill a workspace with the synthetic province, in one transaction: interrupted or failed,
 * the workspace is left exactly as it was.
 */
export async function generateProvince(ws: Workspace, opts: GenerateOptions, task: Task): Promise<GenerateSummary> {
  checkSeed(opts.seed);
  const plan = planScale(opts.scale);
  const layout = populationLayout(plan);
  const started = Date.now();
  const steps: GenStep[] = [...partySteps(plan, layout), ...procurementSteps(plan, layout), ...otherSteps(plan, layout)];
  const truth: Array<TruthRow & { model_id: string }> = [];
  const rows: Record<string, number> = {};

  const PLANTS = await loadPlants();
  await ws.conn.transaction(async (c) => {
    const nonEmpty = await nonEmptyTables(c);
    if (nonEmpty.length > 0 && !opts.replace) {
      throw new ClearsightError('bad_input',
        `工作区已有数据（${nonEmpty.slice(0, 3).join(', ')}…），如需替换请加 --replace / workspace already holds data (${nonEmpty.slice(0, 3).join(', ')}…); use --replace to overwrite it`);
    }
    const t0 = Date.now();
    await emptyTables(c, [...nonEmpty, 'synthetic_truth']);
    debugTiming(t0, 'empty existing tables');
    for (const s of setupSql(opts.seed, syntheticIdKey(opts.seed))) await c.run(s);
    const total = steps.length + PLANTS.length + 1;
    let done = 0;
    for (const step of steps) {
      task.step(step.zh, `generating ${step.en}`, total);
      task.advance(done);
      for (const sql of step.sql) {
        task.throwIfCancelled();
        try {
          const t0 = Date.now();
          await c.run(sql);
          debugTiming(t0, sql);
        } catch (e) {
          throw new ClearsightError('internal', `generator step '${step.en}' failed: ${(e as Error).message}\n${sql.slice(0, 300)}`);
        }
      }
      done++;
    }
    const ctx = plantContext(c, plan, layout);
    for (const p of PLANTS) {
      task.step(`植入案例：${p.modelId}`, `planting ${p.modelId}`, total);
      task.advance(done);
      const t0 = Date.now();
      await p.neutralize?.(ctx);
      const before = ctx.recorded.length;
      await p.plant(ctx);
      debugTiming(t0, `plant ${p.modelId}`);
      for (const row of ctx.recorded.slice(before)) truth.push({ ...row, model_id: p.modelId });
      done++;
    }
    task.step('记录真值', 'recording truth', total);
    await writeTruth(c, truth);
    await cleanupTemp(c);
    // Counted before COMMIT: once committed, nothing may fail or be cancelled, or the report would contradict the data.
    for (const t of DATA_TABLES) {
      const r = await c.runAndReadAll(`SELECT COUNT(*) FROM ${quoteIdent(t)}`);
      rows[t] = Number(r.getRows()[0]?.[0] ?? 0);
    }
    await writeMeta(c, { data_as_of: plan.asOf, synthetic_scale: plan.name, synthetic_seed: String(opts.seed),
      synthetic_generated_at: new Date().toISOString().slice(0, 19) });
  }, task.signal);
  await ws.setIdHashKey(syntheticIdKey(opts.seed));

  return {
    scale: plan.name, seed: opts.seed, asOf: plan.asOf, seconds: (Date.now() - started) / 1000, rows,
    truth: {
      planted: truth.filter((t) => t.truth === 'planted').length,
      nearMiss: truth.filter((t) => t.truth === 'near_miss').length,
      models: new Set(truth.map((t) => t.model_id)).size,
    },
  };
}

/**
 * Empty tables by dropping and re-creating them from their own DDL, inside the caller's transaction:
 * DELETE on a table with a primary key maintains the index row by row (a minute for two million rows).
 */
async function emptyTables(c: DuckDBConnection, tables: string[]): Promise<void> {
  for (const t of tables) {
    const r = await c.runAndReadAll(`SELECT sql FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = $1`, [t]);
    const ddl = r.getRows()[0]?.[0];
    if (typeof ddl !== 'string') throw new ClearsightError('internal', `no DDL for table ${t}`);
    await c.run(`DROP TABLE ${quoteIdent(t)}`);
    await c.run(ddl);
  }
}


async function nonEmptyTables(c: DuckDBConnection): Promise<string[]> {
  const out: string[] = [];
  for (const t of DATA_TABLES) {
    const r = await c.runAndReadAll(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(t)}) AS x`);
    if (r.getRows()[0]?.[0] === true) out.push(t);
  }
  return out;
}

function plantContext(c: DuckDBConnection, plan: ScalePlan, layout: ReturnType<typeof populationLayout>): PlantContext & { recorded: TruthRow[] } {
  const recorded: TruthRow[] = [];
  const claimed = new Set<string>();
  const all = <T>(sql: string, params: unknown[] = []): Promise<T[]> => rowsOf<T>(c, sql, params);
  return {
    conn: c, plan, layout, recorded,
    run: async (sql, params = []) => { await c.run(sql, params as DuckDBValue[]); },
    all,
    // Candidates are ordered by a hash of their key, so the choice depends on the seed's data only.
    // `where` is SQL text written in the plants; every value in it is a bound parameter.
    async claimLots(n, where, params = []) {
      const rows = await all<{ tender_id: string; lot_id: string }>(
        `SELECT l.tender_id, l.lot_id FROM lot l JOIN tender t USING (tender_id) WHERE ${where}
         ORDER BY u('claim', l.tender_id || '/' || l.lot_id), l.tender_id, l.lot_id LIMIT $${params.length + 1}`, [...params, n * 4 + 50]);
      const out = rows.filter((r) => !claimed.has(`T:${r.tender_id}`)).slice(0, n);
      if (out.length < n) throw new ClaimShortage(`not enough lots to plant (${where}): ${rows.length} candidates`);
      for (const r of out) claimed.add(`T:${r.tender_id}`);
      return out;
    },
    async claimOrgs(n, where, params = []) {
      const rows = await all<{ org_id: string }>(
        `SELECT o.org_id FROM organization o JOIN _org USING (org_id) WHERE ${where}
         ORDER BY u('claim', o.org_id), o.org_id LIMIT $${params.length + 1}`, [...params, n * 4 + 50]);
      const out = rows.map((r) => r.org_id).filter((id) => !claimed.has(`O:${id}`)).slice(0, n);
      if (out.length < n) throw new ClaimShortage(`not enough organisations to plant (${where})`);
      for (const id of out) claimed.add(`O:${id}`);
      return out;
    },
    record: (row) => { recorded.push(row); },
  };
}

async function writeTruth(c: DuckDBConnection, rows: Array<TruthRow & { model_id: string }>): Promise<void> {
  const counters = new Map<string, number>();
  const app = await c.createAppender('synthetic_truth');
  for (const r of rows) {
    const k = `${r.model_id}/${r.truth}`;
    const n = (counters.get(k) ?? 0) + 1;
    counters.set(k, n);
    const values = [`${k}/${n}`, r.model_id, r.truth, r.subject_type, r.subject_id, r.tender_id, r.lot_id, r.org_id, r.org_id_b,
      r.person_id, r.contract_id, r.payment_id, r.lease_id, r.note_zh, r.note_en];
    for (const v of values) {
      if (v === undefined || v === null) app.appendNull();
      else app.appendVarchar(v);
    }
    app.endRow();
  }
  app.closeSync();
}

async function cleanupTemp(c: DuckDBConnection): Promise<void> {
  const r = await c.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE temporary`);
  for (const [name] of r.getRows()) await c.run(`DROP TABLE IF EXISTS temp.${quoteIdent(String(name))}`);
}

