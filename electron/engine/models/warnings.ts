import type { DuckDBConnection } from '@duckdb/node-api';
import { rowsOf } from '../db/rows.ts';
import { debugTiming } from '../debug-timing.ts';

const RANK = `CASE severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 ELSE 2 END`;
/** The object two warnings must share to escalate together: a contract, a lease, else a tender's lot. */
const OBJECT = `COALESCE('contract:' || contract_id, 'lease:' || lease_id, 'lot:' || tender_id || '/' || COALESCE(lot_id, '-'))`;
const STATISTICAL = `model_id BETWEEN 'BID-011' AND 'BID-021'`;
const STRUCTURAL = `model_id BETWEEN 'BID-001' AND 'BID-010'`;
const COLLUSION_RED = `(severity = 'red' AND (model_id BETWEEN 'BID-001' AND 'BID-024' OR model_id BETWEEN 'BID-043' AND 'BID-048' OR model_id = 'BID-053'))`;
const POWER = `model_id IN ('BID-026', 'BID-027', 'BID-031', 'BID-034', 'BID-039', 'BID-040', 'BID-049')`;

/**
 * Turn a run's hits into warnings. A warning is keyed by the hit's fingerprint (model, subject, tender
 * and lot): found again, it keeps its id, status and first_seen and gains last_seen and times_seen;
 * found for the first time, it is new. The catalog's escalation rules (§4.2) decide the severity of the
 * warnings this run saw, from this run's hits alone:
 *  1. two or more different orange models on the same contract, lease or lot → red;
 *  2. a statistical screen (BID-011–021) and a structural link (BID-001–010) on the same lot → red;
 *  3. a red collusion model and a supervisory model on the officials' side on the same tender → red.
 * Everything is worked out in one temporary table first, so the warning table is written twice (found
 * again, new) however many rules apply: at bench scale a run sees over a million warnings.
 */
