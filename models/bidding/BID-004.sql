/*
id: BID-004
name_zh: 不同投标人的投标文件载明的项目管理成员为同一人
name_en: Same key personnel named by different bidders
domain: BID
category: C1
kind: regulatory
severity: red
subject_type: org_pair
requires:
  bid_personnel: [bid_id, person_id]
  bid: [bid_id, tender_id, lot_id, org_id]
params:
  - name: roles
    type: text_list
    default: []
    label_zh: 计入的人员角色（为空时计入投标文件载明的全部人员）
    label_en: "Roles that count (empty: everyone the bid names)"
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{org_id} 与 {org_id_b} 的投标文件载明同一人员 {person_id}（{persons_text}）"
  en: "Tender {tender_id} lot {lot_id}: the bids of {org_id} and {org_id_b} both name {person_id} ({persons_text_en})"
source: 《招标投标法实施条例》第四十条第（三）项
*/
-- The same person (by person id, which rests on the ID-number hash) named in the bids of two bidders for one
-- lot. Only persons named by more than one organisation anywhere can be, so those are found first
-- (organisations compared by hash there; the pairs compare them exactly). The named staff are read with their
-- bid's lot and bidder from v_bid_person, which a run of several models makes once.
WITH multi AS (
  SELECT person_id FROM v_bid_person
  WHERE person_id IS NOT NULL AND (len($roles) = 0 OR list_contains($roles, role))
  GROUP BY person_id HAVING min(hash(org_id)) <> max(hash(org_id))
),
named AS MATERIALIZED (
  SELECT bp.tender_id, bp.lot_id, bp.org_id, bp.person_id, COALESCE(bp.role, 'named') AS role,
    CASE bp.role WHEN 'pm' THEN '项目经理' WHEN 'tech_lead' THEN '技术负责人' WHEN 'safety' THEN '安全员' WHEN 'quality' THEN '质量员'
      WHEN 'other' THEN '其他人员' ELSE COALESCE(bp.role, '列名人员') END AS role_zh
  FROM v_bid_person bp
  WHERE bp.person_id IN (SELECT person_id FROM multi) AND (len($roles) = 0 OR list_contains($roles, bp.role))
),
pairs AS (
  SELECT a.tender_id, a.lot_id, a.org_id AS org_a, b.org_id AS org_b, a.person_id,
    string_agg(DISTINCT a.role, '/' ORDER BY a.role) AS role_a, string_agg(DISTINCT b.role, '/' ORDER BY b.role) AS role_b,
    string_agg(DISTINCT a.role_zh, '/' ORDER BY a.role_zh) AS role_a_zh, string_agg(DISTINCT b.role_zh, '/' ORDER BY b.role_zh) AS role_b_zh
  FROM named a JOIN named b ON a.tender_id = b.tender_id AND a.lot_id = b.lot_id AND a.person_id = b.person_id AND a.org_id < b.org_id
  -- Members of one consortium legitimately name the same staff.
  WHERE NOT EXISTS (SELECT 1 FROM bid_member m1 JOIN bid_member m2 ON m1.bid_id = m2.bid_id WHERE m1.org_id = a.org_id AND m2.org_id = b.org_id)
  GROUP BY a.tender_id, a.lot_id, a.org_id, b.org_id, a.person_id
),
hits AS (
  SELECT p.tender_id, p.lot_id, p.org_a, p.org_b, min(p.person_id) AS person_id,
    list({'person_id': p.person_id, 'name': ps.name, 'role_a': p.role_a, 'role_b': p.role_b} ORDER BY p.person_id) AS persons,
    string_agg(COALESCE(ps.name, p.person_id) || '：' || p.role_a_zh || ' / ' || p.role_b_zh, '；' ORDER BY p.person_id) AS persons_text,
    string_agg(p.person_id || ': ' || p.role_a || ' / ' || p.role_b, '; ' ORDER BY p.person_id) AS persons_text_en
  FROM pairs p LEFT JOIN person ps ON ps.person_id = p.person_id
  GROUP BY p.tender_id, p.lot_id, p.org_a, p.org_b
)
SELECT 'org_pair' AS subject_type, h.org_a || '|' || h.org_b AS subject_id, h.tender_id, h.lot_id, h.org_a AS org_id, h.person_id,
  t.buyer_org_id, t.region_code, CAST(t.bid_deadline AS DATE) AS occurred_on, COALESCE(l.max_price_cny, t.max_price_cny) AS amount_cny,
  {'org_id_b': h.org_b, 'persons': h.persons, 'persons_text': h.persons_text, 'persons_text_en': h.persons_text_en} AS evidence
FROM hits h LEFT JOIN tender t ON t.tender_id = h.tender_id LEFT JOIN lot l ON l.tender_id = h.tender_id AND l.lot_id = h.lot_id
