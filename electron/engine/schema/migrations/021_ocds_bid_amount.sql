-- v_ocds_bid reads a bid's amount with TRY_CAST, as migration 19 reads numberOfTenderers: the CASE of migration
-- 11 only casts JSON numbers, but DuckDB may cast the column before the CASE picks the rows, and an amount
-- written as text ("n/a") then failed every OCDS model reading the bids instead of counting as absent, as
-- Cardinal has it. The rest of the view is unchanged.
CREATE OR REPLACE VIEW v_ocds_bid AS
SELECT seq, bid_no, ocds_text(b.status) AS status,
  CASE WHEN json_type(b.value.amount) IN ('UBIGINT', 'BIGINT', 'DOUBLE') THEN TRY_CAST(b.value.amount AS DOUBLE) END AS amount,
  ocds_text(b.value.currency) AS currency, ocds_text(b.date) AS bid_date, len(b.tenderers) AS tenderer_count,
  list_transform(list_filter(b.tenderers, t -> json_type(t.id) = 'VARCHAR'), t -> json_extract_string(t.id, '$')) AS tenderer_ids
FROM (SELECT seq, unnest(bid_list) AS b, generate_subscripts(bid_list, 1) AS bid_no FROM v_ocds_process);
