import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// P1 manages C1 (until its acceptance on 2024-01-10) and C2 (from 2023-06-01): they overlap (fires). P2 hands
// C5 over on 2024-01-10 and starts C3 that day: consecutive (a near miss). P3's second contract was
// terminated (an exemption). An open tender's pending bid names P1, then on C1 and C2 (the yellow variant).
const fixture: Fixture = {
  contract: [
    { contract_id: 'C1', tender_id: 'T1', supplier_org_id: 'S1', start_date: '2023-01-01', planned_end_date: '2023-12-31', acceptance_date: '2024-01-10', status: 'completed' },
    { contract_id: 'C2', tender_id: 'T2', supplier_org_id: 'S1', start_date: '2023-06-01', planned_end_date: '2024-05-31', status: 'active' },
    { contract_id: 'C3', tender_id: 'T3', supplier_org_id: 'S2', start_date: '2024-01-10', planned_end_date: '2024-12-31', status: 'active' },
    { contract_id: 'C4', tender_id: 'T4', supplier_org_id: 'S3', start_date: '2023-03-01', planned_end_date: '2024-03-01', status: 'terminated' },
    { contract_id: 'C5', tender_id: 'T5', supplier_org_id: 'S2', start_date: '2023-02-01', planned_end_date: '2024-04-30', status: 'active' },
  ],
  project_staff: [
    { person_id: 'P1', contract_id: 'C1', role: 'pm', start_date: '2023-01-01' },
    { person_id: 'P1', contract_id: 'C2', role: 'pm', start_date: '2023-06-01' },
    { person_id: 'P2', contract_id: 'C5', role: 'pm', start_date: '2023-02-01', end_date: '2024-01-10' },
    { person_id: 'P2', contract_id: 'C3', role: 'pm', start_date: '2024-01-10' },
    { person_id: 'P3', contract_id: 'C2', role: 'tech_lead', start_date: '2023-06-01' },
    { person_id: 'P3', contract_id: 'C4', role: 'pm', start_date: '2023-03-01' },
    { person_id: 'P3', contract_id: 'C3', role: 'pm', start_date: '2024-01-10' },
  ],
  tender: [{ tender_id: 'T9', buyer_org_id: 'BU', status: 'active', bid_deadline: '2023-09-01 09:30:00' }],
  bid: [{ bid_id: 'B9', tender_id: 'T9', lot_id: '-', org_id: 'S1', status: 'pending', price_cny: 1200000 }],
  bid_personnel: [{ bid_id: 'B9', person_id: 'P1', role: 'pm' }],
};

describe('BID-044 certificate holder on overlapping projects', () => {
  test('fires on overlapping terms (red) and on an open bid naming a busy manager (yellow); silent on consecutive terms and an exemption', async () => {
    const hits = await fixtureHits('BID-044', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity, h.person_id]), [
      ['bid_person', 'B9|P1', 'yellow', 'P1'], ['person_contract_pair', 'P1|C1|C2', 'red', 'P1']]);
    assert.equal(hits[1]!.evidence!.overlap_days, 223);
    assert.equal(hits[1]!.evidence!.overlap_from, '2023-06-01');
    assert.equal(hits[1]!.evidence!.overlap_to, '2024-01-10');
    assert.equal(hits[0]!.evidence!.contract_a, 'C1, C2');
  });

  test('without the exemption the terminated contract counts', async () => {
    const hits = await fixtureHits('BID-044', fixture, { params: { 'BID-044.exempt_statuses': 'suspended' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['B9|P1', 'P1|C1|C2', 'P3|C3|C4']);
  });
});
