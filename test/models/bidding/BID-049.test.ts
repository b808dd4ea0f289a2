import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const base = (winnerRep: string): Fixture => ({
  person: [{ person_id: 'OFF', name: '周某' }, { person_id: 'SON', name: '周某某' }, { person_id: 'X', name: '无关' }],
  kinship: [{ person_id_a: 'OFF', person_id_b: 'SON', relation: 'child', degree: 1 }],
  official_duty: [{ person_id: 'OFF', employer_org_id: 'GOV', position: '局长', oversees_org_id: 'BUYER', start_date: '2020-01-01' }],
  organization: [{ org_id: 'BUYER', name: '采购人' }, { org_id: 'WIN', name: '中标人', legal_rep_person_id: winnerRep }],
  tender: [{ tender_id: 'T1', buyer_org_id: 'BUYER', bid_deadline: '2025-03-01 09:00:00' }],
  award: [{ award_id: 'A1', tender_id: 'T1', lot_id: '-', supplier_org_id: 'WIN', status: 'active', notice_date: '2025-03-10 10:00:00', award_value_cny: 900000 }],
});

describe('BID-049 official linked to the winner', () => {
  test("fires when the winner's legal representative is the overseeing official's son; silent for an unrelated person", async () => {
    const hits = await fixtureHits('BID-049', base('SON'));
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity]), [['T1|WIN', 'red']]);
    assert.equal(hits[0]!.evidence!.official_id, 'OFF');
    assert.deepEqual(await fixtureHits('BID-049', base('X')), []);
  });
});
