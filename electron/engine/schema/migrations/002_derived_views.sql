-- lot_id is never NULL: use '-' for un-lotted tenders.
CREATE VIEW v_bid_valid AS
SELECT b.*,
       ROW_NUMBER() OVER (PARTITION BY tender_id, lot_id ORDER BY price_cny, submit_time) AS price_rank,
       COUNT(*)     OVER (PARTITION BY tender_id, lot_id) AS n_valid
FROM bid b
WHERE b.status = 'valid' AND b.price_cny > 0;

CREATE VIEW v_tender_price_stats AS
WITH s AS (
  SELECT tender_id, lot_id, COUNT(*) AS n, AVG(price_cny) AS mu, STDDEV_SAMP(price_cny) AS sd,
         MIN(price_cny) AS b1, MAX(price_cny) AS bn,
         MAX(CASE WHEN price_rank = 2 THEN price_cny END) AS b2,
         STDDEV_SAMP(CASE WHEN price_rank >= 2 THEN price_cny END) AS sd_losing,
         ARG_MIN(org_id, price_rank) AS low_org_id
  FROM v_bid_valid GROUP BY tender_id, lot_id),
m AS (
  SELECT v.tender_id, v.lot_id,
         SUM(POWER((v.price_cny - s.mu) / s.sd, 3)) AS m3,
         SUM(POWER((v.price_cny - s.mu) / s.sd, 4)) AS m4
  FROM v_bid_valid v JOIN s ON v.tender_id = s.tender_id AND v.lot_id = s.lot_id
  WHERE s.sd > 0 GROUP BY v.tender_id, v.lot_id)
SELECT s.*,
       s.sd / s.mu                                        AS cv,
       (s.bn - s.b1) / s.b1                               AS spd,
       (s.b2 - s.b1) / s.b1                               AS diffp,
       (s.b2 - s.b1) / NULLIF(s.sd_losing, 0)             AS rd,
       (s.n - 1) * (s.b2 - s.b1) / NULLIF(s.bn - s.b1, 0) AS rd_nor,
       (s.n - 2) * (s.b2 - s.b1) / NULLIF(s.bn - s.b2, 0) AS rd_alt,
       CASE WHEN s.n >= 3 THEN s.n / ((s.n - 1) * (s.n - 2.0)) * m.m3 END AS skew,
       CASE WHEN s.n >= 4 THEN s.n * (s.n + 1.0) / ((s.n - 1) * (s.n - 2) * (s.n - 3)) * m.m4
                               - 3.0 * (s.n - 1) * (s.n - 1) / ((s.n - 2) * (s.n - 3)) END AS kurt
FROM s LEFT JOIN m ON s.tender_id = m.tender_id AND s.lot_id = m.lot_id;

-- persons who control or run an organization at a given time
CREATE VIEW v_org_person AS
SELECT org_id, legal_rep_person_id AS person_id, 'LEGAL_REP' AS link_type, DATE '1900-01-01' AS valid_from, DATE '9999-12-31' AS valid_to
  FROM organization WHERE legal_rep_person_id IS NOT NULL
UNION ALL
SELECT org_id, person_id, 'OFFICER', COALESCE(start_date, DATE '1900-01-01'), COALESCE(end_date, DATE '9999-12-31')
  FROM org_role WHERE role IN ('legal_rep','director','supervisor','manager','finance_head')
UNION ALL
SELECT org_id, holder_id, 'SHAREHOLDER', COALESCE(start_date, DATE '1900-01-01'), COALESCE(end_date, DATE '9999-12-31')
  FROM shareholding WHERE holder_type = 'person' AND share_ratio >= 0.05
UNION ALL
SELECT employer_org_id, person_id, 'EMPLOYEE_SI', MIN(period_month), MAX(period_month) + INTERVAL 1 MONTH
  FROM social_insurance GROUP BY employer_org_id, person_id;

-- person-to-organization links including close relatives (kinship is stored once; use both directions)
CREATE VIEW v_kin AS
SELECT person_id_a AS p, person_id_b AS q, relation, degree FROM kinship
UNION ALL SELECT person_id_b, person_id_a, relation, degree FROM kinship;

