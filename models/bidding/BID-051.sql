/*
id: BID-051
name_zh: 失信被执行人、禁止投标主体参与并通过评审
name_en: Debarred or dishonest bidder not rejected
domain: BID
category: K7
kind: supervisory
severity: red
escalation: 被列名投标人中标为红色；投标被认定有效但未中标为橙色 / red when the listed bidder won; orange when its bid was merely accepted as valid
subject_type: tender_supplier
requires:
  bid: [tender_id, lot_id, org_id, status]
  tender: [tender_id, bid_deadline]
  credit_list: [subject_type, subject_id, list_type, listed_date]
params:
  - name: list_types
    type: text_list
    default: [dishonest_enforcee, procurement_blacklist, serious_violation, debarment]
    label_zh: 禁止参加投标的名单类型（失信被执行人、政府采购严重违法失信名单、重大税收违法等严重违法失信名单、禁止投标）
    label_en: Lists that bar a bidder (dishonest judgment debtors, procurement blacklist, serious violations incl. major tax violations, debarment)
  - name: penalty_types
    type: text_list
    default: [bid_ban]
    label_zh: 禁止投标的行政处罚类型
    label_en: Administrative penalties that ban bidding
explain:
  zh: "项目 {tender_id}：投标人 {org_id} 在投标截止日 {bid_deadline} 处于 {listings} 状态，其投标仍被认定有效{won_text}"
  en: "Tender {tender_id}: the bidder {org_id} was listed ({listings}) on the bid deadline {bid_deadline}, yet its bid was accepted as valid{won_text_en}"
source: 《关于在政府采购活动中查询及使用信用记录有关问题的通知》（财库〔2016〕125号）；《政府采购法》第二十二条；《招标投标法实施条例》
*/
-- A bid accepted as valid from a supplier that, on the bid deadline, was on a list barring it from
-- public procurement (listed on or before the deadline and not yet removed) or under an administrative
-- ban on bidding (ban_start <= deadline <= ban_end). Red if it won the lot, orange otherwise.
WITH listing AS (
  SELECT subject_id AS org_id, 'credit_list' AS src, list_type AS kind, authority, decision_no,
    listed_date AS l_from, removed_date AS l_to, FALSE AS to_inclusive
  FROM credit_list
  WHERE subject_type = 'org' AND list_contains($list_types, list_type) AND listed_date IS NOT NULL
  UNION ALL
  SELECT subject_id, 'admin_penalty', penalty_type, authority, decision_no, ban_start, ban_end, TRUE
  FROM admin_penalty
  WHERE subject_type = 'org' AND list_contains($penalty_types, penalty_type) AND ban_start IS NOT NULL
),
hits AS (
  SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, b.price_cny, CAST(t.bid_deadline AS DATE) AS deadline, t.buyer_org_id, t.region_code,
    l.src, l.kind, l.authority, l.decision_no, l.l_from, l.l_to,
    EXISTS (SELECT 1 FROM award a WHERE a.tender_id = b.tender_id AND a.lot_id = b.lot_id AND a.supplier_org_id = b.org_id
            AND a.status = 'active') AS won
  FROM bid b
  JOIN tender t ON t.tender_id = b.tender_id
  JOIN listing l ON l.org_id = b.org_id AND l.l_from <= CAST(t.bid_deadline AS DATE)
   AND (l.l_to IS NULL OR l.l_to > CAST(t.bid_deadline AS DATE) OR (l.to_inclusive AND l.l_to = CAST(t.bid_deadline AS DATE)))
  WHERE b.status = 'valid' AND b.org_id IN (SELECT org_id FROM listing)
)
SELECT 'tender_supplier' AS subject_type, tender_id || '|' || org_id AS subject_id, tender_id, min(lot_id) AS lot_id, org_id,
  buyer_org_id, region_code, deadline AS occurred_on, max(price_cny) AS amount_cny,
  CASE WHEN bool_or(won) THEN 'red' ELSE 'orange' END AS severity,
  {'bid_deadline': deadline::VARCHAR, 'won': bool_or(won),
   'won_text': CASE WHEN bool_or(won) THEN '并中标' ELSE '' END, 'won_text_en': CASE WHEN bool_or(won) THEN ' and won' ELSE '' END,
   'listings': string_agg(DISTINCT kind || ' ' || l_from::VARCHAR || '~' || COALESCE(l_to::VARCHAR, ''), ', '
     ORDER BY kind || ' ' || l_from::VARCHAR || '~' || COALESCE(l_to::VARCHAR, '')),
   'authorities': string_agg(DISTINCT authority, ', ' ORDER BY authority), 'decision_nos': string_agg(DISTINCT decision_no, ', ' ORDER BY decision_no),
   'bid_ids': string_agg(DISTINCT bid_id, ', ' ORDER BY bid_id)} AS evidence
FROM hits
GROUP BY tender_id, org_id, buyer_org_id, region_code, deadline
