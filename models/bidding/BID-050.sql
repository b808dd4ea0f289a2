/*
id: BID-050
name_zh: 招标代理机构与投标人关联
name_en: Tendering agency linked to a bidder
domain: BID
category: C8
kind: regulatory
severity: red
subject_type: tender_bidder
requires:
  tender: [tender_id, agency_org_id, bid_deadline]
  bid: [bid_id, tender_id, lot_id, org_id]
params:
  - name: link_types
    type: text_list
    default: [SAME_LEGAL_REP, CONTROL, COMMON_CONTROLLER, COMMON_PERSON, SHARED_STAFF, SHARED_PHONE, SHARED_EMAIL, SHARED_ADDRESS, KIN_OF_OFFICERS]
    label_zh: 代理机构与投标人之间计入的关联类型
    label_en: Agency–bidder links that count
explain:
  zh: "项目 {tender_id}：招标代理机构 {agency_org_id} 与投标人 {org_id} 存在关联（{channels}，经 {via}）"
  en: "Tender {tender_id}: the tendering agency {agency_org_id} is linked to the bidder {org_id} ({channels}, via {via})"
source: 《招标投标法》第十三条；《招标投标法实施条例》第十三条（招标代理机构不得为所代理项目的投标人编制投标文件或提供咨询）
*/
-- A bidder in a tender run by an agency that, on the bid deadline, is structurally linked to the bidder,
-- or whose own people (legal representative or anyone holding a role there) act for the bidder: as its
-- agent, as named personnel in its bid, or as the author of its bid files (matched by name).
WITH t AS (
  SELECT tender_id, agency_org_id, CAST(bid_deadline AS DATE) AS deadline, buyer_org_id, region_code
  FROM tender WHERE agency_org_id IS NOT NULL
),
agencies AS (SELECT DISTINCT agency_org_id FROM t),
staff AS (
  SELECT r.org_id AS agency_org_id, r.person_id, r.role, COALESCE(r.start_date, DATE '1900-01-01') AS s_from, COALESCE(r.end_date, DATE '9999-12-31') AS s_to
  FROM org_role r WHERE r.org_id IN (SELECT agency_org_id FROM agencies) AND r.person_id IS NOT NULL
  UNION ALL
  SELECT o.org_id, o.legal_rep_person_id, 'legal_rep', DATE '1900-01-01', DATE '9999-12-31'
  FROM organization o WHERE o.org_id IN (SELECT agency_org_id FROM agencies) AND o.legal_rep_person_id IS NOT NULL
),
staff_names AS (
  SELECT s.*, trim(p.name) AS name, lower(trim(p.name)) AS name_norm FROM staff s JOIN person p ON p.person_id = s.person_id WHERE trim(p.name) <> ''
),
-- the small sets that can tie a bid to an agency, each found from its own side
agency_links AS (
  SELECT l.org_a AS agency_org_id, l.org_b AS org_id, l.link_type, l.via, l.valid_from, l.valid_to
  FROM v_org_link_sym l WHERE l.org_a IN (SELECT agency_org_id FROM agencies) AND list_contains($link_types, l.link_type)
),
staff_personnel AS (SELECT bid_id, person_id, role FROM bid_personnel WHERE person_id IN (SELECT person_id FROM staff)),
-- File authors and editors are matched to the staff trimmed and in lower case (the fields often carry stray
-- spaces), as v_bid_doc keeps them (a support table).
doc_names AS (
  SELECT bid_id, author_norm AS name_norm FROM v_bid_doc WHERE author_norm IN (SELECT name_norm FROM staff_names)
  UNION ALL
  SELECT bid_id, modifier_norm FROM v_bid_doc WHERE modifier_norm IN (SELECT name_norm FROM staff_names)
),
-- the bids any of them touches: one pass over the bids
tied_bids AS (
  SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, b.agent_person_id, b.price_cny
  FROM bid b
  WHERE b.org_id IN (SELECT agency_org_id FROM agencies UNION ALL SELECT org_id FROM agency_links)
     OR b.agent_person_id IN (SELECT person_id FROM staff)
     OR b.bid_id IN (SELECT bid_id FROM staff_personnel UNION ALL SELECT bid_id FROM doc_names)
),
tied AS (
  SELECT b.*, t.agency_org_id, t.deadline FROM tied_bids b JOIN t ON t.tender_id = b.tender_id
),
m AS (
  -- the agency itself bids in a tender it runs
  SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, 'AGENCY_IS_BIDDER' AS channel, b.org_id AS via
  FROM tied b WHERE b.org_id = b.agency_org_id
  UNION ALL
  -- a structural link between the agency and the bidder on the bid deadline
  SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, 'ORG_LINK_' || l.link_type, l.via
  FROM tied b JOIN agency_links l ON l.agency_org_id = b.agency_org_id AND l.org_id = b.org_id
  WHERE b.deadline BETWEEN l.valid_from AND l.valid_to
  UNION ALL
  -- the agency's staff member is the bidder's agent
  SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, 'STAFF_AS_AGENT', s.person_id || ' (' || s.role || ')'
  FROM tied b JOIN staff s ON s.agency_org_id = b.agency_org_id AND s.person_id = b.agent_person_id
  WHERE b.deadline BETWEEN s.s_from AND s.s_to
  UNION ALL
  -- the agency's staff member is named in the bid
  SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, 'STAFF_IN_BID_PERSONNEL', s.person_id || ' (' || s.role || ', ' || bp.role || ')'
  FROM tied b JOIN staff_personnel bp ON bp.bid_id = b.bid_id
  JOIN staff s ON s.agency_org_id = b.agency_org_id AND s.person_id = bp.person_id
  WHERE b.deadline BETWEEN s.s_from AND s.s_to
  UNION ALL
  -- the agency's staff member wrote or last edited the bid files
  SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, 'STAFF_AS_DOC_AUTHOR', s.person_id || ' (' || s.name || ')'
  FROM tied b JOIN doc_names d ON d.bid_id = b.bid_id
  JOIN staff_names s ON s.agency_org_id = b.agency_org_id AND s.name_norm = d.name_norm
  WHERE b.deadline BETWEEN s.s_from AND s.s_to
)
SELECT 'tender_bidder' AS subject_type, m.tender_id || '|' || m.org_id AS subject_id, m.tender_id, min(m.lot_id) AS lot_id, m.org_id,
  t.buyer_org_id, t.region_code, t.deadline AS occurred_on, max(b.price_cny) AS amount_cny,
  {'agency_org_id': t.agency_org_id, 'channels': string_agg(DISTINCT m.channel, ', ' ORDER BY m.channel),
   'via': string_agg(DISTINCT m.via, ', ' ORDER BY m.via), 'bid_ids': string_agg(DISTINCT m.bid_id, ', ' ORDER BY m.bid_id),
   'bid_deadline': t.deadline::VARCHAR} AS evidence
FROM m JOIN t ON t.tender_id = m.tender_id JOIN tied b ON b.bid_id = m.bid_id
GROUP BY m.tender_id, m.org_id, t.agency_org_id, t.buyer_org_id, t.region_code, t.deadline
