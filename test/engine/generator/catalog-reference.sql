-- Reference SQL of catalog models (model-catalog.md Appendix B), used to check planted cases until the
-- model library (issue 4) exists. CURRENT_DATE is replaced by the province's data date.
CREATE TEMP VIEW m_bid_001 AS
WITH fp AS (
  SELECT tender_id, lot_id, org_id, 'machine_code' AS fp_type, machine_code AS fp FROM bid WHERE machine_code IS NOT NULL
  UNION ALL SELECT tender_id, lot_id, org_id, 'file_create_id', file_create_id FROM bid WHERE file_create_id IS NOT NULL
  UNION ALL SELECT tender_id, lot_id, org_id, 'cost_sw_lock_id', cost_sw_lock_id FROM bid WHERE cost_sw_lock_id IS NOT NULL
  UNION ALL SELECT b.tender_id, b.lot_id, b.org_id, 'doc_author', LOWER(TRIM(d.author)) FROM bid b JOIN bid_document d USING (bid_id)
            WHERE d.author IS NOT NULL AND LOWER(TRIM(d.author)) NOT IN ('administrator','admin','user','微软用户','微软中国',''))
SELECT a.tender_id, a.lot_id, a.org_id AS org_a, b.org_id AS org_b, a.fp_type, a.fp
FROM fp a JOIN fp b ON a.tender_id = b.tender_id AND a.lot_id = b.lot_id AND a.fp_type = b.fp_type AND a.fp = b.fp AND a.org_id < b.org_id
WHERE NOT EXISTS (SELECT 1 FROM bid_member m1 JOIN bid_member m2 ON m1.bid_id = m2.bid_id
                  WHERE m1.org_id = a.org_id AND m2.org_id = b.org_id);

-- BID-005: bid deposits from the same account or from an account not held by the bidder
CREATE TEMP VIEW m_bid_005 AS
SELECT b1.tender_id, b1.lot_id, b1.org_id AS org_a, b2.org_id AS org_b, 'SAME_ACCOUNT' AS pattern, 'red' AS severity
FROM bid b1 JOIN bid b2 ON b1.tender_id = b2.tender_id AND b1.lot_id = b2.lot_id AND b1.org_id < b2.org_id
 AND b1.deposit_account_id = b2.deposit_account_id
UNION ALL
SELECT b.tender_id, b.lot_id, b.org_id, ba.holder_id, 'THIRD_PARTY_ACCOUNT', 'orange'
FROM bid b JOIN bank_account ba ON ba.account_id = b.deposit_account_id
WHERE NOT (ba.holder_type = 'org' AND ba.holder_id = b.org_id);

-- BID-008: bidders in the same lot under common management or control (Art. 34)
CREATE TEMP VIEW m_bid_008 AS
SELECT b1.tender_id, b1.lot_id, b1.org_id AS org_a, b2.org_id AS org_b, l.link_type, l.via
FROM bid b1 JOIN bid b2 ON b1.tender_id = b2.tender_id AND b1.lot_id = b2.lot_id AND b1.org_id < b2.org_id
JOIN tender t ON t.tender_id = b1.tender_id
JOIN v_org_link_sym l ON l.org_a = b1.org_id AND l.org_b = b2.org_id
WHERE l.link_type IN ('SAME_LEGAL_REP','CONTROL','COMMON_CONTROLLER','COMMON_PERSON')
  AND CAST(t.bid_deadline AS DATE) BETWEEN l.valid_from AND l.valid_to;

-- BID-011 / BID-012: variance and cover-bidding screens
CREATE TEMP VIEW m_bid_011_012 AS
SELECT tender_id, lot_id, n, cv, rd, diffp,
       (n >= 4 AND cv <= 0.05) AS flag_bid_011,
       (n >= 3 AND rd >= 1.0)  AS flag_bid_012
FROM v_tender_price_stats WHERE (n >= 4 AND cv <= 0.05) OR (n >= 3 AND rd >= 1.0);

-- BID-043: key personnel not insured by the bidder in the 3 months up to the bid
CREATE TEMP VIEW m_bid_043 AS
SELECT b.tender_id, b.lot_id, b.org_id, bp.person_id, bp.role,
       (SELECT STRING_AGG(DISTINCT si2.employer_org_id, ',') FROM social_insurance si2
         WHERE si2.person_id = bp.person_id
           AND si2.period_month BETWEEN DATE_TRUNC('month', t.bid_deadline) - INTERVAL 3 MONTH AND DATE_TRUNC('month', t.bid_deadline)) AS insured_by
