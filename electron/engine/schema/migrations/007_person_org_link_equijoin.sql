-- v_person_org_link matched person and organisation contacts with one OR-join (phone OR address), which
-- DuckDB can only run as a nested loop: minutes at bench scale. The same rows, as two equi-joins.
CREATE OR REPLACE VIEW v_person_org_link AS
SELECT person_id, org_id, link_type, valid_from, valid_to FROM v_org_person
UNION ALL
SELECT k.q AS person_id, op.org_id, 'KIN_OF_' || op.link_type, op.valid_from, op.valid_to
  FROM v_org_person op JOIN v_kin k ON k.p = op.person_id
  WHERE op.link_type IN ('LEGAL_REP','OFFICER','SHAREHOLDER') AND k.degree <= 3
UNION ALL
SELECT p.person_id, c.org_id, 'SHARED_PHONE', c.valid_from, c.valid_to
  FROM person p JOIN org_contact c ON c.contact_type = 'phone' AND c.value_norm = p.phone
UNION ALL
SELECT p.person_id, c.org_id, 'SHARED_ADDRESS', c.valid_from, c.valid_to
  FROM person p JOIN org_contact c ON c.contact_type = 'address' AND c.value_norm = p.address_norm;
