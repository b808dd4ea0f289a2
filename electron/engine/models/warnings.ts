import type { DuckDBConnection } from '@duckdb/node-api';
import { rowsOf } from '../db/rows.ts';
import { debugTiming } from '../debug-timing.ts';

const RANK = `CASE severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 ELSE 2 END`;
/** The object two warnings must share to escalate together: a contract, a lease, else a tender's lot. */
const OBJECT = `COALESCE('contract:' || contract_id, 'lease:' || lease_id, 'lot:' || tender_id || '/' || COALESCE(lot_id, '-'))`;
const STATISTICAL = `model_id BETWEEN 'BID-011' AND 'BID-021'`;
const STRUCTURAL = `model_id BETWEEN 'BID-001' AND 'BID-010'`;
const COLLUSION_RED = `(base_severity = 'red' AND (model_id BETWEEN 'BID-001' AND 'BID-024' OR model_id BETWEEN 'BID-043' AND 'BID-048' OR model_id = 'BID-053'))`;
const POWER = `model_id IN ('BID-026', 'BID-027', 'BID-031', 'BID-034', 'BID-039', 'BID-040', 'BID-049')`;

/**
 * Turn a run's hits into warnings. A warning is keyed by the hit's fingerprint (model, subject, tender
 * and lot): found again, it keeps its id, status and first_seen and gains last_seen and times_seen;
 * found for the first time, it is new. Then the catalog's escalation rules (§4.2) are applied to the
 * warnings this run saw:
 *  1. two or more different orange models on the same contract, lease or lot → red;
 *  2. a statistical screen (BID-011–021) and a structural link (BID-001–010) on the same lot → red;
 *  3. a red collusion model and a supervisory model on the officials' side on the same tender → red.
 */
