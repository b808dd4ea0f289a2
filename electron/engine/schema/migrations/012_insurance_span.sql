-- Employment as social insurance shows it: per person and employer, the first and last month paid and the
-- number of distinct months paid in all (months_paid = months from first to last, both counted, when there
-- is no gap). Several models ask "was this person insured by that organisation around then?"; with the
-- spans computed once per run (a shared view), each answers with one join instead of a pass over the
-- largest table of a province. The months are gathered per year as bits (bit m-1 for month m), so that a
-- month paid under several insurance types counts once.
CREATE OR REPLACE VIEW v_insurance_span AS
WITH paid AS (
  SELECT person_id, employer_org_id, year(period_month) AS y, bit_or(1 << (month(period_month) - 1)) AS mask
  FROM social_insurance
  WHERE person_id IS NOT NULL AND employer_org_id IS NOT NULL AND period_month IS NOT NULL
  GROUP BY ALL
),
per AS (
  SELECT person_id, employer_org_id, min(y) AS y0, arg_min(mask, y) AS m0, max(y) AS y1, arg_max(mask, y) AS m1,
    sum(bit_count(mask)) AS months_paid
  FROM paid GROUP BY ALL
)
-- The first month is the lowest bit of the first year's mask, the last the highest bit of the last year's.
SELECT person_id, employer_org_id,
  CAST(make_date(y0, 1, 1) + to_months(CAST(log2(m0 & -m0) AS INTEGER)) AS DATE) AS first_month,
  CAST(make_date(y1, 1, 1) + to_months(CAST(floor(log2(m1)) AS INTEGER)) AS DATE) AS last_month,
  CAST(months_paid AS INTEGER) AS months_paid
FROM per;
