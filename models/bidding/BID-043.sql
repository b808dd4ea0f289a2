/*
id: BID-043
name_zh: 项目负责人等关键人员社保不在投标单位（疑似挂靠）
name_en: Key personnel not insured by the bidder
domain: BID
category: C2
kind: regulatory
severity: red
subject_type: bid_person
requires:
  bid_personnel: [bid_id, person_id, role]
  social_insurance: [person_id, employer_org_id, period_month]
params:
  - name: months
    type: integer
    default: 3
    unit: 月 / months
    label_zh: 投标前连续参保月数
    label_en: Months of insurance before the bid
  - name: roles
    type: text_list
    default: [pm, tech_lead, safety]
    label_zh: 检查的人员角色
    label_en: Roles checked
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{org_id} 投标文件中的 {role} {person_id} 在投标前 {months} 个月内未由该单位缴纳社保（缴纳单位：{insured_by}）"
  en: "Tender {tender_id} lot {lot_id}: {org_id} named {person_id} as {role}, who was not insured by it in the {months} months before the bid (insured by: {insured_by})"
source: 《建筑工程施工发包与承包违法行为认定查处管理办法》（建市规〔2019〕1号）第十条
*/

-- A named key person the bidder did not insure in the months up to the bid: the most direct test of a
-- borrowed qualification (挂靠). Who did insure them in those months is the evidence.
-- The staff each bid names come with the month of the bid and their insurance by the bidder as one span
-- (first and last month paid, and how many months in all) from v_bid_staff_insurance, a support table: a
-- window overlapping a span without gaps is covered. The tender's details are joined back at the end for the
-- few found; the insurance table itself is read only for the few in question.
WITH judged AS (
  SELECT bid_id, org_id, person_id, role, bid_month AS month_to, (bid_month - to_months($months))::DATE AS month_from,
    first_month IS NOT NULL AS any_paid,
    months_paid = date_diff('month', first_month, last_month) + 1 AS gapless,
    first_month <= bid_month AND last_month >= (bid_month - to_months($months))::DATE AS in_span
  FROM v_bid_staff_insurance
  WHERE list_contains($roles, role)
),
-- The few windows inside a span with gaps are checked month by month.
gappy AS (SELECT * FROM judged WHERE any_paid AND in_span AND NOT gapless),
gappy_covered AS (
  SELECT DISTINCT g.bid_id, g.person_id FROM gappy g
  JOIN social_insurance si ON si.person_id = g.person_id AND si.employer_org_id = g.org_id
   AND si.period_month BETWEEN g.month_from AND g.month_to
),
uninsured AS (
  SELECT * EXCLUDE (any_paid, gapless, in_span) FROM judged j
  WHERE NOT any_paid OR NOT in_span
     OR (NOT gapless AND NOT EXISTS (SELECT 1 FROM gappy_covered g WHERE g.bid_id = j.bid_id AND g.person_id = j.person_id))
),
insured_by AS (
  SELECT u.bid_id, u.person_id, string_agg(DISTINCT si.employer_org_id, ', ' ORDER BY si.employer_org_id) AS employers
  FROM uninsured u JOIN social_insurance si ON si.person_id = u.person_id AND si.period_month BETWEEN u.month_from AND u.month_to
  GROUP BY 1, 2
)
SELECT 'bid_person' AS subject_type, u.bid_id || '|' || u.person_id AS subject_id, b.tender_id, b.lot_id, u.org_id, u.person_id,
  t.buyer_org_id, t.region_code, CAST(t.bid_deadline AS DATE) AS occurred_on, b.price_cny AS amount_cny,
  {'role': u.role, 'months': $months, 'insured_by': COALESCE(i.employers, '无 / none')} AS evidence
FROM uninsured u JOIN bid b USING (bid_id) JOIN tender t ON t.tender_id = b.tender_id
LEFT JOIN insured_by i USING (bid_id, person_id)
