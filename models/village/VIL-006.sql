/*
id: VIL-006
name_zh: 优亲厚友：村干部本人或亲属承租承包集体资产
name_en: Lessee or contractor related to village cadres
domain: VIL
category: K4
kind: supervisory
severity: red
subject_type: lease
requires:
  lease_contract: [lease_id, collective_org_id, lessee_type, lessee_id, sign_date]
  org_role: [org_id, person_id, role]
params:
  - name: kin_degree
    type: integer
    default: 3
    label_zh: 亲属关系最远代数
    label_en: Furthest degree of kinship
  - name: cadre_roles
    type: text_list
    default: [cadre]
    label_zh: 算作村干部的任职角色
    label_en: Roles that make a person a village cadre
explain:
  zh: "{counterparty} 承租或承包 {org_id} 的集体资产或项目（{subject_id}，{sign_date} 签订），与签订时在任的村干部 {cadres} 存在关联：{links}"
  en: "{subject_id}, signed by {org_id} with {counterparty} on {sign_date}: the lessee or contractor is linked to village cadres in office at signing ({cadres}): {links}"
source: 村级小微权力清单；《农村集体经济组织财务制度》；辽宁村文书以儿子名义承包集体林地案、江苏扬中村干部亲属承包案例
*/
-- The cadres of the collective in office on the signing day, and around each of them the circle of the
-- cadre and their kin up to kin_degree (kinship read both ways; a reversed parent or child relation is
-- named from the cadre's side). A lease or contract is hit when its lessee or contractor is in a circle
-- (a person), or is an organisation linked to someone in it on the signing day. The links are those of
-- the person-organisation link view of the catalog (Appendix B): legal representative, officer,
-- shareholder of 5% or more, insured employee, shared phone or address; they are computed here for the
-- circles and the lessee or contractor firms only, as the whole view is costly at scale. Kinship comes
-- from the circle itself, so kin_degree decides. Cadres of other collectives do not count, nor roles in
-- organisations known to be something other than a village collective.
WITH cadre AS (
  SELECT DISTINCT r.org_id, r.person_id AS cadre_id, r.title,
    COALESCE(r.start_date, DATE '1900-01-01') AS c_from, COALESCE(r.end_date, DATE '9999-12-31') AS c_to
  FROM org_role r LEFT JOIN organization v ON v.org_id = r.org_id
  WHERE list_contains($cadre_roles, r.role) AND r.person_id IS NOT NULL AND COALESCE(v.org_type, 'village_collective') = 'village_collective'
),
subj AS (
  SELECT 'lease' AS subject_type, l.lease_id AS subject_id, l.lease_id, NULL::VARCHAR AS contract_id, l.collective_org_id AS org_id,
    l.lessee_type AS party_type, l.lessee_id AS party_id, l.lessee_name AS counterparty, l.sign_date, l.annual_rent_cny AS amount_cny
  FROM lease_contract l
  WHERE l.lessee_id IS NOT NULL AND l.sign_date IS NOT NULL AND l.collective_org_id IN (SELECT org_id FROM cadre)
  UNION ALL
  SELECT 'contract', c.contract_id, NULL, c.contract_id, c.buyer_org_id, 'org', c.supplier_org_id, s.name, c.sign_date, c.value_cny
  FROM contract c LEFT JOIN organization s ON s.org_id = c.supplier_org_id
  WHERE c.supplier_org_id IS NOT NULL AND c.sign_date IS NOT NULL AND c.buyer_org_id IN (SELECT org_id FROM cadre)
),
sc AS (
  SELECT s.*, c.cadre_id, c.title FROM subj s
  JOIN cadre c ON c.org_id = s.org_id AND s.sign_date BETWEEN c.c_from AND c.c_to
),
circle AS (
  SELECT DISTINCT cadre_id, cadre_id AS person_id, 'self' AS relation, 0 AS degree FROM cadre
  UNION ALL
  SELECT k.person_id_a, k.person_id_b, k.relation, k.degree FROM kinship k
  WHERE k.degree <= $kin_degree AND k.person_id_a IN (SELECT cadre_id FROM cadre) AND k.person_id_b <> k.person_id_a
  UNION ALL
  SELECT k.person_id_b, k.person_id_a,
    CASE k.relation WHEN 'child' THEN 'parent' WHEN 'parent' THEN 'child' WHEN 'grandchild' THEN 'grandparent'
      WHEN 'grandparent' THEN 'grandchild' ELSE k.relation END, k.degree FROM kinship k
  WHERE k.degree <= $kin_degree AND k.person_id_b IN (SELECT cadre_id FROM cadre) AND k.person_id_b <> k.person_id_a
),
circle_p AS (SELECT DISTINCT person_id FROM circle),
firm AS (SELECT DISTINCT party_id AS org_id FROM sc WHERE party_type = 'org'),
link AS (
  SELECT o.org_id, o.legal_rep_person_id AS person_id, 'LEGAL_REP' AS link_type, DATE '1900-01-01' AS valid_from, DATE '9999-12-31' AS valid_to
  FROM organization o WHERE o.org_id IN (SELECT org_id FROM firm) AND o.legal_rep_person_id IN (SELECT person_id FROM circle_p)
  UNION ALL
  SELECT r.org_id, r.person_id, 'OFFICER', COALESCE(r.start_date, DATE '1900-01-01'), COALESCE(r.end_date, DATE '9999-12-31')
  FROM org_role r WHERE r.role IN ('legal_rep', 'director', 'supervisor', 'manager', 'finance_head')
    AND r.org_id IN (SELECT org_id FROM firm) AND r.person_id IN (SELECT person_id FROM circle_p)
  UNION ALL
  SELECT s.org_id, s.holder_id, 'SHAREHOLDER', COALESCE(s.start_date, DATE '1900-01-01'), COALESCE(s.end_date, DATE '9999-12-31')
  FROM shareholding s WHERE s.holder_type = 'person' AND s.share_ratio >= 0.05
    AND s.org_id IN (SELECT org_id FROM firm) AND s.holder_id IN (SELECT person_id FROM circle_p)
  UNION ALL
  SELECT si.employer_org_id, si.person_id, 'EMPLOYEE_SI', si.first_month, CAST(si.last_month + INTERVAL 1 MONTH AS DATE)
  FROM v_insurance_span si WHERE si.employer_org_id IN (SELECT org_id FROM firm) AND si.person_id IN (SELECT person_id FROM circle_p)
  UNION ALL
  SELECT c.org_id, p.person_id, 'SHARED_' || upper(c.contact_type), COALESCE(c.valid_from, DATE '1900-01-01'), COALESCE(c.valid_to, DATE '9999-12-31')
  FROM person p JOIN org_contact c ON (c.contact_type = 'phone' AND c.value_norm = p.phone)
  WHERE p.person_id IN (SELECT person_id FROM circle_p) AND c.org_id IN (SELECT org_id FROM firm)
  UNION ALL
  SELECT c.org_id, p.person_id, 'SHARED_' || upper(c.contact_type), COALESCE(c.valid_from, DATE '1900-01-01'), COALESCE(c.valid_to, DATE '9999-12-31')
  FROM person p JOIN org_contact c ON (c.contact_type = 'address' AND c.value_norm = p.address_norm)
  WHERE p.person_id IN (SELECT person_id FROM circle_p) AND c.org_id IN (SELECT org_id FROM firm)
),
links AS (
  SELECT sc.*, ci.person_id AS linked_person, ci.relation, ci.degree, 'LESSEE' AS link_type
  FROM sc JOIN circle ci ON ci.cadre_id = sc.cadre_id AND ci.person_id = sc.party_id
  WHERE sc.party_type = 'person'
  UNION ALL
  SELECT sc.*, ci.person_id, ci.relation, ci.degree, l.link_type
  FROM sc JOIN link l ON l.org_id = sc.party_id AND sc.sign_date BETWEEN l.valid_from AND l.valid_to
  JOIN circle ci ON ci.cadre_id = sc.cadre_id AND ci.person_id = l.person_id
  WHERE sc.party_type = 'org'
),
nm AS (
  SELECT person_id, name FROM person
  WHERE person_id IN (SELECT cadre_id FROM links UNION ALL SELECT linked_person FROM links)
),
lab AS (
  SELECT x.*, x.cadre_id || '（' || COALESCE(pc.name, '') || COALESCE('，' || x.title, '') || '）' AS cadre_label,
    x.cadre_id || ' ' || x.relation || CASE WHEN x.degree > 0 THEN '(' || x.degree || ')' ELSE '' END || ' ' || x.linked_person
      || '（' || COALESCE(pl.name, '') || '）' || CASE WHEN x.link_type = 'LESSEE' THEN '' ELSE ' ' || x.link_type END AS link_label
  FROM links x LEFT JOIN nm pc ON pc.person_id = x.cadre_id LEFT JOIN nm pl ON pl.person_id = x.linked_person
)
SELECT x.subject_type, x.subject_id, any_value(x.lease_id) AS lease_id, any_value(x.contract_id) AS contract_id, x.org_id,
  min(x.cadre_id) AS person_id, any_value(x.amount_cny) AS amount_cny, any_value(x.sign_date) AS occurred_on, any_value(o.region_code) AS region_code,
  {'counterparty': any_value(x.counterparty), 'party_type': any_value(x.party_type), 'party_id': any_value(x.party_id),
   'sign_date': any_value(x.sign_date)::VARCHAR,
   'cadres': string_agg(DISTINCT x.cadre_label, '、' ORDER BY x.cadre_label),
   'links': string_agg(DISTINCT x.link_label, '; ' ORDER BY x.link_label),
   'min_degree': min(x.degree)} AS evidence
FROM lab x LEFT JOIN organization o ON o.org_id = x.org_id
GROUP BY x.subject_type, x.subject_id, x.org_id
