import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// Five leases signed on 2024-05-20 and a village works contract: decided by the assembly 15 days
// before (silent), ratified 40 days after (red), decided by the village committee only (red), a
// meeting of 30 of 52 (orange), a meeting on the signing day with 35 of 52 present and 18 in favour
// (silent: on time, quorum and majority met); the contract has no decision at all (red).
const lease = (id: string) => ({ lease_id: id, collective_org_id: 'V1', lessee_type: 'person', lessee_id: `P${id}`, lessee_name: `承租人${id}`,
  sign_date: '2024-05-20', annual_rent_cny: 60000 });
const decision = (id: string, ref: string, body: string, meeting: string, attendees: number, votes: number) =>
  ({ decision_id: id, org_id: 'V1', body, meeting_date: meeting, attendees, eligible_members: 52, votes_for: votes, ref_lease_id: ref });
const fixture: Fixture = {
  organization: [
    { org_id: 'V1', name: '某村股份经济合作社', org_type: 'village_collective' },
    { org_id: 'O1', name: '某建材公司', org_type: 'company' },
  ],
  lease_contract: ['L1', 'L2', 'L3', 'L4', 'L5'].map(lease),
  contract: [{ contract_id: 'C1', buyer_org_id: 'V1', supplier_org_id: 'O1', value_cny: 86000, sign_date: '2025-04-18' }],
  decision: [
    decision('D1', 'L1', 'villagers_assembly', '2024-05-05', 40, 36),
    decision('D2', 'L2', 'villagers_assembly', '2024-06-29', 40, 36),
    decision('D3', 'L3', 'village_committee', '2024-05-05', 7, 7),
    decision('D4', 'L4', 'villagers_assembly', '2024-05-05', 30, 27),
    decision('D5', 'L5', 'villagers_assembly', '2024-05-20', 35, 18),
  ],
};

describe('VIL-004 lease or contract without democratic decision', () => {
  test('red without a prior assembly decision, orange without quorum; silent on a valid decision, even on the signing day', async () => {
    const hits = await fixtureHits('VIL-004', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity, h.evidence!.finding]), [
      ['contract', 'C1', 'red', 'no_decision_of_the_assembly'],
      ['lease', 'L2', 'red', 'decision_after_signing'],
      ['lease', 'L3', 'red', 'no_decision_of_the_assembly'],
      ['lease', 'L4', 'orange', 'no_quorum_or_majority'],
    ]);
    assert.equal((hits[2]!.evidence!.decisions as Array<{ body: string }>)[0]!.body, 'village_committee');
  });

  test('exactly half the votes is no majority', async () => {
    const f = { ...fixture, decision: fixture.decision!.map((d) => d.decision_id === 'D1' ? { ...d, attendees: 40, votes_for: 20 } : d) };
    const hits = await fixtureHits('VIL-004', f);
    assert.deepEqual(hits.filter((h) => h.subject_id === 'L1').map((h) => h.severity), ['orange']);
  });
});
