/*
id: BID-041
name_zh: 评标专家与投标人存在利害关系
name_en: Evaluation expert with a conflict of interest
domain: BID
category: C4
categories: [C4, K4]
kind: supervisory
severity: red
subject_type: expert_bid
requires:
  eval_committee: [tender_id, lot_id, person_id]
  bid: [bid_id, tender_id, lot_id, org_id]
  tender: [tender_id, bid_deadline]
params:
  - name: lookback_years
    type: integer
    default: 3
    unit: 年 / years
    label_zh: 关系结束后仍需回避的年数
    label_en: Years a relationship still counts after it ended
  - name: kin_degree
    type: integer
    default: 3
    label_zh: 亲属关系最远代数
    label_en: Furthest degree of kinship
  - name: member_roles
    type: text_list
    default: [expert]
    label_zh: 检查的评标委员会成员身份
    label_en: Panel member roles checked
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：评标专家 {person_id} 与投标人 {org_id} 存在利害关系（{link_types}，{link_period}），应回避而未回避"
  en: "Tender {tender_id} lot {lot_id}: the evaluation expert {person_id} had a conflict of interest with the bidder {org_id} ({link_types}, {link_period}) and did not recuse"
source: 《政府采购法实施条例》第九条；《招标投标法实施条例》第四十六条；《评标专家和评标专家库管理办法》
*/
-- An expert on the panel of a lot linked to a bidder of that lot (the person–organisation links of catalog Appendix B, computed
-- here for the panels' experts only, with the kinship degree as a parameter): employed, insured, an officer,
-- legal representative or shareholder (>= 5%) of it, a relative (degree <= kin_degree) of its legal
-- representative, officers or shareholders, sharing its phone or address; or the expert's own work
-- unit is the bidder or is linked to it. A link counts if it began by the bid deadline and lasted into
-- the lookback_years before it (GPR Art. 9: the three years before the procurement).
WITH panel AS (
  SELECT ec.tender_id, ec.lot_id, ec.person_id, ec.member_role, ec.expert_work_org_id,
    CAST(t.bid_deadline AS DATE) AS deadline, t.buyer_org_id, t.region_code
  FROM eval_committee ec JOIN tender t ON t.tender_id = ec.tender_id
  WHERE list_contains($member_roles, ec.member_role) AND ec.person_id IS NOT NULL
),
experts AS (SELECT DISTINCT person_id FROM panel),
work_orgs AS (SELECT DISTINCT expert_work_org_id AS org_id FROM panel WHERE expert_work_org_id IS NOT NULL),
links AS (
  -- the expert's own ties to organisations (as in catalog Appendix B, for the panels' experts only)
  SELECT op.person_id, op.org_id, op.link_type, CAST(NULL AS VARCHAR) AS via, op.valid_from, op.valid_to
  FROM v_org_person op WHERE op.person_id IN (SELECT person_id FROM experts)
  UNION ALL
  SELECT p.person_id, c.org_id, 'SHARED_' || upper(c.contact_type), c.value_norm, c.valid_from, c.valid_to
  FROM person p JOIN org_contact c ON c.contact_type = 'phone' AND c.value_norm = p.phone
  WHERE p.person_id IN (SELECT person_id FROM experts)
  UNION ALL
  SELECT p.person_id, c.org_id, 'SHARED_' || upper(c.contact_type), c.value_norm, c.valid_from, c.valid_to
  FROM person p JOIN org_contact c ON c.contact_type = 'address' AND c.value_norm = p.address_norm
  WHERE p.person_id IN (SELECT person_id FROM experts)
  UNION ALL
  -- relatives who run or own an organisation
  SELECT k.p, op.org_id, 'KIN_OF_' || op.link_type, k.q || ' (' || k.relation || ', ' || CAST(k.degree AS VARCHAR) || ')', op.valid_from, op.valid_to
  FROM v_kin k JOIN v_org_person op ON op.person_id = k.q
  WHERE k.p IN (SELECT person_id FROM experts) AND k.degree <= $kin_degree AND op.link_type IN ('LEGAL_REP', 'OFFICER', 'SHAREHOLDER')
),
cand AS (
  SELECT p.*, x.org_id, x.link_type, x.via, x.valid_from, x.valid_to
  FROM panel p JOIN links x ON x.person_id = p.person_id
  UNION ALL
  -- the work unit is itself a bidder
  SELECT p.*, p.expert_work_org_id, 'WORK_UNIT', p.expert_work_org_id, NULL, NULL
  FROM panel p WHERE p.expert_work_org_id IN (SELECT org_id FROM bid)
  UNION ALL
  -- the work unit is linked to a bidder
  SELECT p.*, l.org_b, 'WORK_UNIT_' || l.link_type, p.expert_work_org_id || COALESCE(' / ' || l.via, ''), l.valid_from, l.valid_to
  FROM panel p JOIN v_org_link_sym l ON l.org_a = p.expert_work_org_id
  WHERE l.org_a IN (SELECT org_id FROM work_orgs)
)
SELECT 'expert_bid' AS subject_type, c.person_id || '|' || b.bid_id AS subject_id, c.tender_id, c.lot_id, b.org_id, c.person_id,
  c.buyer_org_id, c.region_code, c.deadline AS occurred_on, b.price_cny AS amount_cny,
  {'bid_id': b.bid_id, 'member_role': c.member_role, 'expert_work_org_id': c.expert_work_org_id,
   'link_types': string_agg(DISTINCT c.link_type, ', ' ORDER BY c.link_type),
   'via': string_agg(DISTINCT c.via, ', ' ORDER BY c.via),
   'link_period': COALESCE(min(c.valid_from)::VARCHAR || ' ~ ' || max(c.valid_to)::VARCHAR, '在职 / current'),
   'bid_deadline': c.deadline::VARCHAR, 'lookback_years': $lookback_years} AS evidence
FROM cand c
JOIN bid b ON b.tender_id = c.tender_id AND b.lot_id = c.lot_id AND b.org_id = c.org_id
WHERE c.valid_from IS NULL OR (c.valid_from <= c.deadline AND c.valid_to >= c.deadline - to_years($lookback_years))
GROUP BY c.person_id, b.bid_id, c.tender_id, c.lot_id, b.org_id, c.buyer_org_id, c.region_code, c.deadline, b.price_cny, c.member_role, c.expert_work_org_id
