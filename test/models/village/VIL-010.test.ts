import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// March: a CNY 3,600 outflow without an invoice (fires) and a CNY 400 one (under CNY 500, and 400 of
// 24,000 spent: silent); an inflow without an invoice (not spending: silent). May: three small
// receipts, CNY 1,260 of CNY 2,460 spent (51%, fires on each).
const v = (id: string, date: string, credit: number, invoice: boolean, debit = 0) =>
  ({ voucher_id: id, collective_org_id: 'V1', voucher_date: date, subject_code: 'admin_expense', summary: id, debit_cny: debit, credit_cny: credit,
    has_invoice: invoice, counterparty_name: '某店' });
const fixture: Fixture = {
  village_voucher: [
    v('M1', '2025-03-14', 3600, false), v('M2', '2025-03-20', 400, false), v('M3', '2025-03-25', 20000, true), v('M4', '2025-03-28', 0, false, 6000),
    v('Y1', '2025-05-05', 420, false), v('Y2', '2025-05-12', 380, false), v('Y3', '2025-05-19', 460, false), v('Y4', '2025-05-25', 1200, true),
  ],
};

describe('VIL-010 vouchers without invoices', () => {
  test('fires from CNY 500 and in a month where such outflows reach 20%; silent on a small one in a busy month and on income', async () => {
    const hits = await fixtureHits('VIL-010', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity, h.evidence!.rule]), [
      ['voucher', 'M1', 'yellow', 'amount'], ['voucher', 'Y1', 'yellow', 'share'], ['voucher', 'Y2', 'yellow', 'share'], ['voucher', 'Y3', 'yellow', 'share'],
    ]);
    assert.equal(hits[1]!.evidence!.month_share, 0.5122);
  });

  test('the amount, the share and exempt subjects are parameters', async () => {
    assert.deepEqual((await fixtureHits('VIL-010', fixture, { params: { 'VIL-010.amt': '300', 'VIL-010.share': '0.9' } })).map((h) => h.subject_id),
      ['M1', 'M2', 'Y1', 'Y2', 'Y3']);
    assert.deepEqual(await fixtureHits('VIL-010', fixture, { params: { 'VIL-010.exempt_subjects': 'admin_expense' } }), []);
  });
});
