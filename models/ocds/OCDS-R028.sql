/*
id: OCDS-R028
name_zh: 不同投标人报价相同（OCDS R028）
name_en: Identical bid prices (OCDS R028)
domain: OCDS
category: C1
kind: regulatory
severity: orange
subject_type: tender
requires:
  ocds_release: [release_json]
params:
  - { name: no_price_comparison_procurement_methods, type: text_list, default: [], label_zh: 不比价的采购方式细分, label_en: Procurement method details without price comparison }
  - { name: price_comparison_procurement_methods, type: text_list, default: [], label_zh: 仅这些采购方式细分比价（设置后上一项不起作用）, label_en: Only these procurement method details compare prices (overrides the previous) }
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "项目 {ocid}：投标人 {tenderer_ids} 报出相同价格 {amounts}（{currency}）"
  en: "Process {ocid}: tenderers {tenderer_ids} bid the same price {amounts} ({currency})"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R028; open-contracting/cardinal-rs indicator R028 (the same rule, exclusions and settings)
*/
-- Cardinal's R028: in bid order, a submitted bid whose amount and currency repeat the previous bid with that
-- price flags the process when its set of tenderers differs from that bid's; both sets of tenderers are
-- flagged. The same tenderers repeating a price is allowed. Amounts are compared as numbers (1 = 1.0).
WITH b AS (
  SELECT p.seq, p.ocid, v.bid_no, v.amount, v.currency, v.tenderer_ids
  FROM ocds_processes($excluded_procurement_method_details) p JOIN v_ocds_bid v ON v.seq = p.seq
  WHERE ocds_price_comparison(p.procurement_method_details, $no_price_comparison_procurement_methods, $price_comparison_procurement_methods)
    AND v.status NOT IN ('invited', 'withdrawn') AND v.amount IS NOT NULL AND v.currency IS NOT NULL AND len(v.tenderer_ids) > 0
),
repeated AS (SELECT seq, amount, currency FROM b GROUP BY ALL HAVING count(*) > 1),
pairs AS (  -- each bid's set of tenderers against the previous bid's with the same price
  SELECT seq, ocid, amount, currency, ids, lag(ids) OVER (PARTITION BY seq, amount, currency ORDER BY bid_no) AS previous_ids
  FROM (SELECT *, list_sort(list_distinct(tenderer_ids)) AS ids FROM b SEMI JOIN repeated USING (seq, amount, currency))
),
flagged AS (
  SELECT seq, ocid, amount, currency, unnest(list_concat(ids, previous_ids)) AS id
  FROM pairs WHERE previous_ids IS NOT NULL AND ids <> previous_ids
),
e AS (
  SELECT seq, any_value(ocid) AS ocid, list(DISTINCT id ORDER BY id) AS ids,
    {'ocid': any_value(ocid), 'amounts': list(DISTINCT amount ORDER BY amount), 'currency': min(currency),
     'tenderer_ids': list(DISTINCT id ORDER BY id)} AS evidence
  FROM flagged GROUP BY seq
)
SELECT 'tender' AS subject_type, ocid AS subject_id, ocid AS tender_id, 1.0::DOUBLE AS score, evidence FROM e
UNION ALL
SELECT 'tenderer', unnest(ids), ocid, 1.0, evidence FROM e
