/*
id: SOE-015
name_zh: 零参保“空壳”供应商中标
name_en: Shell supplier with no insured staff
domain: SOE
category: C2
categories: [C2, C3]
kind: regulatory
severity: orange
escalation: 注册地址被 addr_cap 家以上机构共用，或法定代表人同时担任 lr_cap 家以上机构法定代表人，为红色 / red when the address is shared by addr_cap or more organisations or the legal representative heads lr_cap or more
subject_type: org
requires:
  award: [supplier_org_id, award_value_cny, notice_date]
  social_insurance: [employer_org_id, period_month]
params:
  - name: v_min
    type: number
    default: 500000
    unit: 元 / CNY
    label_zh: 中标金额不低于
    label_en: Award value at least
  - name: addr_cap
    type: integer
    default: 20
    unit: 家 / organisations
    label_zh: 同一注册地址机构数（升级为红色）
    label_en: Organisations at one address that make it red
  - name: lr_cap
    type: integer
    default: 10
    unit: 家 / organisations
    label_zh: 同一法定代表人任职机构数（升级为红色）
    label_en: Organisations under one legal representative that make it red
explain:
  zh: "供应商 {org_id} 在中标当月无任何参保职工，却中标 {n_awards} 次、合计 {total_award_cny} 元（{award_summary}）；注册地址共用机构 {orgs_at_address} 家，法定代表人任职机构 {orgs_of_legal_rep} 家"
  en: "Supplier {org_id} had no insured employee in the month of {n_awards} awards worth CNY {total_award_cny} in all ({award_summary}); {orgs_at_address} organisations share its address and its legal representative heads {orgs_of_legal_rep}"
source: European Commission Arachne（资格风险）；空壳公司识别实践 / shell-company typologies
*/
-- Awards of at least v_min whose supplier had nobody insured in the month of the award notice. The insured
-- months are looked up only for the suppliers and months of such awards (one pass over social_insurance, whose
-- period_month is the first day of its month, as the canonical model keeps months).
WITH aw AS (
  SELECT a.award_id, a.tender_id, a.lot_id, a.supplier_org_id, a.award_value_cny, CAST(a.notice_date AS DATE) AS notice,
    CAST(date_trunc('month', a.notice_date) AS DATE) AS award_month
  FROM award a
  WHERE a.award_value_cny >= $v_min AND a.supplier_org_id IS NOT NULL AND a.notice_date IS NOT NULL
    AND COALESCE(a.status, 'active') NOT IN ('cancelled', 'withdrawn', 'declined')
),
insured AS (
  SELECT DISTINCT aw.award_id
  FROM aw JOIN social_insurance s ON s.employer_org_id = aw.supplier_org_id AND s.period_month = aw.award_month
),
shell AS (
  SELECT aw.* FROM aw WHERE aw.award_id NOT IN (SELECT award_id FROM insured)
),
per_org AS (
  SELECT supplier_org_id, count(*) AS n_awards, sum(award_value_cny) AS total, max(notice) AS last_notice,
    list({'award_id': award_id, 'tender_id': tender_id, 'lot_id': lot_id, 'notice_date': CAST(notice AS VARCHAR), 'award_value_cny': award_value_cny}
         ORDER BY notice, award_id) AS awards,
    string_agg(tender_id || ' ' || CAST(notice AS VARCHAR) || ' ' || CAST(award_value_cny AS VARCHAR), '; ' ORDER BY notice, award_id) AS award_summary
  FROM shell GROUP BY supplier_org_id
),
o AS (
  SELECT o.org_id, o.address_norm, o.legal_rep_person_id, o.region_code, o.insured_staff_count,
    CASE WHEN o.address_norm IS NOT NULL THEN (SELECT count(*) FROM organization x WHERE x.address_norm = o.address_norm) END AS orgs_at_address,
    CASE WHEN o.legal_rep_person_id IS NOT NULL THEN (SELECT count(*) FROM organization x WHERE x.legal_rep_person_id = o.legal_rep_person_id) END AS orgs_of_legal_rep
  FROM organization o WHERE o.org_id IN (SELECT supplier_org_id FROM per_org)
)
SELECT 'org' AS subject_type, p.supplier_org_id AS subject_id, p.supplier_org_id AS org_id, o.legal_rep_person_id AS person_id,
  p.total AS amount_cny, CAST(p.n_awards AS DOUBLE) AS score, p.last_notice AS occurred_on, o.region_code,
  CASE WHEN COALESCE(o.orgs_at_address, 0) >= $addr_cap OR COALESCE(o.orgs_of_legal_rep, 0) >= $lr_cap THEN 'red' ELSE 'orange' END AS severity,
  {'n_awards': p.n_awards, 'total_award_cny': p.total, 'v_min': $v_min, 'awards': p.awards, 'award_summary': p.award_summary,
   'insured_staff_count': o.insured_staff_count, 'address_norm': o.address_norm, 'orgs_at_address': o.orgs_at_address,
   'legal_rep_person_id': o.legal_rep_person_id, 'orgs_of_legal_rep': o.orgs_of_legal_rep} AS evidence
FROM per_org p LEFT JOIN o ON o.org_id = p.supplier_org_id
