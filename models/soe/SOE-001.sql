/*
id: SOE-001
name_zh: 中标供应商涉诉（被告、被执行人）
name_en: Winning supplier is a court defendant or enforcee
domain: SOE
category: K7
categories: [K7, C9]
kind: supervisory
severity: orange
escalation: 刑事案件、串通投标或行贿等案由、未结执行案件为红色；多起民事被告为橙色；单起民事案件为黄色 / red for criminal cases, collusion or bribery causes and open enforcement; orange for repeated civil cases; yellow for a single civil case
subject_type: contract
requires:
  contract: [contract_id, award_id, supplier_org_id]
  award: [award_id, notice_date]
  case_party: [case_id, party_type, party_id, party_role]
  court_case: [case_id, case_type, filing_date]
params:
  - name: months_before
    type: integer
    default: 24
    unit: 月 / months
    label_zh: 中标前回看月数
    label_en: Months before the award looked at
  - name: red_causes
    type: text_list
    default: [串通投标, 合同诈骗, 单位行贿, 行贿, 对非国家工作人员行贿]
    label_zh: 直接定为红色的案由
    label_en: Causes that make a hit red
explain:
  zh: "合同 {contract_id}：供应商 {org_id} 在 {case_no}（{case_type}，{cause}，{filing_date} 立案）中为被告或被执行人"
  en: "Contract {contract_id}: supplier {org_id} is a defendant or enforcee in {case_no} ({case_type}, {cause}, filed {filing_date})"
source: 客户提供的国资监管模型；《中央企业合规管理办法》
*/
-- Cases filed from months_before the award until the contract ended; the most serious case decides.
WITH cases AS (
  SELECT c.contract_id, c.tender_id, c.buyer_org_id, c.supplier_org_id, c.value_cny, cc.case_no, cc.case_type, cc.cause, cc.filing_date,
    cc.subject_amount_cny,
    CASE WHEN cc.case_type = 'criminal' OR list_contains($red_causes, cc.cause) THEN 'red'
         WHEN cc.case_type = 'enforcement' AND NOT COALESCE(cc.closed, FALSE) THEN 'red'
         ELSE 'civil' END AS tier
  FROM contract c
  JOIN award a ON a.award_id = c.award_id
  JOIN case_party cp ON cp.party_type = 'org' AND cp.party_id = c.supplier_org_id AND cp.party_role IN ('defendant', 'enforcee')
  JOIN court_case cc ON cc.case_id = cp.case_id
  WHERE cc.filing_date BETWEEN CAST(a.notice_date AS DATE) - to_months($months_before) AND COALESCE(c.actual_end_date, c.planned_end_date, DATE '9999-12-31')
)
SELECT 'contract' AS subject_type, contract_id AS subject_id, contract_id, tender_id, supplier_org_id AS org_id, buyer_org_id,
  CASE WHEN bool_or(tier = 'red') THEN 'red' WHEN count(*) >= 2 THEN 'orange' ELSE 'yellow' END AS severity,
  max(value_cny) AS amount_cny, max(filing_date) AS occurred_on,
  {'case_no': string_agg(case_no, ', ' ORDER BY filing_date), 'case_type': string_agg(DISTINCT case_type, ', ' ORDER BY case_type),
   'cause': string_agg(DISTINCT cause, ', ' ORDER BY cause), 'filing_date': min(filing_date)::VARCHAR, 'cases': count(*)} AS evidence
FROM cases
GROUP BY contract_id, tender_id, supplier_org_id, buyer_org_id
