import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const bid = (bid_id: string, tender_id: string, lot_id: string, org_id: string, agent: string, phone: string) => ({
  bid_id, tender_id, lot_id, org_id, status: 'valid', agent_person_id: agent, contact_phone: phone, contact_email: `${org_id.toLowerCase()}@163.com`,
});

// T1: O1 and O2 give one phone number written two ways; O3 and O4 entrust the same agent. T2: one agent for
// O5 in lot 1 and O6 in lot 2 (a near miss: different lots). T3: one person downloaded the documents for O7
// and O8, who both bid.
const fixture: Fixture = {
  tender: [{ tender_id: 'T1', bid_deadline: '2024-05-20 09:30:00' }, { tender_id: 'T2', bid_deadline: '2024-06-20 09:30:00' },
    { tender_id: 'T3', bid_deadline: '2024-07-20 09:30:00' }],
  bid: [
    bid('B1', 'T1', '-', 'O1', 'A1', '0571-88123456'),
    bid('B2', 'T1', '-', 'O2', 'A2', '+86 571 8812 3456'),
    bid('B3', 'T1', '-', 'O3', 'P9', '057380000003'),
    bid('B4', 'T1', '-', 'O4', 'P9', '057380000004'),
    bid('B5', 'T2', '1', 'O5', 'P8', '057380000005'),
    bid('B6', 'T2', '2', 'O6', 'P8', '057380000006'),
    bid('B7', 'T3', '-', 'O7', 'A7', '057380000007'),
    bid('B8', 'T3', '-', 'O8', 'A8', '057380000008'),
  ],
  doc_download: [
    { tender_id: 'T3', lot_id: '-', org_id: 'O7', person_id: 'P7', download_time: '2024-07-01 10:00:00' },
    { tender_id: 'T3', lot_id: '-', org_id: 'O8', person_id: 'P7', download_time: '2024-07-01 10:05:00' },
  ],
  person: [{ person_id: 'P9', name: '王建华' }],
};

describe('BID-003 same agent or contact across bidders', () => {
  test('fires on a shared normalised phone, a shared agent and a shared downloader; silent on one agent in different lots', async () => {
    const hits = await fixtureHits('BID-003', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.tender_id, h.lot_id, h.evidence!.link_types]), [
      ['O1|O2', 'T1', '-', 'contact_phone'],
      ['O3|O4', 'T1', '-', 'same_agent'],
      ['O7|O8', 'T3', '-', 'same_downloader'],
    ]);
    assert.deepEqual(hits[0]!.evidence!.links, [{ type: 'contact_phone', value: '057188123456', org_a: '0571-88123456', org_b: '+86 571 8812 3456' }]);
    assert.equal(hits[1]!.person_id, 'P9');
    assert.equal(hits[1]!.evidence!.person_name, '王建华');
  });

  test('a public phone number can be ignored', async () => {
    const hits = await fixtureHits('BID-003', fixture, { params: { 'BID-003.ignore_phones': '057188123456' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['O3|O4', 'O7|O8']);
  });
});
