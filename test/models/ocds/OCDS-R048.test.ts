import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, ocdsReleases } from '../../helpers/model-fixture.ts';

// Each supplier's processes, each an award to it alone of items with these classification codes.
const awards = (supplier: string, processes: string[][]) => processes.map((codes, i) => ({
  ocid: `${supplier}-${i}`,
  awards: [{ status: 'active', suppliers: [{ id: supplier }], items: codes.map((id) => ({ classification: { scheme: 'CPV', id } })) }],
}));
const fixture = ocdsReleases([
  ...['S1', 'S2', 'S3', 'S4', 'S5'].flatMap((s) => awards(s, [['45210000'], ['45220000']])), // one category (45)
  ...['S6', 'S7', 'S8'].flatMap((s) => awards(s, [['45210000'], ['71320000']])), // two
  ...awards('X', [['45210000', '33100000', '30190000'], ['09130000', '15800000', '79340000']]), // fires: six categories
  ...awards('Y', [['45210000', '33100000', '30190000', '09130000', '15800000', '79340000']]), // near miss: one process only
  { ocid: 'shared', awards: [{ status: 'active', suppliers: [{ id: 'X' }, { id: 'S1' }], items: [{ classification: { id: '98000000' } }] }] },
]);
const MIN2 = { 'OCDS-R048.minimum_contracting_processes': '2' };

describe('OCDS-R048 heterogeneous supplier', () => {
  test('fires on a supplier of six categories (over the upper fence of 3.5); silent on one with a single process and on awards shared by suppliers', async () => {
    const hits = await fixtureHits('OCDS-R048', fixture, { params: MIN2 });
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity]), [['tenderer', 'X', 'yellow']]);
    const e = hits[0]!.evidence!;
    assert.deepEqual([e.variety, e.processes, e.codes, e.q1, e.q3, e.upper_fence], [6, 2, ['09', '15', '30', '33', '45', '79'], 1, 2, 3.5]);
  });

  test('by default a supplier needs 20 processes; more digits make finer categories', async () => {
    assert.deepEqual(await fixtureHits('OCDS-R048', fixture), []);
    const hits = await fixtureHits('OCDS-R048', fixture, { params: { ...MIN2, 'OCDS-R048.digits': '4', 'OCDS-R048.threshold': '2' } });
    assert.deepEqual(hits.map((h) => [h.subject_id, h.evidence!.variety]), [['S1', 2], ['S2', 2], ['S3', 2], ['S4', 2], ['S5', 2], ['S6', 2], ['S7', 2], ['S8', 2], ['X', 6]]);
  });
});
