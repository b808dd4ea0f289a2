import type { DuckDBConnection } from '@duckdb/node-api';
import { rowsOf } from '../db/rows.ts';
import { debugTiming } from '../debug-timing.ts';

const RANK = `CASE severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 ELSE 2 END`;
/** The object two warnings must share to escalate together: a contract, a lease, else a tender's lot. */
const OBJECT = `COALESCE('contract:' || contract_id, 'lease:' || lease_id, 'lot:' || tender_id || '/' || COALESCE(lot_id, '-'))`;
const STATISTICAL = `model_id BETWEEN 'BID-011' AND 'BID-021'`;
const STRUCTURAL = `model_id BETWEEN 'BID-001' AND 'BID-010'`;
const COLLUSION_RED = `(severity = 'red' AND (model_id BETWEEN 'BID-001' AND 'BID-024' OR model_id BETWEEN 'BID-043' AND 'BID-048' OR model_id = 'BID-053'))`;
/** What a run may change in a warning it finds again: the hit's columns its fingerprint does not hold, and their hash. */
const CONTENT = ['org_id', 'person_id', 'contract_id', 'lease_id', 'buyer_org_id', 'amount_cny', 'score', 'occurred_on', 'region_code',
  'evidence_json', 'content_hash'];
const POWER = `model_id IN ('BID-026', 'BID-027', 'BID-031', 'BID-034', 'BID-039', 'BID-040', 'BID-049')`;

/**
 * Turn a run's hits into warnings. runHits is the run's hits as a relation (the runner's staged results:
 * the hit view's columns and content_hash, a hash of the hit's content). A warning is keyed by
 * the hit's fingerprint (model, subject, tender and lot): found again, it keeps its id, status and
 * first_seen and gains last_seen and times_seen; found for the first time, it is new. The catalog's
 * escalation rules (§4.2) decide the severity of the warnings this run saw, from this run's hits alone:
 *  1. two or more different orange models on the same contract, lease or lot → red;
 *  2. a statistical screen (BID-011–021) and a structural link (BID-001–010) on the same lot → red;
 *  3. a red collusion model and a supervisory model on the officials' side on the same tender → red.
 * Everything is worked out in temporary tables first, so the warning table is written once per kind of change
 * (seen again; severity; content; new) however many rules apply: at bench scale a run sees over a million
 * warnings. A new warning's id is 'W-' and the first 16 hex digits of its fingerprint (the number's digits,
 * which are not those of md5() of the key: md5_number reads the digest's bytes in reverse).
 */
