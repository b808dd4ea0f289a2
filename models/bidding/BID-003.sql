/*
id: BID-003
name_zh: 不同投标人委托同一人办理投标事宜（代理人、联系电话、电子邮箱或下载文件人员相同）
name_en: Same agent or contact across bidders
domain: BID
category: C1
kind: regulatory
severity: red
subject_type: org_pair
requires:
  bid: [tender_id, lot_id, org_id, agent_person_id]
params:
  - name: ignore_phones
    type: text_list
    default: []
    label_zh: 忽略的电话号码（规范化后，如交易中心、招标代理机构的公用电话）
    label_en: Phone numbers to ignore (normalised; e.g. a trading centre's or agency's public line)
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{org_id} 与 {org_id_b} 由同一人或同一联系方式办理投标事宜（{link_types_zh}）"
  en: "Tender {tender_id} lot {lot_id}: {org_id} and {org_id_b} handled their bids through the same person or contact ({link_types})"
source: 《招标投标法实施条例》第四十条第（二）项；《政府采购货物和服务招标投标管理办法》第三十七条第（二）、（三）项；哈建发〔2011〕61号
*/
-- A bid's handlers: its agent and whoever downloaded the tender documents for the bidder (for that lot, or for
-- the whole tender); and its contact phone (normalised: digits only, without +86/0086, a trunk 0 restored on a
-- landline) and e-mail (lower case). Only values found with more than one organisation anywhere can link two
-- bidders, so those are found first from each organisation's distinct values (kept as a support table,
-- v_bid_identity), and only the bids of the organisations concerned are paired within a lot.
WITH combo AS MATERIALIZED (
  SELECT DISTINCT org_id, agent_person_id, contact_phone, contact_email FROM v_bid_identity
),
raw AS MATERIALIZED (
  SELECT 'person' AS kind, agent_person_id AS raw, min(org_id) AS org_lo, max(org_id) AS org_hi FROM combo WHERE agent_person_id IS NOT NULL GROUP BY agent_person_id
  UNION ALL SELECT 'person', person_id, min(org_id), max(org_id) FROM doc_download WHERE person_id IS NOT NULL GROUP BY person_id
  UNION ALL SELECT 'phone', contact_phone, min(org_id), max(org_id) FROM combo WHERE contact_phone IS NOT NULL GROUP BY contact_phone
  UNION ALL SELECT 'email', contact_email, min(org_id), max(org_id) FROM combo WHERE contact_email IS NOT NULL GROUP BY contact_email
),
digits AS (
  SELECT kind, raw, org_lo, org_hi, regexp_replace(raw, '[^0-9]', '', 'g') AS d FROM raw WHERE kind = 'phone'
),
intl AS (
  SELECT kind, raw, org_lo, org_hi,
    CASE WHEN d LIKE '0086%' THEN substr(d, 5) WHEN d LIKE '86%' AND length(d) >= 12 THEN substr(d, 3) ELSE d END AS d
  FROM digits
),
norm AS MATERIALIZED (
  SELECT kind, raw, org_lo, org_hi,
    CASE WHEN length(d) < 7 THEN NULL
         WHEN regexp_full_match(d, '1[3-9][0-9]{9}') THEN d
         WHEN d NOT LIKE '0%' AND length(d) BETWEEN 10 AND 11 THEN '0' || d
         ELSE d END AS v
  FROM intl
  UNION ALL SELECT kind, raw, org_lo, org_hi, NULLIF(lower(trim(raw)), '') FROM raw WHERE kind = 'email'
  UNION ALL SELECT kind, raw, org_lo, org_hi, NULLIF(trim(raw), '') FROM raw WHERE kind = 'person'
),
multi AS (
  SELECT kind, v FROM norm WHERE v IS NOT NULL GROUP BY kind, v
  HAVING min(org_lo) <> max(org_hi) AND NOT (kind = 'phone' AND list_contains($ignore_phones, v))
),
cand AS MATERIALIZED (SELECT n.kind, n.raw, n.v FROM norm n JOIN multi m ON m.kind = n.kind AND m.v = n.v),
-- The bids of the organisations concerned, with the shared values they carry.
cbids AS MATERIALIZED (
  SELECT tender_id, lot_id, org_id, agent_person_id, contact_phone, contact_email FROM bid
  WHERE org_id IN (SELECT c.org_id FROM combo c JOIN cand ON cand.kind = 'person' AND cand.raw = c.agent_person_id)
     OR org_id IN (SELECT c.org_id FROM combo c JOIN cand ON cand.kind = 'phone' AND cand.raw = c.contact_phone)
     OR org_id IN (SELECT c.org_id FROM combo c JOIN cand ON cand.kind = 'email' AND cand.raw = c.contact_email)
     OR org_id IN (SELECT d.org_id FROM doc_download d JOIN cand ON cand.kind = 'person' AND cand.raw = d.person_id)
),
links AS MATERIALIZED (
  SELECT b.tender_id, b.lot_id, b.org_id, c.kind, c.v, 'agent' AS via FROM cbids b JOIN cand c ON c.kind = 'person' AND c.raw = b.agent_person_id
  UNION ALL
  SELECT b.tender_id, b.lot_id, b.org_id, c.kind, c.v, 'doc_download' FROM doc_download d JOIN cand c ON c.kind = 'person' AND c.raw = d.person_id
  JOIN cbids b ON b.tender_id = d.tender_id AND b.org_id = d.org_id AND (d.lot_id = b.lot_id OR d.lot_id IS NULL OR d.lot_id = '-')
  UNION ALL
  SELECT b.tender_id, b.lot_id, b.org_id, c.kind, c.v, b.contact_phone FROM cbids b JOIN cand c ON c.kind = 'phone' AND c.raw = b.contact_phone
  UNION ALL
  SELECT b.tender_id, b.lot_id, b.org_id, c.kind, c.v, b.contact_email FROM cbids b JOIN cand c ON c.kind = 'email' AND c.raw = b.contact_email
),
pairs AS (
  SELECT a.tender_id, a.lot_id, a.org_id AS org_a, b.org_id AS org_b, a.kind, a.v, a.via AS via_a, b.via AS via_b
  FROM links a JOIN links b ON a.tender_id = b.tender_id AND a.lot_id = b.lot_id AND a.kind = b.kind AND a.v = b.v AND a.org_id < b.org_id
  -- Members of one consortium legitimately share their handlers.
  WHERE NOT EXISTS (SELECT 1 FROM bid_member m1 JOIN bid_member m2 ON m1.bid_id = m2.bid_id WHERE m1.org_id = a.org_id AND m2.org_id = b.org_id)
),
typed AS (
  SELECT DISTINCT tender_id, lot_id, org_a, org_b, v, via_a, via_b,
    CASE WHEN kind = 'phone' THEN 'contact_phone' WHEN kind = 'email' THEN 'contact_email'
         WHEN via_a = 'agent' AND via_b = 'agent' THEN 'same_agent'
         WHEN via_a = 'doc_download' AND via_b = 'doc_download' THEN 'same_downloader' ELSE 'agent_and_downloader' END AS link_type
  FROM pairs
),
hits AS (
  SELECT tender_id, lot_id, org_a, org_b,
    string_agg(DISTINCT link_type, ', ' ORDER BY link_type) AS link_types,
    string_agg(DISTINCT CASE link_type WHEN 'contact_phone' THEN '联系电话相同' WHEN 'contact_email' THEN '电子邮箱相同' WHEN 'same_agent' THEN '委托代理人相同'
      WHEN 'same_downloader' THEN '下载招标文件人员相同' ELSE '一方代理人为另一方下载招标文件' END, '、') AS link_types_zh,
    list({'type': link_type, 'value': v, 'org_a': via_a, 'org_b': via_b} ORDER BY link_type, v, via_a, via_b) AS links,
    min(CASE WHEN link_type IN ('same_agent', 'same_downloader', 'agent_and_downloader') THEN v END) AS person_id
  FROM typed GROUP BY tender_id, lot_id, org_a, org_b
)
SELECT 'org_pair' AS subject_type, h.org_a || '|' || h.org_b AS subject_id, h.tender_id, h.lot_id, h.org_a AS org_id, h.person_id,
  t.buyer_org_id, t.region_code, CAST(t.bid_deadline AS DATE) AS occurred_on, COALESCE(l.max_price_cny, t.max_price_cny) AS amount_cny,
  {'org_id_b': h.org_b, 'link_types': h.link_types, 'link_types_zh': h.link_types_zh, 'links': h.links,
   'person_name': (SELECT p.name FROM person p WHERE p.person_id = h.person_id)} AS evidence
FROM hits h LEFT JOIN tender t ON t.tender_id = h.tender_id LEFT JOIN lot l ON l.tender_id = h.tender_id AND l.lot_id = h.lot_id
