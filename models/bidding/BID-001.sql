/*
id: BID-001
name_zh: 投标文件由同一单位或个人编制（机器码、文件创建标识码、加密锁、作者相同）
name_en: Same bid-file fingerprint
domain: BID
category: C1
kind: regulatory
severity: red
subject_type: org_pair
requires:
  bid: [tender_id, lot_id, org_id]
params:
  - name: generic_authors
    type: text_list
    default: [administrator, admin, user, 微软用户, 微软中国]
    label_zh: 忽略的通用作者名
    label_en: Generic author names to ignore
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{org_id} 与 {org_id_b} 的投标文件有相同的 {fingerprint_types}"
  en: "Tender {tender_id} lot {lot_id}: the bid files of {org_id} and {org_id_b} share {fingerprint_types}"
source: 《招标投标法实施条例》第四十条第（一）项；《政府采购货物和服务招标投标管理办法》第三十七条第（一）项
*/
-- The upload fingerprints two bidders of a lot share come from v_lot_shared_device (a support table). File
-- authors are compared here, as the generic names to ignore are a parameter. Bid files repeat a handful of
-- name pairs per bidder (v_bid_doc: trimmed, in lower case, with the bid's lot and bidder); each pair carries
-- the range of bidders (as hashes) whose files hold it, and only files naming a name that two bidders' files
-- carry get the exact comparison. Name pairs are matched as 64-bit hashes: a collision only adds a candidate,
-- and one of two bidders' hashes (odds about 1e-9 in a province) is the only way the pass could miss one.
WITH written AS MATERIALIZED (
  SELECT hash(author_norm, modifier_norm) AS pair, any_value(author_norm) AS author, any_value(modifier_norm) AS modifier,
    min(hash(org_id)) AS org_lo, max(hash(org_id)) AS org_hi
  FROM v_bid_doc GROUP BY pair
),
-- Names that two or more bidders' files carry, generic defaults aside: only files naming one of them can
-- share a name with another bidder's file.
shared_name AS (
  SELECT fp_type, name FROM (
    SELECT 'doc_author' AS fp_type, author AS name, org_lo, org_hi FROM written
    UNION ALL SELECT 'doc_last_modified_by', modifier, org_lo, org_hi FROM written)
  WHERE name <> '' AND NOT list_contains($generic_authors, name)
  GROUP BY fp_type, name HAVING min(org_lo) <> max(org_hi)
),
cdoc AS (
  SELECT tender_id, lot_id, org_id, author_norm AS author, modifier_norm AS modifier
  FROM v_bid_doc WHERE hash(author_norm, modifier_norm) IN (
    SELECT pair FROM written
    WHERE author IN (SELECT name FROM shared_name WHERE fp_type = 'doc_author')
       OR modifier IN (SELECT name FROM shared_name WHERE fp_type = 'doc_last_modified_by'))
),
-- The candidate files' names, generic defaults aside.
fp AS (
  SELECT tender_id, lot_id, org_id, 'doc_author' AS fp_type, author AS fp FROM cdoc WHERE author <> '' AND NOT list_contains($generic_authors, author)
  UNION ALL SELECT tender_id, lot_id, org_id, 'doc_last_modified_by', modifier FROM cdoc WHERE modifier <> '' AND NOT list_contains($generic_authors, modifier)
),
-- Fingerprints that two or more different bidders of one lot carry.
carriers AS (
  SELECT tender_id, lot_id, fp_type, fp, orgs FROM v_lot_shared_device
  UNION ALL
  SELECT tender_id, lot_id, fp_type, fp, list(DISTINCT org_id) AS orgs
  FROM fp GROUP BY tender_id, lot_id, fp_type, fp HAVING min(org_id) <> max(org_id)
),
pairs AS (
  SELECT c.tender_id, c.lot_id, a.org_id AS org_a, b.org_id AS org_b, c.fp_type, c.fp
  FROM carriers c, unnest(c.orgs) AS a(org_id), unnest(c.orgs) AS b(org_id)
  WHERE a.org_id < b.org_id
    -- Members of one consortium legitimately share files.
    AND NOT EXISTS (SELECT 1 FROM bid_member m1 JOIN bid_member m2 ON m1.bid_id = m2.bid_id WHERE m1.org_id = a.org_id AND m2.org_id = b.org_id)
)
SELECT 'org_pair' AS subject_type, p.org_a || '|' || p.org_b AS subject_id, p.tender_id, p.lot_id, p.org_a AS org_id,
  t.buyer_org_id, t.region_code, CAST(t.bid_deadline AS DATE) AS occurred_on, t.max_price_cny AS amount_cny,
  {'org_id_b': p.org_b, 'fingerprint_types': string_agg(DISTINCT p.fp_type, ', ' ORDER BY p.fp_type),
   'fingerprints': list({'type': p.fp_type, 'value': p.fp} ORDER BY p.fp_type, p.fp)} AS evidence
FROM pairs p JOIN tender t USING (tender_id)
GROUP BY p.tender_id, p.lot_id, p.org_a, p.org_b, t.buyer_org_id, t.region_code, t.bid_deadline, t.max_price_cny
