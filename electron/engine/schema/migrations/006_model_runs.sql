-- Model runs, their hits, and warnings with history (issue 4). Appendix A's model_run and alert gain
-- the columns the runner and the high-frequency study need; nothing is renamed.

-- One analysis run: the models asked for, their parameters, and what the data looked like.
CREATE TABLE analysis_run (
  run_id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, as_of DATE,
  models_json VARCHAR, params_json VARCHAR, data_fingerprint VARCHAR, status VARCHAR, seconds DOUBLE);

-- One row per model in a run (run_id = '<analysis run>/<model>').
ALTER TABLE model_run ADD COLUMN analysis_run_id VARCHAR;
ALTER TABLE model_run ADD COLUMN status VARCHAR;          -- ok | not_applicable | failed
ALTER TABLE model_run ADD COLUMN missing_json VARCHAR;    -- the tables/columns a not-applicable model lacks
ALTER TABLE model_run ADD COLUMN seconds DOUBLE;
ALTER TABLE model_run ADD COLUMN data_fingerprint VARCHAR;
ALTER TABLE model_run ADD COLUMN model_sha256 VARCHAR;    -- the model file as it ran

-- Every hit of every run, as the model returned it.
CREATE TABLE hit (
  analysis_run_id VARCHAR, model_id VARCHAR, hit_no INTEGER, severity VARCHAR,
  subject_type VARCHAR, subject_id VARCHAR, tender_id VARCHAR, lot_id VARCHAR, org_id VARCHAR, person_id VARCHAR,
  contract_id VARCHAR, lease_id VARCHAR, buyer_org_id VARCHAR, amount_cny DECIMAL(18,2), score DOUBLE,
  occurred_on DATE, region_code VARCHAR, evidence_json VARCHAR, fingerprint VARCHAR);

-- Warnings: one per fingerprint (model + subject), updated by every run that finds it again.
ALTER TABLE alert ADD COLUMN lot_id VARCHAR;
ALTER TABLE alert ADD COLUMN lease_id VARCHAR;
ALTER TABLE alert ADD COLUMN buyer_org_id VARCHAR;
ALTER TABLE alert ADD COLUMN region_code VARCHAR;
ALTER TABLE alert ADD COLUMN occurred_on DATE;
ALTER TABLE alert ADD COLUMN base_severity VARCHAR;       -- the model's own severity for this hit
ALTER TABLE alert ADD COLUMN escalation VARCHAR;          -- why severity is higher than base_severity (catalog §4.2)
ALTER TABLE alert ADD COLUMN first_seen TIMESTAMP;
ALTER TABLE alert ADD COLUMN last_seen TIMESTAMP;
ALTER TABLE alert ADD COLUMN times_seen INTEGER;
ALTER TABLE alert ADD COLUMN last_run_id VARCHAR;
