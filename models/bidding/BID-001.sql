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
-- A cheap first pass over every bid file: each fingerprint as a 64-bit hash of its type and value, pooled
-- per lot. Lots whose pool holds a repeat are the few that get the exact comparison below (a hash
-- collision only makes a lot a candidate; the comparison is on the values themselves).
WITH doc AS (
  SELECT bid_id, lower(trim(author)) AS author, lower(trim(last_modified_by)) AS modifier FROM bid_document
),
hashed AS (
  SELECT lot_key, [mc, fci, lock, author, modifier] AS fp_keys,
    (mc IS NOT NULL)::INT + (fci IS NOT NULL)::INT + (lock IS NOT NULL)::INT + (author IS NOT NULL)::INT + (modifier IS NOT NULL)::INT AS n
  FROM (
    SELECT hash(b.tender_id, b.lot_id) AS lot_key,
      CASE WHEN b.machine_code IS NOT NULL THEN hash('machine_code', b.machine_code) END AS mc,
      CASE WHEN b.file_create_id IS NOT NULL THEN hash('file_create_id', b.file_create_id) END AS fci,
      CASE WHEN b.cost_sw_lock_id IS NOT NULL THEN hash('cost_sw_lock_id', b.cost_sw_lock_id) END AS lock,
      CASE WHEN d.author <> '' AND NOT list_contains($generic_authors, d.author) THEN hash('doc_author', d.author) END AS author,
      CASE WHEN d.modifier <> '' AND NOT list_contains($generic_authors, d.modifier) THEN hash('doc_last_modified_by', d.modifier) END AS modifier
    FROM bid b LEFT JOIN doc d USING (bid_id))
),
-- A lot is a candidate when its fingerprints, pooled, hold a repeat: two bidders carry one (or one
-- bidder twice, which the comparison below sets aside).
cand AS (
  SELECT lot_key FROM hashed GROUP BY lot_key
  HAVING len(list_distinct(flatten(list(fp_keys)))) < sum(n)
),
cbid AS (
  SELECT b.* FROM bid b WHERE hash(b.tender_id, b.lot_id) IN (SELECT lot_key FROM cand)
),
-- (Normalised after the join, naming the bid in the expression, so that the planner cannot push the
-- author filters below it into a scan of every bid document.)
cdoc AS (
  SELECT b.tender_id, b.lot_id, b.org_id, lower(trim(d.author || CASE WHEN b.bid_id IS NULL THEN 'x' ELSE '' END)) AS author,
    lower(trim(d.last_modified_by || CASE WHEN b.bid_id IS NULL THEN 'x' ELSE '' END)) AS modifier
  FROM cbid b JOIN bid_document d USING (bid_id)
),
-- Every fingerprint the candidate lots' bid files carry; document authors only when not a generic default.
fp AS (
  SELECT tender_id, lot_id, org_id, 'machine_code' AS fp_type, machine_code AS fp FROM cbid WHERE machine_code IS NOT NULL
  UNION ALL SELECT tender_id, lot_id, org_id, 'file_create_id', file_create_id FROM cbid WHERE file_create_id IS NOT NULL
  UNION ALL SELECT tender_id, lot_id, org_id, 'cost_sw_lock_id', cost_sw_lock_id FROM cbid WHERE cost_sw_lock_id IS NOT NULL
  UNION ALL SELECT tender_id, lot_id, org_id, 'doc_author', author FROM cdoc WHERE author <> '' AND NOT list_contains($generic_authors, author)
  UNION ALL SELECT tender_id, lot_id, org_id, 'doc_last_modified_by', modifier FROM cdoc WHERE modifier <> '' AND NOT list_contains($generic_authors, modifier)
),
-- Fingerprints that two or more different bidders of one lot carry.
carriers AS (
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
