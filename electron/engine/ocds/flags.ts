import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { ClearsightError } from '../errors.ts';
import { loadLibrary, selectModels } from '../models/library.ts';
import { resolveParams, runModels } from '../models/runner.ts';
import type { Task } from '../tasks.ts';
import { Workspace } from '../workspace/workspace.ts';
import { modelIdOf, type CardinalIndicator, type CardinalSettings } from './cardinal-settings.ts';
import { loadCompiledReleases, type LoadedReleases, type SkippedLine } from './releases.ts';

/** Cardinal's result groups, and the hit subject types of the OCDS models that fill them. */
export const GROUPS = { OCID: 'tender', Buyer: 'buyer', ProcuringEntity: 'procuring_entity', Tenderer: 'tenderer' } as const;
export type Group = keyof typeof GROUPS;

/** Cardinal's output: {group: {id: {code: value}}}, groups without results absent; Meta: each statistic, to 4 decimals. */
export type CardinalResults = Partial<Record<Group, Record<string, Record<string, number>>>>;
export type CardinalMeta = Record<string, Record<string, number | null>>;

export interface OcdsFlagsRun {
  results: CardinalResults;
  meta: CardinalMeta;
  releases: LoadedReleases;
  indicators: CardinalIndicator[];
  /** Loading the file, and running the indicators (with the views they share); each indicator's own query. */
  seconds: { load: number; indicators: number; each: Partial<Record<CardinalIndicator, number>> };
}

/**
 * Cardinal's `indicators` command on a file of compiled releases: the releases go into a temporary
 * workspace, the library's OCDS models of the enabled indicators run there with the settings as their
 * parameters, and their hits are read back as Cardinal's results. The workspace is removed afterwards.
 */
