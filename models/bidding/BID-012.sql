/*
id: BID-012
name_zh: 最低价与次低价间距异常（陪标特征）
name_en: "Cover-bidding screen: relative distance"
domain: BID
category: C1
categories: [C1, C3]
kind: regulatory
severity: orange
subject_type: lot
requires:
  bid: [tender_id, lot_id, org_id, price_cny, status]
  tender: [tender_id]
params:
  - name: n_min
    type: integer
    default: 3
    unit: 个有效报价 / valid bids
    label_zh: 最少有效报价数
    label_en: Fewest valid bids
  - name: rd_min
    type: number
    default: 1.0
    label_zh: 相对距离 RD（或 RDalt）不低于
    label_en: Relative distance RD (or RDalt) at least
  - name: diffp_min
    type: number
    default: 0.02
    unit: 比例 / ratio
    label_zh: 次低价高出最低价不低于
    label_en: Runner-up above the lowest bid by at least
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：最低价 {b1} 元（{org_id}）与次低价 {b2} 元相差 {diffp_pct}%，相对距离 RD = {rd}、RDalt = {rd_alt}：其余报价紧密聚集、远高于最低价，呈陪标特征"
  en: "Tender {tender_id} lot {lot_id}: the lowest bid CNY {b1} ({org_id}) is {diffp_pct}% below the runner-up's CNY {b2}; relative distance RD = {rd}, RDalt = {rd_alt}: the losing bids cluster tightly well above the lowest, a cover-bidding pattern"
source: Imhof 2017 (FSES WP 484) and 2019; Defence Construction Canada testimony ("when the relative distance is larger than one"); COMCO, OECD workshop 2018; 《招标投标法实施条例》第三十九条、第四十条
*/
-- From v_tender_price_stats: rd = (b2 − b1)/σ_L (σ_L the sample standard deviation of the losing bids b2…bn),
-- rd_alt = (n − 2)(b2 − b1)/(bn − b2), diffp = (b2 − b1)/b1.
WITH h AS (
  SELECT v.* FROM v_tender_price_stats v
  WHERE v.n >= greatest($n_min, 3) AND (v.rd >= $rd_min OR v.rd_alt >= $rd_min) AND v.diffp >= $diffp_min
)
SELECT 'lot' AS subject_type, h.tender_id || '/' || h.lot_id AS subject_id, h.tender_id, h.lot_id, h.low_org_id AS org_id,
  t.buyer_org_id, t.region_code, h.b1 AS amount_cny, CAST(t.bid_deadline AS DATE) AS occurred_on, greatest(h.rd, h.rd_alt) AS score,
  {'n': h.n, 'b1': h.b1, 'b2': h.b2, 'bn': h.bn, 'sd_losing': round(h.sd_losing, 2), 'rd': round(h.rd, 4), 'rd_alt': round(h.rd_alt, 4),
   'diffp': round(h.diffp, 6), 'diffp_pct': round(100 * h.diffp, 3), 'rd_min': $rd_min, 'diffp_min': $diffp_min} AS evidence
FROM h JOIN tender t USING (tender_id)
