-- The import log: each import command is a batch; each file in it a row of import_file; rows that failed
-- validation are kept in quarantine with their reason and the raw row, so nothing is silently dropped.
CREATE TABLE import_batch (batch_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, app_version VARCHAR);
CREATE TABLE import_file (
  batch_id VARCHAR, file VARCHAR, sha256 VARCHAR, size_bytes BIGINT, table_name VARCHAR, format VARCHAR, encoding VARCHAR,
  rows_read BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT, seconds DOUBLE);
CREATE TABLE quarantine (
  batch_id VARCHAR, file VARCHAR, table_name VARCHAR, row_no BIGINT, column_name VARCHAR, value VARCHAR, reason VARCHAR, raw_row VARCHAR);
