/*
id: OCDS-R025
name_zh: 投标屡投不中（OCDS R025）
name_en: Excessive unsuccessful bids (OCDS R025)
domain: OCDS
category: C3
kind: supervisory
severity: yellow
subject_type: tenderer
requires:
  ocds_release: [release_json]
params:
  - { name: percentile, type: integer, default: 75, unit: 百分位 / percentile, label_zh: 参与项目数不低于所有投标人的该百分位, label_en: Processes bid in at least this percentile of all tenderers' }
  - { name: threshold, type: number, default: null, unit: 比例 / ratio, label_zh: 中标率不超过（空为按数据的异常下限 Q1−1.5×IQR）, label_en: Win ratio at most (empty for the lower fence Q1 − 1.5 IQR) }
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "投标人 {tenderer_id}：有效投标 {processes} 个项目（不少于 {processes_fence}），仅中标 {wins} 个，中标率 {win_ratio} 不超过下限 {lower_fence}"
  en: "Tenderer {tenderer_id}: valid bids in {processes} processes (at least {processes_fence}), won {wins}, a win ratio of {win_ratio}, at most the fence {lower_fence}"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R025; open-contracting/cardinal-rs indicator R025 (the same rule, exclusions, settings and Hyndman–Fan type 8 quantiles)
*/
-- Cardinal's R025: per tenderer, wins / processes over the processes with one winner in which it bid
-- (ocds_valid_tenderer_wins). Flagged: tenderers in at least the given percentile of processes whose ratio
-- is at or below the lower fence Q1 − 1.5·IQR of all ratios (or the threshold), when Q1 and the fence are
-- above zero (or the threshold is).
WITH t AS (
  SELECT tenderer_id, processes, wins, wins::DOUBLE / processes AS ratio FROM ocds_valid_tenderer_wins($excluded_procurement_method_details)
),
s AS (
  SELECT q.q1, q.q3, processes_fence FROM (SELECT quartiles_type8(list(ratio)) AS q,
    quantile_type8(list_sort(list(processes::DOUBLE)), $percentile::DOUBLE / 100) AS processes_fence FROM t)
),
f AS (
  SELECT q1, q3, processes_fence, coalesce($threshold, iqr_lower_fence(q1, q3)) AS lower_fence,
    CASE WHEN $threshold IS NULL THEN q1 ELSE 1 END AS q1_guard
  FROM s
)
SELECT 'tenderer' AS subject_type, t.tenderer_id AS subject_id, t.ratio AS score,
  {'tenderer_id': t.tenderer_id, 'processes': t.processes, 'wins': t.wins, 'win_ratio': t.ratio, 'processes_fence': f.processes_fence,
   'q1': f.q1, 'q3': f.q3, 'lower_fence': f.lower_fence} AS evidence
FROM t, f
WHERE f.q1_guard > 0 AND f.lower_fence > 0 AND t.processes >= f.processes_fence AND t.ratio <= f.lower_fence
