import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// B1 pays 180,000 of "consulting fees" to the personal account of its finance head's wife (red), and five
// transfers of 40,000–45,000 in one month to a private person, 211,890 together (each orange). Silent: a
// year-end bonus of 62,000 to a procurement officer through payroll, a 46,500 compensation to a villager, and
// 300,000 to a company account.
const pay = (id: string, account: string, amount: number, time: string, code: string, purpose: string) =>
  ({ payment_id: id, payer_org_id: 'B1', payee_account_id: account, payee_type: account.startsWith('AP') ? 'person' : 'org', amount_cny: amount, pay_time: time, purpose_code: code, purpose });
const fixture: Fixture = {
  bank_account: [
    { account_id: 'AP1', holder_type: 'person', holder_id: 'Q1', account_kind: 'personal' },
    { account_id: 'AP2', holder_type: 'person', holder_id: 'Q2', account_kind: 'personal' },
    { account_id: 'AP3', holder_type: 'person', holder_id: 'R2', account_kind: 'personal' },
    { account_id: 'AB1', holder_type: 'org', holder_id: 'O1', account_kind: 'basic' },
  ],
  org_role: [
    { org_id: 'B1', person_id: 'R1', role: 'finance_head', start_date: '2019-01-01' },
    { org_id: 'B1', person_id: 'R2', role: 'procurement', start_date: '2020-01-01' },
  ],
  kinship: [{ person_id_a: 'R1', person_id_b: 'Q1', relation: 'spouse', degree: 1 }],
  payment: [
    pay('X1', 'AP1', 180000, '2025-02-12 10:20:00', 'consulting', '咨询费'),
    pay('X2a', 'AP2', 41860, '2025-03-03 09:40:00', 'service_fee', '劳务费'),
    pay('X2b', 'AP2', 43250, '2025-03-07 10:10:00', 'service_fee', '劳务费'),
    pay('X2c', 'AP2', 42700, '2025-03-12 14:30:00', 'service_fee', '劳务费'),
    pay('X2d', 'AP2', 39980, '2025-03-19 15:05:00', 'service_fee', '劳务费'),
    pay('X2e', 'AP2', 44100, '2025-03-26 11:45:00', 'service_fee', '劳务费'),
    pay('X3', 'AP3', 62000, '2025-01-20 10:00:00', 'payroll', '年终奖'),
    pay('X4', 'AP2', 46500, '2025-05-08 10:00:00', 'compensation', '青苗补偿款'),
    pay('X5', 'AB1', 300000, '2025-05-09 10:00:00', 'contract', '货款'),
  ],
};

describe('FUND-003 public-to-private transfers', () => {
  test('fires on a large transfer to a personal account (red for kin of staff) and on a month reaching 200,000', async () => {
    const hits = await fixtureHits('FUND-003', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.person_id]), [
      ['X1', 'red', 'Q1'], ['X2a', 'orange', 'Q2'], ['X2b', 'orange', 'Q2'], ['X2c', 'orange', 'Q2'], ['X2d', 'orange', 'Q2'], ['X2e', 'orange', 'Q2']]);
    assert.deepEqual(hits[0]!.evidence!.insider_ties, ['spouse of finance_head R1']);
    assert.equal(hits[1]!.evidence!.month_total_cny, 211890);
  });

  test('payroll is exempt unless the exemption is removed; then the staff member is an insider', async () => {
    const hits = await fixtureHits('FUND-003', fixture, { params: { 'FUND-003.exempt_purposes': 'reimbursement', 'FUND-003.amt_m': '250000' } });
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity]), [['X1', 'red'], ['X3', 'red']]);
  });
});
