import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// One awarded lot won by W. L2 (runner-up) and a firm S3 controlled by L3 (who withdrew) become subcontractors
// (both fire); X, who lost a different tender only, is a subcontractor too (a near miss).
const fixture: Fixture = {
  tender: [{ tender_id: 'T1', buyer_org_id: 'BU', bid_deadline: '2024-01-10 09:30:00' }, { tender_id: 'T2', buyer_org_id: 'BU', bid_deadline: '2024-02-10 09:30:00' }],
  bid: [
    { bid_id: 'B1', tender_id: 'T1', lot_id: '-', org_id: 'W', status: 'valid', rank: 1 },
    { bid_id: 'B2', tender_id: 'T1', lot_id: '-', org_id: 'L2', status: 'valid', rank: 2 },
    { bid_id: 'B3', tender_id: 'T1', lot_id: '-', org_id: 'L3', status: 'withdrawn' },
    { bid_id: 'B9', tender_id: 'T2', lot_id: '-', org_id: 'X', status: 'valid', rank: 2 },
  ],
  award: [{ award_id: 'A1', tender_id: 'T1', lot_id: '-', bid_id: 'B1', supplier_org_id: 'W', status: 'active', award_value_cny: 1000000 }],
  contract: [{ contract_id: 'C1', tender_id: 'T1', award_id: 'A1', buyer_org_id: 'BU', supplier_org_id: 'W', value_cny: 1000000, sign_date: '2024-01-25' }],
  subcontract: [
    { contract_id: 'C1', sub_org_id: 'L2', value_cny: 400000, scope: '劳务分包', sign_date: '2024-02-05' },
    { contract_id: 'C1', sub_org_id: 'S3', value_cny: 300000, scope: '钢结构专业分包', sign_date: '2024-02-10' },
    { contract_id: 'C1', sub_org_id: 'X', value_cny: 200000, scope: '劳务分包', sign_date: '2024-02-12' },
  ],
  shareholding: [{ org_id: 'S3', holder_type: 'org', holder_id: 'L3', share_ratio: 0.7, start_date: '2019-05-01' }],
};

describe('BID-022 losing bidders become subcontractors', () => {
  test('fires on a losing bidder and on a firm a losing bidder controls; silent on a firm that lost another tender', async () => {
    const hits = await fixtureHits('BID-022', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.tender_id, h.lot_id, h.org_id]),
      [['C1|L2', 'orange', 'T1', '-', 'L2'], ['C1|S3', 'orange', 'T1', '-', 'S3']]);
    assert.equal(hits[0]!.evidence!.match, 'LOSING_BIDDER');
    assert.equal(hits[0]!.evidence!.winner_org_id, 'W');
    assert.equal(hits[1]!.evidence!.match, 'CONTROL');
    assert.equal(hits[1]!.evidence!.losing_bidders, 'L3');
    assert.equal(hits[1]!.evidence!.loser_bid_status, 'L3:withdrawn');
  });

  test('a control link that ended before the subcontract does not count', async () => {
    const ended = { ...fixture, shareholding: [{ ...fixture.shareholding![0]!, end_date: '2023-06-30' }] };
    assert.deepEqual((await fixtureHits('BID-022', ended)).map((h) => h.subject_id), ['C1|L2']);
  });
});
