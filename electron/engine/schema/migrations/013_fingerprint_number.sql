-- A warning's fingerprint becomes a 128-bit number: the MD5 of the same key as before (model | subject type |
-- subject | tender | lot), read as an unsigned integer by DuckDB's md5_number. At bench scale a run stores
-- and matches over a million fingerprints; as 64-character text they cost more to store than the rest of the
-- hit's keys together, and every match of a run's hits to their warnings compared them character by
-- character. Existing hits and warnings are rekeyed from their own columns, so a warning raised before this
-- version is still found again by the next run.
ALTER TABLE hit ALTER fingerprint TYPE UHUGEINT
  USING md5_number(concat_ws('|', model_id, subject_type, subject_id, COALESCE(tender_id, ''), COALESCE(lot_id, '')));
ALTER TABLE alert ALTER fingerprint TYPE UHUGEINT
  USING md5_number(concat_ws('|', model_id, subject_type, subject_id, COALESCE(tender_id, ''), COALESCE(lot_id, '')));
