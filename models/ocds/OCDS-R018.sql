/*
id: OCDS-R018
name_zh: 仅收到一份投标（OCDS R018）
name_en: Single bid received (OCDS R018)
domain: OCDS
category: K5
categories: [K5, K1]
kind: supervisory
severity: yellow
subject_type: tender
requires:
  ocds_release: [release_json]
params:
  - { name: procurement_methods, type: text_list, default: [open, selective], label_zh: 竞争性采购方式（procurementMethod，空为全部）, label_en: Competitive procurement methods (empty for all) }
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "项目 {ocid}：以{procurement_method}方式采购，只有 {number_of_tenderers} 家投标"
  en: "Process {ocid}: procured by the {procurement_method} method, with {number_of_tenderers} tenderer only"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R018; open-contracting/cardinal-rs indicator R018 (the same rule, exclusions and settings)
*/
-- Cardinal's R018 reads tender.numberOfTenderers only (an unsigned JSON integer equal to 1), not the bids.
SELECT 'tender' AS subject_type, ocid AS subject_id, ocid AS tender_id, 1.0::DOUBLE AS score,
  {'ocid': ocid, 'number_of_tenderers': number_of_tenderers, 'procurement_method': procurement_method} AS evidence
FROM ocds_processes($excluded_procurement_method_details)
WHERE number_of_tenderers = 1
  AND (len($procurement_methods) = 0 OR coalesce(list_contains($procurement_methods, procurement_method), false))
