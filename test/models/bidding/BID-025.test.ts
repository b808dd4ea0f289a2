import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const tender = (id: string, must: boolean, method = '公开招标') => ({
  tender_id: id, must_tender: must, method_detail: method, procurement_method: method === '公开招标' ? 'open' : 'selective',
  buyer_org_id: 'G1', region_code: '330102', bid_deadline: '2025-05-20 09:30:00',
});
const bid = (t: string, org: string, status: string) => ({ bid_id: `${t}-${org}`, tender_id: t, lot_id: '-', org_id: org, status, price_cny: 1000000 });
const award = (t: string, status = 'active') => ({ award_id: `A-${t}`, tender_id: t, lot_id: '-', bid_id: `${t}-O1`, supplier_org_id: 'O1',
  candidate_rank: 1, award_value_cny: 1000000, notice_date: '2025-05-28 00:00:00', status });

const fixture: Fixture = {
  tender: [tender('T1', true), tender('T2', true), tender('T3', true), tender('T4', false), tender('T5', true, '邀请招标')],
  bid: [
    // T1: three bids, one withdrawn before the deadline: two bidders, awarded.
    bid('T1', 'O1', 'valid'), bid('T1', 'O2', 'valid'), bid('T1', 'O3', 'withdrawn'),
    // T2: exactly three submitted (one rejected), awarded: a near miss.
    bid('T2', 'O1', 'valid'), bid('T2', 'O2', 'valid'), bid('T2', 'O3', 'disqualified'),
    // T3: two bidders but no award. T4: not a must-tender project. T5: an invited tender.
    bid('T3', 'O1', 'valid'), bid('T3', 'O2', 'valid'),
    bid('T4', 'O1', 'valid'), bid('T4', 'O2', 'valid'),
    bid('T5', 'O1', 'valid'), bid('T5', 'O2', 'valid'),
  ],
  award: [award('T1'), award('T2'), award('T3', 'cancelled'), award('T4'), award('T5')],
};

describe('BID-025 opened or awarded with fewer than three bids', () => {
  test('fires on a must-tender open lot awarded with two bidders; silent at three, without an award, and outside its scope', async () => {
    const hits = await fixtureHits('BID-025', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity, h.org_id]), [['lot', 'T1/-', 'red', 'O1']]);
    assert.deepEqual([hits[0]!.tender_id, hits[0]!.lot_id], ['T1', '-']);
    assert.deepEqual([hits[0]!.evidence!.n_bidders, hits[0]!.evidence!.n_withdrawn, hits[0]!.evidence!.bidders], [2, 1, 'O1, O2']);
  });
});
