/*
id: OCDS-R058
name_zh: 中标价大幅低于次低价（OCDS R058）
name_en: Heavily discounted bid (OCDS R058)
domain: OCDS
category: C3
categories: [C3, C1]
kind: regulatory
severity: yellow
subject_type: tender
requires:
  ocds_release: [release_json]
params:
  - { name: threshold, type: number, default: null, unit: 比例 / ratio, label_zh: 次低价高出中标价至少（空为按数据的异常上限 Q3+1.5×IQR）, label_en: Second-lowest bid above the winning bid by at least (empty for the upper fence Q3 + 1.5 IQR) }
  - { name: currency, type: text, default: '', label_zh: 比较的币种（空为首个出现的币种）, label_en: Currency compared (empty for the first one observed) }
  - { name: no_price_comparison_procurement_methods, type: text_list, default: [], label_zh: 不比价的采购方式细分, label_en: Procurement method details without price comparison }
  - { name: price_comparison_procurement_methods, type: text_list, default: [], label_zh: 仅这些采购方式细分比价（设置后上一项不起作用）, label_en: Only these procurement method details compare prices (overrides the previous) }
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "项目 {ocid}：中标报价 {winner_amount}（{winner_id}）远低于最低未中标报价 {runner_up_amount}，后者高出 {price_gap_ratio} 倍，达到上限 {upper_fence}"
  en: "Process {ocid}: the winning bid {winner_amount} ({winner_id}) is far below the lowest losing bid {runner_up_amount}, which is {price_gap_ratio} times above it, at least the fence {upper_fence}"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R058; open-contracting/cardinal-rs indicator R058 (the same rule, exclusions, settings and Hyndman–Fan type 8 quartiles)
*/
-- Cardinal's R058: the ratio of R024 (ocds_second_lowest_bid_ratio); a ratio at or above the upper fence
-- Q3 + 1.5·IQR of all of them (or the threshold) is flagged, with the winner. Nothing is flagged unless the
-- fence is above zero.
WITH r AS (
  SELECT * FROM ocds_second_lowest_bid_ratio($excluded_procurement_method_details, $no_price_comparison_procurement_methods,
    $price_comparison_procurement_methods, $currency)
),
s AS (SELECT q.q1, q.q3 FROM (SELECT quartiles_type8(list(ratio)) AS q FROM r)),
f AS (SELECT q1, q3, coalesce($threshold, iqr_upper_fence(q1, q3)) AS upper_fence FROM s),
e AS (
  SELECT r.ocid, r.ratio, r.winner_id,
    {'ocid': r.ocid, 'price_gap_ratio': r.ratio, 'winner_id': r.winner_id, 'runner_up_id': r.runner_up_id, 'winner_amount': r.winner_amount,
     'runner_up_amount': r.runner_up_amount, 'currency': r.currency, 'q1': f.q1, 'q3': f.q3, 'upper_fence': f.upper_fence} AS evidence
  FROM r, f
  WHERE f.upper_fence > 0 AND r.ratio >= f.upper_fence
)
SELECT 'tender' AS subject_type, ocid AS subject_id, ocid AS tender_id, ratio AS score, evidence FROM e
UNION ALL
SELECT 'tenderer', winner_id, ocid, 0.0, evidence FROM e
