-- What the OCDS red flags (models/ocds/, Cardinal's indicators) read from the raw releases in ocds_release.
-- A field counts only when it has the JSON type Cardinal expects (a string status, a numeric amount, an
-- array of tenderers...); a field of another type is as if absent, as it is for Cardinal. Beyond taking each
-- process once, the views do not filter: each model applies Cardinal's exclusions with its own parameters.

-- A JSON value as text when it is a JSON string, else NULL.
CREATE OR REPLACE MACRO ocds_text(v) AS CASE WHEN json_type(v) = 'VARCHAR' THEN json_extract_string(v, '$') END;

-- One row per contracting process: the latest release of each ocid (a compiled release is the only one),
-- parsed once into the fields the indicators read; leaves stay JSON so that their type is kept. seq is the
-- release's order of insertion (the file's order for `clearsight ocds-flags`), which decides the "first
-- observed" currency. awards_final is Cardinal's gate "all awards final": awards and bids.details are arrays
-- and no award has a status other than active, cancelled or unsuccessful (awards without a string status
-- are ignored). active_award_count: awards with the status active. sole_supplier_id: when the gate passes
-- and there is exactly one active award, with exactly one supplier (its id, if a string). bid_list and
-- award_list are the parsed arrays, which v_ocds_bid and v_ocds_award unfold.
CREATE OR REPLACE VIEW v_ocds_process AS
WITH latest AS (
  SELECT rowid AS seq FROM ocds_release WHERE ocid IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY ocid ORDER BY release_date DESC NULLS LAST, rowid DESC) = 1
),
r AS (
  SELECT rowid AS seq, json_transform(release_json, '{
    "ocid": "JSON",
    "buyer": {"id": "JSON"},
    "tender": {"status": "JSON", "procurementMethod": "JSON", "procurementMethodDetails": "JSON", "numberOfTenderers": "JSON",
               "tenderPeriod": {"startDate": "JSON", "endDate": "JSON"}, "procuringEntity": {"id": "JSON"}},
    "bids": {"details": [{"status": "JSON", "date": "JSON", "value": {"amount": "JSON", "currency": "JSON"}, "tenderers": [{"id": "JSON"}]}]},
    "awards": [{"status": "JSON", "suppliers": [{"id": "JSON"}], "items": [{"classification": {"id": "JSON"}}]}]
  }') AS j
  FROM ocds_release WHERE rowid IN (SELECT seq FROM latest)
),
p AS (
  SELECT seq, ocds_text(j.ocid) AS ocid,
    coalesce(ocds_text(j.tender.status) = 'cancelled', false) AS cancelled,
    ocds_text(j.tender.procurementMethod) AS procurement_method,
    ocds_text(j.tender.procurementMethodDetails) AS procurement_method_details,
    -- Cardinal reads it as an unsigned JSON integer (1.0 or -1 are not).
    CASE WHEN json_type(j.tender.numberOfTenderers) = 'UBIGINT' THEN CAST(j.tender.numberOfTenderers AS UBIGINT) END AS number_of_tenderers,
    ocds_text(j.tender.tenderPeriod.startDate) AS tender_period_start,
    ocds_text(j.tender.tenderPeriod.endDate) AS tender_period_end,
    ocds_text(j.buyer.id) AS buyer_id,
    ocds_text(j.tender.procuringEntity.id) AS procuring_entity_id,
    j.awards IS NOT NULL AS awards_listed,
    j.bids.details IS NOT NULL AS bids_listed,
    list_filter(j.awards, a -> ocds_text(a.status) = 'active') AS active_awards,
    len(list_filter(j.awards, a -> ocds_text(a.status) NOT IN ('active', 'cancelled', 'unsuccessful'))) AS unfinal_awards,
    j.bids.details AS bid_list, j.awards AS award_list
  FROM r
  WHERE json_type(j.ocid) = 'VARCHAR'
)
SELECT seq, ocid, cancelled, procurement_method, procurement_method_details, number_of_tenderers, tender_period_start,
  tender_period_end, buyer_id, procuring_entity_id, awards_listed, bids_listed, coalesce(len(active_awards), 0) AS active_award_count,
  awards_listed AND bids_listed AND unfinal_awards = 0 AS awards_final,
  CASE WHEN awards_listed AND bids_listed AND unfinal_awards = 0 AND len(active_awards) = 1 AND len(active_awards[1].suppliers) = 1
    THEN ocds_text(active_awards[1].suppliers[1].id) END AS sole_supplier_id,
  bid_list, award_list
