import { join } from 'node:path';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { BUILTIN_MODELS_DIR } from '../../models/library.ts';
import { loadModelFile, type ModelDefinition } from '../../models/model-file.ts';
import { bindingsFor, resolveParams } from '../../models/runner.ts';
import type { PlantContext } from './plant.ts';

// Running a built-in model inside the generator, with its default parameters and the data date: a plant uses it
// to find the look-alikes its clean-up must remove, and to record as its own cases those that other plants
// (which ran earlier) have made and that meet its model's rule too. Not a plant itself (see plants/index.ts).

const FOLDER: Record<string, string> = { BID: 'bidding', SOE: 'soe', FUND: 'funds', VIL: 'village' };

export interface ModelHit {
  subject_type: string; subject_id: string; severity?: string | null;
  org_id?: string | null; person_id?: string | null; contract_id?: string | null; buyer_org_id?: string | null;
  evidence: Record<string, unknown>;
  [column: string]: unknown;
}

export function builtinModel(modelId: string): ModelDefinition {
  return loadModelFile(join(BUILTIN_MODELS_DIR, FOLDER[modelId.split('-')[0]!]!, `${modelId}.sql`), 'builtin');
}

/** The SQL of a built-in model and its default parameters (and the data date), bound by name. */
function boundModel(ctx: PlantContext, modelId: string): { m: ModelDefinition; values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> } {
  const m = builtinModel(modelId);
  const { values, types } = bindingsFor(m, resolveParams([m], {}).bound.get(m.id)!, ctx.plan.asOf);
  return { m, values, types };
}

/** The hits of a built-in model on the data as it stands, kept in a temporary table (for clean-ups of large backgrounds). */
export async function modelHitsTable(ctx: PlantContext, modelId: string, table: string): Promise<void> {
  const { m, values, types } = boundModel(ctx, modelId);
  await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${m.sql}`, values, types);
}

/** The hits of a built-in model on the data as it stands, by its default parameters, ordered by subject. */
export async function modelHits(ctx: PlantContext, modelId: string): Promise<ModelHit[]> {
  const { m, values, types } = boundModel(ctx, modelId);
  const r = await ctx.conn.runAndReadAll(`SELECT * EXCLUDE (evidence), to_json(evidence)::VARCHAR AS evidence_json FROM (${m.sql}) h
    ORDER BY subject_type, subject_id`, values, types);
  return (r.getRowObjectsJson() as Array<Record<string, unknown>>).map(({ evidence_json, ...h }) => ({
    ...h, evidence: JSON.parse(String(evidence_json ?? '{}')) as Record<string, unknown>,
  }) as ModelHit);
}

/** A model's explain template filled in from a hit (evidence first, then the hit's columns). */
export function explain(template: string, h: ModelHit): string {
  return template.replace(/\{([a-z_0-9]+)\}/g, (_, k: string) => {
    const v = h.evidence[k] !== undefined ? h.evidence[k] : h[k];
    if (v === null || v === undefined) return '—';
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  });
}

/**
 * Record as this model's planted cases every hit the data already holds: after the plant's clean-up of the
 * background, these are cases other plants made that meet this model's rule as well (a payment without a
 * contract planted for FUND-001 is one for FUND-005 too). Returns the subjects recorded.
 */
export async function adoptExisting(ctx: PlantContext, modelId: string): Promise<Set<string>> {
  const m = builtinModel(modelId);
  const hits = await modelHits(ctx, modelId);
  for (const h of hits) {
    ctx.record({
      truth: 'planted', subject_type: h.subject_type, subject_id: h.subject_id,
      org_id: h.org_id ?? undefined, person_id: h.person_id ?? undefined, contract_id: h.contract_id ?? undefined,
      payment_id: h.subject_type === 'payment' ? h.subject_id : undefined,
      note_zh: `数据中已有、同样符合本模型规则的情形（其他模型的植入案例）：${explain(m.explain.zh, h)}`,
      note_en: `A case already in the data (planted for another model) that meets this model's rule too: ${explain(m.explain.en, h)}`,
    });
  }
  return new Set(hits.map((h) => `${h.subject_type}|${h.subject_id}`));
}
