// The record sections of a warning's drill-down: which canonical rows to show for which subjects. Each
// runs only when the warning has subjects of a kind it needs; all values are bound ($tenders, $orgs...).
import type { WarningSubjects } from './subjects.ts';

export type MaskKind = 'phone' | 'email' | 'address' | 'birth_date' | 'text';

export interface SectionSpec {
  id: string;
  title: readonly [string, string];
  table: string;
  needs: ReadonlyArray<Exclude<keyof WarningSubjects, 'lot'>>;
  /** One SELECT with its ORDER BY; its output columns in display order. */
  sql: string;
  /** Columns holding personal identifiers, masked unless revealed. */
  mask?: Record<string, MaskKind>;
}

const IN = (list: string) => `IN (SELECT unnest($${list}))`;
const ORG_NAME = (col: string) => `(SELECT o.name FROM organization o WHERE o.org_id = ${col})`;
const PERSON_NAME = (col: string) => `(SELECT p.name FROM person p WHERE p.person_id = ${col})`;
const PARTY_NAME = (type: string, id: string) => `CASE ${type} WHEN 'person' THEN ${PERSON_NAME(id)} ELSE ${ORG_NAME(id)} END`;
const TS = (col: string) => `strftime(${col}, '%Y-%m-%d %H:%M:%S')`;
/** The contracts of the warning, and those of its tenders. */
const CONTRACTS = `(SELECT contract_id FROM contract WHERE contract_id ${IN('contracts')} OR tender_id ${IN('tenders')})`;