FROM p;

-- One row per element of a process's bids.details (bid_no from 1, in the release's order). tenderer_count is
-- the length of the tenderers array (NULL when it is not an array); tenderer_ids are its string ids, in order.
CREATE OR REPLACE VIEW v_ocds_bid AS
SELECT seq, bid_no, ocds_text(b.status) AS status,
  CASE WHEN json_type(b.value.amount) IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN CAST(b.value.amount AS DOUBLE) END AS amount,
  ocds_text(b.value.currency) AS currency, ocds_text(b.date) AS bid_date, len(b.tenderers) AS tenderer_count,
  list_transform(list_filter(b.tenderers, t -> json_type(t.id) = 'VARCHAR'), t -> json_extract_string(t.id, '$')) AS tenderer_ids
FROM (SELECT seq, unnest(bid_list) AS b, generate_subscripts(bid_list, 1) AS bid_no FROM v_ocds_process);

-- One row per element of a process's awards, as v_ocds_bid. items_listed: items is an array;
-- classification_ids: the string ids of its items' classifications.
CREATE OR REPLACE VIEW v_ocds_award AS
SELECT seq, award_no, ocds_text(a.status) AS status, len(a.suppliers) AS supplier_count,
  list_transform(list_filter(a.suppliers, s -> json_type(s.id) = 'VARCHAR'), s -> json_extract_string(s.id, '$')) AS supplier_ids,
  a.items IS NOT NULL AS items_listed,
  list_transform(list_filter(a.items, i -> json_type(i.classification.id) = 'VARCHAR'), i -> json_extract_string(i.classification.id, '$')) AS classification_ids
FROM (SELECT seq, unnest(award_list) AS a, generate_subscripts(award_list, 1) AS award_no FROM v_ocds_process);

-- Cardinal's global exclusions, before every indicator: cancelled tenders, and tenders whose
-- procurementMethodDetails is one of excluded_details.
CREATE OR REPLACE MACRO ocds_processes(excluded_details) AS TABLE
SELECT * FROM v_ocds_process
WHERE NOT cancelled AND (procurement_method_details IS NULL OR NOT list_contains(excluded_details, procurement_method_details));

-- Cardinal's price-comparison filter (R024, R028, R036, R058): an allow list, when set, keeps only the listed
-- procurementMethodDetails (a process without one is out); otherwise the deny list removes the listed ones.
CREATE OR REPLACE MACRO ocds_price_comparison(details, no_price_comparison, price_comparison) AS
CASE WHEN len(price_comparison) > 0 THEN coalesce(list_contains(price_comparison, details), false)
     ELSE details IS NULL OR NOT list_contains(no_price_comparison, details) END;

