/*
id: VIL-001
name_zh: 村集体应收未收租金（承包费）
name_en: Rent receivable but unpaid
domain: VIL
category: K7
kind: supervisory
severity: orange
escalation: 欠款达到 red_cny 或逾期超过 365 天为红色 / red at red_cny owed or more than 365 days overdue
subject_type: lease
requires:
  lease_contract: [lease_id, collective_org_id]
  rent_schedule: [lease_id, due_date, amount_due_cny]
params:
  - name: grace_days
    type: integer
    default: 0
    unit: 天 / days
    label_zh: 宽限天数
    label_en: Days of grace
  - name: min_days
    type: integer
    default: 90
    unit: 天 / days
    label_zh: 最早欠款逾期天数超过
    label_en: Oldest unpaid rent overdue more than
  - name: min_cny
    type: number
    default: 10000
    unit: 元 / CNY
    label_zh: 欠款不低于
    label_en: Owed at least
  - name: red_cny
    type: number
    default: 1000000
    unit: 元 / CNY
    label_zh: 红色欠款金额
    label_en: Owed amount that makes it red
explain:
  zh: "租赁合同 {lease_id}（{lessee_name}）截至 {as_of} 欠缴租金 {overdue_cny} 元，最早一笔逾期 {overdue_days} 天"
  en: "Lease {lease_id} ({lessee_name}) owes CNY {overdue_cny} as of {as_of}; the oldest unpaid rent is {overdue_days} days overdue"
source: 客户提供的村级“三资”监管模型；《农村集体经济组织财务制度》
*/
-- FIFO ageing: payments settle the oldest rent first, so the oldest unpaid due date is the first whose
-- cumulative amount exceeds everything received.
WITH due AS (
  SELECT lease_id, due_date, amount_due_cny,
    sum(amount_due_cny) OVER (PARTITION BY lease_id ORDER BY due_date ROWS UNBOUNDED PRECEDING) AS cum_due
  FROM rent_schedule WHERE due_date <= $as_of - to_days($grace_days)
),
paid AS (SELECT lease_id, sum(amount_cny) AS paid FROM rent_receipt WHERE receipt_date <= $as_of GROUP BY lease_id),
ageing AS (
  SELECT d.lease_id, max(d.cum_due) AS total_due, COALESCE(max(p.paid), 0) AS total_paid,
    min(CASE WHEN d.cum_due > COALESCE(p.paid, 0) THEN d.due_date END) AS oldest_unpaid_due
  FROM due d LEFT JOIN paid p USING (lease_id) GROUP BY d.lease_id
)
SELECT 'lease' AS subject_type, l.lease_id AS subject_id, l.lease_id, l.collective_org_id AS org_id,
  CASE WHEN l.lessee_type = 'person' THEN l.lessee_id END AS person_id,
  g.total_due - g.total_paid AS amount_cny, g.oldest_unpaid_due AS occurred_on,
  CASE WHEN g.total_due - g.total_paid >= $red_cny OR date_diff('day', g.oldest_unpaid_due, $as_of) > 365 THEN 'red' ELSE 'orange' END AS severity,
  o.region_code,
  {'lessee_name': l.lessee_name, 'overdue_cny': g.total_due - g.total_paid, 'overdue_days': date_diff('day', g.oldest_unpaid_due, $as_of),
   'total_due': g.total_due, 'total_paid': g.total_paid, 'oldest_unpaid_due': g.oldest_unpaid_due::VARCHAR, 'as_of': $as_of::VARCHAR} AS evidence
FROM ageing g JOIN lease_contract l USING (lease_id) LEFT JOIN organization o ON o.org_id = l.collective_org_id
WHERE g.total_due - g.total_paid >= $min_cny AND date_diff('day', g.oldest_unpaid_due, $as_of) > $min_days
