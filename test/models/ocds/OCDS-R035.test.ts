import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, ocdsReleases } from '../../helpers/model-fixture.ts';

const process = (ocid: string, bids: Array<[string, string]>, suppliers: string[], extraAward?: Record<string, unknown>) => ({
  ocid,
  bids: { details: bids.map(([id, status]) => ({ status, tenderers: [{ id }] })) },
  awards: [{ status: 'active', suppliers: suppliers.map((id) => ({ id })) }, ...(extraAward ? [extraAward] : [])],
});

const fixture = ocdsReleases([
  process('rigged', [['V', 'valid'], ['D1', 'disqualified'], ['D2', 'disqualified']], ['V']),
  process('two valid', [['V', 'valid'], ['W', 'valid'], ['D1', 'disqualified']], ['V']),
  process('winner not the valid one', [['V', 'valid'], ['D1', 'disqualified']], ['S']),
  process('pending award', [['V', 'valid'], ['D1', 'disqualified']], ['V'], { status: 'pending' }),
  process('none disqualified', [['V', 'valid'], ['P', 'pending']], ['V']),
]);

describe('OCDS-R035 all except winning bid disqualified', () => {
  test('fires when the one valid tenderer won and the others were disqualified; silent with two valid, another winner, a pending award or no disqualification', async () => {
    const hits = await fixtureHits('OCDS-R035', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.tender_id]), [['tenderer', 'V', 'rigged'], ['tender', 'rigged', 'rigged']]);
    assert.deepEqual(hits[1]!.evidence, { ocid: 'rigged', winner_id: 'V', disqualified_count: 2, disqualified_ids: ['D1', 'D2'] });
  });

  test('a threshold of other disqualified tenderers', async () => {
    assert.deepEqual(await fixtureHits('OCDS-R035', fixture, { params: { 'OCDS-R035.threshold': '3' } }), []);
  });
});
