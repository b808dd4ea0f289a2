/*
id: FUND-003
name_zh: 对公账户向个人账户大额转账
name_en: Public-to-private transfers
domain: FUND
category: K6
kind: supervisory
severity: orange
escalation: 收款人是付款单位工作人员或其近亲属为红色 / red when the payee is a staff member of the payer or their kin
subject_type: payment
requires:
  payment: [payment_id, payer_org_id, payee_account_id, amount_cny, pay_time]
  bank_account: [account_id, account_kind]
params:
  - name: amt
    type: number
    default: 50000
    unit: 元 / CNY
    label_zh: 单笔金额不低于
    label_en: Single payment at least
  - name: amt_m
    type: number
    default: 200000
    unit: 元 / CNY
    label_zh: 同一人当月累计不低于
    label_en: Total to one person in a calendar month at least
  - name: exempt_purposes
    type: text_list
    default: [payroll, reimbursement, social_security, approved_benefit]
    label_zh: 不计入的用途代码（工资、报销、社保、经批准的福利名单）
    label_en: Purpose codes not counted (payroll, reimbursement, social security, approved benefit list)
  - name: kin_degree
    type: integer
    default: 3
    unit: 亲等 / degree
    label_zh: 近亲属亲等上限
    label_en: Kinship degree up to
explain:
  zh: "{org_id} 于 {pay_date} 从对公账户向个人 {person_id} 的个人账户 {payee_account_id} 转账 {amount_cny} 元（{purpose}，用途代码 {purpose_code}），该人当月累计收款 {month_total_cny} 元；与付款单位的关系：{insider_ties}"
  en: "{org_id} transferred CNY {amount_cny} from a public account to the personal account {payee_account_id} of {person_id} on {pay_date} ({purpose}, purpose code {purpose_code}); CNY {month_total_cny} to that person in the month; ties to the payer: {insider_ties}"
source: 《金融机构大额交易和可疑交易报告管理办法》（中国人民银行令2016年第3号）；内部控制实务 / internal-control practice
*/
-- Transfers to personal accounts other than payroll, reimbursement, social security or an approved benefit
-- list: each of at least amt, or all of a person's in a calendar month when together they reach amt_m.
-- The payee is an insider when they hold a role at the payer (or are its legal representative) on the
-- day, or are kin within kin_degree of someone who does.
WITH pp AS (
  SELECT p.payment_id, p.payer_org_id, p.payee_account_id, p.payee_name, p.amount_cny, p.pay_time, p.purpose, p.purpose_code, p.contract_id,
    CAST(p.pay_time AS DATE) AS pay_date,
    COALESCE(CASE WHEN ba.holder_type = 'person' THEN ba.holder_id END, CASE WHEN p.payee_type = 'person' THEN p.payee_id END, p.payee_account_id) AS person_key,
    COALESCE(CASE WHEN ba.holder_type = 'person' THEN ba.holder_id END, CASE WHEN p.payee_type = 'person' THEN p.payee_id END) AS person_id
  FROM payment p JOIN bank_account ba ON ba.account_id = p.payee_account_id
  WHERE ba.account_kind = 'personal' AND NOT list_contains($exempt_purposes, COALESCE(p.purpose_code, ''))
),
m AS (
  SELECT *, sum(amount_cny) OVER (PARTITION BY person_key, date_trunc('month', pay_time)) AS month_total FROM pp
),
flag AS (SELECT * FROM m WHERE amount_cny >= $amt OR month_total >= $amt_m),
staff AS (   -- who works for, or heads, each payer on the day of each flagged payment
  SELECT h.payment_id, r.person_id, r.role
  FROM flag h JOIN org_role r ON r.org_id = h.payer_org_id
  WHERE (r.start_date IS NULL OR r.start_date <= h.pay_date) AND (r.end_date IS NULL OR r.end_date >= h.pay_date)
  UNION
  SELECT h.payment_id, o.legal_rep_person_id, 'legal_rep' FROM flag h JOIN organization o ON o.org_id = h.payer_org_id
  WHERE o.legal_rep_person_id IS NOT NULL
),
insider AS (
  SELECT h.payment_id, s.role, NULL AS relation, NULL AS kin_of FROM flag h JOIN staff s ON s.payment_id = h.payment_id AND s.person_id = h.person_id
  UNION ALL
  SELECT h.payment_id, s.role, k.relation, s.person_id FROM flag h JOIN staff s ON s.payment_id = h.payment_id
  JOIN v_kin k ON k.p = s.person_id AND k.q = h.person_id AND k.degree <= $kin_degree
),
ins AS (
  SELECT payment_id, list(CASE WHEN kin_of IS NULL THEN role ELSE relation || ' of ' || role || ' ' || kin_of END ORDER BY kin_of NULLS FIRST, role) AS ties
  FROM insider GROUP BY payment_id
)
SELECT 'payment' AS subject_type, h.payment_id AS subject_id, h.payer_org_id AS org_id, h.person_id, h.contract_id, h.amount_cny,
  h.pay_date AS occurred_on, o.region_code,
  CASE WHEN i.payment_id IS NOT NULL THEN 'red' ELSE 'orange' END AS severity,
  {'pay_date': CAST(h.pay_date AS VARCHAR), 'payee_name': h.payee_name, 'payee_account_id': h.payee_account_id, 'purpose': h.purpose,
   'purpose_code': h.purpose_code, 'month': strftime(h.pay_time, '%Y-%m'), 'month_total_cny': h.month_total,
   'single_over_amt': h.amount_cny >= $amt, 'amt': $amt, 'amt_m': $amt_m,
   'insider_ties': i.ties} AS evidence
FROM flag h LEFT JOIN ins i ON i.payment_id = h.payment_id LEFT JOIN organization o ON o.org_id = h.payer_org_id
