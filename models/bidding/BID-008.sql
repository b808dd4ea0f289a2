/*
id: BID-008
name_zh: 单位负责人为同一人或存在控股、管理关系的单位参加同一标段
name_en: Common management or control in the same lot
domain: BID
category: C1
kind: regulatory
severity: red
subject_type: org_pair
requires:
  bid: [tender_id, lot_id, org_id]
  tender: [tender_id, bid_deadline]
params:
  - name: link_types
    type: text_list
    default: [SAME_LEGAL_REP, CONTROL, COMMON_CONTROLLER, COMMON_PERSON]
    label_zh: 计入的关联类型
    label_en: Link types that count
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{org_id} 与 {org_id_b} 存在 {link_types}（经 {via}），同时投标"
  en: "Tender {tender_id} lot {lot_id}: {org_id} and {org_id_b} bid together while linked by {link_types} (via {via})"
source: 《招标投标法实施条例》第三十四条第二款；《政府采购法实施条例》第十八条
*/
-- Pairs of bidders in one lot that were under common management or control on the bid deadline
-- (group companies bidding different lots are not a hit: the rule is per lot). Starts from the few linked
-- pairs of organisations and looks for lots both bid in, rather than pairing every lot's bidders.
WITH links AS MATERIALIZED (
  SELECT org_a, org_b, link_type, via, valid_from, valid_to FROM v_org_link_sym
  WHERE org_a < org_b AND list_contains($link_types, link_type)
),
-- The linked firms' bids, read from bid once; pairs are then looked up among them by firm and lot, whatever the
-- planner guesses of the view's size (guessing it large, it paired every lot's bidders first: 76M pairs, 25 s
-- when the model ran alone, 4 s now).
lb AS MATERIALIZED (
  SELECT org_id, tender_id, lot_id FROM bid WHERE org_id IN (SELECT org_a FROM links UNION SELECT org_b FROM links)
),
firsts AS (SELECT l.*, b.tender_id, b.lot_id FROM links l JOIN lb b ON b.org_id = l.org_a)
SELECT 'org_pair' AS subject_type, l.org_a || '|' || l.org_b AS subject_id, l.tender_id, l.lot_id, l.org_a AS org_id,
  t.buyer_org_id, t.region_code, CAST(t.bid_deadline AS DATE) AS occurred_on, t.max_price_cny AS amount_cny,
  {'org_id_b': l.org_b, 'link_types': string_agg(DISTINCT l.link_type, ', ' ORDER BY l.link_type),
   'via': string_agg(DISTINCT l.via, ', ' ORDER BY l.via)} AS evidence
FROM firsts l
JOIN lb b2 ON b2.org_id = l.org_b AND b2.tender_id = l.tender_id AND b2.lot_id = l.lot_id
JOIN tender t ON t.tender_id = l.tender_id
WHERE CAST(t.bid_deadline AS DATE) BETWEEN l.valid_from AND l.valid_to
GROUP BY l.tender_id, l.lot_id, l.org_a, l.org_b, t.buyer_org_id, t.region_code, t.bid_deadline, t.max_price_cny