export async function updateWarnings(c: DuckDBConnection, runId: string): Promise<{ new: number; seen_again: number; escalated: number }> {
  // One warning per fingerprint: if a model returns a subject twice, the most severe hit stands.
  const t1 = Date.now();
  await c.run(`CREATE OR REPLACE TEMP TABLE _run_hits AS SELECT * FROM hit WHERE analysis_run_id = $1
    QUALIFY row_number() OVER (PARTITION BY fingerprint ORDER BY ${RANK}, amount_cny DESC NULLS LAST, hit_no) = 1`, [runId]);
  debugTiming(t1, 'warnings step 1');
  const t2 = Date.now();
  const [again] = await rowsOf<{ n: number }>(c, `SELECT count(*) AS n FROM temp._run_hits SEMI JOIN alert USING (fingerprint)`);
  debugTiming(t2, 'warnings step 2');
  const t3 = Date.now();
  await c.run(`UPDATE alert SET run_id = $1, severity = h.severity, base_severity = h.severity, escalation = NULL,
      last_seen = now()::TIMESTAMP, times_seen = alert.times_seen + 1, last_run_id = $1
    FROM temp._run_hits h WHERE alert.fingerprint = h.fingerprint`, [runId]);
  // The evidence is rewritten only where it changed: a warning found again usually has the same, and
  // rewriting a million evidence texts each run is most of the commit's work.
  await c.run(`UPDATE alert SET evidence_json = h.evidence_json, amount_cny = h.amount_cny, score = h.score, occurred_on = h.occurred_on
    FROM temp._run_hits h WHERE alert.fingerprint = h.fingerprint
      AND (alert.evidence_json IS DISTINCT FROM h.evidence_json OR alert.amount_cny IS DISTINCT FROM h.amount_cny
        OR alert.score IS DISTINCT FROM h.score OR alert.occurred_on IS DISTINCT FROM h.occurred_on)`);
  debugTiming(t3, 'warnings step 3');
  const t4 = Date.now();
  const inserted = await c.run(`INSERT INTO alert (alert_id, run_id, model_id, severity, subject_type, subject_id, tender_id, contract_id, org_id,
      person_id, score, amount_cny, evidence_json, fingerprint, status, created_at, lot_id, lease_id, buyer_org_id, region_code, occurred_on,
      base_severity, escalation, first_seen, last_seen, times_seen, last_run_id)
    SELECT 'W-' || substr(fingerprint, 1, 16), $1, model_id, severity, subject_type, subject_id, tender_id, contract_id, org_id,
      person_id, score, amount_cny, evidence_json, fingerprint, 'new', now()::TIMESTAMP, lot_id, lease_id, buyer_org_id, region_code, occurred_on,
      severity, NULL, now()::TIMESTAMP, now()::TIMESTAMP, 1, $1
    FROM temp._run_hits h WHERE NOT EXISTS (SELECT 1 FROM alert a WHERE a.fingerprint = h.fingerprint)`, [runId]);
  debugTiming(t4, 'warnings step 4');
  const t5 = Date.now();
  await c.run(`DROP TABLE temp._run_hits`);
  debugTiming(t5, 'warnings step 5');

  const t6 = Date.now();
  await c.run(`UPDATE alert SET severity = 'red', escalation = e.why FROM (
      SELECT obj, '同一对象有 ' || count(DISTINCT model_id) || ' 个橙色模型命中 / ' || count(DISTINCT model_id) || ' orange models on the same object: '
        || string_agg(DISTINCT model_id, ', ' ORDER BY model_id) AS why
      FROM (SELECT ${OBJECT} AS obj, model_id FROM alert WHERE last_run_id = $1 AND base_severity = 'orange')
      GROUP BY obj HAVING count(DISTINCT model_id) >= 2) e
    WHERE alert.last_run_id = $1 AND ${OBJECT} = e.obj AND alert.base_severity = 'orange'`, [runId]);
  debugTiming(t6, 'warnings step 6');
  const t7 = Date.now();
  await c.run(`UPDATE alert SET severity = 'red', escalation = COALESCE(escalation || '; ', '') || e.why FROM (
      SELECT tender_id, COALESCE(lot_id, '-') AS lot, '统计筛查与结构关联同时命中同一标段 / a statistical screen and a structural link on the same lot: '
        || string_agg(DISTINCT model_id, ', ' ORDER BY model_id) AS why
      FROM alert WHERE last_run_id = $1 AND tender_id IS NOT NULL AND (${STATISTICAL} OR ${STRUCTURAL})
      GROUP BY 1, 2 HAVING bool_or(${STATISTICAL}) AND bool_or(${STRUCTURAL})) e
    WHERE alert.last_run_id = $1 AND alert.tender_id = e.tender_id AND COALESCE(alert.lot_id, '-') = e.lot
      AND (${STATISTICAL.replaceAll('model_id', 'alert.model_id')} OR ${STRUCTURAL.replaceAll('model_id', 'alert.model_id')})`, [runId]);
  debugTiming(t7, 'warnings step 7');
  // 3. Power escalation: a red collusion model (C1–C3, i.e. BID-001–024, BID-043–048, BID-053) and a
  //    supervisory model on the officials' side on the same tender: collusion between bidders and
  //    officials, the case the discipline-inspection organ owns. The supervisory warning turns red and
  //    both say why.
  const t8 = Date.now();
  await c.run(`UPDATE alert SET severity = 'red', escalation = COALESCE(escalation || '; ', '') || e.why FROM (
      SELECT tender_id, '投标人串通与公职人员一方的模型同时命中同一项目 / bidder collusion and an officials'' model on the same tender: '
        || string_agg(DISTINCT model_id, ', ' ORDER BY model_id) AS why
      FROM alert WHERE last_run_id = $1 AND tender_id IS NOT NULL AND (${COLLUSION_RED} OR ${POWER})
      GROUP BY tender_id HAVING bool_or(${COLLUSION_RED}) AND bool_or(${POWER})) e
    WHERE alert.last_run_id = $1 AND alert.tender_id = e.tender_id
      AND (${COLLUSION_RED.replaceAll('model_id', 'alert.model_id').replaceAll('base_severity', 'alert.base_severity')} OR ${POWER.replaceAll('model_id', 'alert.model_id')})`, [runId]);
  debugTiming(t8, 'warnings step 8');
  const t9 = Date.now();
  const [esc] = await rowsOf<{ n: number }>(c, `SELECT count(*) AS n FROM alert WHERE last_run_id = $1 AND severity <> base_severity`, [runId]);
  debugTiming(t9, 'warnings step 9');
  return { new: Number(inserted.rowsChanged), seen_again: Number(again!.n), escalated: Number(esc!.n) };
}
