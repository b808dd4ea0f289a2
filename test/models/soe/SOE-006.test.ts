import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits } from '../../helpers/model-fixture.ts';

const c = (id: string, buyer: string, cls: string, date: string, value: number, method = 'direct') =>
  ({ contract_id: id, buyer_org_id: buyer, class_code: cls, sign_date: date, value_cny: value, procurement_method: method });

describe('SOE-006 purchase splitting', () => {
  test('fires on direct purchases of one class in a year that together reach the threshold; silent below it, across years or classes', async () => {
    const hits = await fixtureHits('SOE-006', {
      contract: [
        c('C1', 'B1', 'A0201', '2024-03-01', 1500000), c('C2', 'B1', 'A0202', '2024-05-01', 900000),
        c('C3', 'B2', 'A0201', '2024-03-01', 1500000), c('C4', 'B2', 'A0201', '2025-03-01', 900000), // different years
        c('C5', 'B3', 'A0201', '2024-03-01', 1500000), c('C6', 'B3', 'A0305', '2024-04-01', 900000), // different classes
        c('C7', 'B4', 'A0201', '2024-03-01', 900000), c('C8', 'B4', 'A0201', '2024-04-01', 900000), // together below
        c('C9', 'B5', 'A0201', '2024-03-01', 1900000), c('C10', 'B5', 'A0201', '2024-04-01', 1900000, 'open'), // one was tendered
      ],
    });
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.amount_cny]), [['B1|A020|2024', 'orange', '2400000.00']]);
  });

  test('twice the threshold is red', async () => {
    const hits = await fixtureHits('SOE-006', { contract: [c('C1', 'B1', 'A0201', '2024-03-01', 1990000), c('C2', 'B1', 'A0201', '2024-05-01', 1990000), c('C3', 'B1', 'A0201', '2024-06-01', 100000)] });
    assert.equal(hits[0]!.severity, 'red');
  });
});
