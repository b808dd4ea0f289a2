import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, ocdsReleases } from '../../helpers/model-fixture.ts';

const process = (ocid: string, bids: Array<[number, string, string?]>, awardStatus = 'active') => ({
  ocid,
  bids: { details: bids.map(([amount, status, currency]) => ({ status, value: { amount, currency: currency ?? 'CNY' } })) },
  awards: [{ status: awardStatus }],
});

const fixture = ocdsReleases([
  process('lowest disqualified', [[900000, 'disqualified'], [1000000, 'valid'], [1100000, 'valid']]),
  process('lowest valid', [[1000000, 'disqualified'], [900000, 'valid']]),
  process('only disqualified', [[900000, 'disqualified'], [1000000, 'disqualified']]),
  process('not awarded yet', [[900000, 'disqualified'], [1000000, 'valid']], 'pending'),
  process('lower in another currency', [[100000, 'valid', 'USD'], [900000, 'valid'], [950000, 'disqualified']]),
]);

describe('OCDS-R036 lowest bid disqualified', () => {
  test('fires when the lowest bid was disqualified and valid bids stood; silent when the lowest is valid, none is valid, or nothing was awarded', async () => {
    const hits = await fixtureHits('OCDS-R036', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity]), [['lowest disqualified', 'orange']]);
    assert.deepEqual(hits[0]!.evidence, { ocid: 'lowest disqualified', lowest_amount: 900000, lowest_valid_amount: 1000000, currency: 'CNY' });
  });

  test('bids in other currencies than the main one are left out', async () => {
    const hits = await fixtureHits('OCDS-R036', ocdsReleases([process('usd lowest disqualified', [[1, 'disqualified', 'USD'], [900000, 'valid'], [950000, 'valid']])]),
      { params: { 'OCDS-R036.currency': 'CNY' } });
    assert.deepEqual(hits, []);
  });
});
