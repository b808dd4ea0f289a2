/*
id: OCDS-R024
name_zh: 中标价与次低价过于接近（OCDS R024）
name_en: Price close to winning bid (OCDS R024)
domain: OCDS
category: K3
categories: [K3, C1]
kind: regulatory
severity: yellow
subject_type: tender
requires:
  ocds_release: [release_json]
params:
  - { name: threshold, type: number, default: null, unit: 比例 / ratio, label_zh: 次低价高出中标价不超过（空为按数据的异常下限 Q1−1.5×IQR）, label_en: Second-lowest bid above the winning bid by at most (empty for the lower fence Q1 − 1.5 IQR) }
  - { name: currency, type: text, default: '', label_zh: 比较的币种（空为首个出现的币种）, label_en: Currency compared (empty for the first one observed) }
  - { name: no_price_comparison_procurement_methods, type: text_list, default: [], label_zh: 不比价的采购方式细分, label_en: Procurement method details without price comparison }
  - { name: price_comparison_procurement_methods, type: text_list, default: [], label_zh: 仅这些采购方式细分比价（设置后上一项不起作用）, label_en: Only these procurement method details compare prices (overrides the previous) }
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "项目 {ocid}：最低未中标报价 {runner_up_amount}（{runner_up_id}）仅比中标报价 {winner_amount}（{winner_id}）高 {price_gap_ratio} 倍，不超过下限 {lower_fence}"
  en: "Process {ocid}: the lowest losing bid {runner_up_amount} ({runner_up_id}) is only {price_gap_ratio} times above the winning {winner_amount} ({winner_id}), at most the fence {lower_fence}"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R024; open-contracting/cardinal-rs indicator R024 (the same rule, exclusions, settings and Hyndman–Fan type 8 quartiles)
*/
-- Cardinal's R024: the ratio (lowest losing bid − winning bid) / winning bid of every process with one
-- winner (ocds_second_lowest_bid_ratio); a ratio at or below the lower fence Q1 − 1.5·IQR of all of them
-- (or at or below the threshold) is flagged, with the winner and the runner-up. Nothing is flagged unless
-- Q1 and the fence are above zero (or the threshold is).
WITH r AS (
  SELECT * FROM ocds_second_lowest_bid_ratio($excluded_procurement_method_details, $no_price_comparison_procurement_methods,
    $price_comparison_procurement_methods, $currency)
),
s AS (SELECT q.q1, q.q3 FROM (SELECT quartiles_type8(list(ratio)) AS q FROM r)),
f AS (
  SELECT q1, q3, coalesce($threshold, iqr_lower_fence(q1, q3)) AS lower_fence, CASE WHEN $threshold IS NULL THEN q1 ELSE 1 END AS q1_guard
  FROM s
),
h AS (
  SELECT r.*, f.q1, f.q3, f.lower_fence FROM r, f
  WHERE f.q1_guard > 0 AND f.lower_fence > 0 AND r.ratio <= f.lower_fence
),
e AS (
  SELECT ocid, ratio, winner_id, runner_up_id,
    {'ocid': ocid, 'price_gap_ratio': ratio, 'winner_id': winner_id, 'runner_up_id': runner_up_id, 'winner_amount': winner_amount,
     'runner_up_amount': runner_up_amount, 'currency': currency, 'q1': q1, 'q3': q3, 'lower_fence': lower_fence} AS evidence
  FROM h
)
SELECT 'tender' AS subject_type, ocid AS subject_id, ocid AS tender_id, ratio AS score, evidence FROM e
UNION ALL
SELECT 'tenderer', winner_id, ocid, 0.0, evidence FROM e
UNION ALL
SELECT 'tenderer', runner_up_id, ocid, 0.0, evidence FROM e
