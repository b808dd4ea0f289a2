/*
id: VIL-004
name_zh: 未经村民（代表）会议决定发包、出租集体资产
name_en: Lease or contract without democratic decision
domain: VIL
category: K2
kind: regulatory
severity: red
escalation: 有会前决议但到会人数不足或赞成票未过半为橙色 / orange when a prior meeting lacked the quorum or a majority
subject_type: lease
requires:
  lease_contract: [lease_id, collective_org_id, sign_date]
  decision: [body, meeting_date]
params:
  - name: bodies
    type: text_list
    default: [villagers_assembly]
    label_zh: 有权作出决定的会议（村民会议，或经其授权的村民代表会议）
    label_en: Bodies whose decision counts (the villagers' assembly, or the representative meeting it authorised)
  - name: quorum
    type: number
    default: 0.6667
    unit: 比例 / share
    label_zh: 到会人数不少于应到人数的比例
    label_en: Attendance of at least this share of the members
  - name: majority
    type: number
    default: 0.5
    unit: 比例 / share
    label_zh: 赞成票须超过到会人数的比例
    label_en: Votes in favour must exceed this share of those present
explain:
  zh: "{counterparty} 承租或承包 {org_id} 的集体资产或项目（{subject_id}，{sign_date} 签订），签订前没有村民（代表）会议决定，或会议到会人数不足、赞成票未过半（{decisions}）"
  en: "{subject_id}, signed by {org_id} with {counterparty} on {sign_date}, had no prior decision of the villagers' (representative) assembly, or the meeting lacked a quorum or a majority ({decisions})"
source: 《村民委员会组织法》第二十四条第一款第（五）项、第（八）项，第二十六条；辽宁等地未经村民代表会议发包土地案例
*/
-- Leases of collective assets and contracts with the collective as buyer, each with the decisions that
-- name it (by ref_lease_id or ref_contract_id) and belong to the same collective; only those of the
-- qualifying bodies count (the others are listed in the evidence). Red: no such decision on or before the signing day. Orange: there were, but none met the
-- quorum (attendees / members, to four decimals) and a majority of those present. A meeting whose
-- counts are not recorded cannot be judged and counts as valid.
WITH subj AS (
  SELECT 'lease' AS subject_type, l.lease_id AS subject_id, l.lease_id, NULL::VARCHAR AS contract_id, l.collective_org_id AS org_id,
    CASE WHEN l.lessee_type = 'person' THEN l.lessee_id END AS person_id, l.lessee_name AS counterparty, l.sign_date,
    l.annual_rent_cny AS amount_cny
  FROM lease_contract l WHERE l.sign_date IS NOT NULL
  UNION ALL
  SELECT 'contract', c.contract_id, NULL, c.contract_id, c.buyer_org_id, NULL, s.name, c.sign_date, c.value_cny
  FROM contract c JOIN organization b ON b.org_id = c.buyer_org_id AND b.org_type = 'village_collective'
  LEFT JOIN organization s ON s.org_id = c.supplier_org_id
  WHERE c.sign_date IS NOT NULL
),
dec AS (
  SELECT 'lease' AS ref_type, ref_lease_id AS ref_id, decision_id, org_id, body, meeting_date, attendees, eligible_members, votes_for
  FROM decision WHERE ref_lease_id IS NOT NULL
  UNION ALL
  SELECT 'contract', ref_contract_id, decision_id, org_id, body, meeting_date, attendees, eligible_members, votes_for
  FROM decision WHERE ref_contract_id IS NOT NULL
),
judged AS (
  SELECT s.subject_type, s.subject_id,
    count(*) FILTER (WHERE d.meeting_date <= s.sign_date) AS n_prior,
    count(*) FILTER (WHERE d.meeting_date <= s.sign_date
      AND (d.attendees IS NULL OR d.eligible_members IS NULL OR d.eligible_members = 0 OR round(d.attendees / d.eligible_members, 4) >= $quorum)
      AND (d.votes_for IS NULL OR d.attendees IS NULL OR d.attendees = 0 OR d.votes_for / d.attendees > $majority)) AS n_valid
  FROM subj s JOIN dec d ON d.ref_type = s.subject_type AND d.ref_id = s.subject_id AND COALESCE(d.org_id, s.org_id) = s.org_id
  WHERE list_contains($bodies, d.body)
  GROUP BY s.subject_type, s.subject_id
),
hits AS (
  SELECT s.*, COALESCE(j.n_prior, 0) AS n_prior, j.subject_id IS NOT NULL AS has_body
  FROM subj s LEFT JOIN judged j ON j.subject_type = s.subject_type AND j.subject_id = s.subject_id
  WHERE COALESCE(j.n_valid, 0) = 0
),
-- Every decision naming a hit, qualifying or not, for the evidence.
shown AS (
  SELECT h.subject_type, h.subject_id,
    list({'decision_id': d.decision_id, 'body': d.body, 'meeting_date': d.meeting_date::VARCHAR, 'attendees': d.attendees,
          'eligible_members': d.eligible_members, 'votes_for': d.votes_for, 'body_counts': list_contains($bodies, d.body)}
         ORDER BY d.meeting_date, d.decision_id) AS decisions
  FROM hits h JOIN dec d ON d.ref_type = h.subject_type AND d.ref_id = h.subject_id AND COALESCE(d.org_id, h.org_id) = h.org_id
  GROUP BY h.subject_type, h.subject_id
)
SELECT h.subject_type, h.subject_id, h.lease_id, h.contract_id, h.org_id, h.person_id, h.amount_cny, h.sign_date AS occurred_on,
  o.region_code,
  CASE WHEN h.n_prior = 0 THEN 'red' ELSE 'orange' END AS severity,
  {'counterparty': h.counterparty, 'sign_date': h.sign_date::VARCHAR,
   'finding': CASE WHEN NOT h.has_body THEN 'no_decision_of_the_assembly' WHEN h.n_prior = 0 THEN 'decision_after_signing'
                   ELSE 'no_quorum_or_majority' END,
   'decisions': e.decisions, 'quorum': $quorum, 'majority': $majority} AS evidence
FROM hits h LEFT JOIN shown e ON e.subject_type = h.subject_type AND e.subject_id = h.subject_id
LEFT JOIN organization o ON o.org_id = h.org_id