export const SECTIONS: readonly SectionSpec[] = [
  {
    id: 'tender', title: ['招标项目', 'Tender'], table: 'tender', needs: ['tenders'],
    sql: `SELECT t.tender_id, t.title, ${ORG_NAME('t.buyer_org_id')} AS buyer_name, ${ORG_NAME('t.agency_org_id')} AS agency_name,
      t.method_detail, t.category, t.est_value_cny, t.max_price_cny, ${TS('t.publish_date')} AS publish_date, ${TS('t.bid_deadline')} AS bid_deadline,
      ${TS('t.open_date')} AS open_date, t.region_code, t.status
      FROM tender t WHERE t.tender_id ${IN('tenders')} ORDER BY t.tender_id`,
  },
  {
    id: 'bids', title: ['投标情况', 'Bids'], table: 'bid', needs: ['tenders'],
    sql: `SELECT b.bid_id, b.lot_id, b.org_id, ${ORG_NAME('b.org_id')} AS org_name, b.org_id ${IN('orgs')} AS is_subject,
      b.price_cny, b.rank, b.status, b.total_score, ${TS('b.submit_time')} AS submit_time, b.upload_ip, b.upload_mac, b.machine_code,
      b.file_create_id, b.cost_sw_lock_id,
      (SELECT string_agg(left(d.sha256, 16) || COALESCE('（' || d.author || '）', ''), '; ' ORDER BY d.section, d.sha256) FROM bid_document d WHERE d.bid_id = b.bid_id) AS doc_hashes,
      ${PERSON_NAME('b.agent_person_id')} AS agent_name, b.contact_phone, b.contact_email, b.deposit_account_id
      FROM bid b WHERE b.tender_id ${IN('tenders')} AND ($lot IS NULL OR $lot = '-' OR b.lot_id = $lot)
      ORDER BY b.tender_id, b.lot_id, b.rank NULLS LAST, b.price_cny, b.bid_id`,
    mask: { contact_phone: 'phone', contact_email: 'email' },
  },
  {
    id: 'bid_personnel', title: ['投标文件载明人员', 'Personnel named in bids'], table: 'bid_personnel', needs: ['tenders'],
    sql: `SELECT b.bid_id, ${ORG_NAME('b.org_id')} AS org_name, bp.person_id, ${PERSON_NAME('bp.person_id')} AS person_name, bp.role, bp.cert_id
      FROM bid_personnel bp JOIN bid b USING (bid_id) WHERE b.tender_id ${IN('tenders')} AND ($lot IS NULL OR $lot = '-' OR b.lot_id = $lot)
      ORDER BY b.bid_id, bp.role, bp.person_id`,
  },
  {
    id: 'awards', title: ['中标结果', 'Awards'], table: 'award', needs: ['tenders'],
    sql: `SELECT a.award_id, a.lot_id, a.supplier_org_id, ${ORG_NAME('a.supplier_org_id')} AS supplier_name, a.candidate_rank, a.award_value_cny,
      ${TS('a.notice_date')} AS notice_date, a.status FROM award a WHERE a.tender_id ${IN('tenders')} ORDER BY a.lot_id, a.candidate_rank NULLS LAST, a.award_id`,
  },
  {
    id: 'eval_committee', title: ['评标委员会', 'Evaluation committee'], table: 'eval_committee', needs: ['tenders'],
    sql: `SELECT e.lot_id, e.person_id, ${PERSON_NAME('e.person_id')} AS person_name, e.member_role, e.selection,
      ${ORG_NAME('e.expert_work_org_id')} AS expert_work_unit, e.specialty, ${TS('e.draw_time')} AS draw_time
      FROM eval_committee e WHERE e.tender_id ${IN('tenders')} AND ($lot IS NULL OR $lot = '-' OR e.lot_id = $lot) ORDER BY e.lot_id, e.member_role, e.person_id`,
  },
  {
    id: 'organizations', title: ['相关单位', 'Organisations'], table: 'organization', needs: ['orgs'],
    sql: `SELECT o.org_id, o.name, o.uscc, o.org_type, ${PERSON_NAME('o.legal_rep_person_id')} AS legal_rep_name, o.reg_capital_cny,
      o.established_date, o.status, o.region_code, o.reg_address, o.insured_staff_count
      FROM organization o WHERE o.org_id ${IN('orgs')} ORDER BY list_position($orgs, o.org_id)`,
  },
  {
    id: 'shareholders', title: ['股东', 'Shareholders'], table: 'shareholding', needs: ['orgs'],
    sql: `SELECT ${ORG_NAME('s.org_id')} AS org_name, s.holder_type, s.holder_id, ${PARTY_NAME('s.holder_type', 's.holder_id')} AS holder_name,
      s.share_ratio, s.subscribed_cny, s.start_date, s.end_date
      FROM shareholding s WHERE s.org_id ${IN('orgs')} OR s.holder_id ${IN('orgs')} OR (s.holder_type = 'person' AND s.holder_id ${IN('persons')})
      ORDER BY list_position($orgs, s.org_id) NULLS LAST, s.share_ratio DESC NULLS LAST, s.holder_id`,
  },
  {
    id: 'officers', title: ['任职人员', 'Officers'], table: 'org_role', needs: ['orgs', 'persons'],
    sql: `SELECT ${ORG_NAME('r.org_id')} AS org_name, r.person_id, ${PERSON_NAME('r.person_id')} AS person_name, r.role, r.title AS role_title, r.start_date, r.end_date
      FROM org_role r WHERE r.org_id ${IN('orgs')} OR r.person_id ${IN('persons')}
      ORDER BY list_position($orgs, r.org_id) NULLS LAST, r.role, r.person_id`,
  },
  {
    id: 'contacts', title: ['联系方式', 'Contacts'], table: 'org_contact', needs: ['orgs'],
    sql: `SELECT ${ORG_NAME('c.org_id')} AS org_name, c.contact_type, c.value_norm, c.valid_from AS start_date, c.valid_to AS end_date
      FROM org_contact c WHERE c.org_id ${IN('orgs')} ORDER BY list_position($orgs, c.org_id), c.contact_type, c.value_norm`,
    mask: { value_norm: 'text' },
  },
  {
    id: 'accounts', title: ['银行账户', 'Bank accounts'], table: 'bank_account', needs: ['orgs', 'persons', 'accounts'],
    sql: `SELECT a.account_id, a.bank_name, a.holder_type, ${PARTY_NAME('a.holder_type', 'a.holder_id')} AS holder_name, a.account_kind
      FROM bank_account a WHERE a.account_id ${IN('accounts')} OR a.holder_id ${IN('orgs')} OR a.holder_id ${IN('persons')} ORDER BY a.account_id`,
  },
  {
    id: 'persons', title: ['相关人员', 'Persons'], table: 'person', needs: ['persons'],
    sql: `SELECT p.person_id, p.name AS person_name, p.gender, p.birth_date, p.phone, p.hukou_region, p.is_public_official,
      (SELECT string_agg(d.position || '@' || COALESCE(${ORG_NAME('d.employer_org_id')}, d.employer_org_id), '; ') FROM official_duty d WHERE d.person_id = p.person_id) AS position
      FROM person p WHERE p.person_id ${IN('persons')} ORDER BY list_position($persons, p.person_id)`,
    mask: { phone: 'phone', birth_date: 'birth_date' },
  },
  {
    id: 'kinship', title: ['亲属关系', 'Kinship'], table: 'kinship', needs: ['persons'],
    sql: `SELECT ${PERSON_NAME('k.person_id_a')} AS person_a, ${PERSON_NAME('k.person_id_b')} AS person_b, k.relation, k.degree
      FROM kinship k WHERE k.person_id_a ${IN('persons')} OR k.person_id_b ${IN('persons')} ORDER BY k.person_id_a, k.person_id_b`,
  },
  {
    id: 'contracts', title: ['合同', 'Contracts'], table: 'contract', needs: ['contracts', 'tenders'],
    sql: `SELECT c.contract_id, c.tender_id, ${ORG_NAME('c.buyer_org_id')} AS buyer_name, ${ORG_NAME('c.supplier_org_id')} AS supplier_name,
      c.method_detail, c.category, c.value_cny, c.sign_date, c.start_date, c.settlement_value_cny, c.status
      FROM contract c WHERE c.contract_id IN ${CONTRACTS} ORDER BY c.sign_date, c.contract_id`,
  },
  {
    id: 'contract_amendments', title: ['合同变更', 'Contract amendments'], table: 'contract_amendment', needs: ['contracts', 'tenders'],
    sql: `SELECT a.contract_id, a.amend_id, a.amend_date, a.amend_type, a.value_delta_cny, a.new_end_date, a.reason, a.decision_id
      FROM contract_amendment a WHERE a.contract_id IN ${CONTRACTS} ORDER BY a.amend_date, a.amend_id`,
  },
  {
    id: 'subcontracts', title: ['分包', 'Subcontracts'], table: 'subcontract', needs: ['contracts', 'tenders'],
    sql: `SELECT s.contract_id, ${ORG_NAME('s.sub_org_id')} AS sub_org_name, s.value_cny, s.scope, s.sign_date
      FROM subcontract s WHERE s.contract_id IN ${CONTRACTS} ORDER BY s.sign_date, s.sub_org_id`,
  },
  {
    id: 'payments', title: ['支付记录', 'Payments'], table: 'payment', needs: ['payments', 'contracts', 'tenders'],
    sql: `SELECT p.payment_id, ${ORG_NAME('p.payer_org_id')} AS payer_name, p.payee_name, p.payee_type, p.payee_account_id, p.amount_cny,
      ${TS('p.pay_time')} AS pay_time, p.purpose, p.contract_id, p.voucher_no, p.invoice_no, p.decision_id
      FROM payment p WHERE p.payment_id ${IN('payments')} OR p.contract_id IN ${CONTRACTS} ORDER BY p.pay_time, p.payment_id`,
  },
  {
    id: 'leases', title: ['租赁承包合同', 'Leases'], table: 'lease_contract', needs: ['leases'],
    sql: `SELECT l.lease_id, (SELECT a.name FROM village_asset a WHERE a.asset_id = l.asset_id) AS asset_name, ${ORG_NAME('l.collective_org_id')} AS collective_name,
      l.lessee_name, l.sign_date, l.start_date, l.end_date, l.annual_rent_cny, l.payment_cycle, l.award_method, l.status
      FROM lease_contract l WHERE l.lease_id ${IN('leases')} ORDER BY l.lease_id`,
  },
  {
    id: 'rent_schedule', title: ['应收租金', 'Rent due'], table: 'rent_schedule', needs: ['leases'],
    sql: `SELECT s.lease_id, s.due_date, s.amount_due_cny FROM rent_schedule s WHERE s.lease_id ${IN('leases')} ORDER BY s.lease_id, s.due_date`,
  },
  {
    id: 'rent_receipts', title: ['租金收款', 'Rent received'], table: 'rent_receipt', needs: ['leases'],
    sql: `SELECT r.lease_id, r.receipt_id, r.receipt_date, r.amount_cny, r.channel, r.to_account_id, r.voucher_id
      FROM rent_receipt r WHERE r.lease_id ${IN('leases')} ORDER BY r.lease_id, r.receipt_date`,
  },
  {
    id: 'decisions', title: ['集体决策', 'Decisions'], table: 'decision', needs: ['leases', 'contracts', 'payments', 'tenders'],
    sql: `SELECT d.decision_id, ${ORG_NAME('d.org_id')} AS org_name, d.body, d.meeting_date, d.subject, d.amount_cny, d.attendees, d.eligible_members, d.votes_for
      FROM decision d WHERE d.ref_lease_id ${IN('leases')} OR d.ref_payment_id ${IN('payments')} OR d.ref_contract_id IN ${CONTRACTS}
      ORDER BY d.meeting_date, d.decision_id`,
  },
  {
    id: 'vouchers', title: ['村级记账凭证', 'Village vouchers'], table: 'village_voucher', needs: ['vouchers', 'leases'],
    sql: `SELECT v.voucher_id, v.voucher_date, v.subject_code, v.summary, v.debit_cny, v.credit_cny, v.counterparty_name, v.has_invoice, v.lease_id
      FROM village_voucher v WHERE v.voucher_id ${IN('vouchers')} OR v.lease_id ${IN('leases')} ORDER BY v.voucher_date, v.voucher_id`,
  },
  {
    id: 'court_cases', title: ['涉诉情况', 'Court cases'], table: 'court_case', needs: ['orgs', 'persons'],
    sql: `SELECT c.case_no, c.court, c.case_type, c.cause, cp.party_name, cp.party_role, c.filing_date, c.judgment_date, c.subject_amount_cny
      FROM case_party cp JOIN court_case c USING (case_id) WHERE cp.party_id ${IN('orgs')} OR cp.party_id ${IN('persons')} ORDER BY c.filing_date, c.case_no`,
  },
  {
    id: 'credit_list', title: ['信用名单', 'Credit lists'], table: 'credit_list', needs: ['orgs', 'persons'],
    sql: `SELECT ${PARTY_NAME('l.subject_type', 'l.subject_id')} AS party_name, l.list_type, l.authority, l.listed_date, l.removed_date, l.decision_no
      FROM credit_list l WHERE l.subject_id ${IN('orgs')} OR l.subject_id ${IN('persons')} ORDER BY l.listed_date`,
  },
  {
    id: 'admin_penalties', title: ['行政处罚', 'Administrative penalties'], table: 'admin_penalty', needs: ['orgs', 'persons'],
    sql: `SELECT ${PARTY_NAME('p.subject_type', 'p.subject_id')} AS party_name, p.authority, p.decision_no, p.decision_date, p.penalty_type, p.fine_cny, p.violation_text
      FROM admin_penalty p WHERE p.subject_id ${IN('orgs')} OR p.subject_id ${IN('persons')} ORDER BY p.decision_date`,
  },
];
