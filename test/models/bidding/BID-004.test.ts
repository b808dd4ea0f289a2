import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// T1: the bids of O1 and O2 both name P1 (as project manager and as quality inspector). T2: P2 is named by O3
// for lot 1 and by O4 for lot 2 (a near miss: different lots).
const fixture: Fixture = {
  tender: [{ tender_id: 'T1', bid_deadline: '2024-05-20 09:30:00' }, { tender_id: 'T2', bid_deadline: '2024-06-20 09:30:00' }],
  bid: [
    { bid_id: 'B1', tender_id: 'T1', lot_id: '-', org_id: 'O1' },
    { bid_id: 'B2', tender_id: 'T1', lot_id: '-', org_id: 'O2' },
    { bid_id: 'B3', tender_id: 'T2', lot_id: '1', org_id: 'O3' },
    { bid_id: 'B4', tender_id: 'T2', lot_id: '2', org_id: 'O4' },
  ],
  bid_personnel: [
    { bid_id: 'B1', person_id: 'P1', role: 'pm' },
    { bid_id: 'B1', person_id: 'P5', role: 'safety' },
    { bid_id: 'B2', person_id: 'P1', role: 'quality' },
    { bid_id: 'B2', person_id: 'P6', role: 'pm' },
    { bid_id: 'B3', person_id: 'P2', role: 'pm' },
    { bid_id: 'B4', person_id: 'P2', role: 'pm' },
  ],
  person: [{ person_id: 'P1', name: '周立军' }],
};

describe('BID-004 same key personnel named by different bidders', () => {
  test('fires when two bidders of one lot name the same person; silent on the same person in different lots', async () => {
    const hits = await fixtureHits('BID-004', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.tender_id, h.lot_id, h.person_id, h.severity]), [
      ['org_pair', 'O1|O2', 'T1', '-', 'P1', 'red'],
    ]);
    assert.deepEqual(hits[0]!.evidence!.persons, [{ person_id: 'P1', name: '周立军', role_a: 'pm', role_b: 'quality' }]);
  });

  test('the roles that count are a parameter', async () => {
    assert.deepEqual(await fixtureHits('BID-004', fixture, { params: { 'BID-004.roles': 'pm' } }), []);
    assert.equal((await fixtureHits('BID-004', fixture, { params: { 'BID-004.roles': 'pm,quality' } })).length, 1);
  });
});
