/*
id: OCDS-R003
name_zh: 投标期过短（OCDS R003）
name_en: Short submission period (OCDS R003)
domain: OCDS
category: K1
kind: regulatory
severity: orange
subject_type: tender
requires:
  ocds_release: [release_json]
params:
  - { name: threshold, type: integer, default: 15, unit: 天 / days, label_zh: 投标期短于, label_en: Submission period shorter than }
  - { name: procurement_methods, type: text_list, default: [], label_zh: 仅限这些采购方式（procurementMethod，空为全部）, label_en: Only these procurement methods (empty for all) }
  - { name: procurement_method_details, type: integer_map, default: {}, unit: 天 / days, label_zh: 按采购方式细分另设天数（细分=天数）, label_en: Days for given procurement method details (details=days) }
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "项目 {ocid}：投标期 {tender_period_start} 至 {tender_period_end} 仅 {days} 天，短于 {threshold_days} 天"
  en: "Process {ocid}: the submission period {tender_period_start} to {tender_period_end} lasts {days} days, under {threshold_days}"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R003; open-contracting/cardinal-rs indicator R003 (the same rule, exclusions and settings)
*/
-- Cardinal's R003: both tenderPeriod dates must be RFC 3339 date-times with an offset (others are skipped);
-- the period is counted in whole days, truncated toward zero (an end before the start is negative, so it is
-- flagged). The threshold of the process's procurementMethodDetails applies where one is set.
WITH p AS (
  SELECT ocid, procurement_method, procurement_method_details, tender_period_start, tender_period_end,
    TRY_CAST(upper(tender_period_start) AS TIMESTAMPTZ) AS starts, TRY_CAST(upper(tender_period_end) AS TIMESTAMPTZ) AS ends
  FROM ocds_processes($excluded_procurement_method_details)
  WHERE (len($procurement_methods) = 0 OR coalesce(list_contains($procurement_methods, procurement_method), false))
    AND regexp_full_match(tender_period_start, '\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})')
    AND regexp_full_match(tender_period_end, '\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})')
),
d AS (
  SELECT *, (epoch_us(ends) - epoch_us(starts)) // 86400000000 AS days,
    coalesce(CASE WHEN procurement_method_details IS NOT NULL
      THEN map_extract($procurement_method_details, procurement_method_details)[1] END, $threshold) AS threshold_days
  FROM p WHERE starts IS NOT NULL AND ends IS NOT NULL
)
SELECT 'tender' AS subject_type, ocid AS subject_id, ocid AS tender_id, 1.0::DOUBLE AS score,
  TRY_CAST(left(tender_period_end, 10) AS DATE) AS occurred_on,
  {'ocid': ocid, 'tender_period_start': tender_period_start, 'tender_period_end': tender_period_end, 'days': days,
   'threshold_days': threshold_days, 'procurement_method': procurement_method, 'procurement_method_details': procurement_method_details} AS evidence
FROM d
WHERE days < threshold_days
