import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// Negotiated leases: CNY 68,000 a year (fires on the annual rent), CNY 42,000 for 8 years (fires on the
// total), CNY 45,000 for 3 years and CNY 49,000 for 4 years (under both lines: silent); and CNY
// 180,000 a year through the rural property-rights exchange (on the market: silent).
const lease = (id: string, rent: number, start: string, end: string, award: string) =>
  ({ lease_id: id, collective_org_id: 'V1', lessee_type: 'person', lessee_id: `P${id}`, lessee_name: `承租人${id}`,
    sign_date: start, start_date: start, end_date: end, annual_rent_cny: rent, award_method: award });
const fixture: Fixture = {
  lease_contract: [
    lease('L1', 68000, '2024-02-01', '2029-01-31', 'negotiation'),
    lease('L2', 42000, '2023-03-01', '2031-02-28', 'direct'),
    lease('L3', 45000, '2024-09-01', '2027-08-31', 'negotiation'),
    lease('L4', 49000, '2024-06-01', '2028-05-31', 'negotiation'),
    lease('L5', 180000, '2023-07-01', '2028-06-30', 'exchange'),
  ],
};

describe('VIL-005 off-market award of collective assets', () => {
  test('fires on CNY 68,000 a year and on CNY 336,000 in all; silent under both lines and on the exchange', async () => {
    const hits = await fixtureHits('VIL-005', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.amount_cny]), [['L1', 'orange', '340000.00'], ['L2', 'orange', '336000.00']]);
    assert.deepEqual([hits[1]!.evidence!.over_annual, hits[1]!.evidence!.over_total, hits[1]!.evidence!.term_years], [false, true, 8]);
  });

  test('the thresholds are parameters', async () => {
    const hits = await fixtureHits('VIL-005', fixture, { params: { 'VIL-005.tv': '130000' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['L1', 'L2', 'L3', 'L4']);
  });
});
