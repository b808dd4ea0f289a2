import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// O1 is paid 560,000 while on the dishonest-enforcee list (fires); O2 is paid 700,000 after its removal from the
// abnormal-operation list (a near miss); O3 is paid 520,000 after its licence was revoked (fires); O4 was
// set up three months before its first payment and is paid 550,000 (fires); O5 is an old, clean firm; O6 is
// listed but paid only 380,000 afterwards.
const pay = (id: string, payee: string, amount: number, time: string, payer = 'B1') =>
  ({ payment_id: id, payer_org_id: payer, payee_type: 'org', payee_id: payee, payee_account_id: `AC${payee}`, payee_name: `单位${payee}`, amount_cny: amount, pay_time: time });
const org = (id: string, established: string, status = 'active', statusDate: string | null = null) =>
  ({ org_id: id, name: `单位${id}`, established_date: established, status, status_date: statusDate });
const fixture: Fixture = {
  organization: [org('O1', '2012-04-01'), org('O2', '2011-05-01'), org('O3', '2013-06-01', 'revoked', '2024-01-01'), org('O4', '2024-06-01'),
    org('O5', '2010-01-01'), org('O6', '2014-01-01')],
  credit_list: [
    { subject_type: 'org', subject_id: 'O1', list_type: 'dishonest_enforcee', listed_date: '2024-03-01' },
    { subject_type: 'org', subject_id: 'O2', list_type: 'abnormal_operation', listed_date: '2022-05-01', removed_date: '2022-11-01' },
    { subject_type: 'org', subject_id: 'O6', list_type: 'dishonest_enforcee', listed_date: '2025-01-01' },
  ],
  payment: [
    pay('P11', 'O1', 200000, '2023-12-01 10:00:00'), pay('P12', 'O1', 300000, '2024-04-10 10:00:00'), pay('P13', 'O1', 260000, '2024-09-10 10:00:00', 'B2'),
    pay('P21', 'O2', 400000, '2022-12-01 10:00:00'), pay('P22', 'O2', 300000, '2023-02-01 10:00:00'),
    pay('P31', 'O3', 520000, '2024-02-01 10:00:00'),
    pay('P41', 'O4', 300000, '2024-09-02 10:00:00'), pay('P42', 'O4', 250000, '2024-12-02 10:00:00'),
    pay('P51', 'O5', 900000, '2024-09-02 10:00:00'),
    pay('P61', 'O6', 200000, '2024-12-02 10:00:00'), pay('P62', 'O6', 380000, '2025-03-02 10:00:00'),
  ],
};

describe('FUND-011 large payments to high-risk payees', () => {
  test('fires on payees listed, revoked or newly set up that receive 500,000 in 12 months', async () => {
    const hits = await fixtureHits('FUND-011', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.amount_cny]), [
      ['org', 'O1', '560000.00'], ['org', 'O3', '520000.00'], ['org', 'O4', '550000.00']]);
    assert.deepEqual(hits[0]!.evidence!.lists, ['dishonest_enforcee 2024-03-01']);
    assert.deepEqual(hits[0]!.evidence!.payments, ['P12', 'P13']);
    assert.equal(hits[2]!.evidence!.new_firm, true);
  });

  test('the amount is a parameter', async () => {
    const hits = await fixtureHits('FUND-011', fixture, { params: { 'FUND-011.v': '350000' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['O1', 'O3', 'O4', 'O6']);
  });
});
