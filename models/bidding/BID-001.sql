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
-- Every fingerprint a bid file carries; document authors only when they are not a generic default.
WITH fp AS (
  SELECT tender_id, lot_id, org_id, 'machine_code' AS fp_type, machine_code AS fp FROM bid WHERE machine_code IS NOT NULL
  UNION ALL SELECT tender_id, lot_id, org_id, 'file_create_id', file_create_id FROM bid WHERE file_create_id IS NOT NULL
  UNION ALL SELECT tender_id, lot_id, org_id, 'cost_sw_lock_id', cost_sw_lock_id FROM bid WHERE cost_sw_lock_id IS NOT NULL
  UNION ALL SELECT b.tender_id, b.lot_id, b.org_id, 'doc_author', lower(trim(d.author)) FROM bid b JOIN bid_document d USING (bid_id)
    WHERE trim(d.author) <> '' AND NOT list_contains($generic_authors, lower(trim(d.author)))
  UNION ALL SELECT b.tender_id, b.lot_id, b.org_id, 'doc_last_modified_by', lower(trim(d.last_modified_by)) FROM bid b JOIN bid_document d USING (bid_id)
    WHERE trim(d.last_modified_by) <> '' AND NOT list_contains($generic_authors, lower(trim(d.last_modified_by)))
),
-- Fingerprints that two or more different bidders of one lot carry (grouping first keeps the pairing
-- below to the few fingerprints that are shared, instead of pairing every bid of every lot).
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
