-- A warning keeps a hash of its content (evidence, amount, score, date), so that a run finds the warnings whose
-- content changed by comparing one number per warning: compared as text, every run read and decompressed the
-- evidence of every warning it saw again (1.25 million at bench scale). The hash is the runner's (runner.ts,
-- computeOne: the same expression over columns of the same types), so a warning whose content a run finds
-- unchanged is not written again after the upgrade.
ALTER TABLE alert ADD COLUMN IF NOT EXISTS content_hash UBIGINT;
UPDATE alert SET content_hash = hash(evidence_json, amount_cny, score, occurred_on) WHERE content_hash IS NULL;
