import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const tender = (id: string, criteria: string) => ({
  tender_id: id, award_criteria: criteria, class_code: 'B0101', region_code: '330102', buyer_org_id: 'G1', bid_deadline: '2025-05-20 09:30:00',
});
/** Bids of one tender: [org, price, minutes after 09:00 on the deadline day]. */
const bids = (t: string, rows: Array<[string, number, number]>) => rows.map(([org, price, min]) => ({
  bid_id: `${t}-${org}`, tender_id: t, lot_id: '-', org_id: org, status: 'valid', price_cny: price,
  submit_time: `2025-05-20 09:${String(min).padStart(2, '0')}:00`,
}));
const award = (t: string) => ({ award_id: `A-${t}`, tender_id: t, lot_id: '-', bid_id: `${t}-O1`, supplier_org_id: 'O1', candidate_rank: 1,
  award_value_cny: 1000000, status: 'active' });

const fixture: Fixture = {
  tender: [tender('T1', 'priceOnly'), tender('T2', 'lowestEvaluatedPrice'), tender('T3', 'priceOnly'), tender('T4', 'ratedCriteria'), tender('T5', 'priceOnly')],
  bid: [
    // T1: the winner is 0.3% below the runner-up and handed in first: yellow.
    ...bids('T1', [['O1', 1000000, 0], ['O2', 1003000, 10], ['O3', 1100000, 5]]),
    // T2: 0.1% below, and the winner handed in last: orange.
    ...bids('T2', [['O1', 1000000, 15], ['O2', 1001000, 0], ['O3', 1050000, 5]]),
    // T3: 0.6% below: a near miss. T4: rated criteria. T5: nobody was awarded.
    ...bids('T3', [['O1', 1000000, 0], ['O2', 1006000, 10], ['O3', 1100000, 5]]),
    ...bids('T4', [['O1', 1000000, 0], ['O2', 1001000, 10], ['O3', 1100000, 5]]),
    ...bids('T5', [['O1', 1000000, 0], ['O2', 1002000, 10], ['O3', 1100000, 5]]),
  ],
  award: [award('T1'), award('T2'), award('T3'), award('T4')],
};

describe('BID-014 winner just below the runner-up', () => {
  test('fires at 0.3% and 0.1% in price-awarded lots (orange when the winner handed in last); silent at 0.6%, under rated criteria and without an award', async () => {
    const hits = await fixtureHits('BID-014', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity, h.org_id]), [['lot', 'T1/-', 'yellow', 'O1'], ['lot', 'T2/-', 'orange', 'O1']]);
    const e = hits[0]!.evidence!;
    assert.deepEqual([e.runner_up_org_id, e.diffp_pct, e.winner_submitted_last], ['O2', 0.3, false]);
    assert.equal(hits[1]!.evidence!.winner_submitted_last, true);
  });

  test('the threshold is a parameter', async () => {
    const hits = await fixtureHits('BID-014', fixture, { params: { 'BID-014.diffp_low': '0.007' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['T1/-', 'T2/-', 'T3/-']);
  });
});
