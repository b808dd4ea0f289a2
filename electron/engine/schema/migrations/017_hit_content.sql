-- A run's hits are stored as records that point at their content, and a content is stored once: a run that
-- finds what an earlier run found (the usual case, the analyst running again) writes a narrow record per hit
-- and no new content. Stored whole, every run wrote and compressed each hit's evidence again (1.25 million
-- hits a run at bench scale, 8-10 s of a run with the checkpoint after it, and a workspace that grew by as
-- much each run). `hit` stays the view of a run's hits with the columns it always had.
--
-- content_hash is DuckDB's 64-bit hash of a hit's content: every column but the run, model, number, severity
-- and fingerprint (the record's), in this order. The runner computes the same expression (runner.ts,
-- CONTENT_HASH), and a warning keeps it to tell a changed content from an unchanged one. A content is named by
-- its fingerprint and hash.
CREATE TABLE hit_content (
  fingerprint UHUGEINT, content_hash UBIGINT,
  subject_type VARCHAR, subject_id VARCHAR, tender_id VARCHAR, lot_id VARCHAR, org_id VARCHAR, person_id VARCHAR,
  contract_id VARCHAR, lease_id VARCHAR, buyer_org_id VARCHAR, amount_cny DECIMAL(18,2), score DOUBLE,
  occurred_on DATE, region_code VARCHAR, evidence_json VARCHAR);
CREATE TABLE hit_record (
  analysis_run_id VARCHAR, model_id VARCHAR, hit_no INTEGER, severity VARCHAR, fingerprint UHUGEINT, content_hash UBIGINT);

INSERT INTO hit_record
  SELECT analysis_run_id, model_id, hit_no, severity, fingerprint,
    hash(subject_type, subject_id, tender_id, lot_id, org_id, person_id, contract_id, lease_id, buyer_org_id,
      amount_cny, score, occurred_on, region_code, evidence_json)
  FROM hit;
INSERT INTO hit_content
  SELECT DISTINCT ON (fingerprint, content_hash) * FROM (
    SELECT fingerprint, hash(subject_type, subject_id, tender_id, lot_id, org_id, person_id, contract_id, lease_id, buyer_org_id,
        amount_cny, score, occurred_on, region_code, evidence_json) AS content_hash,
      subject_type, subject_id, tender_id, lot_id, org_id, person_id, contract_id, lease_id, buyer_org_id,
      amount_cny, score, occurred_on, region_code, evidence_json
    FROM hit);
DROP TABLE hit;

-- Every hit of every run, as the model returned it.
CREATE VIEW hit AS
  SELECT r.analysis_run_id, r.model_id, r.hit_no, r.severity,
    c.subject_type, c.subject_id, c.tender_id, c.lot_id, c.org_id, c.person_id, c.contract_id, c.lease_id, c.buyer_org_id,
    c.amount_cny, c.score, c.occurred_on, c.region_code, c.evidence_json, r.fingerprint
  FROM hit_record r JOIN hit_content c ON c.fingerprint = r.fingerprint AND c.content_hash = r.content_hash;

-- A warning's hash of its content becomes the same as its hits'.
UPDATE alert SET content_hash = hash(subject_type, subject_id, tender_id, lot_id, org_id, person_id, contract_id, lease_id,
  buyer_org_id, amount_cny, score, occurred_on, region_code, evidence_json);
