/*
id: OCDS-R038
name_zh: 投标被否决比例异常高（OCDS R038）
name_en: Excessive disqualified bids (OCDS R038)
domain: OCDS
category: K5
kind: supervisory
severity: yellow
subject_type: buyer
requires:
  ocds_release: [release_json]
params:
  - { name: threshold, type: number, default: null, unit: 比例 / ratio, label_zh: 被否决比例至少（空为按数据的异常上限 Q3+1.5×IQR，各类主体分别计算）, label_en: Share disqualified at least (empty for the upper fence Q3 + 1.5 IQR of each group) }
  - { name: minimum_submitted_bids, type: integer, default: 2, unit: 份 / bids, label_zh: 投标人至少递交投标, label_en: Bids a tenderer submitted at least }
  - { name: minimum_contracting_processes, type: integer, default: 2, unit: 份 / bids, label_zh: 采购人、采购代理至少收到投标, label_en: Bids a buyer or procuring entity received at least }
  - { name: excluded_procurement_method_details, type: text_list, default: [], label_zh: 不计的采购方式细分（procurementMethodDetails）, label_en: Procurement method details left out }
explain:
  zh: "{ocds_group} {party_id}：递交的 {submitted} 份投标中 {disqualified} 份被否决，比例 {disqualified_ratio} 达到上限 {upper_fence}"
  en: "The {subject_type} {party_id}: {disqualified} of {submitted} bids submitted were disqualified, a share of {disqualified_ratio}, at least the fence {upper_fence}"
source: Open Contracting Partnership, Red Flags in Public Procurement (2024) R038; open-contracting/cardinal-rs indicator R038 (the same rule, exclusions, settings and Hyndman–Fan type 8 quartiles)
*/
-- Cardinal's R038: disqualified / submitted bids per buyer, per procuring entity and per tenderer
-- (ocds_disqualified_bids). Each group has its own upper fence Q3 + 1.5·IQR (or the threshold); a share at
-- or above it is flagged when the fence is above zero. As in Cardinal, the minimum for buyers and procuring
-- entities counts their submitted bids, not their processes.
WITH r AS (
  SELECT party_group, party_id, disqualified, submitted, disqualified::DOUBLE / submitted AS ratio
  FROM ocds_disqualified_bids($excluded_procurement_method_details)
  WHERE submitted >= CASE WHEN party_group = 'tenderer' THEN $minimum_submitted_bids ELSE $minimum_contracting_processes END
),
s AS (
  SELECT party_group, q.q1, q.q3 FROM (SELECT party_group, quartiles_type8(list(ratio)) AS q FROM r GROUP BY party_group)
),
f AS (SELECT party_group, q1, q3, coalesce($threshold, iqr_upper_fence(q1, q3)) AS upper_fence FROM s)
SELECT r.party_group AS subject_type, r.party_id AS subject_id, r.ratio AS score,
  {'ocds_group': CASE r.party_group WHEN 'buyer' THEN '采购人' WHEN 'procuring_entity' THEN '采购代理机构' ELSE '投标人' END,
   'party_id': r.party_id, 'submitted': r.submitted, 'disqualified': r.disqualified, 'disqualified_ratio': r.ratio,
   'q1': f.q1, 'q3': f.q3, 'upper_fence': f.upper_fence} AS evidence
FROM r JOIN f ON f.party_group = r.party_group
WHERE f.upper_fence > 0 AND r.ratio >= f.upper_fence
