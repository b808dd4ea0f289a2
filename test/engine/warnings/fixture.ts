import type { Fixture } from '../../helpers/model-fixture.ts';

const SHA_SHARED = 'a1'.repeat(32);
const SHA_OWN = 'b2'.repeat(32);

/**
 * A small province for the warning screens. Tender T1 (West Lake district): 浙江甲 (O1) and 浙江乙 (O2)
 * bid from one computer — same machine code, same network card written two ways, same IP, the same bid
 * file — and share a shareholder (张三, O1's legal representative) and a phone; 浙江丙 (O3), founded three
 * months before the tender, wins it, signs the contract and is paid. Lease L1 of a West Lake village owes
 * its 2025 rent. Models BID-001, BID-002, BID-046 and VIL-001 fire on it.
 */
export const fixture: Fixture = {
  organization: [
    { org_id: 'B1', name: '杭州市西湖区城市建设局', org_type: 'gov_agency', region_code: '330106' },
    { org_id: 'AG', name: '浙江诚信招标代理有限公司', org_type: 'company', region_code: '330106' },
    { org_id: 'O1', name: '浙江甲建设有限公司', org_type: 'company', legal_rep_person_id: 'P1', region_code: '330106', established_date: '2010-03-01', uscc: '91330106MA0000001X' },
    { org_id: 'O2', name: '浙江乙工程有限公司', org_type: 'company', legal_rep_person_id: 'P2', region_code: '330106', established_date: '2012-06-01' },
    { org_id: 'O3', name: '浙江丙建筑有限公司', org_type: 'company', legal_rep_person_id: 'P5', region_code: '330203', established_date: '2024-01-10' },
    { org_id: 'VC', name: '西湖区龙井村股份经济合作社', org_type: 'village_collective', region_code: '330106' },
  ],
  person: [
    { person_id: 'P1', name: '张三', phone: '13812345678', id_no_hash: 'f'.repeat(64) },
    { person_id: 'P2', name: '李四' },
    { person_id: 'P3', name: '王五', phone: '13999990000' },
    { person_id: 'P4', name: '赵六' },
    { person_id: 'P5', name: '钱七' },
  ],
  kinship: [{ person_id_a: 'P1', person_id_b: 'P2', relation: 'sibling', degree: 2 }],
  org_role: [
    { org_id: 'O1', person_id: 'P1', role: 'legal_rep', title: '执行董事' },
    { org_id: 'O2', person_id: 'P2', role: 'legal_rep', title: '经理' },
  ],
  shareholding: [
    { org_id: 'O1', holder_type: 'person', holder_id: 'P1', share_ratio: 0.6 },
    { org_id: 'O2', holder_type: 'person', holder_id: 'P1', share_ratio: 0.3 },
  ],
  org_contact: [
    { org_id: 'O1', contact_type: 'phone', value_norm: '13900001111' },
    { org_id: 'O2', contact_type: 'phone', value_norm: '13900001111' },
  ],
  bank_account: [{ account_id: 'A1', bank_name: '杭州银行西湖支行', holder_type: 'org', holder_id: 'O1', account_kind: 'basic', account_no_hash: 'e'.repeat(64) }],
  tender: [{
    tender_id: 'T1', title: '西湖区道路改造工程', buyer_org_id: 'B1', agency_org_id: 'AG', procurement_method: 'open', method_detail: '公开招标',
    category: 'works', est_value_cny: 1500000, max_price_cny: 1500000, publish_date: '2024-04-01 09:00:00', docs_start: '2024-04-02 09:00:00',
    bid_deadline: '2024-05-20 09:30:00', open_date: '2024-05-20 09:30:00', region_code: '330106', must_tender: true,
  }],
  tender_amendment: [{ tender_id: 'T1', amend_date: '2024-04-15 10:00:00', amend_type: 'clarification', description: '工程量清单更正' }],
  bid: [
    { bid_id: 'BD1', tender_id: 'T1', lot_id: '-', org_id: 'O1', price_cny: 1350000, rank: 2, status: 'valid', submit_time: '2024-05-18 10:00:00',
      upload_ip: '115.192.1.1', upload_mac: '3C-5A-B4-11-22-33', machine_code: 'MC-777', file_create_id: 'F-1', contact_phone: '13812345678', deposit_account_id: 'A1' },
    { bid_id: 'BD2', tender_id: 'T1', lot_id: '-', org_id: 'O2', price_cny: 1360000, rank: 3, status: 'valid', submit_time: '2024-05-18 11:00:00',
      upload_ip: '115.192.1.1', upload_mac: '3c:5a:b4:11:22:33', machine_code: 'MC-777', file_create_id: 'F-2', deposit_account_id: 'A1' },
    { bid_id: 'BD3', tender_id: 'T1', lot_id: '-', org_id: 'O3', price_cny: 1200000, rank: 1, status: 'valid', submit_time: '2024-05-19 15:00:00',
      upload_ip: '60.12.1.1', upload_mac: 'AA-BB-CC-00-11-22', machine_code: 'MC-3', file_create_id: 'F-3' },
  ],
  bid_document: [
    { bid_id: 'BD1', section: 'tech', sha256: SHA_SHARED, author: '张工' },
    { bid_id: 'BD2', section: 'tech', sha256: SHA_SHARED, author: '张工' },
    { bid_id: 'BD3', section: 'tech', sha256: SHA_OWN, author: '丙公司' },
  ],
  eval_committee: [{ tender_id: 'T1', lot_id: '-', person_id: 'P4', member_role: 'member', selection: 'random', draw_time: '2024-05-19 16:00:00' }],
  award: [{ award_id: 'AW1', tender_id: 'T1', lot_id: '-', bid_id: 'BD3', supplier_org_id: 'O3', candidate_rank: 1, award_value_cny: 1200000,
    notice_date: '2024-05-25 10:00:00', status: 'active' }],
  contract: [{ contract_id: 'C1', tender_id: 'T1', award_id: 'AW1', buyer_org_id: 'B1', supplier_org_id: 'O3', value_cny: 1200000, sign_date: '2024-06-01', category: 'works' }],
  payment: [{ payment_id: 'PM1', payer_org_id: 'B1', payee_type: 'org', payee_id: 'O3', payee_name: '浙江丙建筑有限公司', amount_cny: 400000,
    pay_time: '2024-07-01 10:00:00', contract_id: 'C1', purpose: '进度款' }],
  lease_contract: [{ lease_id: 'L1', collective_org_id: 'VC', lessee_type: 'person', lessee_id: 'P3', lessee_name: '王五', sign_date: '2023-01-01',
    start_date: '2023-01-01', end_date: '2027-12-31', annual_rent_cny: 120000, payment_cycle: 'annual', award_method: 'negotiation' }],
  rent_schedule: [
    { lease_id: 'L1', due_date: '2024-01-01', amount_due_cny: 120000 },
    { lease_id: 'L1', due_date: '2025-03-01', amount_due_cny: 120000 },
  ],
  rent_receipt: [{ receipt_id: 'R1', lease_id: 'L1', receipt_date: '2024-01-05', amount_cny: 120000 }],
};

export const MODELS = ['BID-001', 'BID-002', 'BID-046', 'VIL-001'];
