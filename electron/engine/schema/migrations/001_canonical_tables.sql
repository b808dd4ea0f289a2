-- ===== Parties and relationships =====
CREATE TABLE organization (
  org_id VARCHAR PRIMARY KEY, uscc VARCHAR, name VARCHAR, name_norm VARCHAR,
  org_type VARCHAR,            -- company, individual_business, gov_agency, public_institution, soe, village_collective, social_org, foreign
  legal_rep_person_id VARCHAR, reg_capital_cny DECIMAL(18,2), paid_in_capital_cny DECIMAL(18,2),
  established_date DATE, status VARCHAR, status_date DATE,   -- active, revoked, cancelled, moved_out
  reg_address VARCHAR, address_norm VARCHAR, region_code VARCHAR, industry_code VARCHAR, business_scope VARCHAR,
  phone VARCHAR, email VARCHAR, is_state_owned BOOLEAN, parent_org_id VARCHAR,
  insured_staff_count INTEGER, source VARCHAR, as_of DATE);
CREATE TABLE org_contact (org_id VARCHAR, contact_type VARCHAR, value_norm VARCHAR, valid_from DATE, valid_to DATE, source VARCHAR);
CREATE TABLE person (person_id VARCHAR PRIMARY KEY, id_no_hash VARCHAR, name VARCHAR, gender VARCHAR, birth_date DATE,
  death_date DATE, phone VARCHAR, address_norm VARCHAR, hukou_region VARCHAR, is_public_official BOOLEAN);
CREATE TABLE org_role (org_id VARCHAR, person_id VARCHAR, role VARCHAR, title VARCHAR, start_date DATE, end_date DATE, source VARCHAR);
CREATE TABLE official_duty (person_id VARCHAR, employer_org_id VARCHAR, position VARCHAR, rank VARCHAR,
  oversees_org_id VARCHAR, duty_scope VARCHAR, start_date DATE, end_date DATE);
CREATE TABLE shareholding (org_id VARCHAR, holder_type VARCHAR, holder_id VARCHAR, share_ratio DECIMAL(7,6),
  subscribed_cny DECIMAL(18,2), start_date DATE, end_date DATE);
CREATE TABLE kinship (person_id_a VARCHAR, person_id_b VARCHAR, relation VARCHAR, degree INTEGER, source VARCHAR);
CREATE TABLE bank_account (account_id VARCHAR PRIMARY KEY, account_no_hash VARCHAR, bank_name VARCHAR,
  holder_type VARCHAR, holder_id VARCHAR, account_kind VARCHAR);   -- basic, general, special, personal
CREATE TABLE person_asset (person_id VARCHAR, asset_type VARCHAR, reg_date DATE, value_cny DECIMAL(18,2), source VARCHAR);
-- ===== Procurement =====
CREATE TABLE tender (
  tender_id VARCHAR PRIMARY KEY, ocid VARCHAR, project_code VARCHAR, title VARCHAR,
  buyer_org_id VARCHAR, agency_org_id VARCHAR, funding_type VARCHAR,    -- fiscal, state_owned, village, private, mixed
  must_tender BOOLEAN, procurement_method VARCHAR,                       -- open, selective, limited, direct
  method_detail VARCHAR,                                                 -- 公开招标/邀请招标/竞争性谈判/竞争性磋商/询价/单一来源/直接发包/询比价
  category VARCHAR, class_code VARCHAR, est_value_cny DECIMAL(18,2), max_price_cny DECIMAL(18,2),
  publish_date TIMESTAMP, docs_start TIMESTAMP, docs_end TIMESTAMP, bid_deadline TIMESTAMP, open_date TIMESTAMP,
  award_criteria VARCHAR, price_weight DECIMAL(5,4), qualification_text VARCHAR, tech_spec_text VARCHAR,
  deposit_cny DECIMAL(18,2), doc_fee_cny DECIMAL(18,2), region_code VARCHAR, status VARCHAR,
  prev_tender_id VARCHAR, legal_basis VARCHAR);
