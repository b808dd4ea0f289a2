import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// Works grow by 27% through approved amendments (fires), works by 15% (a near miss under the 20% for works);
// goods settle 12% above the contract (fires, 10% for goods); a services contract has three small amendments,
// one without a decision (fires on the count, red); works with two counted amendments and a time extension
// (a near miss on the count).
const fixture: Fixture = {
  contract: [
    { contract_id: 'C1', buyer_org_id: 'B1', supplier_org_id: 'S1', category: 'works', value_cny: 1000000, sign_date: '2024-03-01' },
    { contract_id: 'C2', buyer_org_id: 'B1', supplier_org_id: 'S2', category: 'works', value_cny: 1000000, sign_date: '2024-04-01' },
    { contract_id: 'C3', buyer_org_id: 'B1', supplier_org_id: 'S3', category: 'goods', value_cny: 500000, settlement_value_cny: 560000, sign_date: '2024-05-01' },
    { contract_id: 'C4', buyer_org_id: 'B1', supplier_org_id: 'S4', category: 'services', value_cny: 800000, sign_date: '2024-06-01' },
    { contract_id: 'C5', buyer_org_id: 'B1', supplier_org_id: 'S5', category: 'works', value_cny: 2000000, settlement_value_cny: 2100000, sign_date: '2024-07-01' },
  ],
  contract_amendment: [
    { amend_id: 'A11', contract_id: 'C1', amend_date: '2024-06-01', amend_type: 'scope', value_delta_cny: 150000, decision_id: 'D11' },
    { amend_id: 'A12', contract_id: 'C1', amend_date: '2024-08-01', amend_type: 'quantity', value_delta_cny: 120000, decision_id: 'D12' },
    { amend_id: 'A21', contract_id: 'C2', amend_date: '2024-06-01', amend_type: 'scope', value_delta_cny: 90000, decision_id: 'D21' },
    { amend_id: 'A22', contract_id: 'C2', amend_date: '2024-08-01', amend_type: 'quantity', value_delta_cny: 60000, decision_id: 'D22' },
    { amend_id: 'A41', contract_id: 'C4', amend_date: '2024-08-01', amend_type: 'price', value_delta_cny: 8000, decision_id: null },
    { amend_id: 'A42', contract_id: 'C4', amend_date: '2024-09-01', amend_type: 'scope', value_delta_cny: 4000, decision_id: 'D42' },
    { amend_id: 'A43', contract_id: 'C4', amend_date: '2024-10-01', amend_type: 'quantity', value_delta_cny: 3000, decision_id: 'D43' },
    { amend_id: 'A51', contract_id: 'C5', amend_date: '2024-09-01', amend_type: 'scope', value_delta_cny: 50000, decision_id: 'D51' },
    { amend_id: 'A52', contract_id: 'C5', amend_date: '2024-10-01', amend_type: 'quantity', value_delta_cny: 40000, decision_id: 'D52' },
    { amend_id: 'A53', contract_id: 'C5', amend_date: '2024-11-01', amend_type: 'time', value_delta_cny: 0, decision_id: 'D53' },
  ],
};

describe('SOE-010 contract value growth through amendments or settlement', () => {
  test('fires on growth over the category threshold and on three counted amendments; silent under both', async () => {
    const hits = await fixtureHits('SOE-010', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity]), [
      ['contract', 'C1', 'orange'], ['contract', 'C3', 'orange'], ['contract', 'C4', 'red']]);
    const e = Object.fromEntries(hits.map((h) => [h.subject_id, h.evidence!]));
    assert.equal(e.C1!.growth, 0.27);
    assert.equal(e.C1!.growth_threshold, 0.2);
    assert.equal(e.C3!.growth, 0.12);
    assert.equal(e.C4!.n_counted, 3);
    assert.equal(e.C4!.n_unapproved, 1);
  });

  test('the thresholds are parameters', async () => {
    const hits = await fixtureHits('SOE-010', fixture, { params: { 'SOE-010.growth_works': '0.15', 'SOE-010.n_amend': '4' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['C1', 'C2', 'C3']);
  });
});