export async function updateWarnings(c: DuckDBConnection, runId: string): Promise<{ new: number; seen_again: number; escalated: number }> {
  const t1 = Date.now();
  // One warning per fingerprint: if a model returns a subject twice, the most severe hit stands.
  await c.run(`CREATE OR REPLACE TEMP TABLE _run_hits AS
    SELECT h.*, a.fingerprint IS NOT NULL AS seen
    FROM (SELECT * FROM hit WHERE analysis_run_id = $1
          QUALIFY row_number() OVER (PARTITION BY fingerprint ORDER BY ${RANK}, amount_cny DESC NULLS LAST, hit_no) = 1) h
    LEFT JOIN (SELECT fingerprint FROM alert) a USING (fingerprint)`, [runId]);
  debugTiming(t1, 'warnings: this run\'s hits');

  const t2 = Date.now();
  // Each hit's key for each rule (NULL when the rule does not concern it), so that every join below is a
  // plain equality: a condition like "orange AND same object" in a join's ON clause plans as a nested loop.
  await c.run(`CREATE OR REPLACE TEMP TABLE _run_escalation AS
    WITH k AS (
      SELECT fingerprint, model_id,
        CASE WHEN severity = 'orange' THEN ${OBJECT} END AS k1,
        CASE WHEN tender_id IS NOT NULL AND (${STATISTICAL} OR ${STRUCTURAL}) THEN tender_id || '/' || COALESCE(lot_id, '-') END AS k2,
        CASE WHEN tender_id IS NOT NULL AND (${COLLUSION_RED} OR ${POWER}) THEN tender_id END AS k3,
        ${STATISTICAL} AS statistical, ${COLLUSION_RED} AS collusion
      FROM temp._run_hits),
    -- The models of a group as a sorted list of distinct ids: string_agg(DISTINCT … ORDER BY …) costs seven
    -- times as much over the half million lots two screens can share.
    same_object AS (
      SELECT k1, list_sort(list_distinct(list(model_id))) AS m FROM k WHERE k1 IS NOT NULL
      GROUP BY k1 HAVING min(model_id) <> max(model_id)),
    screen_and_link AS (
      SELECT k2, list_sort(list_distinct(list(model_id))) AS m FROM k WHERE k2 IS NOT NULL
      GROUP BY k2 HAVING bool_or(statistical) AND NOT bool_and(statistical)),
    collusion_and_power AS (
      SELECT k3, list_sort(list_distinct(list(model_id))) AS m FROM k WHERE k3 IS NOT NULL
      GROUP BY k3 HAVING bool_or(collusion) AND NOT bool_and(collusion)),
    why AS (
      SELECT k.fingerprint,
        '同一对象有 ' || len(e1.m) || ' 个橙色模型命中 / ' || len(e1.m) || ' orange models on the same object: ' || array_to_string(e1.m, ', ') AS w1,
        '统计筛查与结构关联同时命中同一标段 / a statistical screen and a structural link on the same lot: ' || array_to_string(e2.m, ', ') AS w2,
        '投标人串通与公职人员一方的模型同时命中同一项目 / bidder collusion and an officials'' model on the same tender: ' || array_to_string(e3.m, ', ') AS w3
      FROM k LEFT JOIN same_object e1 USING (k1) LEFT JOIN screen_and_link e2 USING (k2) LEFT JOIN collusion_and_power e3 USING (k3)
      WHERE e1.m IS NOT NULL OR e2.m IS NOT NULL OR e3.m IS NOT NULL)
    SELECT fingerprint, concat_ws('; ', w1, w2, w3) AS why FROM why`);
  debugTiming(t2, 'warnings: escalation');

  const t3 = Date.now();
  // What changes on every run (when, how often, which run) is written for every warning seen again; the
  // severity and its reasons only where they changed. Updated columns are what the commit writes.
  // (run_id stays the run that first raised the warning, as first_seen does.)
  await c.run(`UPDATE alert SET last_seen = now()::TIMESTAMP, times_seen = alert.times_seen + 1, last_run_id = $1
    FROM temp._run_hits h WHERE h.seen AND alert.fingerprint = h.fingerprint`, [runId]);
  await c.run(`UPDATE alert SET severity = x.severity, base_severity = x.base_severity, escalation = x.why
    FROM (SELECT h.fingerprint, CASE WHEN e.why IS NULL THEN h.severity ELSE 'red' END AS severity, h.severity AS base_severity, e.why
          FROM temp._run_hits h LEFT JOIN temp._run_escalation e USING (fingerprint) WHERE h.seen) x
    WHERE alert.fingerprint = x.fingerprint AND (alert.severity IS DISTINCT FROM x.severity
      OR alert.base_severity IS DISTINCT FROM x.base_severity OR alert.escalation IS DISTINCT FROM x.why)`);
  // The evidence is rewritten only where it changed: a warning found again usually has the same, and
  // rewriting a million evidence texts each run is most of the commit's work.
  await c.run(`UPDATE alert SET evidence_json = h.evidence_json, amount_cny = h.amount_cny, score = h.score, occurred_on = h.occurred_on
    FROM temp._run_hits h WHERE h.seen AND alert.fingerprint = h.fingerprint
      AND (alert.evidence_json IS DISTINCT FROM h.evidence_json OR alert.amount_cny IS DISTINCT FROM h.amount_cny
        OR alert.score IS DISTINCT FROM h.score OR alert.occurred_on IS DISTINCT FROM h.occurred_on)`);
  debugTiming(t3, 'warnings: found again');

  const t4 = Date.now();
  const inserted = await c.run(`INSERT INTO alert (alert_id, run_id, model_id, severity, subject_type, subject_id, tender_id, contract_id, org_id,
      person_id, score, amount_cny, evidence_json, fingerprint, status, created_at, lot_id, lease_id, buyer_org_id, region_code, occurred_on,
      base_severity, escalation, first_seen, last_seen, times_seen, last_run_id)
    SELECT 'W-' || substr(fingerprint, 1, 16), $1, model_id, CASE WHEN e.why IS NULL THEN h.severity ELSE 'red' END, subject_type, subject_id,
      tender_id, contract_id, org_id, person_id, score, amount_cny, evidence_json, fingerprint, 'new', now()::TIMESTAMP, lot_id, lease_id,
      buyer_org_id, region_code, occurred_on, h.severity, e.why, now()::TIMESTAMP, now()::TIMESTAMP, 1, $1
    FROM temp._run_hits h LEFT JOIN temp._run_escalation e USING (fingerprint) WHERE NOT h.seen`, [runId]);
  debugTiming(t4, 'warnings: new');

  const [counts] = await rowsOf<{ again: number; escalated: number }>(c, `SELECT
      (SELECT count(*) FROM temp._run_hits WHERE seen) AS again,
      (SELECT count(*) FROM temp._run_escalation e JOIN temp._run_hits h USING (fingerprint) WHERE h.severity <> 'red') AS escalated`);
  await c.run(`DROP TABLE temp._run_hits`);
  await c.run(`DROP TABLE temp._run_escalation`);
  return { new: Number(inserted.rowsChanged), seen_again: Number(counts!.again), escalated: Number(counts!.escalated) };
}