CREATE VIEW v_person_org_link AS
SELECT person_id, org_id, link_type, valid_from, valid_to FROM v_org_person
UNION ALL
SELECT k.q AS person_id, op.org_id, 'KIN_OF_' || op.link_type, op.valid_from, op.valid_to
  FROM v_org_person op JOIN v_kin k ON k.p = op.person_id
  WHERE op.link_type IN ('LEGAL_REP','OFFICER','SHAREHOLDER') AND k.degree <= 3
UNION ALL
SELECT p.person_id, c.org_id, 'SHARED_' || UPPER(c.contact_type), c.valid_from, c.valid_to
  FROM person p JOIN org_contact c
    ON (c.contact_type = 'phone' AND c.value_norm = p.phone) OR (c.contact_type = 'address' AND c.value_norm = p.address_norm);

-- organization-to-organization links
CREATE VIEW v_org_link AS
SELECT a.org_id AS org_a, b.org_id AS org_b,
       CASE WHEN a.link_type = 'LEGAL_REP' AND b.link_type = 'LEGAL_REP' THEN 'SAME_LEGAL_REP'
            WHEN a.link_type = 'EMPLOYEE_SI' OR b.link_type = 'EMPLOYEE_SI' THEN 'SHARED_STAFF'
            ELSE 'COMMON_PERSON' END AS link_type,
       a.person_id AS via, GREATEST(a.valid_from, b.valid_from) AS valid_from, LEAST(a.valid_to, b.valid_to) AS valid_to
FROM v_org_person a JOIN v_org_person b ON a.person_id = b.person_id AND a.org_id < b.org_id
WHERE GREATEST(a.valid_from, b.valid_from) < LEAST(a.valid_to, b.valid_to)
UNION ALL
SELECT holder_id, org_id, 'CONTROL', NULL, COALESCE(start_date, DATE '1900-01-01'), COALESCE(end_date, DATE '9999-12-31')
  FROM shareholding WHERE holder_type = 'org' AND share_ratio >= 0.5
UNION ALL
SELECT s1.org_id, s2.org_id, 'COMMON_CONTROLLER', s1.holder_id,
       GREATEST(COALESCE(s1.start_date, DATE '1900-01-01'), COALESCE(s2.start_date, DATE '1900-01-01')),
       LEAST(COALESCE(s1.end_date, DATE '9999-12-31'), COALESCE(s2.end_date, DATE '9999-12-31'))
  FROM shareholding s1 JOIN shareholding s2
    ON s1.holder_type = s2.holder_type AND s1.holder_id = s2.holder_id AND s1.org_id < s2.org_id
 WHERE s1.share_ratio >= 0.5 AND s2.share_ratio >= 0.5
UNION ALL
SELECT c1.org_id, c2.org_id, 'SHARED_' || UPPER(c1.contact_type), c1.value_norm,
       GREATEST(COALESCE(c1.valid_from, DATE '1900-01-01'), COALESCE(c2.valid_from, DATE '1900-01-01')),
       LEAST(COALESCE(c1.valid_to, DATE '9999-12-31'), COALESCE(c2.valid_to, DATE '9999-12-31'))
  FROM org_contact c1 JOIN org_contact c2
    ON c1.contact_type = c2.contact_type AND c1.value_norm = c2.value_norm AND c1.org_id < c2.org_id
UNION ALL
SELECT a.org_id, b.org_id, 'KIN_OF_OFFICERS', a.person_id || '~' || b.person_id,
       GREATEST(a.valid_from, b.valid_from), LEAST(a.valid_to, b.valid_to)
  FROM v_org_person a JOIN v_kin k ON k.p = a.person_id JOIN v_org_person b ON b.person_id = k.q AND a.org_id < b.org_id
 WHERE a.link_type <> 'EMPLOYEE_SI' AND b.link_type <> 'EMPLOYEE_SI' AND k.degree <= 2;

-- symmetric helper
CREATE VIEW v_org_link_sym AS
SELECT org_a, org_b, link_type, via, valid_from, valid_to FROM v_org_link
UNION ALL SELECT org_b, org_a, link_type, via, valid_from, valid_to FROM v_org_link;

-- BID-001: same bid-file fingerprint across different bidders in one lot
