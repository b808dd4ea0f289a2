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
-- Each named person carries only the keys and the window through the joins over every bid; the tender's
-- details are joined back at the end for the few found.
WITH named AS (
  SELECT bp.bid_id, b.org_id, bp.person_id, bp.role,
    date_trunc('month', t.bid_deadline)::DATE AS month_to, (date_trunc('month', t.bid_deadline) - to_months($months))::DATE AS month_from
  FROM bid_personnel bp JOIN bid b USING (bid_id) JOIN tender t ON t.tender_id = b.tender_id
  WHERE list_contains($roles, bp.role)
),
-- Insurance as one row per person, employer and year, the months paid as bits (bit m-1 for month m): the
-- largest table of a province shrinks twelvefold, and "paid in any month of the window" stays exact.
paid AS (
  SELECT person_id, employer_org_id, year(period_month) AS y, bit_or(1 << (month(period_month) - 1)) AS mask
  FROM social_insurance GROUP BY ALL
),
-- Per person and employer: the first and last month paid, and whether every month between was paid
-- (the bits count the distinct months). For such a gapless span a window is covered when it overlaps the span.
span AS (
  SELECT person_id, employer_org_id,
    min(make_date(y, 1, 1) + to_months(CAST(log2(mask & -mask) AS INTEGER))) AS first_m,
    max(make_date(y, 1, 1) + to_months(CAST(floor(log2(mask)) AS INTEGER))) AS last_m,
    sum(bit_count(mask)) AS months_paid
  FROM paid GROUP BY ALL
),
judged AS (
  SELECT n.*, s.person_id IS NOT NULL AS any_paid,
    s.months_paid = date_diff('month', s.first_m, s.last_m) + 1 AS gapless,
    s.first_m <= n.month_to AND s.last_m >= n.month_from AS in_span
  FROM named n LEFT JOIN span s ON s.person_id = n.person_id AND s.employer_org_id = n.org_id
),
-- Windows of gappy spans are checked month by month, on the bits.
win AS (
  SELECT n.bid_id, n.person_id, n.org_id, y,
    (1 << (CASE WHEN y = year(n.month_to) THEN month(n.month_to) ELSE 12 END))
      - (1 << (CASE WHEN y = year(n.month_from) THEN month(n.month_from) ELSE 1 END - 1)) AS mask
  FROM judged n, unnest(range(year(n.month_from), year(n.month_to) + 1)) AS r(y)
  WHERE n.any_paid AND n.in_span AND NOT n.gapless
),
gappy_covered AS (
  SELECT DISTINCT w.bid_id, w.person_id FROM win w
  JOIN paid p ON p.person_id = w.person_id AND p.employer_org_id = w.org_id AND p.y = w.y
  WHERE p.mask & w.mask <> 0
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
