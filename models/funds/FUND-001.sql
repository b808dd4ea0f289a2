/*
id: FUND-001
name_zh: 大额资金支付未经集体决策（“三重一大”）
name_en: Large expenditure without a collective decision
domain: FUND
category: K2
kind: regulatory
severity: red
subject_type: payment
requires:
  payment: [payment_id, payer_org_id, amount_cny, pay_time]
params:
  - name: large_cny
    type: number
    default: 500000
    unit: 元 / CNY
    label_zh: 大额资金标准
    label_en: Large-fund threshold
  - name: bodies
    type: text_list
    default: [party_committee, board, gm_office]
    label_zh: 有效的决策机构
    label_en: Deciding bodies that count
explain:
  zh: "{org_id} 于 {pay_date} 向 {payee_name} 支付 {amount_cny} 元，支付前没有党委会、董事会或总经理办公会决策"
  en: "{org_id} paid CNY {amount_cny} to {payee_name} on {pay_date} without a prior decision of the party committee, board or managers' meeting"
source: 《关于进一步推进国有企业贯彻落实“三重一大”决策制度的意见》
*/
-- A decision counts when it names the payment, its contract, or is the payment's own decision, and was
-- taken on or before the payment day. Each of the three ways is its own test by equality: as one test with
-- OR, every payment was paired with every decision of its payer (15M pairs at bench scale).
WITH d AS MATERIALIZED (
  SELECT org_id, decision_id, ref_payment_id, ref_contract_id, meeting_date FROM decision WHERE list_contains($bodies, body)
)
SELECT 'payment' AS subject_type, p.payment_id AS subject_id, p.payer_org_id AS org_id, p.contract_id, p.amount_cny,
  CAST(p.pay_time AS DATE) AS occurred_on,
  {'payee_name': p.payee_name, 'pay_date': CAST(p.pay_time AS DATE)::VARCHAR, 'purpose': p.purpose, 'large_cny': $large_cny} AS evidence
FROM payment p
WHERE p.amount_cny >= $large_cny
  AND NOT EXISTS (SELECT 1 FROM d WHERE d.decision_id = p.decision_id AND d.org_id = p.payer_org_id AND d.meeting_date <= CAST(p.pay_time AS DATE))
  AND NOT EXISTS (SELECT 1 FROM d WHERE d.ref_payment_id = p.payment_id AND d.org_id = p.payer_org_id AND d.meeting_date <= CAST(p.pay_time AS DATE))
  AND NOT EXISTS (SELECT 1 FROM d WHERE d.ref_contract_id = p.contract_id AND d.org_id = p.payer_org_id AND d.meeting_date <= CAST(p.pay_time AS DATE))