export async function ocdsFlags(file: string, settings: CardinalSettings, task: Task, onSkipped: (s: SkippedLine) => void): Promise<OcdsFlagsRun> {
  const dir = mkdtempSync(join(tmpdir(), 'clearsight-ocds-'));
  try {
    const ws = await Workspace.init(dir);
    try {
      return await flagsIn(ws, file, settings, task, onSkipped);
    } finally {
      await ws.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function flagsIn(ws: Workspace, file: string, settings: CardinalSettings, task: Task, onSkipped: (s: SkippedLine) => void): Promise<OcdsFlagsRun> {
  const t0 = performance.now();
  const releases = await loadCompiledReleases(ws, file, task, onSkipped);
  const t1 = performance.now();
  const ids = settings.indicators.map(modelIdOf);
  const results: CardinalResults = {};
  let meta: CardinalMeta = {};
  const each: OcdsFlagsRun['seconds']['each'] = {};
  if (ids.length > 0) {
    const stats = metaQueries(settings);
    const run = await runModels(ws, {
      models: ids, params: settings.params,
      after: { sql: stats.map((q) => q.sql), read: async (c) => { meta = await cardinalMeta(c, stats); } },
    }, task);
    const failed = run.models.find((m) => m.status === 'failed');
    if (failed) throw new ClearsightError('internal', `${failed.model_id} failed: ${failed.error}`);
    for (const m of run.models) each[m.model_id.replace(/^OCDS-/, '') as CardinalIndicator] = m.seconds;
    const hits = await ws.conn.all<{ model_id: string; subject_type: string; subject_id: string; score: number }>(
      `SELECT model_id, subject_type, subject_id, score FROM hit WHERE analysis_run_id = $1 ORDER BY model_id, subject_type, subject_id`, [run.run_id]);
    const groupOf = new Map(Object.entries(GROUPS).map(([g, t]) => [t as string, g as Group]));
    for (const h of hits) {
      const group = groupOf.get(h.subject_type);
      if (!group) throw new ClearsightError('internal', `${h.model_id}: a hit of subject type ${h.subject_type} has no Cardinal group`);
      ((results[group] ??= {})[h.subject_id] ??= {})[h.model_id.replace(/^OCDS-/, '')] = h.score;
    }
  }
  return { results, meta, releases, indicators: settings.indicators, seconds: { load: (t1 - t0) / 1000, indicators: (performance.now() - t1) / 1000, each } };
}

// The statistics Cardinal reports as Meta, from the same samples and macros as the models (migration 011).
// A threshold set in the settings replaces the fence, and the quartiles are then not computed.
const META_SQL: Partial<Record<CardinalIndicator, string>> = {
  R024: `SELECT q.q1, q.q3 FROM (SELECT quartiles_type8(list(ratio)) AS q
    FROM ocds_second_lowest_bid_ratio($excluded_procurement_method_details, $no_price_comparison_procurement_methods, $price_comparison_procurement_methods, $currency))`,
  R025: `SELECT q.q1, q.q3, upper_fence FROM (SELECT quartiles_type8(list(wins::DOUBLE / processes)) AS q,
      quantile_type8(list_sort(list(processes::DOUBLE)), $percentile::DOUBLE / 100) AS upper_fence
    FROM ocds_valid_tenderer_wins($excluded_procurement_method_details))`,
  R038: `SELECT party_group, q.q1, q.q3 FROM (SELECT party_group, quartiles_type8(list(disqualified::DOUBLE / submitted)) AS q
    FROM ocds_disqualified_bids($excluded_procurement_method_details)
    WHERE submitted >= CASE WHEN party_group = 'tenderer' THEN $minimum_submitted_bids ELSE $minimum_contracting_processes END
    GROUP BY party_group) ORDER BY party_group`,
  R048: `SELECT q.q1, q.q3 FROM (SELECT quartiles_type8(list(variety::DOUBLE)) AS q
    FROM ocds_supplier_variety($excluded_procurement_method_details, $digits) WHERE processes >= $minimum_contracting_processes)`,
};
META_SQL.R058 = META_SQL.R024;

/** Rust's f64::round (half away from zero) to 4 decimals, as Cardinal rounds Meta; NaN (no data) is null. */
const round4 = (v: number | null) => (v === null || Number.isNaN(v) ? null : (Math.sign(v) * Math.round(Math.abs(v) * 10_000)) / 10_000);

interface MetaQuery { code: CardinalIndicator; sql: string; values: Record<string, DuckDBValue>; types: Record<string, DuckDBType>; threshold: number | null }

/** The Meta statements of the enabled statistical indicators, bound to the parameters their models get. */
function metaQueries(settings: CardinalSettings): MetaQuery[] {
  const library = loadLibrary();
  const out: MetaQuery[] = [];
  for (const code of settings.indicators) {
    const sql = META_SQL[code];
    if (!sql) continue;
    const [model] = selectModels(library, [modelIdOf(code)]);
    const own = Object.fromEntries(Object.entries(settings.params).filter(([k]) => k.startsWith(`${model!.id}.`)));
    const { bound, text } = resolveParams([model!], own);
    const b = bound.get(model!.id)!;
    const values: Record<string, DuckDBValue> = {};
    const types: Record<string, DuckDBType> = {};
    for (const [, name] of sql.matchAll(/\$([a-z_]+)/g)) { values[name!] = b.values[name!]!; types[name!] = b.types[name!]!; }
    out.push({ code, sql, values, types, threshold: (text[model!.id]!.threshold as number | null | undefined) ?? null });
  }
  return out;
}

async function cardinalMeta(c: DuckDBConnection, queries: MetaQuery[]): Promise<CardinalMeta> {
  const meta: CardinalMeta = {};
  for (const { code, sql, values, types, threshold } of queries) {
    const rows = (await c.runAndReadAll(sql, values, types)).getRowObjectsJS();
    const fence = async (q1: unknown, q3: unknown, side: 'upper' | 'lower') => {
      if (threshold !== null) return threshold;
      const r = await c.runAndReadAll(`SELECT iqr_${side}_fence($1::DOUBLE, $2::DOUBLE) AS f`, [q1 as number | null, q3 as number | null]);
      return (r.getRowObjectsJS()[0]?.f as number | null | undefined) ?? null;
    };
    const quartiles = (r: Record<string, unknown>, prefix = '') => (threshold === null
      ? { [`${prefix}q1`]: r.q1 as number | null, [`${prefix}q3`]: r.q3 as number | null } : {});
    const out: Record<string, number | null> = {};
    if (code === 'R038') {
      const names: Record<string, string> = { buyer: 'Buyer', procuring_entity: 'ProcuringEntity', tenderer: 'Tenderer' };
      for (const r of rows) {
        const g = names[r.party_group as string]!;
        Object.assign(out, quartiles(r, `${g}_`), { [`${g}_upper_fence`]: await fence(r.q1, r.q3, 'upper') });
      }
    } else {
      const r = rows[0] ?? {};
      if (code === 'R024') Object.assign(out, quartiles(r), { lower_fence: await fence(r.q1, r.q3, 'lower') });
      if (code === 'R025') Object.assign(out, quartiles(r), { upper_fence: r.upper_fence as number | null, lower_fence: await fence(r.q1, r.q3, 'lower') });
      if (code === 'R048' || code === 'R058') Object.assign(out, quartiles(r), { upper_fence: await fence(r.q1, r.q3, 'upper') });
    }
    meta[code] = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, round4(v)]));
  }
  return meta;
}
