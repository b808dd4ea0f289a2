import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// Bids for one lot (deadline 2024-05-10). O1 won while a dishonest judgment debtor (red); O2's valid bid came
// during a ban on bidding (orange). Silent: O3 was listed but disqualified, O4's listing was removed before
// the deadline, O5 was only on the abnormal-operations list.
const fixture: Fixture = {
  tender: [{ tender_id: 'T1', buyer_org_id: 'BU', bid_deadline: '2024-05-10 09:30:00' }],
  bid: ['O1', 'O2', 'O3', 'O4', 'O5'].map((o, i) => ({ bid_id: `B${i + 1}`, tender_id: 'T1', lot_id: '-', org_id: o,
    status: o === 'O3' ? 'disqualified' : 'valid', price_cny: 1000000 + i })),
  award: [{ award_id: 'A1', tender_id: 'T1', lot_id: '-', bid_id: 'B1', supplier_org_id: 'O1', status: 'active', award_value_cny: 1000000 }],
  credit_list: [
    { subject_type: 'org', subject_id: 'O1', list_type: 'dishonest_enforcee', authority: '某县人民法院', listed_date: '2024-04-01' },
    { subject_type: 'org', subject_id: 'O3', list_type: 'dishonest_enforcee', authority: '某县人民法院', listed_date: '2024-04-01' },
    { subject_type: 'org', subject_id: 'O4', list_type: 'dishonest_enforcee', authority: '某县人民法院', listed_date: '2023-01-01', removed_date: '2024-05-01' },
    { subject_type: 'org', subject_id: 'O5', list_type: 'abnormal_operation', authority: '某县市场监督管理局', listed_date: '2024-01-01' },
  ],
  admin_penalty: [{ subject_type: 'org', subject_id: 'O2', authority: '某县住房和城乡建设局', penalty_type: 'bid_ban', ban_start: '2024-03-01', ban_end: '2024-09-01' }],
};

describe('BID-051 debarred or dishonest bidder not rejected', () => {
  test('red for a listed winner, orange for a banned valid bidder; silent on a rejected bid, a removed listing and a non-barring list', async () => {
    const hits = await fixtureHits('BID-051', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.org_id]), [['T1|O1', 'red', 'O1'], ['T1|O2', 'orange', 'O2']]);
    assert.equal(hits[0]!.evidence!.listings, 'dishonest_enforcee 2024-04-01~');
    assert.equal(hits[1]!.evidence!.listings, 'bid_ban 2024-03-01~2024-09-01');
  });

  test('the barring lists are a parameter', async () => {
    const hits = await fixtureHits('BID-051', fixture, { params: { 'BID-051.list_types': 'dishonest_enforcee,abnormal_operation' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['T1|O1', 'T1|O2', 'T1|O5']);
  });
});
