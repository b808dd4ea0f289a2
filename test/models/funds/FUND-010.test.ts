import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// Three duplicates: an advance paid twice on one invoice; an equal payment re-entered without an invoice 12
// days later; an invoice claimed again for a tenth of its amount. Near misses: equal monthly instalments with
// their own invoices, and equal payments 64 days apart.
const pay = (id: string, account: string, amount: number, time: string, invoice: string | null, code = 'contract') =>
  ({ payment_id: id, payer_org_id: 'B1', payee_type: 'org', payee_id: account.slice(2), payee_account_id: account, payee_name: `单位${account}`,
     amount_cny: amount, pay_time: time, purpose_code: code, invoice_no: invoice });
const fixture: Fixture = {
  payment: [
    pay('D1a', 'ACS1', 300000, '2025-03-03 10:00:00', 'FP0001'), pay('D1b', 'ACS1', 300000, '2025-03-26 15:00:00', 'FP0001'),
    pay('D2a', 'ACS2', 150000, '2025-04-01 10:00:00', 'FP0002'), pay('D2b', 'ACS2', 150000, '2025-04-13 11:00:00', null),
    pay('D3a', 'ACS3', 56800, '2025-05-06 10:00:00', 'FP0003', 'service'), pay('D3b', 'ACS3', 5680, '2025-07-20 10:00:00', 'FP0003', 'service'),
    pay('M1a', 'ACS4', 46250, '2025-06-05 10:00:00', 'FP0041'), pay('M1b', 'ACS4', 46250, '2025-07-07 10:00:00', 'FP0042'),
    pay('M2a', 'ACS5', 88000, '2025-02-03 10:00:00', null, 'service'), pay('M2b', 'ACS5', 88000, '2025-04-08 10:00:00', null, 'service'),
  ],
};

describe('FUND-010 duplicate payments', () => {
  test('fires on one invoice paid twice and on equal payments within 60 days; silent on distinct invoices and on 64 days', async () => {
    const hits = await fixtureHits('FUND-010', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.evidence!.rules]), [
      ['payment_pair', 'D1a|D1b', ['same_amount', 'same_invoice']], ['payment_pair', 'D2a|D2b', ['same_amount']],
      ['payment_pair', 'D3a|D3b', ['same_invoice']]]);
    assert.equal(hits[1]!.evidence!.days_apart, 12);
  });

  test('the window is a parameter', async () => {
    const hits = await fixtureHits('FUND-010', fixture, { params: { 'FUND-010.window_days': '70' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['D1a|D1b', 'D2a|D2b', 'D3a|D3b', 'M2a|M2b']);
  });
});
