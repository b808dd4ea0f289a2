-- Workbench tables that are not in the catalog's Appendix A.

-- Ground truth of the synthetic province: every planted case and every near miss, so that
-- detection quality (recall, precision) can be measured against known answers.
CREATE TABLE synthetic_truth (
  case_id VARCHAR PRIMARY KEY,   -- e.g. BID-001/planted/1
  model_id VARCHAR NOT NULL,     -- the catalog model the case is made for
  truth VARCHAR NOT NULL,        -- planted | near_miss
  subject_type VARCHAR NOT NULL, -- what a hit is about: lot, org_pair, org, person, contract, payment, lease, ...
  subject_id VARCHAR NOT NULL,   -- the subject's key (pairs: the two ids sorted and joined by '|')
  tender_id VARCHAR, lot_id VARCHAR, org_id VARCHAR, org_id_b VARCHAR, person_id VARCHAR,
  contract_id VARCHAR, payment_id VARCHAR, lease_id VARCHAR,
  note_zh VARCHAR, note_en VARCHAR);

-- Facts about the workspace itself: created_at, app_version, data_as_of, synthetic_scale/seed.
CREATE TABLE workspace_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
