/*
id: BID-044
name_zh: 注册建造师同时在两个及以上在建项目任项目负责人
name_en: Certificate holder on overlapping projects
domain: BID
category: C2
categories: [C2, C6]
kind: regulatory
severity: red
escalation: 已登记的在建项目之间任期重叠为红色；尚未定标的投标文件拟派项目经理正在其他在建项目任职为黄色 / red for overlapping terms on recorded projects; yellow when an open bid names a project manager who is on an active contract
subject_type: person_contract_pair
requires:
  project_staff: [person_id, contract_id, role, start_date]
  contract: [contract_id]
params:
  - name: days
    type: integer
    default: 0
    unit: 天 / days
    label_zh: 重叠天数超过
    label_en: Overlap longer than
  - name: exempt_statuses
    type: text_list
    default: [suspended, terminated]
    label_zh: 免于计算的合同状态（经批准停工、解除合同）
    label_en: Contract statuses exempted (approved suspension, termination)
explain:
  zh: "项目负责人 {person_id} 同时担任合同 {contract_a} 与 {contract_b} 的项目经理，任期重叠 {overlap_days} 天（{overlap_from} 至 {overlap_to}）"
  en: "Project manager {person_id} led contracts {contract_a} and {contract_b} at the same time: {overlap_days} days of overlap ({overlap_from} to {overlap_to})"
source: 《注册建造师执业管理办法（试行）》第九条；《注册建造师管理规定》
*/
-- A project manager's term on a contract runs from the assignment's start to its end, else the
-- contract's acceptance, else its planned end. Two terms of one person on different contracts that
-- overlap by more than `days` days are a hit (red). A bid still open (no award yet) that names as its
-- project manager someone on a contract running on the bid deadline is the yellow variant.
WITH ps AS (
  SELECT s.person_id, s.contract_id, COALESCE(s.start_date, c.start_date, c.sign_date) AS term_from,
    COALESCE(s.end_date, c.acceptance_date, c.planned_end_date, DATE '9999-12-31') AS term_to,
    c.tender_id, c.supplier_org_id, c.buyer_org_id, c.value_cny, c.status
  FROM project_staff s LEFT JOIN contract c ON c.contract_id = s.contract_id
  WHERE s.role = 'pm' AND s.person_id IS NOT NULL AND NOT list_contains($exempt_statuses, COALESCE(c.status, ''))
),
pairs AS (
  SELECT a.person_id, a.contract_id AS contract_a, b.contract_id AS contract_b,
    greatest(a.term_from, b.term_from) AS overlap_from, least(a.term_to, b.term_to) AS overlap_to,
    a.term_from AS a_from, a.term_to AS a_to, b.term_from AS b_from, b.term_to AS b_to,
    a.supplier_org_id AS a_org, b.supplier_org_id AS b_org,
    CASE WHEN b.term_from >= a.term_from THEN b.tender_id ELSE a.tender_id END AS later_tender,
    CASE WHEN b.term_from >= a.term_from THEN b.contract_id ELSE a.contract_id END AS later_contract,
    CASE WHEN b.term_from >= a.term_from THEN b.supplier_org_id ELSE a.supplier_org_id END AS later_org,
    CASE WHEN b.term_from >= a.term_from THEN b.buyer_org_id ELSE a.buyer_org_id END AS later_buyer,
    CASE WHEN b.term_from >= a.term_from THEN b.value_cny ELSE a.value_cny END AS later_value
  FROM ps a JOIN ps b ON a.person_id = b.person_id AND a.contract_id < b.contract_id
  WHERE date_diff('day', greatest(a.term_from, b.term_from), least(a.term_to, b.term_to)) > $days
),
open_bids AS (
  SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, bp.person_id, CAST(t.bid_deadline AS DATE) AS deadline, t.buyer_org_id, t.region_code, b.price_cny
  FROM bid_personnel bp JOIN bid b ON b.bid_id = bp.bid_id JOIN tender t ON t.tender_id = b.tender_id
  WHERE bp.role = 'pm' AND b.status IN ('valid', 'pending') AND COALESCE(t.status, 'active') NOT IN ('complete', 'cancelled', 'unsuccessful')
    AND bp.person_id IN (SELECT person_id FROM ps)
    AND NOT EXISTS (SELECT 1 FROM award a WHERE a.tender_id = b.tender_id AND a.lot_id = b.lot_id AND a.status = 'active')
)
SELECT 'person_contract_pair' AS subject_type, p.person_id || '|' || p.contract_a || '|' || p.contract_b AS subject_id, 'red' AS severity,
  p.later_tender AS tender_id, CAST(NULL AS VARCHAR) AS lot_id, p.later_contract AS contract_id, p.later_org AS org_id, p.person_id,
  p.later_buyer AS buyer_org_id, r.region_code, p.overlap_from AS occurred_on, p.later_value AS amount_cny,
  CAST(date_diff('day', p.overlap_from, p.overlap_to) AS DOUBLE) AS score,
  {'contract_a': p.contract_a, 'contract_b': p.contract_b, 'supplier_a': p.a_org, 'supplier_b': p.b_org,
   'term_a': p.a_from::VARCHAR || ' ~ ' || p.a_to::VARCHAR, 'term_b': p.b_from::VARCHAR || ' ~ ' || p.b_to::VARCHAR,
   'overlap_from': p.overlap_from::VARCHAR, 'overlap_to': p.overlap_to::VARCHAR,
   'overlap_days': date_diff('day', p.overlap_from, p.overlap_to), 'bid_id': CAST(NULL AS VARCHAR)} AS evidence
FROM pairs p LEFT JOIN tender r ON r.tender_id = p.later_tender
UNION ALL
SELECT 'bid_person', o.bid_id || '|' || o.person_id, 'yellow', o.tender_id, o.lot_id, min(ps.contract_id), o.org_id, o.person_id,
  o.buyer_org_id, o.region_code, o.deadline, o.price_cny, CAST(max(date_diff('day', o.deadline, ps.term_to)) AS DOUBLE),
  {'contract_a': string_agg(ps.contract_id, ', ' ORDER BY ps.contract_id), 'contract_b': CAST(NULL AS VARCHAR),
   'supplier_a': string_agg(DISTINCT ps.supplier_org_id, ', ' ORDER BY ps.supplier_org_id), 'supplier_b': o.org_id,
   'term_a': string_agg(ps.term_from::VARCHAR || ' ~ ' || ps.term_to::VARCHAR, ', ' ORDER BY ps.contract_id), 'term_b': CAST(NULL AS VARCHAR),
   'overlap_from': o.deadline::VARCHAR, 'overlap_to': max(ps.term_to)::VARCHAR,
   'overlap_days': max(date_diff('day', o.deadline, ps.term_to)), 'bid_id': o.bid_id}
FROM open_bids o JOIN ps ON ps.person_id = o.person_id AND ps.term_from <= o.deadline AND ps.term_to > o.deadline
  AND ps.tender_id IS DISTINCT FROM o.tender_id
GROUP BY o.bid_id, o.person_id, o.tender_id, o.lot_id, o.org_id, o.buyer_org_id, o.region_code, o.deadline, o.price_cny
