import { listValue } from '@duckdb/node-api';
import type { Task } from '../tasks.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { runModels } from './runner.ts';

/** Detection quality of one model against the synthetic province's planted truth. */
export interface ModelQuality {
  model_id: string;
  /** Statistical screens are reported, not held to the rule models' targets. */
  screen: boolean;
  planted: number;
  found: number;
  recall: number | null;
  near_miss_hits: number;
  unplanted_hits: number;
  precision: number | null;
  meets_target: boolean | null;
}

/** Models whose hits are statistical screens rather than rules (catalog BID-007, BID-011–021). */
export const SCREENS = new Set(['BID-007', ...Array.from({ length: 11 }, (_, i) => `BID-0${11 + i}`)]);

/**
 * Run the models that have planted cases (or the ones asked for) and compare their hits with
 * synthetic_truth: a hit matches a case with the same subject (and the case's tender and lot, where it
 * names them). Targets for rule models: recall 1.0 and precision ≥ 0.95.
 */
export async function evaluateModels(ws: Workspace, models: string[], task: Task): Promise<{ run_id: string; models: ModelQuality[] }> {
  const withTruth = (await ws.conn.all<{ m: string }>(`SELECT DISTINCT model_id AS m FROM synthetic_truth ORDER BY 1`)).map((r) => r.m);
  const run = await runModels(ws, { models: models.length > 0 ? models : withTruth }, task);
  const rows = await ws.conn.all<{ model_id: string; planted: number; found: number; near: number; unplanted: number; tp_hits: number }>(`
    WITH h AS (SELECT DISTINCT model_id, subject_type, subject_id, tender_id, lot_id FROM hit WHERE analysis_run_id = $1),
    matched AS (
      SELECT h.*, t.case_id, t.truth FROM h LEFT JOIN synthetic_truth t
        ON t.model_id = h.model_id AND t.subject_type = h.subject_type AND t.subject_id = h.subject_id
       AND (t.tender_id IS NULL OR t.tender_id = h.tender_id) AND (t.lot_id IS NULL OR t.lot_id = h.lot_id)),
    per_hit AS (
      SELECT model_id, subject_type, subject_id, tender_id, lot_id,
        bool_or(truth = 'planted') AS tp, bool_or(truth = 'near_miss') AS near, bool_and(truth IS NULL) AS unplanted
      FROM matched GROUP BY ALL),
    models AS (SELECT unnest($2::VARCHAR[]) AS model_id)
    SELECT m.model_id,
      (SELECT count(*) FROM synthetic_truth t WHERE t.model_id = m.model_id AND t.truth = 'planted') AS planted,
      (SELECT count(DISTINCT case_id) FROM matched x WHERE x.model_id = m.model_id AND x.truth = 'planted') AS found,
      (SELECT count(*) FROM per_hit p WHERE p.model_id = m.model_id AND p.near AND NOT p.tp) AS near,
      (SELECT count(*) FROM per_hit p WHERE p.model_id = m.model_id AND p.unplanted) AS unplanted,
      (SELECT count(*) FROM per_hit p WHERE p.model_id = m.model_id AND p.tp) AS tp_hits
    FROM models m ORDER BY m.model_id`, [run.run_id, listValue(run.models.filter((m) => m.status === 'ok').map((m) => m.model_id))]);
  const out: ModelQuality[] = rows.map((r) => {
    const planted = Number(r.planted);
    const tp = Number(r.tp_hits);
    const fp = Number(r.near) + Number(r.unplanted);
    const recall = planted > 0 ? Number(r.found) / planted : null;
    const precision = tp + fp > 0 ? tp / (tp + fp) : null;
    const screen = SCREENS.has(r.model_id);
    return {
      model_id: r.model_id, screen, planted, found: Number(r.found), recall, near_miss_hits: Number(r.near), unplanted_hits: Number(r.unplanted),
      precision, meets_target: screen || planted === 0 ? null : recall === 1 && (precision ?? 0) >= 0.95,
    };
  });
  return { run_id: run.run_id, models: out };
}
