-- The canonical tables' keys become the import's rule alone, not DuckDB PRIMARY KEY constraints. Every import
-- already refuses an empty key and quarantines one that repeats in the file or is already in the workspace
-- (electron/engine/schema/canonical-keys.ts names the keys); the constraint only added an ART index, which at
-- bench scale cost a third of a bid.csv import (12 s of 36) and gigabytes of memory. Each table is rebuilt
-- without it, rows and their order unchanged (DuckDB cannot drop a constraint in place).

CREATE TABLE _rekey AS SELECT * FROM organization; DROP TABLE organization; ALTER TABLE _rekey RENAME TO organization;
CREATE TABLE _rekey AS SELECT * FROM person; DROP TABLE person; ALTER TABLE _rekey RENAME TO person;
CREATE TABLE _rekey AS SELECT * FROM tender; DROP TABLE tender; ALTER TABLE _rekey RENAME TO tender;
CREATE TABLE _rekey AS SELECT * FROM bid; DROP TABLE bid; ALTER TABLE _rekey RENAME TO bid;
CREATE TABLE _rekey AS SELECT * FROM bank_account; DROP TABLE bank_account; ALTER TABLE _rekey RENAME TO bank_account;
CREATE TABLE _rekey AS SELECT * FROM award; DROP TABLE award; ALTER TABLE _rekey RENAME TO award;
CREATE TABLE _rekey AS SELECT * FROM contract; DROP TABLE contract; ALTER TABLE _rekey RENAME TO contract;
CREATE TABLE _rekey AS SELECT * FROM payment; DROP TABLE payment; ALTER TABLE _rekey RENAME TO payment;
CREATE TABLE _rekey AS SELECT * FROM decision; DROP TABLE decision; ALTER TABLE _rekey RENAME TO decision;
CREATE TABLE _rekey AS SELECT * FROM court_case; DROP TABLE court_case; ALTER TABLE _rekey RENAME TO court_case;
CREATE TABLE _rekey AS SELECT * FROM certificate; DROP TABLE certificate; ALTER TABLE _rekey RENAME TO certificate;
CREATE TABLE _rekey AS SELECT * FROM village_asset; DROP TABLE village_asset; ALTER TABLE _rekey RENAME TO village_asset;
CREATE TABLE _rekey AS SELECT * FROM lease_contract; DROP TABLE lease_contract; ALTER TABLE _rekey RENAME TO lease_contract;
