/*
id: SOE-014
name_zh: 应招未招、违规采用非招标方式
name_en: Procurement method not permitted for the value
domain: SOE
category: C7
kind: regulatory
severity: red
subject_type: contract
requires:
  contract: [contract_id, procurement_method, category, value_cny]
params:
  - name: t_works
    type: number
    default: 4000000
    unit: 元 / CNY
    label_zh: 工程类必须招标限额
    label_en: Must-tender threshold for works
  - name: t_goods
    type: number
    default: 2000000
    unit: 元 / CNY
    label_zh: 货物类必须招标限额
    label_en: Must-tender threshold for goods
  - name: t_services
    type: number
    default: 1000000
    unit: 元 / CNY
    label_zh: 服务类必须招标限额
    label_en: Must-tender threshold for services
  - name: methods
    type: text_list
    default: [limited, direct]
    label_zh: 非招标方式
    label_en: Non-tender methods
  - name: exemptions
    type: text_list
    default: [emergency, disaster_relief, state_secret, national_security, work_relief, only_supplier, patent, continuity, self_supply, franchise, failed_tender]
    label_zh: 依法可不招标的理由代码（justification_code）
    label_en: Legal exemption codes (justification_code)
  - name: approval_subjects
    type: text_list
    default: [procurement_method]
    label_zh: 视为采购方式审批的决策事项类型（decision.subject_type）
    label_en: Decision subject types that approve the method
explain:
  zh: "合同 {contract_id}：{category} 类合同金额 {value_cny} 元，达到 {threshold_cny} 元必须招标限额，却以 {procurement_method}（{method_detail}）方式签订，无依法不招标理由，签约前也无采购方式审批决策（签约后补办的审批：{late_approvals}）"
  en: "Contract {contract_id}: a {category} contract of CNY {value_cny}, at or above the must-tender threshold of CNY {threshold_cny}, was awarded by the {procurement_method} method ({method_detail}) with no legal exemption and no approval of the method before signing (approvals dated after signing: {late_approvals})"
source: 《招标投标法》第三条；《必须招标的工程项目规定》（国家发展改革委令2018年第16号）；《政府采购法》第二十七条；Prozorro RISK-1-9, RISK-1-19
*/
-- A non-tender method at or above the category's threshold, with neither a legal exemption recorded on the
-- contract nor an approval of the method (a decision naming the contract or its project) taken by the day of
-- signing. An approval dated after signing is reported, but does not count.
WITH c AS (
  SELECT c.*, CASE c.category WHEN 'works' THEN $t_works WHEN 'goods' THEN $t_goods WHEN 'services' THEN $t_services END AS threshold
  FROM contract c
  WHERE list_contains($methods, c.procurement_method)
    AND NOT list_contains($exemptions, COALESCE(c.justification_code, ''))
),
flagged AS (SELECT * FROM c WHERE value_cny >= threshold),
approval AS (
  SELECT f.contract_id, d.decision_id, d.meeting_date
  FROM flagged f JOIN decision d ON list_contains($approval_subjects, d.subject_type)
   AND (d.ref_contract_id = f.contract_id OR (f.project_ref IS NOT NULL AND d.ref_project = f.project_ref))
)
SELECT 'contract' AS subject_type, f.contract_id AS subject_id, f.contract_id, f.tender_id, f.supplier_org_id AS org_id, f.buyer_org_id,
  f.value_cny AS amount_cny, f.value_cny / f.threshold AS score, f.sign_date AS occurred_on, b.region_code,
  {'category': f.category, 'value_cny': f.value_cny, 'threshold_cny': f.threshold, 'procurement_method': f.procurement_method,
   'method_detail': f.method_detail, 'justification_code': f.justification_code, 'sign_date': CAST(f.sign_date AS VARCHAR),
   'late_approvals': (SELECT list(a.decision_id || ' ' || CAST(a.meeting_date AS VARCHAR) ORDER BY a.meeting_date, a.decision_id)
                      FROM approval a WHERE a.contract_id = f.contract_id)} AS evidence
FROM flagged f LEFT JOIN organization b ON b.org_id = f.buyer_org_id
WHERE NOT EXISTS (SELECT 1 FROM approval a WHERE a.contract_id = f.contract_id AND (a.meeting_date <= f.sign_date OR f.sign_date IS NULL))
