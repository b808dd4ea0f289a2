/*
id: BID-022
name_zh: 落标人成为中标人分包商
name_en: Losing bidders become subcontractors
domain: BID
category: C3
kind: regulatory
severity: orange
subject_type: contract_org
requires:
  subcontract: [contract_id, sub_org_id]
  contract: [contract_id, tender_id, supplier_org_id]
  bid: [tender_id, lot_id, org_id]
params:
  - name: link_types
    type: text_list
    default: [SAME_LEGAL_REP, CONTROL, COMMON_CONTROLLER, COMMON_PERSON, SHARED_STAFF, SHARED_PHONE, SHARED_EMAIL, SHARED_ADDRESS, KIN_OF_OFFICERS]
    label_zh: 分包商与落标人之间计入的关联类型
    label_en: Links between subcontractor and losing bidder that count
explain:
  zh: "合同 {contract_id}（项目 {tender_id} 标段 {lot_id}）：中标人 {winner_org_id} 将工程分包给 {org_id}，而 {losing_bidders} 在同一标段投标落标（{match}）"
  en: "Contract {contract_id} (tender {tender_id} lot {lot_id}): the winner {winner_org_id} subcontracted to {org_id}, while {losing_bidders} bid for the same lot and lost ({match})"
source: World Bank INT《Most Common Red Flags of Fraud and Corruption in Procurement》；美国司法部反垄断局（向落标人分包）；OECD《公共采购反围标指南》
*/
-- A subcontractor of a contract that bid for the same tender and lot and did not win (bid suppression or
-- bid rotation paid off through a subcontract), or that is linked to such a losing bidder when the
-- subcontract was signed. The lot is the awarded one; a bid for another lot of the tender does not count.
WITH sub AS (
  SELECT s.contract_id, s.sub_org_id, s.value_cny, s.scope, COALESCE(s.sign_date, c.sign_date) AS sub_date,
    c.tender_id, COALESCE(a.lot_id, '-') AS lot_id, c.supplier_org_id AS winner, c.buyer_org_id, c.value_cny AS contract_value,
    t.region_code
  FROM subcontract s
  JOIN contract c ON c.contract_id = s.contract_id
  LEFT JOIN award a ON a.award_id = c.award_id
  LEFT JOIN tender t ON t.tender_id = c.tender_id
  WHERE c.tender_id IS NOT NULL AND s.sub_org_id IS DISTINCT FROM c.supplier_org_id
),
losers AS (
  SELECT b.tender_id, b.lot_id, b.org_id, b.status
  FROM bid b
  WHERE b.tender_id IN (SELECT tender_id FROM sub)
),
matches AS (
  -- the subcontractor itself bid for the lot and lost
  SELECT s.*, l.org_id AS loser, l.status AS loser_status, 'LOSING_BIDDER' AS link_type, NULL AS via
  FROM sub s JOIN losers l ON l.tender_id = s.tender_id AND l.lot_id = s.lot_id AND l.org_id = s.sub_org_id
  WHERE l.org_id <> s.winner
  UNION ALL
  -- the subcontractor is linked to a losing bidder of the lot when the subcontract was signed
  SELECT s.*, l.org_id, l.status, k.link_type, k.via
  FROM sub s JOIN losers l ON l.tender_id = s.tender_id AND l.lot_id = s.lot_id AND l.org_id <> s.winner AND l.org_id <> s.sub_org_id
  JOIN v_org_link_sym k ON k.org_a = s.sub_org_id AND k.org_b = l.org_id
  WHERE list_contains($link_types, k.link_type) AND s.sub_date BETWEEN k.valid_from AND k.valid_to
)
SELECT 'contract_org' AS subject_type, contract_id || '|' || sub_org_id AS subject_id, tender_id, lot_id, contract_id,
  sub_org_id AS org_id, buyer_org_id, region_code, min(sub_date) AS occurred_on, max(value_cny) AS amount_cny,
  max(value_cny) / NULLIF(max(contract_value), 0) AS score,
  {'winner_org_id': winner,
   'losing_bidders': string_agg(DISTINCT loser, ', ' ORDER BY loser),
   'loser_bid_status': string_agg(DISTINCT loser || ':' || loser_status, ', ' ORDER BY loser || ':' || loser_status),
   'match': string_agg(DISTINCT link_type, ', ' ORDER BY link_type),
   'via': string_agg(DISTINCT via, ', ' ORDER BY via),
   'scope': max(scope), 'subcontract_value_cny': max(value_cny), 'contract_value_cny': max(contract_value),
   'subcontract_date': min(sub_date)::VARCHAR} AS evidence
FROM matches
GROUP BY contract_id, sub_org_id, tender_id, lot_id, buyer_org_id, region_code, winner
