-- v_ocds_process reads numberOfTenderers with TRY_CAST. The CASE of migration 011 only casts a JSON unsigned
-- integer, but DuckDB may cast the column before the CASE picks the rows (it did once the view was computed
-- whole into a support table): a -1 then failed the run ("Failed to cast value to numerical") instead of
-- counting as absent, as Cardinal has it. The rest of the view is unchanged.
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
    CASE WHEN json_type(j.tender.numberOfTenderers) = 'UBIGINT' THEN TRY_CAST(j.tender.numberOfTenderers AS UBIGINT) END AS number_of_tenderers,
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