FROM bid_personnel bp JOIN bid b USING (bid_id) JOIN tender t ON t.tender_id = b.tender_id
WHERE bp.role IN ('pm','tech_lead','safety')
  AND NOT EXISTS (SELECT 1 FROM social_insurance si WHERE si.person_id = bp.person_id AND si.employer_org_id = b.org_id
                  AND si.period_month BETWEEN DATE_TRUNC('month', t.bid_deadline) - INTERVAL 3 MONTH AND DATE_TRUNC('month', t.bid_deadline));

-- BID-044: same project manager on overlapping works contracts
CREATE TEMP VIEW m_bid_044 AS
SELECT a.person_id, a.contract_id AS contract_a, b.contract_id AS contract_b,
       GREATEST(a.start_date, b.start_date) AS overlap_from,
       LEAST(COALESCE(a.end_date, DATE '9999-12-31'), COALESCE(b.end_date, DATE '9999-12-31')) AS overlap_to
FROM project_staff a JOIN project_staff b ON a.person_id = b.person_id AND a.contract_id < b.contract_id
WHERE a.role = 'pm' AND b.role = 'pm'
  AND GREATEST(a.start_date, b.start_date) < LEAST(COALESCE(a.end_date, DATE '9999-12-31'), COALESCE(b.end_date, DATE '9999-12-31'));

-- SOE-001: awarded supplier appears as defendant / enforcee in court cases around the award
CREATE TEMP VIEW m_soe_001 AS
SELECT c.contract_id, c.buyer_org_id, c.supplier_org_id, cc.case_no, cc.case_type, cc.cause, cc.filing_date, cc.subject_amount_cny,
       CASE WHEN cc.case_type = 'criminal' OR cc.cause IN ('串通投标','合同诈骗','单位行贿','行贿','对非国家工作人员行贿') THEN 'red'
            WHEN cc.case_type = 'enforcement' AND NOT COALESCE(cc.closed, FALSE) THEN 'red'
            ELSE 'orange' END AS severity
FROM contract c
JOIN award a ON a.award_id = c.award_id
JOIN case_party cp ON cp.party_type = 'org' AND cp.party_id = c.supplier_org_id AND cp.party_role IN ('defendant','enforcee')
JOIN court_case cc ON cc.case_id = cp.case_id
WHERE cc.filing_date BETWEEN CAST(a.notice_date AS DATE) - INTERVAL 24 MONTH AND COALESCE(c.actual_end_date, c.planned_end_date, DATE '9999-12-31');

-- SOE-006: splitting below the open-tender threshold within a fiscal year
CREATE TEMP VIEW m_soe_006 AS
SELECT buyer_org_id, SUBSTR(class_code, 1, 4) AS class4, EXTRACT(year FROM sign_date) AS fy,
       COUNT(*) AS n_contracts, SUM(value_cny) AS total_cny, MAX(value_cny) AS max_cny
FROM contract
WHERE procurement_method IN ('limited','direct') AND value_cny < 2000000
GROUP BY 1,2,3
HAVING COUNT(*) >= 2 AND SUM(value_cny) >= 2000000;

-- VIL-001: rent receivable overdue (FIFO ageing)
CREATE TEMP VIEW m_vil_001 AS
WITH due AS (
  SELECT lease_id, due_date, amount_due_cny,
         SUM(amount_due_cny) OVER (PARTITION BY lease_id ORDER BY due_date ROWS UNBOUNDED PRECEDING) AS cum_due
  FROM rent_schedule WHERE due_date <= DATE '2025-12-31'),
paid AS (SELECT lease_id, SUM(amount_cny) AS paid FROM rent_receipt WHERE receipt_date <= DATE '2025-12-31' GROUP BY lease_id),
ageing AS (
  SELECT d.lease_id, MAX(d.cum_due) AS total_due, COALESCE(MAX(p.paid), 0) AS total_paid,
         MIN(CASE WHEN d.cum_due > COALESCE(p.paid, 0) THEN d.due_date END) AS oldest_unpaid_due
  FROM due d LEFT JOIN paid p USING (lease_id) GROUP BY d.lease_id)
SELECT l.lease_id, l.collective_org_id, l.lessee_name, g.total_due - g.total_paid AS overdue_cny,
       DATE_DIFF('day', g.oldest_unpaid_due, DATE '2025-12-31') AS overdue_days,
       CASE WHEN g.total_due - g.total_paid >= 1000000 OR DATE_DIFF('day', g.oldest_unpaid_due, DATE '2025-12-31') > 365 THEN 'red' ELSE 'orange' END AS severity
FROM ageing g JOIN lease_contract l USING (lease_id)
WHERE g.total_due - g.total_paid >= 10000 AND DATE_DIFF('day', g.oldest_unpaid_due, DATE '2025-12-31') > 90;

