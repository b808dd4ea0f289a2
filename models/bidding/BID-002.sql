/*
id: BID-002
name_zh: 不同投标人使用同一设备或网络上传投标文件（网卡MAC、CPU、硬盘序列号或IP相同）
name_en: Same submission device or network
domain: BID
category: C1
kind: regulatory
severity: red
escalation: 网卡MAC地址、CPU序列号或硬盘序列号相同为红色；仅IP地址相同（不在白名单内且上传时间相差不超过 ip_window_hours 小时）为橙色 / red for the same network card, CPU or disk; orange for the same IP address only (not whitelisted, uploads at most ip_window_hours apart)
subject_type: org_pair
requires:
  bid: [tender_id, lot_id, org_id, upload_ip]
params:
  - name: ip_window_hours
    type: integer
    default: 24
    unit: 小时 / hours
    label_zh: 同一IP上传时间相差不超过
    label_en: Uploads from one IP at most this far apart
  - name: ip_whitelist
    type: text_list
    default: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10]
    label_zh: IP白名单（交易中心公共终端、运营商NAT地址段；单个地址或CIDR）
    label_en: IP whitelist (trading-centre public terminals, carrier NAT ranges; addresses or CIDR ranges)
  - name: placeholder_ids
    type: text_list
    default: ['000000000000', FFFFFFFFFFFF, '0', NONE, 'NULL', UNKNOWN, DEFAULT, TO BE FILLED BY O.E.M.]
    label_zh: 忽略的占位设备标识（规范化后）
    label_en: Placeholder device identifiers to ignore (after normalisation)
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{org_id} 与 {org_id_b} 的投标文件从同一{match_types_zh}上传"
  en: "Tender {tender_id} lot {lot_id}: {org_id} and {org_id_b} uploaded their bids from the same {match_types}"
source: 《招标投标法实施条例》第四十条第（一）、（二）项；《中国政府采购报》答问及各地串通投标行政处罚案例
*/
-- Device identifiers are compared normalised (a MAC address without separators, upper case). Only values
-- that more than one organisation used anywhere can be shared within a lot: those are found first, from the
-- distinct device combinations of each organisation (normalised once each; v_bid_identity keeps them as a
-- support table), and only the bids of the organisations concerned are then paired, within the lot.
WITH combo AS MATERIALIZED (
  SELECT DISTINCT org_id, upload_mac, cpu_serial, disk_serial, upload_ip FROM v_bid_identity
),
raw AS (
  SELECT 'upload_mac' AS fp_type, upload_mac AS raw, min(org_id) AS org_lo, max(org_id) AS org_hi FROM combo WHERE upload_mac IS NOT NULL GROUP BY upload_mac
  UNION ALL SELECT 'cpu_serial', cpu_serial, min(org_id), max(org_id) FROM combo WHERE cpu_serial IS NOT NULL GROUP BY cpu_serial
  UNION ALL SELECT 'disk_serial', disk_serial, min(org_id), max(org_id) FROM combo WHERE disk_serial IS NOT NULL GROUP BY disk_serial
  UNION ALL SELECT 'upload_ip', upload_ip, min(org_id), max(org_id) FROM combo WHERE upload_ip IS NOT NULL GROUP BY upload_ip
),
norm AS (
  SELECT fp_type, raw, org_lo, org_hi,
    CASE fp_type WHEN 'upload_mac' THEN upper(translate(trim(raw), '-:. ', '')) WHEN 'upload_ip' THEN trim(raw) ELSE upper(trim(raw)) END AS fp
  FROM raw
),
-- Values two or more organisations used, but not placeholders or whitelisted addresses (an exact address or a
-- CIDR range); the test reads the aggregate, so it runs for those values only.
shared AS (
  SELECT fp_type, fp FROM norm WHERE fp <> '' GROUP BY fp_type, fp
  HAVING CASE WHEN min(org_lo) = max(org_hi) THEN FALSE
    WHEN fp_type <> 'upload_ip' THEN NOT list_contains($placeholder_ids, fp)
    ELSE NOT (list_contains($ip_whitelist, fp) OR COALESCE(list_bool_or(list_transform($ip_whitelist, w ->
          contains(w, '/') AND regexp_full_match(fp, '\d{1,3}(\.\d{1,3}){3}')
          AND regexp_full_match(w, '\d{1,3}(\.\d{1,3}){3}/([0-9]|[12][0-9]|3[0-2])')
          AND (list_reduce(list_transform(string_split(fp, '.'), o -> TRY_CAST(o AS BIGINT)), (x, y) -> x * 256 + y)
                 >> (32 - TRY_CAST(split_part(w, '/', 2) AS INTEGER)))
            = (list_reduce(list_transform(string_split(split_part(w, '/', 1), '.'), o -> TRY_CAST(o AS BIGINT)), (x, y) -> x * 256 + y)
                 >> (32 - TRY_CAST(split_part(w, '/', 2) AS INTEGER))))), FALSE)) END
),
cand AS MATERIALIZED (SELECT n.fp_type, n.raw, n.fp FROM norm n JOIN shared s ON s.fp_type = n.fp_type AND s.fp = n.fp),
-- The bids of the organisations that used a shared value, one row per shared value a bid carries.
carriers AS MATERIALIZED (
  SELECT tender_id, lot_id, org_id, submit_time, upload_mac, cpu_serial, disk_serial, upload_ip FROM bid
  WHERE org_id IN (
    SELECT c.org_id FROM combo c JOIN cand ON cand.fp_type = 'upload_mac' AND cand.raw = c.upload_mac
    UNION SELECT c.org_id FROM combo c JOIN cand ON cand.fp_type = 'cpu_serial' AND cand.raw = c.cpu_serial
    UNION SELECT c.org_id FROM combo c JOIN cand ON cand.fp_type = 'disk_serial' AND cand.raw = c.disk_serial
    UNION SELECT c.org_id FROM combo c JOIN cand ON cand.fp_type = 'upload_ip' AND cand.raw = c.upload_ip)
),
fp AS MATERIALIZED (
  SELECT b.tender_id, b.lot_id, b.org_id, b.submit_time, c.fp_type, c.fp FROM carriers b JOIN cand c ON c.fp_type = 'upload_mac' AND c.raw = b.upload_mac
  UNION ALL SELECT b.tender_id, b.lot_id, b.org_id, b.submit_time, c.fp_type, c.fp FROM carriers b JOIN cand c ON c.fp_type = 'cpu_serial' AND c.raw = b.cpu_serial
  UNION ALL SELECT b.tender_id, b.lot_id, b.org_id, b.submit_time, c.fp_type, c.fp FROM carriers b JOIN cand c ON c.fp_type = 'disk_serial' AND c.raw = b.disk_serial
  UNION ALL SELECT b.tender_id, b.lot_id, b.org_id, b.submit_time, c.fp_type, c.fp FROM carriers b JOIN cand c ON c.fp_type = 'upload_ip' AND c.raw = b.upload_ip
),
pairs AS (
  SELECT a.tender_id, a.lot_id, a.org_id AS org_a, b.org_id AS org_b, a.fp_type, a.fp, a.submit_time AS time_a, b.submit_time AS time_b,
    abs(date_diff('minute', a.submit_time, b.submit_time)) / 60.0 AS hours_apart
  FROM fp a JOIN fp b ON a.tender_id = b.tender_id AND a.lot_id = b.lot_id AND a.fp_type = b.fp_type AND a.fp = b.fp AND a.org_id < b.org_id
  -- Members of one consortium legitimately work together.
  WHERE NOT EXISTS (SELECT 1 FROM bid_member m1 JOIN bid_member m2 ON m1.bid_id = m2.bid_id WHERE m1.org_id = a.org_id AND m2.org_id = b.org_id)
),
kept AS (
  -- A shared IP address counts only for uploads close in time.
  SELECT * FROM pairs WHERE fp_type <> 'upload_ip' OR hours_apart <= $ip_window_hours
),
hits AS (
  SELECT tender_id, lot_id, org_a, org_b,
    CASE WHEN bool_or(fp_type <> 'upload_ip') THEN 'red' ELSE 'orange' END AS severity,
    string_agg(DISTINCT fp_type, ', ' ORDER BY fp_type) AS match_types,
    string_agg(DISTINCT CASE fp_type WHEN 'upload_mac' THEN '网卡MAC地址' WHEN 'cpu_serial' THEN 'CPU序列号'
      WHEN 'disk_serial' THEN '硬盘序列号' ELSE 'IP地址' END, '、' ORDER BY CASE fp_type WHEN 'upload_mac' THEN '网卡MAC地址' WHEN 'cpu_serial' THEN 'CPU序列号'
      WHEN 'disk_serial' THEN '硬盘序列号' ELSE 'IP地址' END) AS match_types_zh,
    list({'type': fp_type, 'value': fp} ORDER BY fp_type, fp) AS matches,
    min(time_a) AS time_a, min(time_b) AS time_b, min(hours_apart) AS hours_apart
  FROM kept GROUP BY tender_id, lot_id, org_a, org_b
)
SELECT 'org_pair' AS subject_type, h.org_a || '|' || h.org_b AS subject_id, h.tender_id, h.lot_id, h.org_a AS org_id, h.severity,
  t.buyer_org_id, t.region_code, CAST(t.bid_deadline AS DATE) AS occurred_on, COALESCE(l.max_price_cny, t.max_price_cny) AS amount_cny,
  {'org_id_b': h.org_b, 'match_types': h.match_types, 'match_types_zh': h.match_types_zh, 'matches': h.matches,
   'submit_time_a': CAST(h.time_a AS VARCHAR), 'submit_time_b': CAST(h.time_b AS VARCHAR), 'hours_apart': round(h.hours_apart, 2)} AS evidence
FROM hits h LEFT JOIN tender t ON t.tender_id = h.tender_id LEFT JOIN lot l ON l.tender_id = h.tender_id AND l.lot_id = h.lot_id
