import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const tender = (id: string) => ({ tender_id: id, buyer_org_id: 'G1', region_code: '330102', bid_deadline: '2025-05-20 09:30:00' });
const lot = (t: string, prices: number[]) => prices.map((p, i) => ({
  bid_id: `${t}-${i}`, tender_id: t, lot_id: '-', org_id: `O${i + 1}`, status: 'valid', price_cny: p * 10000, submit_time: `2025-05-20 09:0${i}:00`,
}));

const fixture: Fixture = {
  tender: ['T1', 'T2', 'T3', 'T4'].map(tender),
  bid: [
    ...lot('T1', [100, 110, 110.5, 111, 111.6]), // a 10% gap, the losers bunched: cover bidding
    ...lot('T2', [100, 104, 107.6, 112.48]), // a 4% gap, but RD 0.94 and RDalt 0.94
    ...lot('T3', [100, 101.5, 101.7, 102]), // bunched losers, but only 1.5% above
    ...lot('T4', [100, 120]), // two bids only
  ],
};

describe('BID-012 cover-bidding screen: relative distance', () => {
  test('fires on a 10% gap to bunched losers; silent when RD and RDalt are just under 1, when the gap is under 2%, and on two bids', async () => {
    const hits = await fixtureHits('BID-012', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity, h.org_id]), [['lot', 'T1/-', 'orange', 'O1']]);
    const e = hits[0]!.evidence!;
    assert.equal(e.n, 5);
    assert.equal(e.diffp_pct, 10);
    assert.ok((e.rd as number) > 14 && (e.rd_alt as number) > 18, JSON.stringify(e));
  });

  test('RD below the parameter is enough with a lower bar', async () => {
    const hits = await fixtureHits('BID-012', fixture, { params: { 'BID-012.rd_min': '0.9' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['T1/-', 'T2/-']);
  });
});
