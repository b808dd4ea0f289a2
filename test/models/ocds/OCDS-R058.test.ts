import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits } from '../../helpers/model-fixture.ts';
import { secondLowestFixture } from './second-lowest-fixture.ts';

describe('OCDS-R058 heavily discounted bid', () => {
  test('fires on a winner 60% below the runner-up (over the upper fence), with the winner; silent at 15%', async () => {
    const hits = await fixtureHits('OCDS-R058', secondLowestFixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.tender_id]).sort(), [['tender', 'far', 'far'], ['tenderer', 'W-far', 'far']]);
    const e = hits[0]!.evidence!;
    assert.equal(e.price_gap_ratio, 0.6);
    assert.ok(Math.abs((e.upper_fence as number) - 0.1633333) < 1e-6, JSON.stringify(e));
  });

  test('a threshold replaces the fence', async () => {
    const hits = await fixtureHits('OCDS-R058', secondLowestFixture, { params: { 'OCDS-R058.threshold': '0.12' } });
    assert.deepEqual(hits.filter((h) => h.subject_type === 'tender').map((h) => h.subject_id), ['far', 'near far', 'p7']);
  });
});
