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
  SELECT ec.tender_id, ec.lot_id, ec.person_id, ec.member_role, ec.expert_work_org_id
  FROM eval_committee ec
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
unit_links AS (
  -- the work unit is itself a bidder somewhere
  SELECT DISTINCT w.org_id AS work_org, w.org_id, 'WORK_UNIT' AS link_type, w.org_id AS via,
    CAST(NULL AS TIMESTAMP) AS valid_from, CAST(NULL AS TIMESTAMP) AS valid_to
  FROM work_orgs w JOIN bid b ON b.org_id = w.org_id
  UNION ALL
  -- the work unit is linked to an organisation
  SELECT l.org_a, l.org_b, 'WORK_UNIT_' || l.link_type, l.org_a || COALESCE(' / ' || l.via, ''), l.valid_from, l.valid_to
  FROM v_org_link_sym l WHERE l.org_a IN (SELECT org_id FROM work_orgs)
),
-- the seats whose expert or work unit has any tie at all, and the bids of the organisations tied to one:
-- small sets, found without joining every seat to every bid
seats AS (
  SELECT p.* FROM panel p
  WHERE p.person_id IN (SELECT person_id FROM links) OR p.expert_work_org_id IN (SELECT work_org FROM unit_links)
),
tied_bids AS (
  SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, b.price_cny FROM bid b
  -- (two IN tests joined by OR: each is looked up in a hash of the small set, never the other way round)
  WHERE b.org_id IN (SELECT org_id FROM links) OR b.org_id IN (SELECT org_id FROM unit_links)
),
cand AS (
  SELECT p.*, x.org_id, x.link_type, x.via, x.valid_from, x.valid_to
  FROM seats p JOIN links x ON x.person_id = p.person_id
  UNION ALL
  SELECT p.*, u.org_id, u.link_type, u.via, u.valid_from, u.valid_to
  FROM seats p JOIN unit_links u ON u.work_org = p.expert_work_org_id
),
hits AS (
  SELECT c.*, b.bid_id, b.price_cny, CAST(t.bid_deadline AS DATE) AS deadline, t.buyer_org_id, t.region_code
  FROM cand c
  JOIN tied_bids b ON b.tender_id = c.tender_id AND b.lot_id = c.lot_id AND b.org_id = c.org_id
  JOIN (SELECT tender_id, bid_deadline, buyer_org_id, region_code FROM tender WHERE tender_id IN (SELECT tender_id FROM seats)) t
    ON t.tender_id = c.tender_id
)
SELECT 'expert_bid' AS subject_type, person_id || '|' || bid_id AS subject_id, tender_id, lot_id, org_id, person_id,
  buyer_org_id, region_code, deadline AS occurred_on, price_cny AS amount_cny,
  {'bid_id': bid_id, 'member_role': member_role, 'expert_work_org_id': expert_work_org_id,
   'link_types': string_agg(DISTINCT link_type, ', ' ORDER BY link_type),
   'via': string_agg(DISTINCT via, ', ' ORDER BY via),
   'link_period': COALESCE(min(valid_from)::VARCHAR || ' ~ ' || max(valid_to)::VARCHAR, '在职 / current'),
   'bid_deadline': deadline::VARCHAR, 'lookback_years': $lookback_years} AS evidence
FROM hits
WHERE valid_from IS NULL OR (valid_from <= deadline AND valid_to >= deadline - to_years($lookback_years))
GROUP BY person_id, bid_id, tender_id, lot_id, org_id, buyer_org_id, region_code, deadline, price_cny, member_role, expert_work_org_id
