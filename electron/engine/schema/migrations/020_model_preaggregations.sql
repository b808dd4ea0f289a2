-- Pre-aggregations for the slowest models at bench scale (1 million tenders, 8.7 million bids). Each holds a
-- fact of the data that no model parameter changes, kept as a support table until that data changes, so that
-- a run reads a small table instead of grouping or joining every bid again.

-- Upload fingerprints that the bids of two or more different bidders of one lot carry (BID-001): the machine
-- code, the file creation id and the cost-software lock. orgs: those bidders, in order. Only the lots where
-- one of them repeats are read value by value: those found by counting each kind's distinct 64-bit hashes per
-- lot (a collision of two values only adds a lot to read).
CREATE OR REPLACE VIEW v_lot_shared_device AS
WITH lot_repeat AS (
  SELECT hash(tender_id, lot_id) AS lot FROM bid GROUP BY lot
  HAVING list_unique(list(hash(machine_code)) FILTER (WHERE machine_code IS NOT NULL)) < count(machine_code)
      OR list_unique(list(hash(file_create_id)) FILTER (WHERE file_create_id IS NOT NULL)) < count(file_create_id)
      OR list_unique(list(hash(cost_sw_lock_id)) FILTER (WHERE cost_sw_lock_id IS NOT NULL)) < count(cost_sw_lock_id)
),
cbid AS (
  SELECT tender_id, lot_id, org_id, machine_code, file_create_id, cost_sw_lock_id FROM bid
  WHERE hash(tender_id, lot_id) IN (SELECT lot FROM lot_repeat)
),
fp AS (
  SELECT tender_id, lot_id, org_id, 'machine_code' AS fp_type, machine_code AS fp FROM cbid WHERE machine_code IS NOT NULL
  UNION ALL SELECT tender_id, lot_id, org_id, 'file_create_id', file_create_id FROM cbid WHERE file_create_id IS NOT NULL
  UNION ALL SELECT tender_id, lot_id, org_id, 'cost_sw_lock_id', cost_sw_lock_id FROM cbid WHERE cost_sw_lock_id IS NOT NULL
)
SELECT tender_id, lot_id, fp_type, fp, list_sort(list(DISTINCT org_id)) AS orgs
FROM fp GROUP BY tender_id, lot_id, fp_type, fp HAVING min(org_id) <> max(org_id);

-- Deposit accounts that paid for two or more different bidders of one lot (BID-005 (a)): first the lots where
-- an account repeats (each lot's accounts as 64-bit hashes), then the values of those lots' deposits.
CREATE OR REPLACE VIEW v_lot_shared_account AS
WITH shared_lots AS (
  SELECT hash(tender_id, lot_id) AS lk FROM bid WHERE deposit_account_id IS NOT NULL
  GROUP BY lk HAVING list_unique(list(hash(deposit_account_id))) < count(*)
)
SELECT tender_id, lot_id, deposit_account_id, list_sort(list(DISTINCT org_id)) AS orgs
FROM bid WHERE deposit_account_id IS NOT NULL AND hash(tender_id, lot_id) IN (SELECT lk FROM shared_lots)
GROUP BY tender_id, lot_id, deposit_account_id HAVING min(org_id) <> max(org_id);

-- Deposits not paid from the bidder's own basic account, with who holds the account that paid (BID-005 (b)
-- and (c)): held by a person or another organisation, or the bidder's own account of another kind.
CREATE OR REPLACE VIEW v_deposit_payer AS
SELECT b.tender_id, b.lot_id, b.org_id, b.deposit_account_id, ba.holder_type, ba.holder_id, ba.account_kind
FROM bid b JOIN bank_account ba ON ba.account_id = b.deposit_account_id
WHERE NOT (ba.holder_type = 'org' AND ba.holder_id = b.org_id AND ba.account_kind = 'basic');

