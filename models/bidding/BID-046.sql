/*
id: BID-046
name_zh: 成立不久即中标
name_en: Newly established winner
domain: BID
category: C3
categories: [C3, C2]
kind: regulatory
severity: yellow
escalation: 在招标公告发布前不足30天（或公告发布后）才成立的中标人为橙色（为投标而设立）/ orange when the winner was founded less than 30 days before the tender was published, or after it (created for the tender)
subject_type: award
requires:
  award: [award_id, tender_id, supplier_org_id, award_value_cny, status]
  tender: [tender_id, publish_date]
  organization: [org_id, established_date]
params:
  - name: days_new
    type: integer
    default: 365
    unit: 天 / days
    label_zh: 成立不满天数（至招标公告发布）
    label_en: Days from founding to publication below
  - name: v_min
    type: number
    default: 1000000
    unit: 元 / CNY
    label_zh: 中标金额下限
    label_en: Least award value
  - name: days_created
    type: integer
    default: 30
    unit: 天 / days
    label_zh: 视为“为投标而设立”的天数（橙色）
    label_en: Days that mark a firm created for the tender (orange)
explain:
  zh: "项目 {tender_id}：中标人 {org_id} 成立于 {established_date}，距招标公告发布（{publish_date}）仅 {age_days} 天，中标金额 {amount_cny} 元"
  en: "Tender {tender_id}: the winner {org_id} was founded on {established_date}, only {age_days} days before the tender was published ({publish_date}), and won CNY {amount_cny}"
source: opentender.eu / DIGIWHIST 风险指标（new company）；美国司法部反垄断局（无履约能力的投标人）
*/
-- Active awards of at least v_min to a supplier founded fewer than days_new days before the tender was
-- published; founded less than days_created days before it (or after it) is orange.
SELECT 'award' AS subject_type, a.award_id AS subject_id, a.tender_id, a.lot_id, a.supplier_org_id AS org_id,
  t.buyer_org_id, t.region_code, CAST(t.publish_date AS DATE) AS occurred_on, a.award_value_cny AS amount_cny,
  CASE WHEN o.established_date > CAST(t.publish_date AS DATE) - $days_created THEN 'orange' ELSE 'yellow' END AS severity,
  CAST(date_diff('day', o.established_date, CAST(t.publish_date AS DATE)) AS DOUBLE) AS score,
  {'established_date': o.established_date::VARCHAR, 'publish_date': CAST(t.publish_date AS DATE)::VARCHAR,
   'age_days': date_diff('day', o.established_date, CAST(t.publish_date AS DATE)), 'award_value_cny': a.award_value_cny,
   'reg_capital_cny': o.reg_capital_cny, 'days_new': $days_new, 'v_min': $v_min} AS evidence
FROM award a
JOIN tender t ON t.tender_id = a.tender_id
JOIN organization o ON o.org_id = a.supplier_org_id
WHERE a.status = 'active' AND o.established_date IS NOT NULL
  AND date_diff('day', o.established_date, CAST(t.publish_date AS DATE)) < $days_new
  AND a.award_value_cny >= $v_min
