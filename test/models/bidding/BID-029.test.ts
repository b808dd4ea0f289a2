import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// 2025-03-03 is a Monday, 2025-03-06 a Thursday.
const tender = (id: string, method: string, start: string, deadline: string) => ({
  tender_id: id, method_detail: method, docs_start: `${start} 09:00:00`, bid_deadline: `${deadline} 09:30:00`,
  buyer_org_id: 'G1', region_code: '330102', class_code: 'B0101', max_price_cny: 5000000,
});

const fixture: Fixture = {
  tender: [
    tender('T1', '公开招标', '2025-03-03', '2025-03-18'), // 15 days: red
    tender('T2', '公开招标', '2025-03-03', '2025-03-23'), // exactly 20 days: near miss
    tender('T3', '询价', '2025-03-06', '2025-03-10'), // Thursday to Monday: 2 working days: red
    tender('T4', '竞争性谈判', '2025-03-06', '2025-03-11'), // Thursday to Tuesday: 3 working days: near miss
    tender('T5', '竞争性磋商', '2025-03-03', '2025-03-13'), // exactly 10 days: near miss
    tender('T6', '竞争性磋商', '2025-03-03', '2025-03-12'), // 9 days: red
    tender('T7', '单一来源', '2025-03-03', '2025-03-04'), // no minimum period
    tender('T8', '公开招标', '2025-03-03', '2025-04-02'),
    tender('T9', '公开招标', '2025-03-03', '2025-04-02'),
  ],
};

describe('BID-029 submission period below the statutory minimum', () => {
  test('fires below 20 days (tenders), 10 days (consultation) and 3 working days (quotation); silent at the limits', async () => {
    const hits = await fixtureHits('BID-029', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity]), [['T1', 'red'], ['T3', 'red'], ['T6', 'red']]);
    const t3 = hits.find((h) => h.subject_id === 'T3')!;
    assert.equal(t3.subject_type, 'tender');
    assert.equal(t3.tender_id, 'T3');
    assert.deepEqual([t3.evidence!.period, t3.evidence!.min_period, t3.evidence!.unit_en, t3.evidence!.calendar_days], [2, 3, 'working days', 4]);
    assert.equal(hits.find((h) => h.subject_id === 'T1')!.evidence!.period, 15);
  });

  test('the segment percentile screen, when switched on, makes a legal but unusually short period yellow', async () => {
    const hits = await fixtureHits('BID-029', fixture, {
      params: { 'BID-029.segment_screen': 'true', 'BID-029.segment_pct': '40', 'BID-029.segment_min_n': '1' } });
    assert.equal(hits.find((h) => h.subject_id === 'T2')?.severity, 'yellow');
    assert.equal(hits.find((h) => h.subject_id === 'T1')?.severity, 'red');
    assert.equal(hits.some((h) => h.subject_id === 'T8'), false);
  });
});
