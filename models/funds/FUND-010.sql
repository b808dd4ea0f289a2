/*
id: FUND-010
name_zh: 重复支付
name_en: Duplicate payments
domain: FUND
category: OPR
kind: regulatory
severity: orange
subject_type: payment_pair
requires:
  payment: [payment_id, payee_account_id, amount_cny, pay_time]
params:
  - name: window_days
    type: integer
    default: 60
    unit: 天 / days
    label_zh: 同额付款间隔不超过
    label_en: Equal payments at most this many days apart
explain:
  zh: "付款 {payment_a}（{pay_date_a}）与 {payment_b}（{pay_date_b}）疑似重复支付：{rules_zh}；收款账户 {payee_account_id}（{payee_name}），金额 {amount_a} / {amount_b} 元，发票号 {invoice_a} / {invoice_b}"
  en: "Payments {payment_a} ({pay_date_a}) and {payment_b} ({pay_date_b}) look like a duplicate: {rules_en}; payee account {payee_account_id} ({payee_name}), CNY {amount_a} / {amount_b}, invoices {invoice_a} / {invoice_b}"
source: 法务会计实务 / forensic-accounting practice
*/
-- Two payments are a suspected duplicate when (1) they settle the same invoice of the same payee, or (2) the
-- same payer pays the same account the same amount for the same purpose within window_days, unless both carry
-- invoice numbers and these differ (then they are two bills, such as equal monthly instalments).
WITH k AS (   -- one pass: a hash of each pairing key, so that only payments sharing one are compared
  SELECT payment_id, payer_org_id, payee_account_id, COALESCE(payee_id, payee_account_id) AS payee_key, amount_cny, CAST(pay_time AS DATE) AS d,
    purpose_code, NULLIF(trim(invoice_no), '') AS invoice_no,
    hash(payer_org_id, payee_account_id, amount_cny, COALESCE(purpose_code, '')) AS key_amount,
    CASE WHEN NULLIF(trim(invoice_no), '') IS NOT NULL THEN hash(trim(invoice_no), COALESCE(payee_id, payee_account_id)) END AS key_invoice
  FROM payment
),
p AS (
  SELECT * FROM k
  WHERE key_amount IN (SELECT key_amount FROM k GROUP BY key_amount HAVING count(*) > 1)
     OR key_invoice IN (SELECT key_invoice FROM k WHERE key_invoice IS NOT NULL GROUP BY key_invoice HAVING count(*) > 1)
),
same_invoice AS (
  SELECT a.payment_id AS id_a, b.payment_id AS id_b, 'same_invoice' AS rule
  FROM p a JOIN p b ON a.invoice_no = b.invoice_no AND a.payee_key = b.payee_key AND a.payment_id < b.payment_id
),
same_amount AS (
  SELECT a.payment_id AS id_a, b.payment_id AS id_b, 'same_amount' AS rule
  FROM p a JOIN p b ON a.payer_org_id = b.payer_org_id AND a.payee_account_id = b.payee_account_id AND a.amount_cny = b.amount_cny
    AND a.purpose_code IS NOT DISTINCT FROM b.purpose_code AND a.payment_id < b.payment_id
  WHERE abs(date_diff('day', a.d, b.d)) <= $window_days
    AND NOT (a.invoice_no IS NOT NULL AND b.invoice_no IS NOT NULL AND a.invoice_no <> b.invoice_no)
),
pairs AS (
  SELECT id_a, id_b, list(rule ORDER BY rule) AS rules FROM (SELECT * FROM same_invoice UNION ALL SELECT * FROM same_amount) GROUP BY id_a, id_b
)
SELECT 'payment_pair' AS subject_type, x.id_a || '|' || x.id_b AS subject_id, a.payer_org_id AS org_id, COALESCE(b.contract_id, a.contract_id) AS contract_id,
  least(a.amount_cny, b.amount_cny) AS amount_cny, CAST(greatest(a.pay_time, b.pay_time) AS DATE) AS occurred_on, o.region_code,
  {'payment_a': a.payment_id, 'payment_b': b.payment_id, 'pay_date_a': CAST(CAST(a.pay_time AS DATE) AS VARCHAR), 'pay_date_b': CAST(CAST(b.pay_time AS DATE) AS VARCHAR),
   'days_apart': abs(date_diff('day', CAST(a.pay_time AS DATE), CAST(b.pay_time AS DATE))), 'amount_a': a.amount_cny, 'amount_b': b.amount_cny,
   'payee_account_id': a.payee_account_id, 'payee_name': a.payee_name, 'purpose_code_a': a.purpose_code, 'purpose_code_b': b.purpose_code,
   'invoice_a': a.invoice_no, 'invoice_b': b.invoice_no, 'payer_b': b.payer_org_id, 'rules': x.rules,
   'rules_zh': array_to_string(list_transform(x.rules, r -> CASE r WHEN 'same_invoice' THEN '同一发票重复付款' ELSE '同一账户同额同用途' END), '、'),
   'rules_en': array_to_string(list_transform(x.rules, r -> CASE r WHEN 'same_invoice' THEN 'the same invoice paid twice' ELSE 'the same amount to the same account for the same purpose' END), '; '),
   'window_days': $window_days} AS evidence
FROM pairs x JOIN payment a ON a.payment_id = x.id_a JOIN payment b ON b.payment_id = x.id_b LEFT JOIN organization o ON o.org_id = a.payer_org_id
