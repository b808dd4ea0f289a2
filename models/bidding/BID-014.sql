/*
id: BID-014
name_zh: 中标价紧贴次低价（疑似泄露报价）
name_en: Winner just below the runner-up
domain: BID
category: K3
kind: regulatory
severity: yellow
escalation: 中标人最后一个递交投标文件，或在招标文件澄清、修改之后递交的，为橙色 / orange if the winner submitted last of all bidders, or after an amendment of the tender
subject_type: lot
requires:
  tender: [tender_id, award_criteria]
  bid: [tender_id, lot_id, org_id, price_cny, status]
  award: [tender_id, lot_id, bid_id, status]
params:
  - name: diffp_low
    type: number
    default: 0.005
    unit: 比例 / ratio
    label_zh: 次低价高出中标价不超过
    label_en: Runner-up above the winning price by at most
  - name: award_criteria
    type: text_list
    default: [priceOnly, lowestEvaluatedPrice]
    label_zh: 适用的评标办法（价格决定中标）
    label_en: Award criteria where price decides (price only, lowest evaluated price)
  - name: iqr_k
    type: number
    default: 1.5
    label_zh: 细分下限 Q1 − k·IQR 中的 k
    label_en: k of the segment's lower fence Q1 − k·IQR
  - name: segment_min_n
    type: integer
    default: 20
    unit: 个标段 / lots
    label_zh: 细分样本最少标段数（不足时按品目 × 年度全省计算，仍不足则不用四分位下限）
    label_en: Fewest lots for a segment fence (smaller segments fall back to class × year, province-wide; no fence if that is small too)
explain:
  zh: "项目 {tender_id} 标段 {lot_id}（{award_criteria}）：中标人 {org_id} 报价 {winning_price} 元，仅比次低价 {runner_up_price} 元（{runner_up_org_id}）低 {diffp_pct}%{escalation_zh}"
  en: "Tender {tender_id} lot {lot_id} ({award_criteria}): the winner {org_id} bid CNY {winning_price}, only {diffp_pct}% below the runner-up's CNY {runner_up_price} ({runner_up_org_id}){escalation_en}"
source: 《招标投标法实施条例》第四十一条（招标人与投标人串通：泄露标底、其他投标人信息）；World Bank INT Warning Signs (< 1% between the two lowest bids); Cardinal R024; European Commission red flag "winning tender just below the next lowest"
*/
-- Lots awarded on price whose winner is the lowest valid bid and whose runner-up is at most diffp_low above
-- it, or at or below the lower fence Q1 − k·IQR of diffp in the segment (4-digit class × region × year; class ×
-- year province-wide when the segment has fewer than segment_min_n lots; no fence when that has fewer too).
WITH s AS (
  SELECT v.tender_id, v.lot_id, v.n, v.b1, v.b2, v.diffp, t.award_criteria,
    substr(t.class_code, 1, 4) AS class4, t.region_code, year(t.bid_deadline) AS yr
  FROM v_tender_price_stats v JOIN tender t USING (tender_id)
  WHERE list_contains($award_criteria, t.award_criteria) AND v.n >= 2 AND v.diffp IS NOT NULL
),
seg AS (
  SELECT class4, region_code, yr, count(*) AS n, quantile_cont(diffp, 0.25) AS q1, quantile_cont(diffp, 0.75) AS q3
  FROM s GROUP BY ALL
),
fb AS (
  SELECT class4, yr, count(*) AS n, quantile_cont(diffp, 0.25) AS q1, quantile_cont(diffp, 0.75) AS q3
  FROM s GROUP BY ALL
),
c AS (
  SELECT s.*, CASE WHEN g.n >= $segment_min_n THEN g.q1 - $iqr_k * (g.q3 - g.q1) WHEN f.n >= $segment_min_n THEN f.q1 - $iqr_k * (f.q3 - f.q1) END AS fence,
    CASE WHEN g.n >= $segment_min_n THEN 'class4×region×year' ELSE 'class4×year' END AS seg_level,
    CASE WHEN g.n >= $segment_min_n THEN g.n ELSE f.n END AS seg_n
  FROM s
  LEFT JOIN seg g ON g.class4 IS NOT DISTINCT FROM s.class4 AND g.region_code IS NOT DISTINCT FROM s.region_code AND g.yr IS NOT DISTINCT FROM s.yr
  LEFT JOIN fb f ON f.class4 IS NOT DISTINCT FROM s.class4 AND f.yr IS NOT DISTINCT FROM s.yr
  WHERE s.diffp <= $diffp_low
     OR s.diffp <= CASE WHEN g.n >= $segment_min_n THEN g.q1 - $iqr_k * (g.q3 - g.q1) WHEN f.n >= $segment_min_n THEN f.q1 - $iqr_k * (f.q3 - f.q1) END
),
-- The candidate lots' bids, read once.
lb AS MATERIALIZED (
  SELECT b.tender_id, b.lot_id, b.bid_id, b.org_id, b.price_cny, b.status, b.submit_time
  FROM bid b SEMI JOIN c ON c.tender_id = b.tender_id AND c.lot_id = b.lot_id
),
-- The active award of the lot, to the lowest valid bid.
w AS (
  SELECT c.*, a.bid_id AS win_bid_id, wb.org_id AS win_org_id, wb.submit_time AS win_submit
  FROM c JOIN award a ON a.tender_id = c.tender_id AND a.lot_id = c.lot_id AND a.status = 'active'
  JOIN lb wb ON wb.bid_id = a.bid_id AND wb.status = 'valid' AND wb.price_cny = c.b1
),
ru AS (
  SELECT w.tender_id, w.lot_id, arg_min(v.org_id, v.price_cny) AS runner_up_org_id, min(v.price_cny) AS runner_up_price
  FROM w JOIN lb v ON v.tender_id = w.tender_id AND v.lot_id = w.lot_id AND v.bid_id <> w.win_bid_id AND v.status = 'valid' AND v.price_cny > 0
  GROUP BY w.tender_id, w.lot_id
),
late AS (
  SELECT w.tender_id, w.lot_id, max(b.submit_time) FILTER (WHERE b.bid_id <> w.win_bid_id) AS others_last_submit
  FROM w JOIN lb b ON b.tender_id = w.tender_id AND b.lot_id = w.lot_id AND COALESCE(b.status, '') <> 'withdrawn'
  GROUP BY w.tender_id, w.lot_id
),
amd AS (
  SELECT w.tender_id, w.lot_id, max(ta.amend_date) AS amend_before
  FROM w JOIN tender_amendment ta ON ta.tender_id = w.tender_id AND ta.amend_date < w.win_submit
  GROUP BY w.tender_id, w.lot_id
),
h AS (
  SELECT w.*, ru.runner_up_org_id, ru.runner_up_price, late.others_last_submit, amd.amend_before,
    COALESCE(w.win_submit >= late.others_last_submit, FALSE) AS submitted_last
  FROM w JOIN ru USING (tender_id, lot_id) LEFT JOIN late USING (tender_id, lot_id) LEFT JOIN amd USING (tender_id, lot_id)
)
SELECT 'lot' AS subject_type, h.tender_id || '/' || h.lot_id AS subject_id, h.tender_id, h.lot_id, h.win_org_id AS org_id,
  t.buyer_org_id, t.region_code, h.b1 AS amount_cny, CAST(t.bid_deadline AS DATE) AS occurred_on,
  CASE WHEN h.submitted_last OR h.amend_before IS NOT NULL THEN 'orange' ELSE 'yellow' END AS severity,
  h.diffp AS score,
  {'award_criteria': h.award_criteria, 'n': h.n, 'winning_price': h.b1, 'runner_up_price': h.runner_up_price, 'runner_up_org_id': h.runner_up_org_id,
   'diffp': h.diffp, 'diffp_pct': round(100 * h.diffp, 3), 'diffp_low': $diffp_low,
   'segment_fence': h.fence, 'segment_level': h.seg_level, 'segment_n': h.seg_n,
   'winner_submit_time': strftime(h.win_submit, '%Y-%m-%d %H:%M:%S'), 'others_last_submit_time': strftime(h.others_last_submit, '%Y-%m-%d %H:%M:%S'),
   'winner_submitted_last': h.submitted_last, 'amendment_before_winner_bid': strftime(h.amend_before, '%Y-%m-%d %H:%M:%S'),
   'escalation_zh': CASE WHEN h.submitted_last THEN '；中标人最后一个递交投标文件' WHEN h.amend_before IS NOT NULL THEN '；中标人在招标文件修改后递交' ELSE '' END,
   'escalation_en': CASE WHEN h.submitted_last THEN '; the winner submitted last' WHEN h.amend_before IS NOT NULL THEN '; the winner submitted after an amendment' ELSE '' END} AS evidence
FROM h JOIN tender t USING (tender_id)
