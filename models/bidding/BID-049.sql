/*
id: BID-049
name_zh: 对采购人有管理权的公职人员或采购人工作人员与中标人存在关联
name_en: Official or buyer staff linked to the winner
domain: BID
category: K4
categories: [K4, K2]
kind: supervisory
severity: red
subject_type: tender_supplier
requires:
  award: [tender_id, supplier_org_id, status, notice_date]
  tender: [tender_id, buyer_org_id]
params:
  - name: kin_degree
    type: integer
    default: 3
    label_zh: 亲属关系最远代数
    label_en: Furthest degree of kinship
  - name: lookback_years
    type: integer
    default: 3
    unit: 年 / years
    label_zh: 关联结束后仍计入的年数
    label_en: Years a link still counts after it ended
explain:
  zh: "项目 {tender_id}：中标人 {org_id} 与对采购人有管理权的 {official_id} 存在关联（{linked_person} 为其 {link_type}）"
  en: "Tender {tender_id}: the winner {org_id} is linked to {official_id}, who has power over the buyer ({linked_person}: {link_type})"
source: 《政府采购法实施条例》第九条；《中国共产党纪律处分条例》；监督执纪实践
*/
-- People with power over the buyer: officials overseeing it and its own key staff. A hit is a winning
-- supplier linked to one of them, or to their kin, when the award was made (matched on person ids,
-- which rest on ID-number hashes, never on names).
WITH power AS (
  SELECT person_id, oversees_org_id AS buyer_org_id FROM official_duty
  UNION SELECT person_id, org_id FROM org_role WHERE role IN ('legal_rep', 'manager', 'finance_head', 'procurement', 'project_lead')
),
-- The people a supplier must not be linked to, per buyer: the power holders themselves, and their kin
-- (a kin link to the supplier's people counts only through a non-kin tie of theirs, as the catalog says).
reach AS (
  SELECT person_id AS linked, person_id AS official_id, buyer_org_id, false AS via_kin FROM power
  UNION ALL
  SELECT k.q, pw.person_id, pw.buyer_org_id, true FROM power pw JOIN v_kin k ON k.p = pw.person_id AND k.degree <= $kin_degree
),
-- Every key is an equality (buyer and supplier, person), so no join pairs each award with every power
-- holder of its buyer.
hits AS (
  SELECT DISTINCT t.tender_id, a.lot_id, a.supplier_org_id, r.official_id, l.person_id AS linked_person, l.link_type,
    t.buyer_org_id, t.region_code, CAST(a.notice_date AS DATE) AS occurred_on, a.award_value_cny
  FROM reach r
  JOIN v_person_org_link l ON l.person_id = r.linked AND (NOT r.via_kin OR l.link_type NOT LIKE 'KIN_OF_%')
  JOIN award a ON a.supplier_org_id = l.org_id AND a.status = 'active'
  JOIN tender t ON t.tender_id = a.tender_id AND t.buyer_org_id = r.buyer_org_id
  WHERE CAST(a.notice_date AS DATE) BETWEEN l.valid_from - to_years($lookback_years) AND l.valid_to
)
SELECT 'tender_supplier' AS subject_type, tender_id || '|' || supplier_org_id AS subject_id, tender_id, any_value(lot_id) AS lot_id,
  supplier_org_id AS org_id, any_value(official_id) AS person_id, buyer_org_id, region_code, min(occurred_on) AS occurred_on,
  max(award_value_cny) AS amount_cny,
  {'official_id': string_agg(DISTINCT official_id, ', ' ORDER BY official_id), 'linked_person': string_agg(DISTINCT linked_person, ', ' ORDER BY linked_person),
   'link_type': string_agg(DISTINCT link_type, ', ' ORDER BY link_type)} AS evidence
FROM hits
GROUP BY tender_id, supplier_org_id, buyer_org_id, region_code
