-- A warning's fingerprint becomes a 128-bit number: the MD5 of the same key as before (model | subject type |
-- subject | tender | lot), read as an unsigned integer by DuckDB's md5_number. At bench scale a run stores
-- and matches over a million fingerprints; as 64-character text they cost more to store than the rest of the
-- hit's keys together, and every match of a run's hits to their warnings compared them character by
-- character. Existing hits and warnings are rekeyed from their own columns, so a warning raised before this
-- version is still found again by the next run.
-- In two steps, the type and then the values: DuckDB cannot replay an ALTER … TYPE … USING md5_number(…) from
-- its write-ahead log (a crash before the next checkpoint would leave the workspace unopenable), and an UPDATE
-- is logged as values. (Rebuilding the tables instead took a minute for 25 million hits; this takes seconds.)
ALTER TABLE hit ALTER fingerprint TYPE UHUGEINT USING NULL;
UPDATE hit SET fingerprint = md5_number(concat_ws('|', model_id, subject_type, subject_id, COALESCE(tender_id, ''), COALESCE(lot_id, '')));
ALTER TABLE alert ALTER fingerprint TYPE UHUGEINT USING NULL;
UPDATE alert SET fingerprint = md5_number(concat_ws('|', model_id, subject_type, subject_id, COALESCE(tender_id, ''), COALESCE(lot_id, '')));
