/*
id: BID-010
name_zh: 不同投标人的人员由同一单位缴纳社保（交叉参保）
name_en: Cross-insured staff among bidders
domain: BID
category: C1
categories: [C1, C2]
kind: regulatory
severity: red
subject_type: org_pair
requires:
  bid: [bid_id, tender_id, lot_id, org_id]
  social_insurance: [person_id, employer_org_id, period_month]
  tender: [tender_id, bid_deadline]
params:
  - name: months
    type: integer
    default: 3
    unit: 月 / months
    label_zh: 投标截止当月及之前月数
    label_en: Months up to the bid month
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{org_id} 与 {org_id_b} 的人员存在交叉参保（{persons_text}）"
  en: "Tender {tender_id} lot {lot_id}: staff of {org_id} and {org_id_b} are cross-insured ({persons_text_en})"
source: 哈建发〔2011〕61号（法定代表人、委托代理人、项目经理等由同一单位缴纳社保视为串通投标）；《建筑工程施工发包与承包违法行为认定查处管理办法》（建市规〔2019〕1号）
*/
-- The persons attached to a bidder: its legal representative, the bid's agent and everyone the bid names.
-- Two bidders of one lot are linked when, in the months [bid month − months, bid month], (a) a person of one
-- was insured by the other, or (b) different persons of the two were insured by the same third unit.
-- Only insurance by someone other than the organisation a person is attached to can link two bidders: those
-- months come from v_foreign_insurance (a support table), and only those persons' bids are examined. The
-- staff named in bids are read with their bid's lot and bidder from v_bid_person.
WITH foreign_si AS (SELECT org_id, person_id, employer_org_id, period_month FROM v_foreign_insurance),
cp AS MATERIALIZED (SELECT person_id FROM foreign_si GROUP BY person_id),
att AS MATERIALIZED (
  SELECT b.tender_id, b.lot_id, b.org_id, b.agent_person_id AS person_id, 'agent' AS role
  FROM cp JOIN bid b ON b.agent_person_id = cp.person_id
  UNION ALL
  SELECT b.tender_id, b.lot_id, b.org_id, o.legal_rep_person_id, 'legal_rep'
  FROM cp JOIN organization o ON o.legal_rep_person_id = cp.person_id JOIN bid b ON b.org_id = o.org_id
  UNION ALL
  SELECT bp.tender_id, bp.lot_id, bp.org_id, bp.person_id, COALESCE(bp.role, 'named')
  FROM cp JOIN v_bid_person bp ON bp.person_id = cp.person_id
),
ins AS MATERIALIZED (
  SELECT a.tender_id, a.lot_id, a.org_id, a.person_id, f.employer_org_id,
    string_agg(DISTINCT a.role, '/' ORDER BY a.role) AS role,
    string_agg(DISTINCT a.role_zh, '/' ORDER BY a.role_zh) AS role_zh,
    min(f.period_month) AS month_from, max(f.period_month) AS month_to
  FROM (SELECT *, CASE role WHEN 'agent' THEN '委托代理人' WHEN 'legal_rep' THEN '法定代表人' WHEN 'pm' THEN '项目经理'
          WHEN 'tech_lead' THEN '技术负责人' WHEN 'safety' THEN '安全员' WHEN 'quality' THEN '质量员' WHEN 'other' THEN '其他人员' ELSE role END AS role_zh
        FROM att) a
  JOIN tender t ON t.tender_id = a.tender_id
  JOIN foreign_si f ON f.org_id = a.org_id AND f.person_id = a.person_id
   AND f.period_month BETWEEN (date_trunc('month', t.bid_deadline) - to_months($months))::DATE AND date_trunc('month', t.bid_deadline)::DATE
  GROUP BY a.tender_id, a.lot_id, a.org_id, a.person_id, f.employer_org_id
),
links AS (
  -- (a) insured by the other bidder
  SELECT i.tender_id, i.lot_id, least(i.org_id, b.org_id) AS org_a, greatest(i.org_id, b.org_id) AS org_b,
    'insured_by_other_bidder' AS pattern, i.org_id AS person_of, i.person_id, i.role, i.role_zh, i.employer_org_id, i.month_from, i.month_to
  FROM ins i JOIN (
    -- the bids of the insurers in those tenders (two IN tests, so that the few insurers are looked up in bid, not the reverse)
    SELECT tender_id, lot_id, org_id FROM bid
    WHERE tender_id IN (SELECT tender_id FROM ins) OR org_id IN (SELECT employer_org_id FROM ins)
  ) b ON b.tender_id = i.tender_id AND b.lot_id = i.lot_id AND b.org_id = i.employer_org_id
  UNION ALL
  -- (b) different persons of the two bidders insured by the same third unit (neither bidder: each person's
  -- insurer differs from the bidder the person belongs to, and the two insurers are the same)
  SELECT x.tender_id, x.lot_id, x.org_a, x.org_b, 'same_third_employer', y.org_id, y.person_id, y.role, y.role_zh, y.employer_org_id, y.month_from, y.month_to
  FROM (SELECT i.tender_id, i.lot_id, i.org_id AS org_a, j.org_id AS org_b, i.employer_org_id, i.person_id AS p_a, j.person_id AS p_b
        FROM ins i JOIN ins j ON i.tender_id = j.tender_id AND i.lot_id = j.lot_id AND i.employer_org_id = j.employer_org_id
         AND i.org_id < j.org_id AND i.person_id <> j.person_id
        WHERE i.employer_org_id <> j.org_id AND j.employer_org_id <> i.org_id) x
  JOIN ins y ON y.tender_id = x.tender_id AND y.lot_id = x.lot_id AND y.employer_org_id = x.employer_org_id
   AND ((y.org_id = x.org_a AND y.person_id = x.p_a) OR (y.org_id = x.org_b AND y.person_id = x.p_b))
),
pairs AS (
  SELECT DISTINCT l.* FROM links l
  -- Members of one consortium legitimately share staff.
  WHERE NOT EXISTS (SELECT 1 FROM bid_member m1 JOIN bid_member m2 ON m1.bid_id = m2.bid_id WHERE m1.org_id = l.org_a AND m2.org_id = l.org_b)
),
hits AS (
  SELECT p.tender_id, p.lot_id, p.org_a, p.org_b, min(p.person_id) AS person_id,
    string_agg(DISTINCT p.pattern, ', ' ORDER BY p.pattern) AS patterns,
    list({'pattern': p.pattern, 'person_id': p.person_id, 'name': ps.name, 'person_of': p.person_of, 'role': p.role,
          'insured_by': p.employer_org_id, 'month_from': CAST(p.month_from AS VARCHAR), 'month_to': CAST(p.month_to AS VARCHAR)}
         ORDER BY p.pattern, p.person_of, p.person_id, p.employer_org_id) AS persons,
    string_agg(DISTINCT COALESCE(ps.name, p.person_id) || '（' || p.person_of || ' ' || p.role_zh || '）由 ' || p.employer_org_id || ' 参保', '；'
      ORDER BY COALESCE(ps.name, p.person_id) || '（' || p.person_of || ' ' || p.role_zh || '）由 ' || p.employer_org_id || ' 参保') AS persons_text,
    string_agg(DISTINCT p.person_id || ' (' || p.role || ' of ' || p.person_of || ') insured by ' || p.employer_org_id, '; '
      ORDER BY p.person_id || ' (' || p.role || ' of ' || p.person_of || ') insured by ' || p.employer_org_id) AS persons_text_en
  FROM pairs p LEFT JOIN person ps ON ps.person_id = p.person_id
  GROUP BY p.tender_id, p.lot_id, p.org_a, p.org_b
)
SELECT 'org_pair' AS subject_type, h.org_a || '|' || h.org_b AS subject_id, h.tender_id, h.lot_id, h.org_a AS org_id, h.person_id,
  t.buyer_org_id, t.region_code, CAST(t.bid_deadline AS DATE) AS occurred_on, COALESCE(l.max_price_cny, t.max_price_cny) AS amount_cny,
  {'org_id_b': h.org_b, 'patterns': h.patterns, 'months': $months, 'persons': h.persons, 'persons_text': h.persons_text, 'persons_text_en': h.persons_text_en} AS evidence
FROM hits h LEFT JOIN tender t ON t.tender_id = h.tender_id LEFT JOIN lot l ON l.tender_id = h.tender_id AND l.lot_id = h.lot_id
