/*
id: VIL-010
name_zh: 白条入账
name_en: Vouchers without invoices
domain: VIL
category: K6
kind: regulatory
severity: yellow
subject_type: voucher
requires:
  village_voucher: [voucher_id, collective_org_id, voucher_date, credit_cny, has_invoice]
params:
  - name: amt
    type: number
    default: 500
    unit: 元 / CNY
    label_zh: 单笔无发票支出不低于
    label_en: A single outflow without an invoice of at least
  - name: share
    type: number
    default: 0.2
    unit: 比例 / share
    label_zh: 当月无发票支出占全部支出的比例不低于
    label_en: Share of the month's outflows (by value) without invoices of at least
  - name: exempt_subjects
    type: text_list
    default: []
    label_zh: 不要求发票的会计科目（如凭签领表发放的工资、补贴）
    label_en: Ledger subjects that need no invoice (e.g. pay and allowances against signed lists)
explain:
  zh: "{org_id} 于 {voucher_date} 支出 {credit_cny} 元（{summary}，收款方 {counterparty_name}）没有发票入账；当月无发票支出占 {month_share}"
  en: "{org_id} booked an outflow of CNY {credit_cny} on {voucher_date} ({summary}, to {counterparty_name}) without an invoice; such outflows were {month_share} of the month's spending"
source: 《农村集体经济组织财务制度》（原始凭证须合法有效，不得白条抵库、白条入账）；《经济参考报》2025年村级财务问题报道
*/
-- Outflows are vouchers with credit_cny > 0. A hit is an outflow with has_invoice = false (an unknown
-- has_invoice is not judged) in a non-exempt subject that is at least amt, or that falls in a month in
-- which such outflows make up at least `share` of the collective's outflows by value.
WITH out AS (
  SELECT v.voucher_id, v.collective_org_id, v.voucher_date, v.subject_code, v.summary, v.credit_cny, v.counterparty_name,
    v.counterparty_type, v.counterparty_id, v.contract_id, v.lease_id,
    date_trunc('month', v.voucher_date) AS month,
    v.has_invoice = FALSE AND NOT COALESCE(list_contains($exempt_subjects, v.subject_code), FALSE) AS white
  FROM village_voucher v
  WHERE v.credit_cny > 0 AND v.voucher_date IS NOT NULL
),
m AS (
  SELECT collective_org_id, month, sum(credit_cny) AS out_cny, sum(credit_cny) FILTER (WHERE white) AS white_cny
  FROM out SEMI JOIN (SELECT DISTINCT collective_org_id, month FROM out WHERE white) w USING (collective_org_id, month)
  GROUP BY ALL
)
SELECT 'voucher' AS subject_type, x.voucher_id AS subject_id, x.collective_org_id AS org_id,
  CASE WHEN x.counterparty_type = 'person' THEN x.counterparty_id END AS person_id, x.contract_id, x.lease_id,
  x.credit_cny AS amount_cny, x.voucher_date AS occurred_on, o.region_code,
  {'voucher_date': x.voucher_date::VARCHAR, 'subject_code': x.subject_code, 'summary': x.summary, 'credit_cny': x.credit_cny,
   'counterparty_name': x.counterparty_name, 'has_invoice': FALSE, 'amt': $amt,
   'month': strftime(x.month, '%Y-%m'), 'month_out_cny': m.out_cny, 'month_no_invoice_cny': m.white_cny,
   'month_share': round(m.white_cny / m.out_cny, 4), 'share': $share,
   'rule': CASE WHEN x.credit_cny >= $amt AND m.white_cny / m.out_cny >= $share THEN 'amount_and_share'
                WHEN x.credit_cny >= $amt THEN 'amount' ELSE 'share' END} AS evidence
FROM out x JOIN m USING (collective_org_id, month)
LEFT JOIN organization o ON o.org_id = x.collective_org_id
WHERE x.white AND (x.credit_cny >= $amt OR m.white_cny / m.out_cny >= $share)
