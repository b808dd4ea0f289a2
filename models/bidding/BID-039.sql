/*
id: BID-039
name_zh: 评标专家与中标人反复相遇（专家—中标人重复出现）
name_en: Expert–winner recurrence
domain: BID
category: C4
kind: supervisory
severity: orange
subject_type: expert_supplier
requires:
  eval_committee: [tender_id, lot_id, person_id, member_role]
  award: [tender_id, lot_id, supplier_org_id, status]
  bid: [tender_id, lot_id, org_id, price_cny, status]
params:
  - name: window_months
    type: integer
    default: 24
    unit: 月 / months
    label_zh: 回看月数
    label_en: Months looked back
  - name: min_wins
    type: integer
    default: 3
    label_zh: 最少共同出现次数
    label_en: Least times on the panel of the supplier's wins
  - name: min_lift
    type: number
    default: 2
    label_zh: 超过随机期望的倍数
    label_en: Times above the chance expectation
explain:
  zh: "专家 {person_id} 在 {k} 个标段的评标委员会中，{org_id} 均中标（随机期望 {expected}，{lift} 倍）"
  en: "Expert {person_id} sat on the panels of {k} lots that {org_id} won (expected by chance {expected}; {lift}×)"
source: 《评标专家和评标专家库管理办法》；监督实践（专家与投标人长期固定联系）
*/
-- How often an expert's panels award the same supplier, against what chance would give: the supplier's
-- share of the valid bids on each of the expert's panels, summed.
WITH panel AS (
  SELECT DISTINCT ec.person_id AS expert_id, ec.tender_id, ec.lot_id
  FROM eval_committee ec JOIN tender t ON t.tender_id = ec.tender_id
  WHERE ec.member_role = 'expert' AND t.bid_deadline >= $as_of - to_months($window_months)
),
-- Each supplier's active awards per lot first, so that an expert's panels count each lot once by a plain count.
won AS (
  SELECT tender_id, lot_id, supplier_org_id, max(CAST(notice_date AS DATE)) AS last_award, sum(award_value_cny) AS value_cny
  FROM award WHERE status = 'active' GROUP BY tender_id, lot_id, supplier_org_id
),
obs AS (
  SELECT p.expert_id, w.supplier_org_id, count(*) AS k, max(w.last_award) AS last_award, sum(w.value_cny) AS value_cny
  FROM panel p JOIN won w ON w.tender_id = p.tender_id AND w.lot_id = p.lot_id
  GROUP BY 1, 2
),
-- Chance is worked out only for the pairs that won often enough to matter (all pairs would be millions).
frequent AS (
  SELECT * FROM obs WHERE k >= $min_wins
),
-- The valid bids (as v_bid_valid has them) of the lots those pairs' panels judged, with how many each lot had.
valid AS (
  SELECT b.tender_id, b.lot_id, b.org_id, count(*) OVER (PARTITION BY b.tender_id, b.lot_id) AS n_valid
  FROM bid b SEMI JOIN (SELECT DISTINCT p.tender_id, p.lot_id FROM panel p SEMI JOIN frequent f ON f.expert_id = p.expert_id) l
    ON l.tender_id = b.tender_id AND l.lot_id = b.lot_id
  WHERE b.status = 'valid' AND b.price_cny > 0
),
expct AS (
  SELECT p.expert_id, v.org_id AS supplier_org_id, sum(1.0 / v.n_valid) AS expected
  FROM panel p JOIN frequent f ON f.expert_id = p.expert_id
  JOIN valid v ON v.tender_id = p.tender_id AND v.lot_id = p.lot_id AND v.org_id = f.supplier_org_id
  GROUP BY 1, 2
)
SELECT 'expert_supplier' AS subject_type, o.expert_id || '|' || o.supplier_org_id AS subject_id, o.expert_id AS person_id,
  o.supplier_org_id AS org_id, o.last_award AS occurred_on, o.value_cny AS amount_cny, o.k / e.expected AS score,
  {'k': o.k, 'expected': round(e.expected, 2), 'lift': round(o.k / e.expected, 1)} AS evidence
FROM frequent o JOIN expct e USING (expert_id, supplier_org_id)
WHERE o.k / e.expected >= $min_lift
