import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, ocdsReleases } from '../../helpers/model-fixture.ts';

// Tenderers by [id, wins, losses]: a win is a process it bid in alone; a loss is a process it lost to F.
// Win ratios (F wins all its 22): Q1 ≈ 0.733, Q3 ≈ 0.933, lower fence ≈ 0.433; processes' 75th percentile 10.
const SPEC: Array<[string, number, number]> = [
  ['A', 7, 3], ['B', 3, 1], ['C', 4, 1], ['D', 4, 1], ['G', 9, 1], ['H', 1, 0], ['I', 8, 1], ['J', 5, 1], ['K', 2, 0], ['N', 6, 2],
  ['L', 1, 9], // fires: 10 processes, a win ratio of 0.1
  ['M', 0, 1], // near miss: never won, but bid once
];
const valid = (id: string) => ({ status: 'valid', tenderers: [{ id }] });
const fixture = ocdsReleases(SPEC.flatMap(([id, wins, losses]) => [
  ...Array.from({ length: wins }, (_, i) => ({ ocid: `${id}-won-${i}`, bids: { details: [valid(id)] }, awards: [{ status: 'active', suppliers: [{ id }] }] })),
  ...Array.from({ length: losses }, (_, i) => ({ ocid: `${id}-lost-${i}`, bids: { details: [valid(id), valid('F')] }, awards: [{ status: 'active', suppliers: [{ id: 'F' }] }] })),
]));

describe('OCDS-R025 excessive unsuccessful bids', () => {
  test('fires on a frequent tenderer that rarely wins; silent on one that lost its only bid', async () => {
    const hits = await fixtureHits('OCDS-R025', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity]), [['tenderer', 'L', 'yellow']]);
    const e = hits[0]!.evidence!;
    assert.deepEqual([e.processes, e.wins, e.win_ratio, e.processes_fence], [10, 1, 0.1, 10]);
    assert.ok(Math.abs((e.lower_fence as number) - 0.4333333) < 1e-6, JSON.stringify(e));
  });

  test('a lower percentile of processes lets the one-time loser in, with a threshold for the ratio', async () => {
    const hits = await fixtureHits('OCDS-R025', fixture, { params: { 'OCDS-R025.percentile': '0', 'OCDS-R025.threshold': '0.5' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['L', 'M']);
  });
});
