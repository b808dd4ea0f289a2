/*
id: BID-007
name_zh: 投标报价呈规律性差异或报价相同
name_en: Regular or identical price pattern
domain: BID
category: C1
kind: regulatory
severity: orange
escalation: 不同投标人总价相同，或不少于 4 个报价构成精确的等比、等差数列的，为红色 / red if different bidders' totals are identical or at least 4 bids form an exact progression
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
  - name: eps_ratio
    type: number
    default: 0.001
    label_zh: 相邻报价比值的极差不超过（等比）
    label_en: Range of consecutive price ratios at most (constant ratio)
  - name: eps_diff
    type: number
    default: 0.02
    label_zh: 相邻报价差的极差与均值之比不超过（等差）
    label_en: Range of consecutive differences over their mean at most (constant difference)
  - name: steps
    type: text_list
    default: ['0.5', '1', '2', '3', '5', '10']
    unit: "% / percent"
    label_zh: 按最高投标限价下浮的步长
    label_en: Steps below the ceiling price
  - name: step_tol
    type: number
    default: 0.0001
    unit: 最高限价的比例 / share of the ceiling
    label_zh: 报价与“限价 ×（1 − k × 步长）”的容差
    label_en: Tolerance between a bid and ceiling × (1 − k × step)
  - name: unit_share
    type: number
    default: 0.5
    unit: 比例 / ratio
    label_zh: 两份报价相同分项单价的比例不低于
    label_en: Share of identical item unit prices between two bids at least
  - name: min_items
    type: integer
    default: 20
    unit: 项 / items
    label_zh: 比较单价所需的最少共同分项数
    label_en: Fewest common items to compare unit prices
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{n} 个有效报价呈规律性：{patterns_zh}"
  en: "Tender {tender_id} lot {lot_id}: the {n} valid bids follow a pattern: {patterns_en}"
source: 《招标投标法实施条例》第四十条第（四）项（投标文件异常一致或者投标报价呈规律性差异）；World Bank INT Warning Signs (bids a systematic 1%, 3%, 10% apart); Cardinal R028; European Commission fraud guide (identical unit prices)
*/
-- The lot's valid bids b1 ≤ … ≤ bn (n ≥ n_min), with R the lot's ceiling (else the tender's):
-- (a) identical totals of different bidders; (b) consecutive ratios b(i+1)/b(i), all above 1, within eps_ratio of each other;
-- (c) consecutive differences whose range is at most eps_diff of their mean; (d) every bid equal to
-- R × (1 − k·step) for an integer k, for one step of `steps`, within step_tol × R; (e) two bids with at least
-- min_items common items, unit_share of them at identical non-zero unit prices.
-- Each lot's valid bids come sorted, with the least, greatest and mean gap and ratio between consecutive
-- prices and the lot's ceiling (else the tender's), from v_lot_price_list (a support table).
WITH gc AS (
  SELECT tender_id, lot_id, n, b1, d_min, d_max, d_avg, r_min, r_max, ceiling FROM v_lot_price_list WHERE n >= $n_min
),
-- (d): lots whose lowest bid sits on a step (a cheap test of one price), then every bid on that step.
st AS (SELECT unnest(list_transform($steps, x -> CAST(x AS DOUBLE) / 100)) AS step),
step1 AS (
  SELECT g.tender_id, g.lot_id, list(st.step) AS cand
  FROM (SELECT tender_id, lot_id, 1 - b1 / ceiling AS y1 FROM gc WHERE b1 <= ceiling) g, st
  WHERE abs(g.y1 - st.step * round(g.y1 / st.step)) <= $step_tol
  GROUP BY g.tender_id, g.lot_id
),
steps AS (
  SELECT s.tender_id, s.lot_id, list(s.step * 100 ORDER BY s.step) AS steps_pct
  FROM (SELECT c.tender_id, c.lot_id, v.p, v.ceiling, unnest(c.cand) AS step FROM step1 c JOIN v_lot_price_list v USING (tender_id, lot_id)) s
  WHERE list_bool_and(list_transform(s.p, b -> b <= s.ceiling AND abs((1 - b / s.ceiling) - s.step * round((1 - b / s.ceiling) / s.step)) <= $step_tol))
  GROUP BY s.tender_id, s.lot_id
),
-- (e): pairs of bids sharing an item code at the same non-zero unit price (v_bid_item_same, a support
-- table), then their common items.
same AS (SELECT bid_a, bid_b, n_same FROM v_bid_item_same WHERE n_same >= $unit_share * $min_items),
pairs AS (
  SELECT va.tender_id, va.lot_id, s.bid_a, s.bid_b, va.org_id AS org_a, vb.org_id AS org_b, s.n_same,
    (SELECT count(*) FROM bid_item ia JOIN bid_item ib ON ib.bid_id = s.bid_b AND ib.item_code = ia.item_code AND ib.unit_price_cny > 0
     WHERE ia.bid_id = s.bid_a AND ia.unit_price_cny > 0) AS n_common
  FROM same s JOIN bid va ON va.bid_id = s.bid_a JOIN bid vb ON vb.bid_id = s.bid_b
  WHERE va.tender_id = vb.tender_id AND va.lot_id = vb.lot_id AND va.org_id <> vb.org_id
    AND va.status = 'valid' AND va.price_cny > 0 AND vb.status = 'valid' AND vb.price_cny > 0
),
units AS (
  SELECT tender_id, lot_id,
    list({'org_a': least(org_a, org_b), 'org_b': greatest(org_a, org_b), 'identical_items': n_same, 'common_items': n_common,
          'share': round(n_same / n_common, 4)} ORDER BY least(org_a, org_b), greatest(org_a, org_b)) AS unit_pairs
  FROM pairs WHERE n_common >= $min_items AND n_same >= $unit_share * n_common
  GROUP BY tender_id, lot_id
),
-- Lots that may be flagged: equal adjacent prices (identical totals if two bidders quote them), or (b)–(e).
cand AS (
  SELECT g.*, s.steps_pct, u.unit_pairs,
    g.r_min > 1 AND g.r_max - g.r_min <= $eps_ratio AS f_ratio,
    g.d_avg > 0 AND (g.d_max - g.d_min) / g.d_avg <= $eps_diff AS f_diff,
    s.steps_pct IS NOT NULL AS f_step
  FROM gc g LEFT JOIN steps s USING (tender_id, lot_id) LEFT JOIN units u USING (tender_id, lot_id)
  WHERE g.d_min = 0 OR (g.r_min > 1 AND g.r_max - g.r_min <= $eps_ratio) OR (g.d_avg > 0 AND (g.d_max - g.d_min) / g.d_avg <= $eps_diff)
     OR s.steps_pct IS NOT NULL OR u.unit_pairs IS NOT NULL
),
-- Their valid bids, cheapest first (ties by submission time, as v_bid_valid ranks them).
bb AS (SELECT v.tender_id, v.lot_id, v.b FROM v_lot_price_list v SEMI JOIN cand USING (tender_id, lot_id)),
h AS (
  SELECT c.*, bb.b,
    -- (a): two adjacent bids at one price from different bidders
    c.d_min = 0 AND len(list_filter(range(1, c.n), i -> bb.b[i].p = bb.b[i + 1].p AND bb.b[i].o <> bb.b[i + 1].o)) > 0 AS f_identical
  FROM cand c JOIN bb USING (tender_id, lot_id)
)
SELECT 'lot' AS subject_type, h.tender_id || '/' || h.lot_id AS subject_id, h.tender_id, h.lot_id, h.b[1].o AS org_id,
  t.buyer_org_id, t.region_code, h.ceiling AS amount_cny, CAST(t.bid_deadline AS DATE) AS occurred_on,
  CASE WHEN h.f_identical OR (h.n >= 4 AND (h.f_ratio OR h.f_diff)) THEN 'red' ELSE 'orange' END AS severity,
  CAST(h.f_identical::INTEGER + h.f_ratio::INTEGER + h.f_diff::INTEGER + h.f_step::INTEGER + (h.unit_pairs IS NOT NULL)::INTEGER AS DOUBLE) AS score,
  {'n': h.n, 'prices': list_transform(h.b, x -> x.p), 'orgs': list_transform(h.b, x -> x.o), 'ceiling': h.ceiling,
   'identical_totals': h.f_identical,
   'identical': CASE WHEN h.f_identical THEN list_transform(
      list_filter(range(1, h.n + 1), i -> (i > 1 AND h.b[i].p = h.b[i - 1].p) OR (i < h.n AND h.b[i].p = h.b[i + 1].p)),
      i -> {'price': h.b[i].p, 'org_id': h.b[i].o}) END,
   'constant_ratio': h.f_ratio, 'ratio_min': round(h.r_min, 6), 'ratio_max': round(h.r_max, 6), 'ratio_range': round(h.r_max - h.r_min, 6),
   'constant_difference': h.f_diff, 'diff_min': round(h.d_min, 2), 'diff_max': round(h.d_max, 2), 'diff_mean': round(h.d_avg, 2),
   'diff_spread': round((h.d_max - h.d_min) / NULLIF(h.d_avg, 0), 6),
   'ceiling_steps': h.f_step, 'steps_pct': h.steps_pct,
   'price_to_ceiling': list_transform(h.b, x -> round(x.p / h.ceiling, 6)),
   'identical_unit_prices': h.unit_pairs,
   'patterns_zh': concat_ws('；',
     CASE WHEN h.f_identical THEN '不同投标人报价相同' END,
     CASE WHEN h.f_ratio THEN '相邻报价比值恒定（等比）' END,
     CASE WHEN h.f_diff THEN '相邻报价差额恒定（等差）' END,
     CASE WHEN h.f_step THEN '各报价均为最高限价按 ' || array_to_string(h.steps_pct, '%、') || '% 的整数倍下浮' END,
     CASE WHEN h.unit_pairs IS NOT NULL THEN '两份报价的分项单价大量相同' END),
   'patterns_en': concat_ws('; ',
     CASE WHEN h.f_identical THEN 'identical totals from different bidders' END,
     CASE WHEN h.f_ratio THEN 'a constant ratio between consecutive bids' END,
     CASE WHEN h.f_diff THEN 'a constant difference between consecutive bids' END,
     CASE WHEN h.f_step THEN 'every bid is the ceiling less a whole number of ' || array_to_string(h.steps_pct, '% or ') || '% steps' END,
     CASE WHEN h.unit_pairs IS NOT NULL THEN 'two bids share most item unit prices' END)} AS evidence
FROM h JOIN tender t ON t.tender_id = h.tender_id
WHERE h.f_identical OR h.f_ratio OR h.f_diff OR h.f_step OR h.unit_pairs IS NOT NULL