CREATE TABLE lot (lot_id VARCHAR, tender_id VARCHAR, title VARCHAR, est_value_cny DECIMAL(18,2), max_price_cny DECIMAL(18,2));
CREATE TABLE tender_amendment (tender_id VARCHAR, amend_date TIMESTAMP, amend_type VARCHAR, old_deadline TIMESTAMP, new_deadline TIMESTAMP, description VARCHAR);
CREATE TABLE doc_download (tender_id VARCHAR, lot_id VARCHAR, org_id VARCHAR, person_id VARCHAR, download_time TIMESTAMP, ip VARCHAR, mac VARCHAR);
CREATE TABLE bid (
  bid_id VARCHAR PRIMARY KEY, tender_id VARCHAR, lot_id VARCHAR, org_id VARCHAR, is_consortium BOOLEAN,
  price_cny DECIMAL(18,2), price_score DECIMAL(8,3), tech_score DECIMAL(8,3), biz_score DECIMAL(8,3), total_score DECIMAL(8,3),
  rank INTEGER, status VARCHAR, disq_reason VARCHAR,          -- valid, disqualified, withdrawn, pending
  submit_time TIMESTAMP, upload_ip VARCHAR, upload_mac VARCHAR, cpu_serial VARCHAR, disk_serial VARCHAR,
  machine_code VARCHAR, file_create_id VARCHAR, cost_sw_lock_id VARCHAR,
  agent_person_id VARCHAR, contact_phone VARCHAR, contact_email VARCHAR,
  deposit_account_id VARCHAR, deposit_paid_time TIMESTAMP);
CREATE TABLE bid_member (bid_id VARCHAR, org_id VARCHAR, member_role VARCHAR);
CREATE TABLE bid_document (bid_id VARCHAR, section VARCHAR, sha256 VARCHAR, simhash64 UBIGINT, author VARCHAR,
  last_modified_by VARCHAR, created_at TIMESTAMP, modified_at TIMESTAMP, software VARCHAR, text_excerpt VARCHAR);
CREATE TABLE bid_personnel (bid_id VARCHAR, person_id VARCHAR, role VARCHAR, cert_id VARCHAR);
CREATE TABLE bid_item (bid_id VARCHAR, item_code VARCHAR, item_desc VARCHAR, unit VARCHAR, qty DECIMAL(18,4), unit_price_cny DECIMAL(18,4));
CREATE TABLE bid_claim (bid_id VARCHAR, claim_type VARCHAR, claimed_buyer_name VARCHAR, claimed_contract_ref VARCHAR,
  claimed_value_cny DECIMAL(18,2), claimed_completion DATE);
CREATE TABLE eval_committee (tender_id VARCHAR, lot_id VARCHAR, person_id VARCHAR, member_role VARCHAR, selection VARCHAR,
  expert_work_org_id VARCHAR, specialty VARCHAR, draw_time TIMESTAMP);
CREATE TABLE eval_score (tender_id VARCHAR, lot_id VARCHAR, expert_person_id VARCHAR, bid_id VARCHAR, criterion_code VARCHAR,
  is_objective BOOLEAN, score DECIMAL(8,3), max_score DECIMAL(8,3));
CREATE TABLE award (award_id VARCHAR PRIMARY KEY, tender_id VARCHAR, lot_id VARCHAR, bid_id VARCHAR, supplier_org_id VARCHAR,
  candidate_rank INTEGER, award_value_cny DECIMAL(18,2), notice_date TIMESTAMP, publicity_start TIMESTAMP, publicity_end TIMESTAMP,
  status VARCHAR, reason_code VARCHAR);
CREATE TABLE complaint (tender_id VARCHAR, complainant_org_id VARCHAR, complaint_date DATE, subject VARCHAR, decision VARCHAR, decision_date DATE);
CREATE TABLE contract (contract_id VARCHAR PRIMARY KEY, tender_id VARCHAR, award_id VARCHAR, buyer_org_id VARCHAR, supplier_org_id VARCHAR,
  procurement_method VARCHAR, method_detail VARCHAR, category VARCHAR, class_code VARCHAR, value_cny DECIMAL(18,2), sign_date DATE, start_date DATE,
  planned_end_date DATE, actual_end_date DATE, acceptance_date DATE, settlement_value_cny DECIMAL(18,2), status VARCHAR,
  budget_id VARCHAR, parent_contract_id VARCHAR, justification_code VARCHAR, project_ref VARCHAR);
