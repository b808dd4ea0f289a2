import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

/** n lots of 4 valid bidders, expert E on every panel, the winner given per lot. */
function panels(winners: string[], deadline = '2025-06-01 09:00:00'): Fixture {
  const f: Fixture = { tender: [], bid: [], eval_committee: [], award: [] };
  winners.forEach((w, i) => {
    const t = `T${i}`;
    f.tender!.push({ tender_id: t, bid_deadline: deadline });
    for (const o of ['S1', 'S2', 'S3', 'S4']) f.bid!.push({ bid_id: `${t}-${o}`, tender_id: t, lot_id: '-', org_id: o, status: 'valid', price_cny: 100 });
    f.eval_committee!.push({ tender_id: t, lot_id: '-', person_id: 'E', member_role: 'expert' });
    f.award!.push({ award_id: `A${i}`, tender_id: t, lot_id: '-', supplier_org_id: w, status: 'active', notice_date: deadline });
  });
  return f;
}

describe('BID-039 expert–winner recurrence', () => {
  test('fires when an expert sat on 3 of one supplier\'s wins out of 4 panels; silent at 2', async () => {
    const hits = await fixtureHits('BID-039', panels(['S1', 'S1', 'S1', 'S2']));
    assert.deepEqual(hits.map((h) => h.subject_id), ['E|S1']);
    assert.equal(hits[0]!.evidence!.k, 3);
    assert.deepEqual(await fixtureHits('BID-039', panels(['S1', 'S1', 'S2', 'S3'])), []);
  });

  test('panels older than the window do not count', async () => {
    assert.deepEqual(await fixtureHits('BID-039', panels(['S1', 'S1', 'S1', 'S2'], '2023-06-01 09:00:00')), []);
  });
});
