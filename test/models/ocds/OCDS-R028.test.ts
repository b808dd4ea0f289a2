import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, ocdsReleases } from '../../helpers/model-fixture.ts';

const bid = (amount: number, tenderers: string[], status = 'valid', currency = 'CNY') =>
  ({ status, value: { amount, currency }, tenderers: tenderers.map((id) => ({ id })) });
const process = (ocid: string, bids: unknown[], tender: Record<string, unknown> = {}) => ({ ocid, bids: { details: bids }, tender });

const fixture = ocdsReleases([
  process('same price', [bid(980000, ['A']), bid(990000, ['B']), bid(980000, ['C'], 'disqualified')]),
  process('one firm twice', [bid(980000, ['A']), bid(980000, ['A'], 'pending')]),
  process('consortium reordered', [bid(980000, ['A', 'B']), bid(980000, ['B', 'A'])]),
  process('another currency', [bid(980000, ['A']), bid(980000, ['B'], 'valid', 'USD')]),
  process('withdrawn', [bid(980000, ['A']), bid(980000, ['B'], 'withdrawn')]),
  process('no price comparison', [bid(980000, ['A']), bid(980000, ['B'])], { procurementMethodDetails: '单一来源' }),
]);

describe('OCDS-R028 identical bid prices', () => {
  test('fires on two firms with one price, flagging both; silent on a firm repeating its price, the same consortium, other currencies and withdrawn bids', async () => {
    const hits = await fixtureHits('OCDS-R028', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.tender_id]).sort(), [
      ['tender', 'no price comparison', 'no price comparison'], ['tender', 'same price', 'same price'],
      ['tenderer', 'A', 'no price comparison'], ['tenderer', 'A', 'same price'], ['tenderer', 'B', 'no price comparison'], ['tenderer', 'C', 'same price'],
    ]);
    assert.deepEqual(hits.find((h) => h.subject_id === 'same price')!.evidence, { ocid: 'same price', amounts: [980000], currency: 'CNY', tenderer_ids: ['A', 'C'] });
  });

  test('procurement method details without price comparison are left out', async () => {
    const hits = await fixtureHits('OCDS-R028', fixture, { params: { 'OCDS-R028.no_price_comparison_procurement_methods': '单一来源' } });
    assert.deepEqual([...new Set(hits.map((h) => h.tender_id))], ['same price']);
  });
});
