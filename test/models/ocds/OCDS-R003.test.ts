import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, ocdsReleases } from '../../helpers/model-fixture.ts';

const period = (ocid: string, start: string, end: string, tender: Record<string, unknown> = {}) =>
  ({ ocid, tender: { tenderPeriod: { startDate: start, endDate: end }, ...tender } });

const fixture = ocdsReleases([
  period('short', '2024-03-01T09:00:00+08:00', '2024-03-11T09:00:00+08:00'), // 10 days
  period('one second short', '2024-03-01T09:00:00+08:00', '2024-03-16T08:59:59+08:00'), // 14 days 23:59:59
  period('exactly 15 days', '2024-03-01T09:00:00+08:00', '2024-03-16T09:00:00+08:00'),
  period('15 days across zones', '2024-03-01T01:00:00Z', '2024-03-16T09:00:00+08:00'),
  period('no offset', '2024-03-01T09:00:00', '2024-03-02T09:00:00'), // not RFC 3339: skipped
  period('emergency', '2024-03-01T09:00:00+08:00', '2024-03-06T09:00:00+08:00', { procurementMethodDetails: '紧急采购' }), // 5 days
  period('cancelled', '2024-03-01T09:00:00+08:00', '2024-03-02T09:00:00+08:00', { status: 'cancelled' }),
]);

describe('OCDS-R003 short submission period', () => {
  test('fires under 15 days (truncated to whole days); silent at exactly 15, on dates without an offset and on cancelled tenders', async () => {
    const hits = await fixtureHits('OCDS-R003', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.tender_id, h.severity]), [
      ['tender', 'emergency', 'emergency', 'orange'], ['tender', 'one second short', 'one second short', 'orange'], ['tender', 'short', 'short', 'orange'],
    ]);
    assert.equal(hits.find((h) => h.subject_id === 'one second short')!.evidence!.days, 14);
    assert.equal(hits.find((h) => h.subject_id === 'short')!.evidence!.threshold_days, 15);
  });

  test('a number of days per procurement method details, a method filter and excluded method details', async () => {
    const hits = await fixtureHits('OCDS-R003', fixture, { params: { 'OCDS-R003.procurement_method_details': '紧急采购=5,其他=3', 'OCDS-R003.threshold': '11' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['short']);
    const none = await fixtureHits('OCDS-R003', fixture, { params: { 'OCDS-R003.procurement_methods': 'open' } });
    assert.deepEqual(none, []);
    const excluded = await fixtureHits('OCDS-R003', fixture, { params: { 'OCDS-R003.excluded_procurement_method_details': '紧急采购' } });
    assert.deepEqual(excluded.map((h) => h.subject_id), ['one second short', 'short']);
  });
});
