/*
id: BID-025
name_zh: 投标人少于3个仍开标、定标
name_en: Opened or awarded with fewer than three bids
domain: BID
category: K5
kind: regulatory
severity: red
subject_type: lot
requires:
  tender: [tender_id, must_tender, method_detail]
  bid: [tender_id, lot_id, org_id]
  award: [tender_id, lot_id, status]
params:
  - name: min_bidders
    type: integer
    default: 3
    unit: 个投标人 / bidders
    label_zh: 开标所需最少投标人
    label_en: Fewest bidders needed to open bids
explain:
  zh: "依法必须招标项目 {tender_id} 标段 {lot_id} 公开招标仅 {n_bidders} 个投标人递交投标文件（{bidders}），仍确定中标人 {org_id}（{award_value_cny} 元）"
  en: "Must-tender project {tender_id} lot {lot_id}: only {n_bidders} bidder(s) submitted bids in the open tender ({bidders}), yet {org_id} was awarded (CNY {award_value_cny})"
source: 《招标投标法》第二十八条；《招标投标法实施条例》第四十四条
*/
-- Lots of must-tender open tenders with an active award. Submitted bids are those not withdrawn before the
-- deadline (valid, disqualified or pending); bidders are counted once each.
WITH aw AS (
  SELECT a.tender_id, a.lot_id, arg_min(a.supplier_org_id, COALESCE(a.candidate_rank, 1)) AS supplier_org_id,
    arg_min(a.award_value_cny, COALESCE(a.candidate_rank, 1)) AS award_value_cny, min(a.notice_date) AS notice_date
  FROM award a JOIN tender t USING (tender_id)
  WHERE a.status = 'active' AND t.must_tender AND t.method_detail = '公开招标'
  GROUP BY a.tender_id, a.lot_id
),
-- Bidders per lot: one row per lot and bidder first (a bidder counts once).
sub AS (
  SELECT tender_id, lot_id, count(*) FILTER (WHERE submitted) AS n_bidders, sum(n_withdrawn) AS n_withdrawn, sum(n_valid) AS n_valid
  FROM (
    SELECT b.tender_id, b.lot_id, b.org_id, bool_or(COALESCE(b.status, '') <> 'withdrawn') AS submitted,
      count(*) FILTER (WHERE b.status = 'withdrawn') AS n_withdrawn, count(*) FILTER (WHERE b.status = 'valid') AS n_valid
    FROM bid b SEMI JOIN aw ON aw.tender_id = b.tender_id AND aw.lot_id = b.lot_id
    GROUP BY b.tender_id, b.lot_id, b.org_id)
  GROUP BY tender_id, lot_id
),
h AS (
  SELECT aw.*, COALESCE(s.n_bidders, 0) AS n_bidders, COALESCE(s.n_withdrawn, 0) AS n_withdrawn, COALESCE(s.n_valid, 0) AS n_valid
  FROM aw LEFT JOIN sub s USING (tender_id, lot_id)
  WHERE COALESCE(s.n_bidders, 0) < $min_bidders
),
names AS (
  SELECT b.tender_id, b.lot_id, list(DISTINCT b.org_id ORDER BY b.org_id) AS bidders
  FROM bid b SEMI JOIN h ON h.tender_id = b.tender_id AND h.lot_id = b.lot_id
  WHERE COALESCE(b.status, '') <> 'withdrawn'
  GROUP BY b.tender_id, b.lot_id
)
SELECT 'lot' AS subject_type, h.tender_id || '/' || h.lot_id AS subject_id, h.tender_id, h.lot_id,
  h.supplier_org_id AS org_id, t.buyer_org_id, t.region_code, h.award_value_cny AS amount_cny,
  CAST(COALESCE(t.open_date, t.bid_deadline) AS DATE) AS occurred_on,
  CAST($min_bidders - h.n_bidders AS DOUBLE) AS score,
  {'n_bidders': h.n_bidders, 'min_bidders': $min_bidders, 'bidders': array_to_string(COALESCE(n.bidders, []), ', '),
   'n_withdrawn': h.n_withdrawn, 'n_valid': h.n_valid, 'award_value_cny': h.award_value_cny,
   'award_notice_date': strftime(h.notice_date, '%Y-%m-%d'), 'bid_deadline': strftime(t.bid_deadline, '%Y-%m-%d %H:%M')} AS evidence
FROM h JOIN tender t USING (tender_id) LEFT JOIN names n USING (tender_id, lot_id)
