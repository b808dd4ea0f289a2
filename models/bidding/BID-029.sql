/*
id: BID-029
name_zh: 等标期（响应期）不足
name_en: Submission period below the statutory minimum
domain: BID
category: K1
kind: regulatory
severity: red
escalation: 低于法定最短期限为红色；开启 segment_screen 时，不低于法定期限但短于同类项目（方式 × 4 位品目 × 地区 × 年度）第 segment_pct 百分位的为黄色 / red below the statutory minimum; with segment_screen on, a legal period shorter than the segment's (method × 4-digit class × region × year) segment_pct-th percentile is yellow
subject_type: tender
requires:
  tender: [tender_id, method_detail, docs_start, bid_deadline]
params:
  - name: min_days_tender
    type: integer
    default: 20
    unit: 日（日历日）/ calendar days
    label_zh: 公开招标、邀请招标最短等标期
    label_en: Minimum period for open and invited tenders
  - name: min_days_consult
    type: integer
    default: 10
    unit: 日（日历日）/ calendar days
    label_zh: 竞争性磋商最短响应期
    label_en: Minimum period for competitive consultation
  - name: min_workdays_quote
    type: integer
    default: 3
    unit: 个工作日 / working days
    label_zh: 竞争性谈判、询价最短响应期
    label_en: Minimum period for competitive negotiation and requests for quotation
  - name: segment_screen
    type: boolean
    default: false
    label_zh: 同时按同类项目百分位筛查（黄色）
    label_en: Also screen against the segment's percentile (yellow)
  - name: segment_pct
    type: number
    default: 5
    unit: 百分位 / percentile
    label_zh: 同类项目百分位
    label_en: Segment percentile
  - name: segment_min_n
    type: integer
    default: 20
    unit: 个项目 / tenders
    label_zh: 细分样本最少项目数（不足时按方式 × 品目 × 年度全省计算，仍不足则不筛查）
    label_en: Fewest tenders for a segment percentile (smaller segments fall back to method × class × year, province-wide; not screened if that is small too)
explain:
  zh: "项目 {tender_id}（{method_detail}）{docs_start} 开始发出文件，{bid_deadline} 截止，期限仅 {period} {unit_zh}，法定最短 {min_period} {unit_zh}"
  en: "Tender {tender_id} ({method_detail}): documents issued from {docs_start}, deadline {bid_deadline}: a period of {period} {unit_en} where the law requires at least {min_period}"
source: 《招标投标法》第二十四条；《政府采购货物和服务招标投标管理办法》（财政部令第87号）第十六条；《政府采购非招标采购方式管理办法》（财政部令第74号）第二十九条、第四十五条；《政府采购竞争性磋商采购方式管理暂行办法》（财库〔2014〕214号）第十条；Cardinal R003
*/
-- The period runs from the day after the documents are first issued to the deadline day (the first day is not
-- counted). Calendar days for tenders (20) and competitive consultation (10); working days, Monday to Friday,
-- for competitive negotiation and requests for quotation (3). Public holidays are not known to the workspace.
WITH p AS (
  SELECT t.tender_id, t.method_detail, t.buyer_org_id, t.region_code, t.class_code, t.max_price_cny, t.est_value_cny,
    t.docs_start, t.bid_deadline,
    t.method_detail IN ('竞争性谈判', '询价') AS by_workdays,
    CASE WHEN t.method_detail IN ('公开招标', '邀请招标') THEN $min_days_tender
         WHEN t.method_detail = '竞争性磋商' THEN $min_days_consult
         WHEN t.method_detail IN ('竞争性谈判', '询价') THEN $min_workdays_quote END AS min_period,
    CASE WHEN t.method_detail IN ('竞争性谈判', '询价')
      -- Weekdays in (start, deadline]: weekdays from a Monday (1970-01-05) up to each day, one minus the other.
      THEN (5 * (date_diff('day', DATE '1970-01-05', CAST(t.bid_deadline AS DATE)) // 7)
             + least(date_diff('day', DATE '1970-01-05', CAST(t.bid_deadline AS DATE)) % 7 + 1, 5))
         - (5 * (date_diff('day', DATE '1970-01-05', CAST(t.docs_start AS DATE)) // 7)
             + least(date_diff('day', DATE '1970-01-05', CAST(t.docs_start AS DATE)) % 7 + 1, 5))
      ELSE date_diff('day', CAST(t.docs_start AS DATE), CAST(t.bid_deadline AS DATE)) END AS period,
    substr(t.class_code, 1, 4) AS class4, year(t.docs_start) AS yr
  FROM tender t
  WHERE t.docs_start IS NOT NULL AND t.bid_deadline IS NOT NULL
    AND t.method_detail IN ('公开招标', '邀请招标', '竞争性磋商', '竞争性谈判', '询价')
),
-- Optional yellow screen: the segment's low percentile of the period (method × 4-digit class × region × year,
-- falling back to method × 4-digit class × year when the segment is small, and not screened when that is small too).
seg AS (
  SELECT method_detail, class4, region_code, yr, count(*) AS n, quantile_cont(period, $segment_pct / 100.0) AS q
  FROM p WHERE $segment_screen GROUP BY ALL
),
fb AS (
  SELECT method_detail, class4, yr, count(*) AS n, quantile_cont(period, $segment_pct / 100.0) AS q
  FROM p WHERE $segment_screen GROUP BY ALL
),
h AS (
  SELECT p.*, CASE WHEN s.n >= $segment_min_n THEN s.q WHEN f.n >= $segment_min_n THEN f.q END AS seg_q,
    CASE WHEN s.n >= $segment_min_n THEN s.n ELSE f.n END AS seg_n,
    CASE WHEN s.n >= $segment_min_n THEN 'method×class4×region×year' ELSE 'method×class4×year' END AS seg_level
  FROM p
  LEFT JOIN seg s ON $segment_screen AND s.method_detail = p.method_detail AND s.class4 IS NOT DISTINCT FROM p.class4
    AND s.region_code IS NOT DISTINCT FROM p.region_code AND s.yr = p.yr
  LEFT JOIN fb f ON $segment_screen AND f.method_detail = p.method_detail AND f.class4 IS NOT DISTINCT FROM p.class4 AND f.yr = p.yr
  WHERE p.period < p.min_period OR $segment_screen
)
SELECT 'tender' AS subject_type, h.tender_id AS subject_id, h.tender_id, h.buyer_org_id AS org_id, h.buyer_org_id, h.region_code,
  COALESCE(h.max_price_cny, h.est_value_cny) AS amount_cny, CAST(h.docs_start AS DATE) AS occurred_on,
  CASE WHEN h.period < h.min_period THEN 'red' ELSE 'yellow' END AS severity,
  CAST(h.min_period - h.period AS DOUBLE) AS score,
  {'method_detail': h.method_detail, 'docs_start': strftime(h.docs_start, '%Y-%m-%d %H:%M'), 'bid_deadline': strftime(h.bid_deadline, '%Y-%m-%d %H:%M'),
   'period': h.period, 'min_period': h.min_period, 'shortfall': greatest(h.min_period - h.period, 0),
   'unit_zh': CASE WHEN h.by_workdays THEN '个工作日' ELSE '日' END, 'unit_en': CASE WHEN h.by_workdays THEN 'working days' ELSE 'calendar days' END,
   'calendar_days': date_diff('day', CAST(h.docs_start AS DATE), CAST(h.bid_deadline AS DATE)),
   'segment_pct_value': h.seg_q, 'segment_n': h.seg_n, 'segment_level': CASE WHEN $segment_screen THEN h.seg_level END} AS evidence
FROM h
WHERE h.period < h.min_period OR h.period < h.seg_q
