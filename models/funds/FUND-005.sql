/*
id: FUND-005
name_zh: 无合同付款或超合同金额付款
name_en: Payment without or beyond a contract
domain: FUND
category: C9
categories: [C9, K6]
kind: regulatory
severity: orange
subject_type: contract
requires:
  payment: [payment_id, payer_org_id, amount_cny, pay_time]
params:
  - name: v
    type: number
    default: 200000
    unit: 元 / CNY
    label_zh: 无合同付款12个月累计不低于
    label_en: Payments without a contract to one payee in 12 months at least
  - name: months
    type: integer
    default: 12
    unit: 月 / months
    label_zh: 无合同付款累计期间
    label_en: Months over which payments without a contract are summed
  - name: tolerance_cny
    type: number
    default: 1
    unit: 元 / CNY
    label_zh: 超付容差（分期付款的分位舍入）
    label_en: Overpayment tolerance (rounding of instalments)
  - name: exempt_purposes
    type: text_list
    default: [payroll, reimbursement, social_security, approved_benefit]
    label_zh: 本身无需合同的用途代码（工资、报销、社保、经批准的福利名单）
    label_en: Purpose codes that need no contract (payroll, reimbursement, social security, approved benefit list)
explain:
  zh: "{rule_zh}：{org_id} 向 {payee_name} 付款 {paid_cny} 元，{basis_zh}；缺少合同依据的金额 {excess_cny} 元"
  en: "{rule_en}: {org_id} paid {payee_name} CNY {paid_cny}; {basis_en}; CNY {excess_cny} without a contractual basis"
source: 审计实务 / audit practice；World Bank INT red flag 8
*/
-- (a) A contract paid beyond its value plus the amendments that carry a decision. (b) One payer's payments
-- to one payee with no contract, summed over any window of `months`, reaching v (one hit per payer and
-- payee, on the largest window). Payroll, reimbursements, social security and approved benefits need no
-- procurement contract and are left out of (b).
WITH paid AS (
  SELECT contract_id, sum(amount_cny) AS paid FROM payment WHERE contract_id IS NOT NULL GROUP BY contract_id
),
approved AS (
  SELECT contract_id, sum(value_delta_cny) AS approved_delta
  FROM contract_amendment WHERE decision_id IS NOT NULL GROUP BY contract_id
),
over0 AS (
  SELECT c.contract_id, c.tender_id, c.buyer_org_id, c.supplier_org_id, c.value_cny, p.paid,
    COALESCE(a.approved_delta, 0) AS approved_delta, c.value_cny + COALESCE(a.approved_delta, 0) AS allowed
  FROM paid p JOIN contract c ON c.contract_id = p.contract_id LEFT JOIN approved a ON a.contract_id = p.contract_id
  WHERE p.paid > c.value_cny + COALESCE(a.approved_delta, 0) + $tolerance_cny
),
over AS (   -- the payments of the contracts paid beyond their basis, for the evidence
  SELECT o.*, d.n_payments, d.last_pay, d.payer_org_id, d.payee_name
  FROM over0 o JOIN (SELECT contract_id, count(*) AS n_payments, max(CAST(pay_time AS DATE)) AS last_pay, max(payer_org_id) AS payer_org_id,
                            max(payee_name) AS payee_name
                     FROM payment WHERE contract_id IN (SELECT contract_id FROM over0) GROUP BY contract_id) d ON d.contract_id = o.contract_id
),
loose AS (
  SELECT p.payment_id, p.payer_org_id, COALESCE(p.payee_id, p.payee_account_id, p.payee_name) AS payee_key, p.payee_type, p.payee_id, p.payee_name,
    p.amount_cny, p.pay_time, p.purpose,
    sum(p.amount_cny) OVER (PARTITION BY p.payer_org_id, COALESCE(p.payee_id, p.payee_account_id, p.payee_name) ORDER BY p.pay_time
                            RANGE BETWEEN to_months($months) PRECEDING AND CURRENT ROW) AS window_total
  FROM payment p
  WHERE p.contract_id IS NULL AND NOT list_contains($exempt_purposes, COALESCE(p.purpose_code, ''))
),
peak AS (   -- per payer and payee: the window with the largest total, ending at its last payment
  SELECT payer_org_id, payee_key, arg_max(pay_time, window_total) AS window_end, max(window_total) AS window_total
  FROM loose GROUP BY payer_org_id, payee_key HAVING max(window_total) >= $v
)
SELECT 'contract' AS subject_type, o.contract_id AS subject_id, o.contract_id, o.tender_id, COALESCE(o.payer_org_id, o.buyer_org_id) AS org_id,
  NULL::VARCHAR AS person_id,
  o.buyer_org_id, o.paid AS amount_cny, o.paid / NULLIF(o.allowed, 0) AS score, o.last_pay AS occurred_on, b.region_code,
  {'rule_zh': '超合同金额付款', 'rule_en': 'Paid beyond the contract', 'payee_name': o.payee_name, 'paid_cny': o.paid,
   'allowed_cny': o.allowed, 'value_cny': o.value_cny, 'approved_delta_cny': o.approved_delta, 'excess_cny': o.paid - o.allowed,
   'basis_zh': '合同 ' || o.contract_id || ' 金额 ' || o.value_cny || ' 元，经决策的变更 ' || o.approved_delta || ' 元，可支付上限 ' || o.allowed || ' 元',
   'basis_en': 'contract ' || o.contract_id || ' is CNY ' || o.value_cny || ' with CNY ' || o.approved_delta || ' of approved amendments, CNY ' || o.allowed || ' payable at most',
   'n_payments': o.n_payments, 'supplier_org_id': o.supplier_org_id, 'window_from': NULL::VARCHAR, 'window_to': NULL::VARCHAR,
   'payments': NULL::VARCHAR[]} AS evidence
