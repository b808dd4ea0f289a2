-- Model support tables (模型支撑表): a derived view the models read is kept computed in the
-- schema `support` until the data it reads changes, instead of being computed again by every run
-- (models/support-tables.ts). The registry names, for each, a stamp of the data and view definitions it was
-- computed from, and the columns it keeps.
CREATE SCHEMA IF NOT EXISTS support;
CREATE TABLE IF NOT EXISTS support.registry (
  view_name VARCHAR PRIMARY KEY, stamp VARCHAR NOT NULL, columns VARCHAR[], row_count BIGINT, built_at TIMESTAMP, seconds DOUBLE);

-- The staff each bid names, with the bid's lot and bidder. Three models join bid_personnel (8.8 million rows
-- at bench scale) to bid (8.7 million) on bid_id; read through a support table the join is made once per
-- change of the data, not once per model and run.
CREATE OR REPLACE VIEW v_bid_person AS
SELECT bp.bid_id, b.tender_id, b.lot_id, b.org_id, bp.person_id, bp.role, bp.cert_id
FROM bid_personnel bp JOIN bid b USING (bid_id);

-- The authors of each bid file as compared, trimmed and in lower case (the fields often carry stray spaces),
-- with the bid's lot and bidder: BID-001 compares them between the bidders of a lot, which joined
-- bid_document (8.7 million rows at bench scale) to bid and normalised every name on every run.
CREATE OR REPLACE VIEW v_bid_doc AS
SELECT d.bid_id, b.tender_id, b.lot_id, b.org_id, lower(trim(d.author)) AS author_norm, lower(trim(d.last_modified_by)) AS modifier_norm
FROM bid_document d JOIN bid b USING (bid_id);

-- The distinct upload devices and contact details each bidder's bids carry: some 200,000 combinations among
-- 8.7 million bids at bench scale. BID-002 and BID-003 look for devices and contacts two bidders share, and
-- grouped every bid to find them on every run.
CREATE OR REPLACE VIEW v_bid_identity AS
SELECT DISTINCT org_id, upload_mac, cpu_serial, disk_serial, upload_ip, agent_person_id, contact_phone, contact_email
FROM bid;
