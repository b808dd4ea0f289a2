-- A warning keeps a hash of its content (evidence, amount, score, date), so that a run finds the warnings whose
-- content changed by comparing one number per warning: compared as text, every run read and decompressed the
-- evidence of every warning it saw again (1.25 million at bench scale). Empty until a run sees the warning
-- again; that run counts its content as changed and writes it with its hash (the same values).
ALTER TABLE alert ADD COLUMN IF NOT EXISTS content_hash UBIGINT;