-- Each lot's valid bids (status valid, price above zero) as one list, cheapest first, ties by submission
-- time: b holds each bid's price p, submission time t and bidder o; p is the prices alone. Between
-- consecutive prices: the least, greatest and mean gap, and the least and greatest ratio (BID-007 looks for
-- constant ones). ceiling: the lot's ceiling price, else the tender's.
CREATE OR REPLACE VIEW v_lot_price_list AS
WITH l AS (
  SELECT tender_id, lot_id, count(*) AS n, list_sort(list({'p': price_cny, 't': submit_time, 'o': org_id})) AS b
  FROM bid WHERE status = 'valid' AND price_cny > 0 GROUP BY tender_id, lot_id
),
x AS (
  SELECT l.*, list_transform(l.b, e -> CAST(e.p AS DOUBLE)) AS p FROM l
),
y AS (
  SELECT x.*, list_transform(range(1, x.n), i -> x.p[i + 1] - x.p[i]) AS d, list_transform(range(1, x.n), i -> x.p[i + 1] / x.p[i]) AS r FROM x
)
SELECT y.tender_id, y.lot_id, y.n, y.b, y.p, y.p[1] AS b1, list_min(y.d) AS d_min, list_max(y.d) AS d_max, list_avg(y.d) AS d_avg,
  list_min(y.r) AS r_min, list_max(y.r) AS r_max, CAST(COALESCE(lt.max_price_cny, t.max_price_cny) AS DOUBLE) AS ceiling
FROM y LEFT JOIN lot lt ON lt.tender_id = y.tender_id AND lt.lot_id = y.lot_id LEFT JOIN tender t ON t.tender_id = y.tender_id;

-- Pairs of bids that quote the same non-zero unit price for the same item code, with how many such items
-- (BID-007 (e) keeps the pairs of one lot with enough of them).
CREATE OR REPLACE VIEW v_bid_item_same AS
SELECT a.bid_id AS bid_a, b.bid_id AS bid_b, count(*) AS n_same
FROM bid_item a JOIN bid_item b ON a.item_code = b.item_code AND a.unit_price_cny = b.unit_price_cny AND a.bid_id < b.bid_id
WHERE a.unit_price_cny > 0
GROUP BY a.bid_id, b.bid_id;

-- The staff each bid names (v_bid_person), with the month of the bid's deadline and their insurance by the
-- bidder as one span (v_insurance_span: first and last month paid, months paid), if any (BID-043).
CREATE OR REPLACE VIEW v_bid_staff_insurance AS
SELECT bp.bid_id, bp.tender_id, bp.lot_id, bp.org_id, bp.person_id, bp.role, date_trunc('month', t.bid_deadline)::DATE AS bid_month,
  s.first_month, s.last_month, s.months_paid
FROM v_bid_person bp JOIN tender t ON t.tender_id = bp.tender_id
LEFT JOIN v_insurance_span s ON s.person_id = bp.person_id AND s.employer_org_id = bp.org_id;

-- The months in which a person attached to an organisation (its legal representative, an agent of its bids,
-- a member of staff its bids name) was insured by another employer (BID-010 links two bidders through them).
CREATE OR REPLACE VIEW v_foreign_insurance AS
WITH ap AS (
  SELECT org_id, legal_rep_person_id AS person_id FROM organization WHERE legal_rep_person_id IS NOT NULL
  UNION SELECT org_id, agent_person_id FROM bid WHERE agent_person_id IS NOT NULL
  UNION SELECT org_id, person_id FROM v_bid_person WHERE person_id IS NOT NULL
),
foreign_pair AS (
  SELECT DISTINCT ap.org_id, s.person_id, s.employer_org_id
  FROM v_insurance_span s JOIN ap ON ap.person_id = s.person_id AND s.employer_org_id <> ap.org_id
)
SELECT DISTINCT p.org_id, si.person_id, si.employer_org_id, si.period_month
FROM social_insurance si JOIN foreign_pair p ON p.person_id = si.person_id AND p.employer_org_id = si.employer_org_id;
