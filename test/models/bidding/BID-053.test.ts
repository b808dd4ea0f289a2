import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// S1 bids three times and claims track records: its own contract C1 (true), a contract at BUY2 that does not
// exist (red), C3 which S3 performed (red), its subsidiary S2's contract C2 (true), C1 with an inflated value
// (orange), C1 as completed two months before it was (orange) and C1 with a value 15% off (within the tolerance).
const fixture: Fixture = {
  tender: [
    { tender_id: 'T1', bid_deadline: '2024-03-01 09:30:00' },
    { tender_id: 'T2', bid_deadline: '2024-04-01 09:30:00' },
    { tender_id: 'T3', bid_deadline: '2024-05-01 09:30:00' },
  ],
  organization: [
    { org_id: 'BUY1', name: '杭州市西湖区教育局(本级)', name_norm: '杭州市西湖区教育局(本级)' },
    { org_id: 'BUY2', name: '桐庐县水利局' },
    { org_id: 'S1', name: '浙江甲建设有限公司' }, { org_id: 'S2', name: '浙江乙建设有限公司' }, { org_id: 'S3', name: '浙江丙建设有限公司' },
  ],
  shareholding: [{ org_id: 'S2', holder_type: 'org', holder_id: 'S1', share_ratio: 0.6, start_date: '2018-01-01' }],
  contract: [
    { contract_id: 'C1', buyer_org_id: 'BUY1', supplier_org_id: 'S1', value_cny: 1000000, actual_end_date: '2023-05-01', acceptance_date: '2023-05-15' },
    { contract_id: 'C2', buyer_org_id: 'BUY2', supplier_org_id: 'S2', value_cny: 2000000, actual_end_date: '2023-09-01', acceptance_date: '2023-09-15' },
    { contract_id: 'C3', buyer_org_id: 'BUY1', supplier_org_id: 'S3', value_cny: 500000, actual_end_date: '2022-10-01', acceptance_date: '2022-10-15' },
  ],
  bid: [
    { bid_id: 'B1', tender_id: 'T1', lot_id: '-', org_id: 'S1' },
    { bid_id: 'B2', tender_id: 'T2', lot_id: '-', org_id: 'S1' },
    { bid_id: 'B3', tender_id: 'T3', lot_id: '-', org_id: 'S1' },
  ],
  bid_claim: [
    { bid_id: 'B1', claim_type: 'performance', claimed_buyer_name: '杭州市西湖区教育局（本级）', claimed_contract_ref: 'C1', claimed_value_cny: 1000000, claimed_completion: '2023-05-15' },
    { bid_id: 'B1', claim_type: 'performance', claimed_buyer_name: '桐庐县水利局', claimed_contract_ref: 'HT-2021-088', claimed_value_cny: 800000, claimed_completion: '2022-01-10' },
    { bid_id: 'B1', claim_type: 'performance', claimed_buyer_name: '杭州市西湖区教育局(本级)', claimed_contract_ref: 'C3', claimed_value_cny: 500000, claimed_completion: '2022-10-15' },
    { bid_id: 'B1', claim_type: 'performance', claimed_buyer_name: '桐庐县水利局', claimed_contract_ref: 'C2', claimed_value_cny: 2000000, claimed_completion: '2023-09-15' },
    { bid_id: 'B2', claim_type: 'performance', claimed_buyer_name: '杭州市西湖区教育局(本级)', claimed_contract_ref: 'C1', claimed_value_cny: 1600000, claimed_completion: '2023-05-15' },
    { bid_id: 'B3', claim_type: 'performance', claimed_buyer_name: '杭州市西湖区教育局(本级)', claimed_contract_ref: 'C1', claimed_value_cny: 1000000, claimed_completion: '2023-03-01' },
    { bid_id: 'B3', claim_type: 'performance', claimed_buyer_name: '杭州市西湖区教育局(本级)', claimed_contract_ref: 'C1-补', claimed_value_cny: 1150000, claimed_completion: '2023-05-20' },
  ],
};

describe('BID-053 false track-record claims', () => {
  test('red when no contract is found, orange when value or completion disagree; silent on true claims, a subsidiary\'s contract and a small difference', async () => {
    const hits = await fixtureHits('BID-053', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.tender_id, h.severity, h.evidence!.finding]), [
      ['bid_claim', 'B1|C3', 'T1', 'red', 'not_found'],
      ['bid_claim', 'B1|HT-2021-088', 'T1', 'red', 'not_found'],
      ['bid_claim', 'B2|C1', 'T2', 'orange', 'value_mismatch'],
      ['bid_claim', 'B3|C1', 'T3', 'orange', 'completed_later'],
    ]);
    const borrowed = hits[0]!.evidence!;
    assert.equal((borrowed.ref_contract as { supplier_org_id: string }).supplier_org_id, 'S3');
    assert.equal(borrowed.buyer_known, true);
    assert.equal((hits[2]!.evidence!.closest_contract as { contract_id: string }).contract_id, 'C1');
    assert.equal(hits[2]!.amount_cny, '1600000.00');
  });

  test('the value tolerance is a parameter', async () => {
    const hits = await fixtureHits('BID-053', fixture, { params: { 'BID-053.tol': '0.1' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['B1|C3', 'B1|HT-2021-088', 'B2|C1', 'B3|C1', 'B3|C1-补']);
  });
});
