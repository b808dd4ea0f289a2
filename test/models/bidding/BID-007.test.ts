import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const tender = (id: string, ceiling = 1234567) => ({ tender_id: id, max_price_cny: ceiling, buyer_org_id: 'G1', region_code: '330102',
  bid_deadline: '2025-05-20 09:30:00' });
const lot = (t: string, prices: number[]) => prices.map((p, i) => ({
  bid_id: `${t}-${i}`, tender_id: t, lot_id: '-', org_id: `O${i + 1}`, status: 'valid', price_cny: p, submit_time: `2025-05-20 09:0${i}:00`,
}));
/** 20 bill items of one bid; the first `same` at the shared unit prices, the rest 5% higher when `shifted`. */
const items = (bid: string, same: number, shifted: boolean) => Array.from({ length: 20 }, (_, i) => ({
  bid_id: bid, item_code: `I${String(i).padStart(3, '0')}`, qty: 3, unit_price_cny: (1000 + 37.5 * i) * (shifted && i >= same ? 1.05 : 1),
}));

const fixture: Fixture = {
  tender: [tender('T1'), tender('T2'), tender('T3'), tender('T4', 1000000), tender('T5'), tender('T6'), tender('T7')],
  bid: [
    ...lot('T1', [1000000, 1050000, 1080000, 1080000]), // identical totals: red
    ...lot('T2', [1000000, 1020000, 1040000, 1060000]), // four bids 20,000 apart: red
    ...lot('T3', [1000000, 1030000, 1060900]), // three bids 3% apart: orange
    ...lot('T4', [880000, 910000, 920000, 950000]), // the ceiling less 12, 9, 8 and 5 whole 1% steps: orange
    ...lot('T5', [1000000, 1020000, 1042000, 1061000]), // gaps 2%, 2.2%, 1.9%: a near miss
    ...lot('T6', [1000000, 1070000, 1113000, 1189000]), // two bids share 12 of 20 unit prices: orange
    ...lot('T7', [1000000, 1060000, 1131000, 1170000]), // 8 of 20 shared: a near miss
  ],
  bid_item: [...items('T6-1', 12, false), ...items('T6-2', 12, true), ...items('T7-1', 8, false), ...items('T7-2', 8, true)],
};

describe('BID-007 regular or identical price pattern', () => {
  test('fires on identical totals, progressions, ceiling steps and shared unit prices; silent on an uneven ladder and on 40% shared unit prices', async () => {
    const hits = await fixtureHits('BID-007', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity]),
      [['T1/-', 'red'], ['T2/-', 'red'], ['T3/-', 'orange'], ['T4/-', 'orange'], ['T6/-', 'orange']]);
    const by = new Map(hits.map((h) => [h.subject_id, h.evidence!]));
    assert.deepEqual(by.get('T1/-')!.identical, [{ price: 1080000, org_id: 'O3' }, { price: 1080000, org_id: 'O4' }]);
    assert.equal(by.get('T2/-')!.constant_difference, true);
    assert.deepEqual([by.get('T3/-')!.constant_ratio, by.get('T3/-')!.constant_difference], [true, false]);
    assert.deepEqual(by.get('T4/-')!.steps_pct, [0.5, 1]);
    assert.deepEqual(by.get('T6/-')!.identical_unit_prices, [{ org_a: 'O2', org_b: 'O3', identical_items: 12, common_items: 20, share: 0.6 }]);
    assert.equal(hits[0]!.subject_type, 'lot');
    assert.equal(hits[0]!.org_id, 'O1');
  });
});
