import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, ocdsReleases } from '../../helpers/model-fixture.ts';

const tender = (ocid: string, numberOfTenderers: unknown, procurementMethod?: string) => ({ ocid, tender: { numberOfTenderers, procurementMethod } });

const fixture = ocdsReleases([
  tender('open one', 1, 'open'),
  tender('selective one', 1, 'selective'),
  tender('open two', 2, 'open'),
  tender('direct one', 1, 'direct'), // not a competitive method
  tender('open "1"', '1', 'open'), // a string is not a number
  tender('open -1', -1, 'open'), // not an unsigned integer: absent, and no failed cast
]);
// 1.0 is a float to Cardinal (serde_json: not an unsigned integer); written by hand, as JSON.stringify writes 1.
fixture.ocds_release!.push({ ocid: 'open float', batch_id: 'fixture', release_json: '{"ocid":"open float","tender":{"numberOfTenderers":1.0,"procurementMethod":"open"}}' });

describe('OCDS-R018 single bid received', () => {
  test('fires on one tenderer in an open or selective procedure; silent on two, on a direct award, on 1.0, on "1" and on -1', async () => {
    const hits = await fixtureHits('OCDS-R018', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity]), [['open one', 'yellow'], ['selective one', 'yellow']]);
    assert.deepEqual(hits[0]!.evidence, { ocid: 'open one', number_of_tenderers: 1, procurement_method: 'open' });
  });

  test('an empty method list means every method', async () => {
    const hits = await fixtureHits('OCDS-R018', fixture, { params: { 'OCDS-R018.procurement_methods': '' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['direct one', 'open one', 'selective one']);
  });
});
