/*
id: FUND-011
name_zh: 向失信、异常、新设主体大额付款
name_en: Large payments to high-risk payees
domain: FUND
category: K7
kind: supervisory
severity: orange
subject_type: org
requires:
  payment: [payment_id, payee_id, amount_cny, pay_time]
  organization: [org_id]
params:
  - name: v
    type: number
    default: 500000
    unit: 元 / CNY
    label_zh: 12个月内付款合计不低于
    label_en: Paid to the payee in 12 months at least
  - name: months
    type: integer
    default: 12
    unit: 月 / months
    label_zh: 累计期间
    label_en: Months summed
  - name: list_types
    type: text_list
    default: [dishonest_enforcee, abnormal_operation, serious_violation]
    label_zh: 计入的名单类型（失信被执行人、经营异常、严重违法失信）
    label_en: Lists that count (dishonest enforcee, abnormal operation, serious violation)
  - name: dead_statuses
    type: text_list
    default: [revoked, cancelled]
    label_zh: 计入的登记状态（吊销、注销）
    label_en: Registration statuses that count (revoked, cancelled)
  - name: new_days
    type: integer
    default: 180
    unit: 天 / days
    label_zh: 首笔付款前成立不足（新设主体）
    label_en: Established less than this many days before the first payment (new firm)
explain:
  zh: "{org_id}（{payee_name}）风险情形：{reasons_zh}；{window_from} 至 {window_to} 共收到付款 {window_total_cny} 元（{n_payments} 笔，付款单位 {payers}）"
  en: "{org_id} ({payee_name}) is high-risk: {reasons_en}; it received CNY {window_total_cny} from {window_from} to {window_to} ({n_payments} payments, from {payers})"
source: European Commission Arachne reputational alerts；信用中国 / Credit China
*/
-- A payment is risky when, on its day, the payee is on a counted list (listed, not yet removed), or is revoked
-- or cancelled (from status_date, or whenever its date is unknown), or was set up less than new_days before
-- its first payment and the payment falls within `months` of that first payment. Risky payments to one payee
-- are summed over any window of `months`; one hit per payee, on the largest window.
WITH pay AS (
  SELECT payment_id, payer_org_id, payee_id, payee_name, amount_cny, pay_time, CAST(pay_time AS DATE) AS d
  FROM payment WHERE payee_id IS NOT NULL AND COALESCE(payee_type, 'org') = 'org'
),
first AS (SELECT payee_id, min(d) AS first_pay FROM pay GROUP BY payee_id),
cand AS (   -- payees with any risk at all, so that only their payments are examined
  SELECT o.org_id, o.name, o.status, o.status_date, o.established_date, f.first_pay
  FROM organization o JOIN first f ON f.payee_id = o.org_id
  WHERE list_contains($dead_statuses, o.status)
     OR o.established_date > f.first_pay - to_days($new_days)
     OR o.org_id IN (SELECT subject_id FROM credit_list WHERE subject_type = 'org' AND list_contains($list_types, list_type))
),
risky AS (
  SELECT p.*, c.name, c.status, c.status_date, c.established_date, c.first_pay,
    (SELECT list(cl.list_type || ' ' || CAST(cl.listed_date AS VARCHAR) ORDER BY cl.listed_date, cl.list_type) FROM credit_list cl
      WHERE cl.subject_type = 'org' AND cl.subject_id = p.payee_id AND list_contains($list_types, cl.list_type)
        AND cl.listed_date <= p.d AND (cl.removed_date IS NULL OR cl.removed_date > p.d)) AS lists,
    list_contains($dead_statuses, c.status) AND (c.status_date IS NULL OR c.status_date <= p.d) AS dead,
    c.established_date > c.first_pay - to_days($new_days) AND p.d < c.first_pay + to_months($months) AS new_firm
  FROM pay p JOIN cand c ON c.org_id = p.payee_id
),
r AS (
  SELECT *, sum(amount_cny) OVER (PARTITION BY payee_id ORDER BY pay_time RANGE BETWEEN to_months($months) PRECEDING AND CURRENT ROW) AS window_total
  FROM risky WHERE len(lists) > 0 OR dead OR new_firm
),
peak AS (
  SELECT payee_id, arg_max(pay_time, window_total) AS window_end, max(window_total) AS window_total
  FROM r GROUP BY payee_id HAVING max(window_total) >= $v
),
w AS (
  SELECT k.payee_id, k.window_end, k.window_total, r.*  EXCLUDE (payee_id, window_total)
  FROM peak k JOIN r ON r.payee_id = k.payee_id AND r.pay_time >= k.window_end - to_months($months) AND r.pay_time <= k.window_end
),
reasons AS (
  SELECT payee_id, max(name) AS name, max(status) AS status, max(established_date) AS established_date, max(first_pay) AS first_pay,
    list_sort(list_distinct(flatten(list(lists) FILTER (WHERE lists IS NOT NULL)))) AS lists, bool_or(dead) AS dead, bool_or(new_firm) AS new_firm,
    count(*) AS n_payments, min(pay_time) AS window_from, max(window_end) AS window_end, max(window_total) AS window_total,
    list(DISTINCT payer_org_id ORDER BY payer_org_id) AS payers, list(payment_id ORDER BY pay_time, payment_id) AS payments,
    arg_max(payer_org_id, amount_cny) AS main_payer
  FROM w GROUP BY payee_id
)
SELECT 'org' AS subject_type, x.payee_id AS subject_id, x.payee_id AS org_id, x.main_payer AS buyer_org_id, x.window_total AS amount_cny,
  x.window_total / $v AS score, CAST(x.window_end AS DATE) AS occurred_on, o.region_code,
  {'payee_name': x.name, 'lists': x.lists, 'status': CASE WHEN x.dead THEN x.status END, 'established_date': CAST(x.established_date AS VARCHAR),
   'first_payment': CAST(x.first_pay AS VARCHAR), 'new_firm': x.new_firm,
   'reasons_zh': array_to_string(list_filter([CASE WHEN COALESCE(len(x.lists), 0) > 0 THEN '名单 ' || array_to_string(x.lists, '、') END,
                                              CASE WHEN x.dead THEN '登记状态 ' || x.status END,
                                              CASE WHEN x.new_firm THEN '成立于 ' || CAST(x.established_date AS VARCHAR) || '，首笔付款 ' || CAST(x.first_pay AS VARCHAR) END], r -> r IS NOT NULL), '；'),
   'reasons_en': array_to_string(list_filter([CASE WHEN COALESCE(len(x.lists), 0) > 0 THEN 'listed ' || array_to_string(x.lists, ', ') END,
                                              CASE WHEN x.dead THEN 'registration ' || x.status END,
                                              CASE WHEN x.new_firm THEN 'established ' || CAST(x.established_date AS VARCHAR) || ', first paid ' || CAST(x.first_pay AS VARCHAR) END], r -> r IS NOT NULL), '; '),
   'window_from': CAST(CAST(x.window_from AS DATE) AS VARCHAR), 'window_to': CAST(CAST(x.window_end AS DATE) AS VARCHAR),
   'window_total_cny': x.window_total, 'n_payments': x.n_payments, 'payers': array_to_string(x.payers, ', '), 'payments': x.payments, 'v': $v} AS evidence
FROM reasons x LEFT JOIN organization o ON o.org_id = x.payee_id