CREATE TABLE contract_amendment (amend_id VARCHAR, contract_id VARCHAR, amend_date DATE, amend_type VARCHAR,
  value_delta_cny DECIMAL(18,2), new_end_date DATE, reason VARCHAR, decision_id VARCHAR);
CREATE TABLE subcontract (contract_id VARCHAR, sub_org_id VARCHAR, value_cny DECIMAL(18,2), scope VARCHAR, sign_date DATE);
CREATE TABLE project_staff (person_id VARCHAR, contract_id VARCHAR, role VARCHAR, start_date DATE, end_date DATE, source VARCHAR);
CREATE TABLE budget_item (budget_id VARCHAR, org_id VARCHAR, fiscal_year INTEGER, name VARCHAR, class_code VARCHAR, amount_cny DECIMAL(18,2), is_special_fund BOOLEAN);
-- ===== Money and decisions =====
CREATE TABLE payment (payment_id VARCHAR PRIMARY KEY, payer_org_id VARCHAR, payer_account_id VARCHAR, payee_name VARCHAR,
  payee_type VARCHAR, payee_id VARCHAR, payee_account_id VARCHAR, amount_cny DECIMAL(18,2), pay_time TIMESTAMP,
  channel VARCHAR, purpose VARCHAR, purpose_code VARCHAR, contract_id VARCHAR, budget_id VARCHAR, voucher_no VARCHAR,
  invoice_no VARCHAR, decision_id VARCHAR);
CREATE TABLE bank_txn (txn_id VARCHAR, from_account_id VARCHAR, to_account_id VARCHAR, amount_cny DECIMAL(18,2), txn_time TIMESTAMP, memo VARCHAR);
CREATE TABLE decision (decision_id VARCHAR PRIMARY KEY, org_id VARCHAR, body VARCHAR, meeting_date DATE, subject VARCHAR,
  subject_type VARCHAR, amount_cny DECIMAL(18,2), attendees INTEGER, eligible_members INTEGER, votes_for INTEGER,
  ref_contract_id VARCHAR, ref_payment_id VARCHAR, ref_lease_id VARCHAR, ref_project VARCHAR);
CREATE TABLE grant_award (grant_id VARCHAR, program VARCHAR, recipient_type VARCHAR, recipient_id VARCHAR, project_ref VARCHAR,
  amount_cny DECIMAL(18,2), apply_date DATE, approve_date DATE, approver_person_id VARCHAR);
-- ===== External risk and credentials =====
CREATE TABLE court_case (case_id VARCHAR PRIMARY KEY, case_no VARCHAR, court VARCHAR, case_type VARCHAR, cause VARCHAR,
  filing_date DATE, judgment_date DATE, subject_amount_cny DECIMAL(18,2), closed BOOLEAN);
CREATE TABLE case_party (case_id VARCHAR, party_type VARCHAR, party_id VARCHAR, party_name VARCHAR, party_role VARCHAR);
CREATE TABLE credit_list (subject_type VARCHAR, subject_id VARCHAR, list_type VARCHAR, authority VARCHAR,
  listed_date DATE, removed_date DATE, decision_no VARCHAR);
CREATE TABLE admin_penalty (subject_type VARCHAR, subject_id VARCHAR, authority VARCHAR, decision_no VARCHAR, decision_date DATE,
  penalty_type VARCHAR, fine_cny DECIMAL(18,2), ban_start DATE, ban_end DATE, violation_text VARCHAR);
CREATE TABLE certificate (cert_id VARCHAR PRIMARY KEY, holder_type VARCHAR, holder_id VARCHAR, cert_type VARCHAR, specialty VARCHAR,
  grade VARCHAR, registered_org_id VARCHAR, issue_date DATE, expiry_date DATE, status VARCHAR);