-- FUND-001: large payment without a prior collective decision
CREATE TEMP VIEW m_fund_001 AS
SELECT p.payment_id, p.payer_org_id, p.payee_name, p.amount_cny, p.pay_time
FROM payment p
WHERE p.amount_cny >= 500000
  AND NOT EXISTS (SELECT 1 FROM decision d
                  WHERE d.org_id = p.payer_org_id AND d.body IN ('party_committee','board','gm_office')
                    AND (d.decision_id = p.decision_id OR d.ref_payment_id = p.payment_id OR d.ref_contract_id = p.contract_id)
                    AND d.meeting_date <= CAST(p.pay_time AS DATE));

-- BID-039: expert repeatedly on panels that award the same supplier (24-month window)
CREATE TEMP VIEW m_bid_039 AS
WITH panel AS (
  SELECT DISTINCT ec.person_id AS expert_id, ec.tender_id, ec.lot_id, t.bid_deadline
  FROM eval_committee ec JOIN tender t ON t.tender_id = ec.tender_id
  WHERE ec.member_role = 'expert' AND t.bid_deadline >= DATE '2025-12-31' - INTERVAL 24 MONTH),
obs AS (
  SELECT p.expert_id, a.supplier_org_id, COUNT(DISTINCT p.tender_id || '/' || p.lot_id) AS k
  FROM panel p JOIN award a ON a.tender_id = p.tender_id AND a.lot_id = p.lot_id AND a.status = 'active'
  GROUP BY 1, 2),
expct AS (
  SELECT p.expert_id, v.org_id AS supplier_org_id, SUM(1.0 / v.n_valid) AS expected
  FROM panel p JOIN v_bid_valid v ON v.tender_id = p.tender_id AND v.lot_id = p.lot_id
  GROUP BY 1, 2)
SELECT o.expert_id, o.supplier_org_id, o.k, e.expected, o.k / e.expected AS lift
FROM obs o JOIN expct e USING (expert_id, supplier_org_id)
WHERE o.k >= 3 AND o.k / e.expected >= 2;

-- BID-040: expert whose subjective scores deviate >= 30% and flip the winner
CREATE TEMP VIEW m_bid_040 AS
WITH s AS (
  SELECT tender_id, lot_id, expert_person_id AS e, bid_id, SUM(score) AS s_eb
  FROM eval_score WHERE NOT is_objective GROUP BY 1,2,3,4),
o AS (
  SELECT s.*, (SUM(s_eb) OVER (PARTITION BY tender_id, lot_id, bid_id) - s_eb)
              / NULLIF(COUNT(*) OVER (PARTITION BY tender_id, lot_id, bid_id) - 1, 0) AS o_eb
  FROM s),
tot AS (   -- panel average subjective score per bid, with and without expert e's own scores
  SELECT o.tender_id, o.lot_id, o.e, o.bid_id, o.s_eb, o.o_eb,
         (o.s_eb - o.o_eb) / NULLIF(o.o_eb, 0) AS dev,
         AVG(o.s_eb) OVER (PARTITION BY o.tender_id, o.lot_id, o.bid_id) AS with_e,
         o.o_eb AS without_e
  FROM o),
ranked AS (
  SELECT *, RANK() OVER (PARTITION BY tender_id, lot_id, e ORDER BY with_e DESC)    AS r_with,
            RANK() OVER (PARTITION BY tender_id, lot_id, e ORDER BY without_e DESC) AS r_without
  FROM tot)
SELECT r.tender_id, r.lot_id, r.e AS expert_id, r.bid_id AS favoured_bid, r.dev
FROM ranked r
WHERE r.r_with = 1 AND r.dev >= 0.30
  AND EXISTS (SELECT 1 FROM ranked x WHERE x.tender_id = r.tender_id AND x.lot_id = r.lot_id AND x.e = r.e
                                      AND x.bid_id <> r.bid_id AND x.r_without = 1);

-- BID-049: official with power over the buyer, or buyer staff, linked to the winning supplier
CREATE TEMP VIEW m_bid_049 AS
WITH power AS (
  SELECT person_id, oversees_org_id AS buyer_org_id FROM official_duty
  UNION SELECT person_id, org_id FROM org_role WHERE role IN ('legal_rep','manager','finance_head','procurement','project_lead'))
SELECT DISTINCT t.tender_id, a.supplier_org_id, pw.person_id AS official_id, l.person_id AS linked_person, l.link_type
FROM award a JOIN tender t ON t.tender_id = a.tender_id AND a.status = 'active'
JOIN power pw ON pw.buyer_org_id = t.buyer_org_id
JOIN v_person_org_link l ON l.org_id = a.supplier_org_id
 AND (l.person_id = pw.person_id
      OR (l.link_type NOT LIKE 'KIN_OF_%' AND l.person_id IN (SELECT k.q FROM v_kin k WHERE k.p = pw.person_id AND k.degree <= 3)))
WHERE CAST(a.notice_date AS DATE) BETWEEN l.valid_from - INTERVAL 3 YEAR AND l.valid_to;
