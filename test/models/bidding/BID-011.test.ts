import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const tender = (id: string) => ({ tender_id: id, class_code: 'B0101', region_code: '330102', buyer_org_id: 'G1', bid_deadline: '2025-05-20 09:30:00' });
const lot = (t: string, prices: number[]) => prices.map((p, i) => ({
  bid_id: `${t}-${i}`, tender_id: t, lot_id: '-', org_id: `O${i + 1}`, status: 'valid', price_cny: p * 10000, submit_time: `2025-05-20 09:0${i}:00`,
}));

const fixture: Fixture = {
  tender: ['T1', 'T2', 'T3', 'T4'].map(tender),
  bid: [
    ...lot('T1', [100, 102, 103, 104, 106]), // cv 0.0217: packed
    ...lot('T2', [100, 104, 108, 112, 116]), // cv 0.0585: just above 0.05
    ...lot('T3', [100, 101, 102]), // cv 0.01 but only three bids
    ...lot('T4', [100, 110, 120, 130, 140]), // cv 0.13
  ],
};

describe('BID-011 variance screen: low coefficient of variation', () => {
  test('fires on five bids with cv 0.0217; silent at cv 0.0585 and on three packed bids', async () => {
    const hits = await fixtureHits('BID-011', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity, h.org_id]), [['lot', 'T1/-', 'orange', 'O1']]);
    const e = hits[0]!.evidence!;
    assert.equal(e.n, 5);
    assert.ok(Math.abs((e.cv as number) - 0.021709) < 1e-6, String(e.cv));
    assert.equal(e.below_cv_max, true);
  });

  test('the segment percentile flags lots at or below it, in segments large enough', async () => {
    const pct = { 'BID-011.cv_max': '0.01', 'BID-011.pct': '50' };
    const hits = await fixtureHits('BID-011', fixture, { params: { ...pct, 'BID-011.segment_min_n': '3' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['T1/-', 'T2/-']);
    assert.equal(hits[1]!.evidence!.below_segment_pct, true);
    assert.equal(hits[1]!.evidence!.segment_level, 'class4×region×year');
    // Three lots are too few for the default 20: only the fixed threshold applies.
    assert.deepEqual((await fixtureHits('BID-011', fixture, { params: pct })).map((h) => h.subject_id), []);
  });
});
