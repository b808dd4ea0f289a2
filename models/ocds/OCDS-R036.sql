/*
id: OCDS-R036
name_zh: 最低价投标被否决（OCDS R036）
name_en: Lowest bid disqualified (OCDS R036)
domain: OCDS
category: K5
kind: supervisory
severity: orange
subject_type: tender
requires:
  ocds_release: [release_json]
params:
  - { name: currency, type: text, default: '', label_zh: 比较的币种（空为首个出现的币种）, label_en: Currency compared (empty for the first one observed) }
  - { name: no_price_comparison_procurement_methods, type: text_list, default: [], label_zh: 不比价的采购方式细分, label_en: Procurement method details without price comparison }
  - { name: price_comparison_procurement_methods, type: text_list, default: [], label_zh: 仅这些采购方式细分比价（设置后上一项不起作用）, label_en: Only these procurement method details compare prices (overrides the previous) }
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "项目 {ocid}：最低报价 {lowest_amount}（{currency}）的投标被否决，另有有效报价，最低 {lowest_valid_amount}"
  en: "Process {ocid}: the lowest bid, {lowest_amount} ({currency}), was disqualified, while valid bids stood, the lowest at {lowest_valid_amount}"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R036; open-contracting/cardinal-rs indicator R036 (the same rule, exclusions and settings)
*/
-- Cardinal's R036, over processes with an active award that pass the price-comparison filter: among the
-- submitted bids with a numeric amount in the main currency, the lowest (the first on a tie) is
-- disqualified, and at least one is valid. main currency: the parameter, else the first currency observed.
WITH p AS (
  SELECT seq, ocid FROM ocds_processes($excluded_procurement_method_details)
  WHERE active_award_count > 0
    AND ocds_price_comparison(procurement_method_details, $no_price_comparison_procurement_methods, $price_comparison_procurement_methods)
),
b AS (
  SELECT p.seq, p.ocid, v.bid_no, v.status, v.amount, v.currency
  FROM p JOIN v_ocds_bid v ON v.seq = p.seq
  WHERE v.status NOT IN ('invited', 'withdrawn') AND v.amount IS NOT NULL AND v.currency IS NOT NULL
),
m AS (SELECT coalesce(nullif($currency, ''), (SELECT first(currency ORDER BY seq, bid_no) FROM b)) AS cur),
l AS (
  SELECT b.seq, any_value(b.ocid) AS ocid, any_value(m.cur) AS currency, arg_min(b.status, (b.amount, b.bid_no)) AS lowest_status,
    min(b.amount) AS lowest_amount, min(b.amount) FILTER (WHERE b.status = 'valid') AS lowest_valid_amount
  FROM b JOIN m ON b.currency = m.cur GROUP BY b.seq
)
SELECT 'tender' AS subject_type, ocid AS subject_id, ocid AS tender_id, 1.0::DOUBLE AS score,
  {'ocid': ocid, 'lowest_amount': lowest_amount, 'lowest_valid_amount': lowest_valid_amount, 'currency': currency} AS evidence
FROM l
WHERE lowest_status = 'disqualified' AND lowest_valid_amount IS NOT NULL
