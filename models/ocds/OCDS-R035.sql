/*
id: OCDS-R035
name_zh: 除中标人外其余投标均被否决（OCDS R035）
name_en: All except winning bid disqualified (OCDS R035)
domain: OCDS
category: K5
kind: supervisory
severity: orange
subject_type: tender
requires:
  ocds_release: [release_json]
params:
  - { name: threshold, type: integer, default: 1, unit: 家 / tenderers, label_zh: 被否决的其他投标人至少, label_en: Other tenderers disqualified at least }
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "项目 {ocid}：唯一有效投标人 {winner_id} 中标，其余 {disqualified_count} 家投标人（{disqualified_ids}）均被否决"
  en: "Process {ocid}: the only valid tenderer {winner_id} won; the {disqualified_count} others ({disqualified_ids}) were all disqualified"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R035; open-contracting/cardinal-rs indicator R035 (the same rule, exclusions and settings)
*/
-- Cardinal's R035, over processes whose awards are all final: exactly one tenderer has valid bids, the
-- suppliers of the active awards are exactly that tenderer, and at least `threshold` (at least 1) other
-- tenderers have disqualified bids.
WITH p AS (SELECT seq, ocid FROM ocds_processes($excluded_procurement_method_details) WHERE awards_final),
t AS (
  SELECT v.seq, v.status, unnest(v.tenderer_ids) AS id FROM p JOIN v_ocds_bid v ON v.seq = p.seq
  WHERE v.status IN ('valid', 'disqualified')
),
-- Processes with one valid tenderer and a disqualified one: few, so the lists are made for them only.
one AS (
  SELECT seq, min(id) FILTER (WHERE status = 'valid') AS winner_id FROM t GROUP BY seq
  HAVING min(id) FILTER (WHERE status = 'valid') = max(id) FILTER (WHERE status = 'valid') AND bool_or(status = 'disqualified')
),
s AS (  -- the suppliers of the active awards are exactly the one valid tenderer
  SELECT seq FROM (SELECT a.seq, one.winner_id, unnest(a.supplier_ids) AS id FROM one JOIN v_ocds_award a ON a.seq = one.seq WHERE a.status = 'active')
  GROUP BY seq HAVING min(id) = max(id) AND min(id) = any_value(winner_id)
),
h AS (
  SELECT p.ocid, one.winner_id, list(DISTINCT t.id ORDER BY t.id) FILTER (WHERE t.status = 'disqualified' AND t.id <> one.winner_id) AS others
  FROM one JOIN s ON s.seq = one.seq JOIN p ON p.seq = one.seq JOIN t ON t.seq = one.seq
  GROUP BY p.ocid, one.winner_id
),
e AS (
  SELECT ocid, winner_id, len(others) AS n,
    {'ocid': ocid, 'winner_id': winner_id, 'disqualified_count': len(others), 'disqualified_ids': others} AS evidence
  FROM h WHERE coalesce(len(others), 0) >= greatest($threshold, 1)
)
SELECT 'tender' AS subject_type, ocid AS subject_id, ocid AS tender_id, n::DOUBLE AS score, evidence FROM e
UNION ALL
SELECT 'tenderer', winner_id, ocid, 0.0, evidence FROM e