FROM over o LEFT JOIN organization b ON b.org_id = o.buyer_org_id
UNION ALL
SELECT 'payer_payee', k.payer_org_id || '|' || k.payee_key, NULL, NULL, k.payer_org_id,
  max(CASE WHEN l.payee_type = 'person' THEN l.payee_id END), k.payer_org_id, k.window_total,
  k.window_total / $v, CAST(k.window_end AS DATE), b.region_code,
  {'rule_zh': '无合同付款', 'rule_en': 'Paid without a contract', 'payee_name': max(l.payee_name), 'paid_cny': k.window_total,
   'allowed_cny': 0, 'value_cny': NULL, 'approved_delta_cny': NULL, 'excess_cny': k.window_total,
   'basis_zh': CAST(CAST(min(l.pay_time) AS DATE) AS VARCHAR) || ' 至 ' || CAST(CAST(k.window_end AS DATE) AS VARCHAR) || ' 的 ' || count(*) || ' 笔付款均无合同，' || $months || ' 个月内累计达到 ' || $v || ' 元',
   'basis_en': 'its ' || count(*) || ' payments from ' || CAST(CAST(min(l.pay_time) AS DATE) AS VARCHAR) || ' to ' || CAST(CAST(k.window_end AS DATE) AS VARCHAR)
     || ' rest on no contract and reach CNY ' || $v || ' within ' || $months || ' months',
   'n_payments': count(*), 'supplier_org_id': NULL, 'window_from': CAST(CAST(min(l.pay_time) AS DATE) AS VARCHAR),
   'window_to': CAST(CAST(k.window_end AS DATE) AS VARCHAR), 'payments': list(l.payment_id ORDER BY l.pay_time, l.payment_id)}
FROM peak k JOIN loose l ON l.payer_org_id = k.payer_org_id AND l.payee_key = k.payee_key
  AND l.pay_time >= k.window_end - to_months($months) AND l.pay_time <= k.window_end
LEFT JOIN organization b ON b.org_id = k.payer_org_id
GROUP BY k.payer_org_id, k.payee_key, k.window_total, k.window_end, b.region_code
