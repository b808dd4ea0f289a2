import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// Four awards in tenders published on 2024-06-01: to a firm 152 days old (yellow), to one founded 12 days
// before (orange), to an old firm, and to a young firm but under CNY 1m (both silent).
const fixture: Fixture = {
  organization: [
    { org_id: 'N1', established_date: '2024-01-01' }, { org_id: 'N2', established_date: '2024-05-20' },
    { org_id: 'N3', established_date: '2020-01-01' }, { org_id: 'N4', established_date: '2024-02-01' },
  ],
  tender: ['T1', 'T2', 'T3', 'T4'].map((t) => ({ tender_id: t, buyer_org_id: 'BU', publish_date: '2024-06-01 09:00:00' })),
  award: [
    { award_id: 'A1', tender_id: 'T1', lot_id: '-', supplier_org_id: 'N1', award_value_cny: 2000000, status: 'active' },
    { award_id: 'A2', tender_id: 'T2', lot_id: '-', supplier_org_id: 'N2', award_value_cny: 1500000, status: 'active' },
    { award_id: 'A3', tender_id: 'T3', lot_id: '-', supplier_org_id: 'N3', award_value_cny: 5000000, status: 'active' },
    { award_id: 'A4', tender_id: 'T4', lot_id: '-', supplier_org_id: 'N4', award_value_cny: 800000, status: 'active' },
  ],
};

describe('BID-046 newly established winner', () => {
  test('fires on a large award to a firm under a year old, orange when founded for the tender; silent on an old firm and a small award', async () => {
    const hits = await fixtureHits('BID-046', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.org_id, h.amount_cny]), [['A1', 'yellow', 'N1', '2000000.00'], ['A2', 'orange', 'N2', '1500000.00']]);
    assert.equal(hits[0]!.evidence!.age_days, 152);
    assert.equal(hits[1]!.evidence!.established_date, '2024-05-20');
  });

  test('the value floor is a parameter', async () => {
    const hits = await fixtureHits('BID-046', fixture, { params: { 'BID-046.v_min': '500000' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['A1', 'A2', 'A4']);
  });
});
