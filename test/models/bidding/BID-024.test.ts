import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// W receives two buyer payments. After the first it sends 92% to a private person in two transfers within
// three days (fires) and 90% to its contracted subcontractor (a near miss); after the second it sends 70% to a
// firm within a week (below 80%) and more twelve days later (outside the week).
const fixture: Fixture = {
  contract: [{ contract_id: 'C1', tender_id: 'T1', buyer_org_id: 'BU', supplier_org_id: 'W', value_cny: 3000000 },
    { contract_id: 'C2', tender_id: 'T2', buyer_org_id: 'BU', supplier_org_id: 'W', value_cny: 800000 }],
  payment: [
    { payment_id: 'P1', payer_org_id: 'BU', payee_type: 'org', payee_id: 'W', payee_account_id: 'AW', amount_cny: 1000000, pay_time: '2024-03-01 10:00:00', contract_id: 'C1' },
    { payment_id: 'P2', payer_org_id: 'BU', payee_type: 'org', payee_id: 'W', payee_account_id: 'AW', amount_cny: 500000, pay_time: '2024-06-03 10:00:00', contract_id: 'C2' },
  ],
  bank_account: [
    { account_id: 'AW', holder_type: 'org', holder_id: 'W', account_kind: 'basic' },
    { account_id: 'AW2', holder_type: 'org', holder_id: 'W', account_kind: 'general' },
    { account_id: 'AP', holder_type: 'person', holder_id: 'PX', account_kind: 'personal' },
    { account_id: 'AS', holder_type: 'org', holder_id: 'S', account_kind: 'basic' },
    { account_id: 'AX', holder_type: 'org', holder_id: 'X', account_kind: 'basic' },
  ],
  bank_txn: [
    { txn_id: 'X1', from_account_id: 'AW', to_account_id: 'AP', amount_cny: 600000, txn_time: '2024-03-02 11:00:00' },
    { txn_id: 'X2', from_account_id: 'AW', to_account_id: 'AP', amount_cny: 320000, txn_time: '2024-03-04 15:00:00' },
    { txn_id: 'X3', from_account_id: 'AW', to_account_id: 'AS', amount_cny: 900000, txn_time: '2024-03-03 09:00:00' },
    { txn_id: 'X4', from_account_id: 'AW', to_account_id: 'AW2', amount_cny: 950000, txn_time: '2024-03-01 16:00:00' },
    { txn_id: 'X5', from_account_id: 'AW', to_account_id: 'AX', amount_cny: 350000, txn_time: '2024-06-05 10:00:00' },
    { txn_id: 'X6', from_account_id: 'AW', to_account_id: 'AX', amount_cny: 100000, txn_time: '2024-06-15 10:00:00' },
  ],
  subcontract: [{ contract_id: 'C1', sub_org_id: 'S', value_cny: 1200000, scope: '专业分包' }],
};

describe('BID-024 contract proceeds forwarded to a third party', () => {
  test('fires on 92% sent to a person within days; silent on the subcontractor, the own account, 70%, and a late transfer', async () => {
    const hits = await fixtureHits('BID-024', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.org_id, h.person_id, h.amount_cny]), [['P1|PX', 'orange', 'W', 'PX', '920000.00']]);
    assert.equal(hits[0]!.evidence!.forwarded_share, 0.92);
    assert.equal(hits[0]!.evidence!.retention_ratio, 0.08);
    assert.equal(hits[0]!.evidence!.transfers, 2);
  });

  test('the share and the window are parameters', async () => {
    const lower = await fixtureHits('BID-024', fixture, { params: { 'BID-024.fwd': '0.6' } });
    assert.deepEqual(lower.map((h) => h.subject_id), ['P1|PX', 'P2|X']);
    const longer = await fixtureHits('BID-024', fixture, { params: { 'BID-024.days': '14' } });
    assert.deepEqual(longer.map((h) => h.subject_id), ['P1|PX', 'P2|X']);
    assert.equal(longer[1]!.evidence!.forwarded_share, 0.9);
  });
});
