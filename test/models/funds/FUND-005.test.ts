import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// C1 is paid 1,120,000 on a 1,000,000 contract whose 120,000 variation has no decision (fires); C2 is paid
// exactly its value plus an approved variation (silent); C3 is a cent over from rounding (silent). B1 pays O1
// 224,700 without a contract within five months (fires) and O2 275,000 spread so that no 12 months reach
// 200,000 (silent); payroll needs no contract.
const pay = (id: string, contract: string | null, payee: string, amount: number, time: string, code = 'contract') =>
  ({ payment_id: id, payer_org_id: 'B1', payee_type: payee.startsWith('P') ? 'person' : 'org', payee_id: payee, payee_account_id: `AC${payee}`,
     payee_name: `收款人${payee}`, amount_cny: amount, pay_time: time, contract_id: contract, purpose_code: code });
const fixture: Fixture = {
  contract: [
    { contract_id: 'C1', buyer_org_id: 'B1', supplier_org_id: 'S1', category: 'works', value_cny: 1000000 },
    { contract_id: 'C2', buyer_org_id: 'B1', supplier_org_id: 'S2', category: 'services', value_cny: 800000 },
    { contract_id: 'C3', buyer_org_id: 'B1', supplier_org_id: 'S3', category: 'services', value_cny: 100000 },
  ],
  contract_amendment: [
    { amend_id: 'A1', contract_id: 'C1', amend_type: 'scope', value_delta_cny: 120000, decision_id: null },
    { amend_id: 'A2', contract_id: 'C2', amend_type: 'scope', value_delta_cny: 60000, decision_id: 'D2' },
  ],
  payment: [
    pay('P11', 'C1', 'S1', 300000, '2024-03-01 10:00:00'), pay('P12', 'C1', 'S1', 820000, '2024-12-01 10:00:00'),
    pay('P21', 'C2', 'S2', 240000, '2024-03-01 10:00:00'), pay('P22', 'C2', 'S2', 560000, '2024-12-01 10:00:00'), pay('P23', 'C2', 'S2', 60000, '2024-12-20 10:00:00'),
    pay('P31', 'C3', 'S3', 30000.01, '2024-03-01 10:00:00'), pay('P32', 'C3', 'S3', 70000, '2024-06-01 10:00:00'),
    pay('N11', null, 'O1', 86400, '2025-01-10 10:00:00', 'service'), pay('N12', null, 'O1', 74800, '2025-03-05 10:00:00', 'service'),
    pay('N13', null, 'O1', 63500, '2025-06-18 10:00:00', 'service'),
    pay('N21', null, 'O2', 95000, '2024-01-15 10:00:00', 'service'), pay('N22', null, 'O2', 88000, '2024-08-20 10:00:00', 'service'),
    pay('N23', null, 'O2', 92000, '2025-02-20 10:00:00', 'service'),
    pay('N31', null, 'P1', 300000, '2025-01-20 10:00:00', 'payroll'),
  ],
};

describe('FUND-005 payment without or beyond a contract', () => {
  test('fires on a contract paid beyond value plus approved amendments and on 200,000 paid without a contract in 12 months', async () => {
    const hits = await fixtureHits('FUND-005', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.amount_cny]), [
      ['payer_payee', 'B1|O1', '224700.00'], ['contract', 'C1', '1120000.00']]);
    assert.equal(hits[1]!.evidence!.excess_cny, 120000);
    assert.deepEqual(hits[0]!.evidence!.payments, ['N11', 'N12', 'N13']);
  });

  test('the amount and the window are parameters', async () => {
    const hits = await fixtureHits('FUND-005', fixture, { params: { 'FUND-005.months': '14', 'FUND-005.v': '250000' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['B1|O2', 'C1']);
    assert.equal(hits[0]!.evidence!.paid_cny, 275000);
  });
});
