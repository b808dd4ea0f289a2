import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits } from '../../helpers/model-fixture.ts';
import { secondLowestFixture } from './second-lowest-fixture.ts';

describe('OCDS-R024 price close to winning bid', () => {
  test('fires on a runner-up 0.5% above the winner (under the lower fence), with both tenderers; silent at 7%, on lots and on a winner that was not lowest', async () => {
    const hits = await fixtureHits('OCDS-R024', secondLowestFixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.tender_id, h.severity]).sort(), [
      ['tender', 'close', 'close', 'yellow'], ['tenderer', 'L-close', 'close', 'yellow'], ['tenderer', 'W-close', 'close', 'yellow'],
    ]);
    const e = hits.find((h) => h.subject_type === 'tender')!.evidence!;
    assert.equal(e.price_gap_ratio, 0.005);
    assert.ok(Math.abs((e.lower_fence as number) - 0.0366667) < 1e-6 && Math.abs((e.q1 as number) - 0.0841667) < 1e-6, JSON.stringify(e));
  });

  test('a threshold replaces the fence', async () => {
    const hits = await fixtureHits('OCDS-R024', secondLowestFixture, { params: { 'OCDS-R024.threshold': '0.08' } });
    assert.deepEqual(hits.filter((h) => h.subject_type === 'tender').map((h) => h.subject_id), ['close', 'near close', 'p0']);
  });
});
