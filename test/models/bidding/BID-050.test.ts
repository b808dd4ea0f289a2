import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// Agency AG runs T1, AG2 runs T2. AG's project lead E1 is S1's agent in T1 (fires) and S4's agent in T2 (a near
// miss: another agency's tender); AG's former manager M1 (left in 2021) is S2's agent in T1 (a near miss); E1
// wrote S3's bid file (fires); AG's legal representative LR is a director of S4, which bids in T1 (fires).
const fixture: Fixture = {
  organization: [{ org_id: 'AG', legal_rep_person_id: 'LR' }, { org_id: 'AG2', legal_rep_person_id: 'LR2' },
    { org_id: 'S4', legal_rep_person_id: 'Q4' }],
  person: [{ person_id: 'E1', name: '王小明' }, { person_id: 'M1', name: '李大伟' }, { person_id: 'LR', name: '张建国' }],
  org_role: [
    { org_id: 'AG', person_id: 'E1', role: 'employee', start_date: '2018-03-01' },
    { org_id: 'AG', person_id: 'M1', role: 'manager', start_date: '2015-01-01', end_date: '2021-06-30' },
    { org_id: 'S4', person_id: 'LR', role: 'director', start_date: '2019-03-01' },
  ],
  tender: [{ tender_id: 'T1', buyer_org_id: 'BU', agency_org_id: 'AG', bid_deadline: '2024-05-01 09:30:00' },
    { tender_id: 'T2', buyer_org_id: 'BU', agency_org_id: 'AG2', bid_deadline: '2024-05-01 09:30:00' }],
  bid: [
    { bid_id: 'B1', tender_id: 'T1', lot_id: '-', org_id: 'S1', agent_person_id: 'E1', price_cny: 100 },
    { bid_id: 'B2', tender_id: 'T1', lot_id: '-', org_id: 'S2', agent_person_id: 'M1', price_cny: 100 },
    { bid_id: 'B3', tender_id: 'T1', lot_id: '-', org_id: 'S3', agent_person_id: 'Z3', price_cny: 100 },
    { bid_id: 'B4', tender_id: 'T2', lot_id: '-', org_id: 'S4', agent_person_id: 'E1', price_cny: 100 },
    { bid_id: 'B5', tender_id: 'T1', lot_id: '-', org_id: 'S4', agent_person_id: 'Z4', price_cny: 100 },
  ],
  bid_document: [{ bid_id: 'B3', section: 'tech', author: '王小明', last_modified_by: '王小明' },
    { bid_id: 'B2', section: 'tech', author: 'Administrator', last_modified_by: 'Administrator' }],
};

describe('BID-050 tendering agency linked to a bidder', () => {
  test('fires on the agency\'s staff as agent or author and on a shared officer; silent on a former manager and another agency\'s tender', async () => {
    const hits = await fixtureHits('BID-050', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.org_id]), [['T1|S1', 'red', 'S1'], ['T1|S3', 'red', 'S3'], ['T1|S4', 'red', 'S4']]);
    assert.deepEqual(hits.map((h) => h.evidence!.channels), ['STAFF_AS_AGENT', 'STAFF_AS_DOC_AUTHOR', 'ORG_LINK_COMMON_PERSON']);
    assert.equal(hits[2]!.evidence!.via, 'LR');
  });

  test('a file author is matched to the staff as written in the file: surrounding spaces (full-width too) do not hide them', async () => {
    const hits = await fixtureHits('BID-050', { ...fixture,
      bid_document: [{ bid_id: 'B3', section: 'tech', author: '\u3000王小明 ', last_modified_by: 'Administrator' }] });
    assert.deepEqual(hits.filter((h) => h.evidence!.channels === 'STAFF_AS_DOC_AUTHOR').map((h) => h.subject_id), ['T1|S3']);
  });
});
