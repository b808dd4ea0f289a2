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
WITH links AS (
  SELECT org_a, org_b, link_type, via, valid_from, valid_to FROM v_org_link_sym
  WHERE org_a < org_b AND list_contains($link_types, link_type)
)
SELECT 'org_pair' AS subject_type, b1.org_id || '|' || b2.org_id AS subject_id, b1.tender_id, b1.lot_id, b1.org_id,
  t.buyer_org_id, t.region_code, CAST(t.bid_deadline AS DATE) AS occurred_on, t.max_price_cny AS amount_cny,
  {'org_id_b': b2.org_id, 'link_types': string_agg(DISTINCT l.link_type, ', ' ORDER BY l.link_type),
   'via': string_agg(DISTINCT l.via, ', ' ORDER BY l.via)} AS evidence
FROM links l
JOIN bid b1 ON b1.org_id = l.org_a
JOIN bid b2 ON b2.org_id = l.org_b AND b2.tender_id = b1.tender_id AND b2.lot_id = b1.lot_id
JOIN tender t ON t.tender_id = b1.tender_id
WHERE CAST(t.bid_deadline AS DATE) BETWEEN l.valid_from AND l.valid_to
GROUP BY b1.tender_id, b1.lot_id, b1.org_id, b2.org_id, t.buyer_org_id, t.region_code, t.bid_deadline, t.max_price_cny
