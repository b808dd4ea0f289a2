import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits } from '../../helpers/model-fixture.ts';

describe('BID-043 key personnel not insured by the bidder', () => {
  test('fires on a project manager insured by another firm; silent when the bidder insured them in the window', async () => {
    const hits = await fixtureHits('BID-043', {
      tender: [{ tender_id: 'T1', bid_deadline: '2025-06-10 09:00:00' }],
      bid: [{ bid_id: 'b1', tender_id: 'T1', lot_id: '-', org_id: 'O1' }, { bid_id: 'b2', tender_id: 'T1', lot_id: '-', org_id: 'O2' }],
      bid_personnel: [{ bid_id: 'b1', person_id: 'P1', role: 'pm' }, { bid_id: 'b2', person_id: 'P2', role: 'pm' }, { bid_id: 'b2', person_id: 'P3', role: 'other' }],
      social_insurance: [
        { person_id: 'P1', employer_org_id: 'O9', period_month: '2025-05-01' },
        { person_id: 'P2', employer_org_id: 'O2', period_month: '2025-04-01' },
      ],
    });
    assert.deepEqual(hits.map((h) => [h.subject_id, h.person_id, h.severity]), [['b1|P1', 'P1', 'red']]);
    assert.equal(hits[0]!.evidence!.insured_by, 'O9');
  });

  test('insurance only before the window does not count', async () => {
    const hits = await fixtureHits('BID-043', {
      tender: [{ tender_id: 'T1', bid_deadline: '2025-06-10 09:00:00' }],
      bid: [{ bid_id: 'b2', tender_id: 'T1', lot_id: '-', org_id: 'O2' }],
      bid_personnel: [{ bid_id: 'b2', person_id: 'P2', role: 'pm' }],
      social_insurance: [{ person_id: 'P2', employer_org_id: 'O2', period_month: '2025-01-01' }],
    });
    assert.deepEqual(hits.map((h) => h.subject_id), ['b2|P2']);
  });

  test('a gap in the insurance that spans the whole window fires; a paid month inside a gappy span does not', async () => {
    const months = (from: string, to: string) => {
      const out: string[] = [];
      for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + 1)) out.push(d.toISOString().slice(0, 10));
      return out;
    };
    const hits = await fixtureHits('BID-043', {
      tender: [{ tender_id: 'T1', bid_deadline: '2025-06-10 09:00:00' }, { tender_id: 'T2', bid_deadline: '2025-01-20 09:00:00' }],
      bid: [{ bid_id: 'b1', tender_id: 'T1', lot_id: '-', org_id: 'O1' }, { bid_id: 'b2', tender_id: 'T2', lot_id: '-', org_id: 'O1' }],
      bid_personnel: [{ bid_id: 'b1', person_id: 'P1', role: 'pm' }, { bid_id: 'b2', person_id: 'P1', role: 'pm' }],
      // Paid 2024-01..2025-02 and again from 2025-08: the window of b1 (2025-03..2025-06) falls in the gap;
      // the window of b2 (2024-10..2025-01) crosses a year end inside the paid months.
      social_insurance: [...months('2024-01-01', '2025-02-01'), ...months('2025-08-01', '2025-10-01')]
        .map((m) => ({ person_id: 'P1', employer_org_id: 'O1', period_month: m })),
    });
    assert.deepEqual(hits.map((h) => h.subject_id), ['b1|P1']);
  });

  test('a month paid under several insurance types counts once: repeated rows do not hide a gap', async () => {
    // Seven rows from 2025-01 to 2025-07, as many as the months of that span, but only January, February
    // and July paid: the window 2025-03..2025-06 is in the gap.
    const rows: Array<[string, string]> = [['2025-01-01', 'pension'], ['2025-01-01', 'medical'], ['2025-01-01', 'injury'], ['2025-02-01', 'pension'],
      ['2025-02-01', 'medical'], ['2025-02-01', 'injury'], ['2025-07-01', 'pension']];
    const hits = await fixtureHits('BID-043', {
      tender: [{ tender_id: 'T1', bid_deadline: '2025-06-10 09:00:00' }],
      bid: [{ bid_id: 'b1', tender_id: 'T1', lot_id: '-', org_id: 'O1' }],
      bid_personnel: [{ bid_id: 'b1', person_id: 'P1', role: 'pm' }],
      social_insurance: rows.map(([m, t]) => ({ person_id: 'P1', employer_org_id: 'O1', period_month: m, insurance_type: t })),
    });
    assert.deepEqual(hits.map((h) => h.subject_id), ['b1|P1']);
  });
});