CREATE TABLE social_insurance (person_id VARCHAR, employer_org_id VARCHAR, period_month DATE, insurance_type VARCHAR, base_cny DECIMAL(18,2));
-- ===== Village collective three capitals =====
CREATE TABLE village_asset (asset_id VARCHAR PRIMARY KEY, collective_org_id VARCHAR, asset_class VARCHAR, name VARCHAR,
  area DECIMAL(18,4), area_unit VARCHAR, location VARCHAR, book_value_cny DECIMAL(18,2), status VARCHAR,
  ref_rent_per_unit_year DECIMAL(18,4), right_end_date DATE);
CREATE TABLE lease_contract (lease_id VARCHAR PRIMARY KEY, asset_id VARCHAR, collective_org_id VARCHAR, lessee_type VARCHAR,
  lessee_id VARCHAR, lessee_name VARCHAR, sign_date DATE, start_date DATE, end_date DATE, annual_rent_cny DECIMAL(18,2),
  leased_area DECIMAL(18,4), payment_cycle VARCHAR, award_method VARCHAR, deposit_cny DECIMAL(18,2), escalation_rate DECIMAL(6,4), status VARCHAR);
CREATE TABLE rent_schedule (lease_id VARCHAR, due_date DATE, amount_due_cny DECIMAL(18,2));
CREATE TABLE rent_receipt (receipt_id VARCHAR, lease_id VARCHAR, receipt_date DATE, amount_cny DECIMAL(18,2), channel VARCHAR,
  to_account_id VARCHAR, voucher_id VARCHAR);
CREATE TABLE village_voucher (voucher_id VARCHAR, collective_org_id VARCHAR, voucher_date DATE, subject_code VARCHAR, summary VARCHAR,
  debit_cny DECIMAL(18,2), credit_cny DECIMAL(18,2),  -- cash/bank side: debit = inflow, credit = outflow
  cash_flag BOOLEAN, counterparty_name VARCHAR, counterparty_type VARCHAR,
  counterparty_id VARCHAR, has_invoice BOOLEAN, contract_id VARCHAR, lease_id VARCHAR, project_ref VARCHAR);
CREATE TABLE cash_balance (collective_org_id VARCHAR, balance_date DATE, cash_on_hand_cny DECIMAL(18,2));
CREATE TABLE benefit_payment (program VARCHAR, recipient_person_id VARCHAR, village_org_id VARCHAR, household_id VARCHAR,
  amount_cny DECIMAL(18,2), period VARCHAR, pay_date DATE, approver_person_id VARCHAR);
-- ===== Models and closed-loop alerts =====
CREATE TABLE model (model_id VARCHAR PRIMARY KEY, name_en VARCHAR, name_cn VARCHAR, domain VARCHAR, category VARCHAR,
  kind VARCHAR, default_severity VARCHAR, version VARCHAR, sql_text VARCHAR, source VARCHAR, enabled BOOLEAN);
CREATE TABLE model_param (model_id VARCHAR, param VARCHAR, value VARCHAR, scope VARCHAR);
CREATE TABLE model_run (run_id VARCHAR PRIMARY KEY, model_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, data_as_of DATE, params_json VARCHAR, row_count INTEGER);
CREATE TABLE alert (alert_id VARCHAR PRIMARY KEY, run_id VARCHAR, model_id VARCHAR, severity VARCHAR, subject_type VARCHAR, subject_id VARCHAR,
  tender_id VARCHAR, contract_id VARCHAR, org_id VARCHAR, person_id VARCHAR, score DOUBLE, amount_cny DECIMAL(18,2),
  evidence_json VARCHAR, fingerprint VARCHAR, status VARCHAR, assignee VARCHAR, due_date DATE, created_at TIMESTAMP);
CREATE TABLE alert_action (alert_id VARCHAR, action_time TIMESTAMP, actor VARCHAR, action VARCHAR, from_status VARCHAR,
  to_status VARCHAR, comment VARCHAR, attachment_sha256 VARCHAR);
