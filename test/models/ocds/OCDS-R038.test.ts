import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, ocdsReleases } from '../../helpers/model-fixture.ts';

// One process per buyer: `bids` submitted, the first `dq` disqualified, each bid by its own tenderer (so no
// tenderer reaches two bids). Shares of the buyers with two bids or more: Q1 0.1, Q3 ≈ 0.233, upper fence ≈ 0.433.
const process = (buyer: string, bids: number, dq: number) => ({
  ocid: `ocds-${buyer}`,
  buyer: { id: buyer },
  bids: { details: Array.from({ length: bids }, (_, i) => ({ status: i < dq ? 'disqualified' : 'valid', tenderers: [{ id: `${buyer}-T${i}` }] })) },
});
const fixture = ocdsReleases([
  ...[1, 2, 2, 1, 2, 3, 2, 1].map((dq, i) => process(`B${i}`, 10, dq)),
  process('BX', 10, 8), // fires: 80% disqualified
  process('BY', 1, 1), // near miss: its one bid disqualified, under the minimum of two bids
  { ocid: 'withdrawn only', buyer: { id: 'BZ' }, bids: { details: [{ status: 'withdrawn', tenderers: [{ id: 'Z' }] }, { status: 'invited', tenderers: [{ id: 'Z' }] }] } },
]);

describe('OCDS-R038 excessive disqualified bids', () => {
  test('fires on a buyer that disqualified 80% of the bids it received; silent on one with a single bid', async () => {
    const hits = await fixtureHits('OCDS-R038', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity]), [['buyer', 'BX', 'yellow']]);
    const e = hits[0]!.evidence!;
    assert.deepEqual([e.submitted, e.disqualified, e.disqualified_ratio, e.q1], [10, 8, 0.8, 0.1]);
    assert.ok(Math.abs((e.upper_fence as number) - 0.4333333) < 1e-6, JSON.stringify(e));
  });

  test('with a minimum of one bid and a threshold, the single-bid buyer too', async () => {
    const hits = await fixtureHits('OCDS-R038', fixture, { params: { 'OCDS-R038.minimum_contracting_processes': '1', 'OCDS-R038.threshold': '0.5' } });
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id]), [['buyer', 'BX'], ['buyer', 'BY']]);
  });
});
