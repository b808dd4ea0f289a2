/*
id: OCDS-R030
name_zh: 逾期投标仍中标（OCDS R030）
name_en: Late bid won (OCDS R030)
domain: OCDS
category: K5
kind: regulatory
severity: red
subject_type: tender
requires:
  ocds_release: [release_json]
params:
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "项目 {ocid}：投标截止 {tender_period_end}，中标人 {tenderer_ids} 的有效投标递交于 {bid_date}，晚于截止时间"
  en: "Process {ocid}: bids closed {tender_period_end}; the valid bid of the winner {tenderer_ids} is dated {bid_date}, after the deadline"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R030; open-contracting/cardinal-rs indicator R030 (the same rule, exclusions and settings)
*/
-- Cardinal's R030: a valid bid dated after tender.tenderPeriod.endDate by a tenderer that is a supplier of an
-- active award. The dates are compared as text, as Cardinal does (same-format ISO dates order correctly;
-- mixed offsets may not).
WITH p AS (
  SELECT seq, ocid, tender_period_end FROM ocds_processes($excluded_procurement_method_details)
  WHERE tender_period_end IS NOT NULL AND awards_listed AND bids_listed
),
suppliers AS (
  SELECT DISTINCT seq, id FROM (SELECT a.seq, unnest(a.supplier_ids) AS id FROM p JOIN v_ocds_award a ON a.seq = p.seq WHERE a.status = 'active')
),
late AS (
  SELECT p.seq, p.ocid, p.tender_period_end, v.bid_date, unnest(v.tenderer_ids) AS id
  FROM p JOIN v_ocds_bid v ON v.seq = p.seq
  WHERE v.status = 'valid' AND v.bid_date > p.tender_period_end
),
won AS (SELECT late.* FROM late SEMI JOIN suppliers s ON s.seq = late.seq AND s.id = late.id),
e AS (
  SELECT seq, any_value(ocid) AS ocid, list(DISTINCT id ORDER BY id) AS ids,
    {'ocid': any_value(ocid), 'tender_period_end': any_value(tender_period_end), 'bid_date': max(bid_date),
     'tenderer_ids': list(DISTINCT id ORDER BY id)} AS evidence
  FROM won GROUP BY seq
)
SELECT 'tender' AS subject_type, ocid AS subject_id, ocid AS tender_id, 1.0::DOUBLE AS score, evidence FROM e
UNION ALL
SELECT 'tenderer', unnest(ids), ocid, 1.0, evidence FROM e