export async function updateWarnings(c: DuckDBConnection, runId: string, runHits: string): Promise<{ new: number; seen_again: number; escalated: number }> {
  const t1 = Date.now();
  // One warning per fingerprint: if a model returns a subject twice, the most severe hit stands (ranked only
  // where that happens: a window over every hit of a run costs a second at bench scale). Each hit comes with
  // the row of its warning, if there is one (alert_rid, the row's id in this transaction), and what that
  // warning holds now: every later statement then works on integers and on the few rows that change, not on
  // joins of a million fingerprints. Whether a warning's content changed is one comparison of hashes; the hit's
  // own columns are read again (by model and hit_no) only for warnings that are new or whose content changed.
  await c.run(`CREATE OR REPLACE TEMP TABLE _run_hits AS
    WITH run AS (SELECT model_id, hit_no, fingerprint, severity, tender_id, lot_id, contract_id, lease_id, amount_cny, content_hash FROM ${runHits}),
    dup AS (SELECT fingerprint FROM run GROUP BY fingerprint HAVING count(*) > 1),
    h AS (
      SELECT * FROM run ANTI JOIN dup USING (fingerprint)
      UNION ALL
      SELECT * FROM (SELECT * FROM run SEMI JOIN dup USING (fingerprint))
      QUALIFY row_number() OVER (PARTITION BY fingerprint ORDER BY ${RANK}, amount_cny DESC NULLS LAST, hit_no) = 1)
    SELECT h.model_id, h.hit_no, h.fingerprint, h.severity, h.tender_id, h.lot_id, h.contract_id, h.lease_id,
      a.alert_rid, a.severity AS alert_severity, a.base_severity AS alert_base_severity, a.escalation AS alert_escalation,
      a.alert_rid IS NOT NULL AND a.content_hash IS DISTINCT FROM h.content_hash AS content_changed
    FROM h LEFT JOIN (SELECT rowid AS alert_rid, fingerprint, severity, base_severity, escalation, content_hash FROM alert) a USING (fingerprint)`);
  debugTiming(t1, 'warnings: this run\'s hits');

  const t2 = Date.now();
  // Each hit's key for each rule (NULL when the rule does not concern it), so that every join below is a
  // plain equality: a condition like "orange AND same object" in a join's ON clause plans as a nested loop.
  // Hits are named by their row in _run_hits (hid).
  await c.run(`CREATE OR REPLACE TEMP TABLE _run_escalation AS
    WITH k AS (
      SELECT rowid AS hid, model_id,
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
      SELECT k.hid,
        '同一对象有 ' || len(e1.m) || ' 个橙色模型命中 / ' || len(e1.m) || ' orange models on the same object: ' || array_to_string(e1.m, ', ') AS w1,
        '统计筛查与结构关联同时命中同一标段 / a statistical screen and a structural link on the same lot: ' || array_to_string(e2.m, ', ') AS w2,
        '投标人串通与公职人员一方的模型同时命中同一项目 / bidder collusion and an officials'' model on the same tender: ' || array_to_string(e3.m, ', ') AS w3
      FROM k LEFT JOIN same_object e1 USING (k1) LEFT JOIN screen_and_link e2 USING (k2) LEFT JOIN collusion_and_power e3 USING (k3)
      WHERE e1.m IS NOT NULL OR e2.m IS NOT NULL OR e3.m IS NOT NULL)
    SELECT hid, concat_ws('; ', w1, w2, w3) AS why FROM why`);
  debugTiming(t2, 'warnings: escalation');

  const t3 = Date.now();
  // What changes on every run (when, how often, which run) is written for every warning seen again; the
  // severity and its reasons, and the evidence, only where they changed (a warning found again usually has
  // the same, and updated columns are what the commit writes). (run_id stays the run that first raised the
  // warning, as first_seen does.) The warnings seen again are picked by a semi-join, so that they are updated
  // in the order of the table: through a join, in the hits' order, the same update wrote a log twice the size
  // (70 MB instead of 32 MB for 1.2M warnings) and took a third longer.
  await c.run(`UPDATE alert SET last_seen = now()::TIMESTAMP, times_seen = alert.times_seen + 1, last_run_id = $1
    WHERE rowid IN (SELECT alert_rid FROM temp._run_hits)`, [runId]);
  await c.run(`UPDATE alert SET severity = x.severity, base_severity = x.base_severity, escalation = x.why
    FROM (SELECT h.alert_rid, CASE WHEN e.why IS NULL THEN h.severity ELSE 'red' END AS severity, h.severity AS base_severity, e.why
          FROM temp._run_hits h LEFT JOIN temp._run_escalation e ON e.hid = h.rowid
          WHERE h.alert_rid IS NOT NULL AND (h.alert_severity IS DISTINCT FROM CASE WHEN e.why IS NULL THEN h.severity ELSE 'red' END
            OR h.alert_base_severity IS DISTINCT FROM h.severity OR h.alert_escalation IS DISTINCT FROM e.why)) x
    WHERE alert.rowid = x.alert_rid`);
  // The new content is read from this run's hits into a table of its own first, in the warnings' order, and
  // written from there: as one UPDATE ... FROM a join with the hits, a run that changed the evidence of half a
  // million warnings (a screen's parameter changed) took over three minutes; in two steps, under two seconds.
  await c.run(`CREATE OR REPLACE TEMP TABLE _run_content AS
    SELECT h.alert_rid, ${CONTENT.map((n) => `x.${n}`).join(', ')}
    FROM temp._run_hits h JOIN ${runHits} x ON x.model_id = h.model_id AND x.hit_no = h.hit_no
    WHERE h.content_changed ORDER BY h.alert_rid`);
  await c.run(`UPDATE alert SET ${CONTENT.map((n) => `${n} = c.${n}`).join(', ')}
    FROM temp._run_content c WHERE alert.rowid = c.alert_rid`);
  await c.run(`DROP TABLE temp._run_content`);
  debugTiming(t3, 'warnings: found again');

  const t4 = Date.now();
  const inserted = await c.run(`INSERT INTO alert (alert_id, run_id, model_id, severity, subject_type, subject_id, tender_id, contract_id, org_id,
      person_id, score, amount_cny, evidence_json, fingerprint, status, created_at, lot_id, lease_id, buyer_org_id, region_code, occurred_on,
      base_severity, escalation, first_seen, last_seen, times_seen, last_run_id, content_hash)
    SELECT 'W-' || substr(lpad(lower(to_hex(x.fingerprint)), 32, '0'), 1, 16), $1, x.model_id, CASE WHEN e.why IS NULL THEN x.severity ELSE 'red' END,
      x.subject_type, x.subject_id, x.tender_id, x.contract_id, x.org_id, x.person_id, x.score, x.amount_cny, x.evidence_json, x.fingerprint, 'new',
      now()::TIMESTAMP, x.lot_id, x.lease_id, x.buyer_org_id, x.region_code, x.occurred_on, x.severity, e.why, now()::TIMESTAMP, now()::TIMESTAMP, 1, $1,
      x.content_hash
    FROM temp._run_hits h JOIN ${runHits} x ON x.model_id = h.model_id AND x.hit_no = h.hit_no
    LEFT JOIN temp._run_escalation e ON e.hid = h.rowid WHERE h.alert_rid IS NULL`, [runId]);
  debugTiming(t4, 'warnings: new');

  const [counts] = await rowsOf<{ again: number; escalated: number }>(c, `SELECT
      (SELECT count(*) FROM temp._run_hits WHERE alert_rid IS NOT NULL) AS again,
      (SELECT count(*) FROM temp._run_escalation e JOIN temp._run_hits h ON h.rowid = e.hid WHERE h.severity <> 'red') AS escalated`);
  await c.run(`DROP TABLE temp._run_hits`);
  await c.run(`DROP TABLE temp._run_escalation`);
  return { new: Number(inserted.rowsChanged), seen_again: Number(counts!.again), escalated: Number(counts!.escalated) };
}
