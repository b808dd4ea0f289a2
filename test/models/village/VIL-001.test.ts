import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// A lease whose rent is 95 days overdue (fires) and one that is overdue by the same amount for 60 days
// only (a near miss: fewer days than the model's 90); a third paid in full.
const fixture: Fixture = {
  lease_contract: [
    { lease_id: 'L1', collective_org_id: 'V1', lessee_type: 'person', lessee_id: 'P1', lessee_name: '张三' },
    { lease_id: 'L2', collective_org_id: 'V1', lessee_type: 'person', lessee_id: 'P2', lessee_name: '李四' },
    { lease_id: 'L3', collective_org_id: 'V1', lessee_type: 'org', lessee_id: 'O3', lessee_name: '某公司' },
  ],
  rent_schedule: [
    { lease_id: 'L1', due_date: '2025-09-27', amount_due_cny: 20000 },
    { lease_id: 'L2', due_date: '2025-11-01', amount_due_cny: 20000 },
    { lease_id: 'L3', due_date: '2025-06-01', amount_due_cny: 20000 },
  ],
  rent_receipt: [{ receipt_id: 'R3', lease_id: 'L3', receipt_date: '2025-06-02', amount_cny: 20000 }],
};

describe('VIL-001 rent receivable but unpaid', () => {
  test('fires on rent overdue more than 90 days; silent on 60 days overdue and on paid rent', async () => {
    const hits = await fixtureHits('VIL-001', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.amount_cny]), [['L1', 'orange', '20000.00']]);
    assert.equal(hits[0]!.evidence!.overdue_days, 95);
  });

  test('a year overdue is red; the day threshold is a parameter', async () => {
    assert.equal((await fixtureHits('VIL-001', fixture, { asOf: '2026-09-28' }))[0]!.severity, 'red');
    const lower = await fixtureHits('VIL-001', fixture, { params: { 'VIL-001.min_days': '50' } });
    assert.deepEqual(lower.map((h) => h.subject_id), ['L1', 'L2']);
  });
});
