import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// A works contract of 5.6 million awarded directly (fires) and one of 3.92 million (a near miss under the 4
// million threshold); goods bought by price inquiry with the method approved before signing (silent); services
// by single source approved only after signing (fires); a direct award for emergency repairs (exempt); an
// open tender (silent).
const fixture: Fixture = {
  contract: [
    { contract_id: 'K1', buyer_org_id: 'B1', supplier_org_id: 'S1', procurement_method: 'direct', method_detail: '直接发包', category: 'works', value_cny: 5600000, sign_date: '2025-03-10', project_ref: 'XM1' },
    { contract_id: 'K2', buyer_org_id: 'B1', supplier_org_id: 'S2', procurement_method: 'direct', method_detail: '直接发包', category: 'works', value_cny: 3920000, sign_date: '2025-04-10', project_ref: 'XM2' },
    { contract_id: 'K3', buyer_org_id: 'B1', supplier_org_id: 'S3', procurement_method: 'limited', method_detail: '询价', category: 'goods', value_cny: 2600000, sign_date: '2025-05-10', project_ref: 'XM3' },
    { contract_id: 'K4', buyer_org_id: 'B2', supplier_org_id: 'S4', procurement_method: 'direct', method_detail: '单一来源', category: 'services', value_cny: 1350000, sign_date: '2025-06-10', project_ref: 'XM4' },
    { contract_id: 'K5', buyer_org_id: 'B2', supplier_org_id: 'S5', procurement_method: 'direct', method_detail: '直接发包', category: 'works', value_cny: 6000000, sign_date: '2025-07-10', justification_code: 'emergency' },
    { contract_id: 'K6', buyer_org_id: 'B2', supplier_org_id: 'S6', procurement_method: 'open', method_detail: '公开招标', category: 'goods', value_cny: 9000000, sign_date: '2025-08-10' },
  ],
  decision: [
    { decision_id: 'D3', org_id: 'B1', body: 'party_committee', meeting_date: '2025-05-02', subject_type: 'procurement_method', ref_project: 'XM3' },
    { decision_id: 'D4', org_id: 'B2', body: 'gm_office', meeting_date: '2025-06-22', subject_type: 'procurement_method', ref_contract_id: 'K4' },
    { decision_id: 'D1', org_id: 'B1', body: 'party_committee', meeting_date: '2025-03-01', subject_type: 'contract', ref_contract_id: 'K1' },
  ],
};

describe('SOE-014 procurement method not permitted for the value', () => {
  test('fires on non-tender awards at or above the threshold without exemption or prior approval', async () => {
    const hits = await fixtureHits('SOE-014', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.amount_cny]), [['K1', 'red', '5600000.00'], ['K4', 'red', '1350000.00']]);
    assert.equal(hits[0]!.evidence!.threshold_cny, 4000000);
    assert.deepEqual(hits[1]!.evidence!.late_approvals, ['D4 2025-06-22']);
  });

  test('thresholds and exemptions are parameters', async () => {
    const lower = await fixtureHits('SOE-014', fixture, { params: { 'SOE-014.t_works': '3900000', 'SOE-014.exemptions': 'state_secret' } });
    assert.deepEqual(lower.map((h) => h.subject_id), ['K1', 'K2', 'K4', 'K5']);
  });
});
