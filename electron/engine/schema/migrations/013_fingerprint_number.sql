-- A warning's fingerprint becomes a 128-bit number: the MD5 of the same key as before (model | subject type |
-- subject | tender | lot), read as an unsigned integer by DuckDB's md5_number. At bench scale a run stores
-- and matches over a million fingerprints; as 64-character text they cost more to store than the rest of the
-- hit's keys together, and every match of a run's hits to their warnings compared them character by
-- character. Existing hits and warnings are rekeyed from their own columns, so a warning raised before this
-- version is still found again by the next run.
-- Both tables are rebuilt (rows, column order and alert's key unchanged) rather than altered in place: DuckDB
-- cannot replay an ALTER … TYPE … USING md5_number(…) from its write-ahead log, so a crash before the next
-- checkpoint would leave the workspace unopenable; a rebuild is logged as plain rows.
CREATE TABLE _rekey AS SELECT * REPLACE (
  md5_number(concat_ws('|', model_id, subject_type, subject_id, COALESCE(tender_id, ''), COALESCE(lot_id, ''))) AS fingerprint) FROM hit;
DROP TABLE hit;
ALTER TABLE _rekey RENAME TO hit;

CREATE TABLE _rekey (alert_id VARCHAR PRIMARY KEY, run_id VARCHAR, model_id VARCHAR, severity VARCHAR, subject_type VARCHAR,
  subject_id VARCHAR, tender_id VARCHAR, contract_id VARCHAR, org_id VARCHAR, person_id VARCHAR, score DOUBLE, amount_cny DECIMAL(18,2),
  evidence_json VARCHAR, fingerprint UHUGEINT, status VARCHAR, assignee VARCHAR, due_date DATE, created_at TIMESTAMP, lot_id VARCHAR,
  lease_id VARCHAR, buyer_org_id VARCHAR, region_code VARCHAR, occurred_on DATE, base_severity VARCHAR, escalation VARCHAR,
  first_seen TIMESTAMP, last_seen TIMESTAMP, times_seen INTEGER, last_run_id VARCHAR);
INSERT INTO _rekey SELECT * REPLACE (
  md5_number(concat_ws('|', model_id, subject_type, subject_id, COALESCE(tender_id, ''), COALESCE(lot_id, ''))) AS fingerprint) FROM alert;
DROP TABLE alert;
ALTER TABLE _rekey RENAME TO alert;
