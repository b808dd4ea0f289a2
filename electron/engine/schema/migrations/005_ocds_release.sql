-- Raw OCDS releases as imported, so that indicators can read fields the canonical tables do not map.
CREATE TABLE ocds_release (ocid VARCHAR, release_id VARCHAR, release_date VARCHAR, batch_id VARCHAR, release_json VARCHAR);
