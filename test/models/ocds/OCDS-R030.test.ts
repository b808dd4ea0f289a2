import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, ocdsReleases } from '../../helpers/model-fixture.ts';

const process = (ocid: string, bidDate: string, bidder: string, supplier: string, awardStatus = 'active') => ({
  ocid,
  tender: { tenderPeriod: { endDate: '2024-05-20T09:30:00+08:00' } },
  bids: { details: [{ status: 'valid', date: bidDate, tenderers: [{ id: bidder }] }, { status: 'valid', date: '2024-05-19T10:00:00+08:00', tenderers: [{ id: 'O' }] }] },
  awards: [{ status: awardStatus, suppliers: [{ id: supplier }] }],
});

const fixture = ocdsReleases([
  process('late winner', '2024-05-20T09:45:00+08:00', 'W', 'W'),
  process('on time', '2024-05-20T09:30:00+08:00', 'W', 'W'), // at the deadline, not after
  process('late loser', '2024-05-20T09:45:00+08:00', 'L', 'O'),
  process('pending award', '2024-05-20T09:45:00+08:00', 'W', 'W', 'pending'),
]);

describe('OCDS-R030 late bid won', () => {
  test('fires on a valid bid after the deadline by an active award\'s supplier; silent at the deadline, for a late loser and a pending award', async () => {
    const hits = await fixtureHits('OCDS-R030', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.tender_id, h.severity]), [['tenderer', 'W', 'late winner', 'red'], ['tender', 'late winner', 'late winner', 'red']]);
    assert.deepEqual(hits[1]!.evidence, { ocid: 'late winner', tender_period_end: '2024-05-20T09:30:00+08:00', bid_date: '2024-05-20T09:45:00+08:00', tenderer_ids: ['W'] });
  });
});
