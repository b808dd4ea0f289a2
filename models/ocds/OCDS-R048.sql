/*
id: OCDS-R048
name_zh: 供应商经营品类异常庞杂（OCDS R048）
name_en: Heterogeneous supplier (OCDS R048)
domain: OCDS
category: C2
categories: [C2, C6]
kind: supervisory
severity: yellow
subject_type: tenderer
requires:
  ocds_release: [release_json]
params:
  - { name: digits, type: integer, default: 2, unit: 位 / characters, label_zh: 按分类代码前几位区分品类, label_en: Leading characters of the classification code that make a category }
  - { name: threshold, type: integer, default: null, unit: 类 / categories, label_zh: 品类数至少（空为按数据的异常上限 Q3+1.5×IQR）, label_en: Categories at least (empty for the upper fence Q3 + 1.5 IQR) }
  - { name: minimum_contracting_processes, type: integer, default: 20, unit: 个项目 / processes, label_zh: 供应商至少中标项目数, label_en: Processes a supplier won at least }
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "供应商 {tenderer_id}：在 {processes} 个项目中供应 {variety} 类品目（{codes}），达到上限 {upper_fence}"
  en: "Supplier {tenderer_id}: supplied {variety} categories of items ({codes}) in {processes} processes, at least the fence {upper_fence}"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R048; open-contracting/cardinal-rs indicator R048 (the same rule, exclusions, settings and Hyndman–Fan type 8 quartiles)
*/
-- Cardinal's R048: per supplier of awards made to it alone, the number of distinct classification prefixes
-- of its awarded items (ocds_supplier_variety), among suppliers with at least the minimum of processes; a
-- variety at or above the upper fence Q3 + 1.5·IQR of theirs (or the threshold) is flagged.
WITH v AS (
  SELECT supplier_id, processes, variety::DOUBLE AS variety, codes
  FROM ocds_supplier_variety($excluded_procurement_method_details, $digits)
  WHERE processes >= $minimum_contracting_processes
),
s AS (SELECT q.q1, q.q3 FROM (SELECT quartiles_type8(list(variety)) AS q FROM v)),
f AS (SELECT q1, q3, coalesce($threshold::DOUBLE, iqr_upper_fence(q1, q3)) AS upper_fence FROM s)
SELECT 'tenderer' AS subject_type, v.supplier_id AS subject_id, v.variety AS score,
  {'tenderer_id': v.supplier_id, 'processes': v.processes, 'variety': v.variety, 'codes': v.codes,
   'q1': f.q1, 'q3': f.q3, 'upper_fence': f.upper_fence} AS evidence
FROM v, f
WHERE v.variety >= f.upper_fence