-- Hyndman–Fan type 8 quantile (statrs' Data::quantile, which Cardinal uses) of values sorted ascending:
-- h = (n + 1/3)·tau + 1/3, interpolated between the floor(h)-th value and the next; NULL for no values or a
-- tau outside [0, 1] (statrs: NaN, which flags nothing either). DuckDB's quantile_cont is type 7.
CREATE OR REPLACE MACRO quantile_type8_h(n, tau) AS (n + 1.0::DOUBLE / 3) * tau + 1.0::DOUBLE / 3;
CREATE OR REPLACE MACRO quantile_type8(sorted_values, tau) AS
CASE
  WHEN len(sorted_values) = 0 OR tau < 0 OR tau > 1 THEN NULL
  WHEN tau = 0 OR trunc(quantile_type8_h(len(sorted_values), tau)) <= 0 THEN sorted_values[1]
  WHEN tau = 1 OR trunc(quantile_type8_h(len(sorted_values), tau)) >= len(sorted_values) THEN sorted_values[-1]
  ELSE sorted_values[CAST(trunc(quantile_type8_h(len(sorted_values), tau)) AS BIGINT)]
    + (quantile_type8_h(len(sorted_values), tau) - trunc(quantile_type8_h(len(sorted_values), tau)))
    * (sorted_values[CAST(trunc(quantile_type8_h(len(sorted_values), tau)) AS BIGINT) + 1]
       - sorted_values[CAST(trunc(quantile_type8_h(len(sorted_values), tau)) AS BIGINT)])
END;

-- The first and third quartiles (type 8) of a list of values, as {q1, q3}.
CREATE OR REPLACE MACRO quartiles_type8(vals) AS
  {'q1': quantile_type8(list_sort(CAST(vals AS DOUBLE[])), 0.25), 'q3': quantile_type8(list_sort(CAST(vals AS DOUBLE[])), 0.75)};

-- The rounding error of a + b (Knuth's TwoSum): a + b = fl(a + b) + two_sum_error(a, b) exactly.
CREATE OR REPLACE MACRO two_sum_error(a, b) AS (a - ((a + b) - ((a + b) - a))) + (b - ((a + b) - a));

-- c + 1.5·d rounded once, as Rust's d.mul_add(1.5, c) in Cardinal's fences: two roundings can differ in the
-- last bit, and a value on the fence is flagged or not by that bit. 1.5·d is d + d/2 exactly, so the sum of
-- three doubles is formed with its rounding errors carried (TwoSum) and rounded at the end.
CREATE OR REPLACE MACRO fused_add_1_5(d, c) AS
  (c + (d + d / 2)) + (two_sum_error(d, d / 2) + two_sum_error(c, d + d / 2));

-- Tukey's fences as Cardinal computes them: Q3 + 1.5·IQR and Q1 − 1.5·IQR.
CREATE OR REPLACE MACRO iqr_upper_fence(q1, q3) AS fused_add_1_5(q3 - q1, q3);
CREATE OR REPLACE MACRO iqr_lower_fence(q1, q3) AS fused_add_1_5(q1 - q3, q1);

-- The samples of Cardinal's statistical indicators, shared by their models and by `clearsight ocds-flags`,
-- which prints their quartiles and fences as Cardinal's "Meta".

-- R024 and R058: per process that passes the price-comparison filter and has one active award to one
-- supplier (with every award final), over its valid bids that have a numeric amount in the main currency
-- and exactly one tenderer: the winner's lowest bid and the lowest bid of any other tenderer (the first
-- such bid on a tie), kept when that bid is not below the winner's; ratio = (runner-up − winner) / winner.
-- main_currency '' means the first currency observed among those bids, in seq and bid order.
CREATE OR REPLACE MACRO ocds_second_lowest_bid_ratio(excluded_details, no_price_comparison, price_comparison, main_currency) AS TABLE
WITH p AS (
  SELECT seq, ocid, sole_supplier_id FROM ocds_processes(excluded_details)
  WHERE sole_supplier_id IS NOT NULL AND ocds_price_comparison(procurement_method_details, no_price_comparison, price_comparison)
),
b AS (
  SELECT p.seq, p.ocid, p.sole_supplier_id, v.bid_no, v.amount, v.currency, v.tenderer_ids[1] AS tenderer_id
  FROM p JOIN v_ocds_bid v ON v.seq = p.seq
  WHERE v.status = 'valid' AND v.amount IS NOT NULL AND v.currency IS NOT NULL AND v.tenderer_count = 1 AND len(v.tenderer_ids) = 1
),
m AS (SELECT coalesce(nullif(main_currency, ''), (SELECT first(currency ORDER BY seq, bid_no) FROM b)) AS cur),
w AS (
  SELECT b.seq, any_value(b.ocid) AS ocid, any_value(b.sole_supplier_id) AS winner_id, any_value(m.cur) AS currency,
    min(b.amount) FILTER (WHERE b.tenderer_id = b.sole_supplier_id) AS winner_amount,
    min(b.amount) FILTER (WHERE b.tenderer_id <> b.sole_supplier_id) AS runner_up_amount,
    arg_min(b.tenderer_id, (b.amount, b.bid_no)) FILTER (WHERE b.tenderer_id <> b.sole_supplier_id) AS runner_up_id
  FROM b JOIN m ON b.currency = m.cur
  GROUP BY b.seq
)
SELECT seq, ocid, winner_id, runner_up_id, winner_amount, runner_up_amount, currency,
  (runner_up_amount - winner_amount) / winner_amount AS ratio
FROM w
WHERE winner_amount IS NOT NULL AND runner_up_amount IS NOT NULL AND runner_up_amount >= winner_amount;

-- R025: per tenderer, the processes with one active award to one supplier (every award final) in which it
-- made a valid bid alone (counted once per process), and how many of those it won.
CREATE OR REPLACE MACRO ocds_valid_tenderer_wins(excluded_details) AS TABLE
WITH t AS (
  SELECT DISTINCT p.seq, v.tenderer_ids[1] AS tenderer_id, v.tenderer_ids[1] = p.sole_supplier_id AS won
  FROM ocds_processes(excluded_details) p JOIN v_ocds_bid v ON v.seq = p.seq
  WHERE p.sole_supplier_id IS NOT NULL AND v.status = 'valid' AND v.tenderer_count = 1 AND len(v.tenderer_ids) = 1
)
SELECT tenderer_id, count(*) AS processes, count(*) FILTER (WHERE won) AS wins FROM t GROUP BY tenderer_id;

-- R038: submitted bids (a string status other than invited and withdrawn) and the disqualified ones, per
-- buyer and per procuring entity (summed over their processes) and per tenderer (each of a bid's tenderers).
CREATE OR REPLACE MACRO ocds_disqualified_bids(excluded_details) AS TABLE
WITH s AS (
  SELECT p.seq, p.buyer_id, p.procuring_entity_id, v.status = 'disqualified' AS dq, v.tenderer_ids
  FROM ocds_processes(excluded_details) p JOIN v_ocds_bid v ON v.seq = p.seq
  WHERE v.status NOT IN ('invited', 'withdrawn')
),
per AS (
  SELECT seq, any_value(buyer_id) AS buyer_id, any_value(procuring_entity_id) AS procuring_entity_id,
    count(*) FILTER (WHERE dq) AS disqualified, count(*) AS submitted
  FROM s GROUP BY seq
)
SELECT 'buyer' AS party_group, buyer_id AS party_id, sum(disqualified) AS disqualified, sum(submitted) AS submitted
FROM per WHERE buyer_id IS NOT NULL GROUP BY buyer_id
UNION ALL
SELECT 'procuring_entity', procuring_entity_id, sum(disqualified), sum(submitted)
FROM per WHERE procuring_entity_id IS NOT NULL GROUP BY procuring_entity_id
UNION ALL
SELECT 'tenderer', id, count(*) FILTER (WHERE dq), count(*)
FROM (SELECT dq, unnest(tenderer_ids) AS id FROM s) GROUP BY id;

-- R048: per supplier of active awards made to it alone, the distinct first `digits` characters of its
-- awarded items' classification ids, and the processes in which it had such an item.
CREATE OR REPLACE MACRO ocds_supplier_variety(excluded_details, digits) AS TABLE
WITH c AS (
  SELECT seq, supplier_id, substring(cid, 1, digits) AS code FROM (
    SELECT p.seq, a.supplier_ids[1] AS supplier_id, unnest(a.classification_ids) AS cid
    FROM ocds_processes(excluded_details) p JOIN v_ocds_award a ON a.seq = p.seq
    WHERE a.status = 'active' AND a.supplier_count = 1 AND len(a.supplier_ids) = 1)
)
SELECT supplier_id, count(DISTINCT seq) AS processes, count(DISTINCT code) AS variety, list(DISTINCT code ORDER BY code) AS codes
FROM c GROUP BY supplier_id;
