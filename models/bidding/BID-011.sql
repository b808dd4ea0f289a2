/*
id: BID-011
name_zh: 报价离散度异常偏低
name_en: "Variance screen: low coefficient of variation"
domain: BID
category: C1
kind: regulatory
severity: orange
subject_type: lot
requires:
  bid: [tender_id, lot_id, org_id, price_cny, status]
  tender: [tender_id]
params:
  - name: n_min
    type: integer
    default: 4
    unit: 个有效报价 / valid bids
    label_zh: 最少有效报价数
    label_en: Fewest valid bids
  - name: cv_max
    type: number
    default: 0.05
    unit: 比例 / ratio
    label_zh: 变异系数不高于
    label_en: Coefficient of variation at most
  - name: pct
    type: number
    default: 10
    unit: 百分位 / percentile
    label_zh: 或不高于同类标段（4 位品目 × 地区 × 年度）变异系数的百分位
    label_en: Or at most this percentile of CV in the segment (4-digit class × region × year)
  - name: segment_min_n
    type: integer
    default: 20
    unit: 个标段 / lots
    label_zh: 细分样本最少标段数（不足时按品目 × 年度全省计算，仍不足则只用固定阈值）
    label_en: Fewest lots for a segment percentile (smaller segments fall back to class × year, province-wide; only the fixed threshold if that is small too)
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{n} 个有效报价的变异系数仅 {cv}（阈值 {cv_max}；同类标段第 {pct} 百分位 {segment_pct_value}），报价异常集中"
  en: "Tender {tender_id} lot {lot_id}: the {n} valid bids have a coefficient of variation of only {cv} (threshold {cv_max}; segment {pct}th percentile {segment_pct_value}): prices packed unusually tight"
source: Imhof 2017 (FSES WP 484) and 2019; Huber & Imhof 2019; Feinstein et al. 1985; Defence Construction Canada testimony (CV below 0.04–0.06); 《招标投标法实施条例》第三十九条、第四十条
*/
-- cv = σ/μ of the lot's valid bids (sample σ), from v_tender_price_stats. A lot is flagged when cv ≤ cv_max or
-- cv ≤ the pct-th percentile of cv among lots with n ≥ n_min of its segment: 4-digit class × region × year of
-- the deadline; a segment with fewer than segment_min_n such lots uses class × year across the province, and
-- when that too has fewer, only the fixed threshold applies.
WITH s AS (
  SELECT v.tender_id, v.lot_id, v.n, v.cv, v.mu, v.sd, v.b1, v.bn, v.low_org_id,
    substr(t.class_code, 1, 4) AS class4, t.region_code, year(t.bid_deadline) AS yr
  FROM v_tender_price_stats v JOIN tender t USING (tender_id)
  WHERE v.n >= $n_min AND v.cv IS NOT NULL
),
seg AS (SELECT class4, region_code, yr, count(*) AS n, quantile_cont(cv, $pct / 100.0) AS q FROM s GROUP BY ALL),
fb AS (SELECT class4, yr, count(*) AS n, quantile_cont(cv, $pct / 100.0) AS q FROM s GROUP BY ALL),
h AS (
  SELECT s.*, CASE WHEN g.n >= $segment_min_n THEN g.q WHEN f.n >= $segment_min_n THEN f.q END AS seg_q,
    CASE WHEN g.n >= $segment_min_n THEN g.n ELSE f.n END AS seg_n,
    CASE WHEN g.n >= $segment_min_n THEN 'class4×region×year' ELSE 'class4×year' END AS seg_level
  FROM s
  LEFT JOIN seg g ON g.class4 IS NOT DISTINCT FROM s.class4 AND g.region_code IS NOT DISTINCT FROM s.region_code AND g.yr IS NOT DISTINCT FROM s.yr
  LEFT JOIN fb f ON f.class4 IS NOT DISTINCT FROM s.class4 AND f.yr IS NOT DISTINCT FROM s.yr
  WHERE s.cv <= $cv_max OR s.cv <= CASE WHEN g.n >= $segment_min_n THEN g.q WHEN f.n >= $segment_min_n THEN f.q END
)
SELECT 'lot' AS subject_type, h.tender_id || '/' || h.lot_id AS subject_id, h.tender_id, h.lot_id, h.low_org_id AS org_id,
  t.buyer_org_id, t.region_code, h.b1 AS amount_cny, CAST(t.bid_deadline AS DATE) AS occurred_on, h.cv AS score,
  {'n': h.n, 'cv': round(h.cv, 6), 'mean': round(h.mu, 2), 'sd': round(h.sd, 2), 'b1': h.b1, 'bn': h.bn, 'cv_max': $cv_max, 'pct': $pct,
   'segment_pct_value': round(h.seg_q, 6), 'segment_level': h.seg_level, 'segment_n': h.seg_n,
   'below_cv_max': h.cv <= $cv_max, 'below_segment_pct': COALESCE(h.cv <= h.seg_q, FALSE)} AS evidence
FROM h JOIN tender t USING (tender_id)
