import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const contract = (id: string, supplier: string) => ({ contract_id: id, award_id: `A-${id}`, buyer_org_id: 'B1', supplier_org_id: supplier, value_cny: 500000, planned_end_date: '2025-12-31' });
const award = (id: string) => ({ award_id: `A-${id}`, tender_id: `T-${id}`, notice_date: '2025-01-10 10:00:00', status: 'active' });
const fixture: Fixture = {
  contract: [contract('C1', 'S1'), contract('C2', 'S2'), contract('C3', 'S3'), contract('C4', 'S4')],
  award: [award('C1'), award('C2'), award('C3'), award('C4')],
  court_case: [
    { case_id: 'K1', case_no: '(2024)浙07刑初1号', case_type: 'criminal', cause: '单位行贿', filing_date: '2024-06-01' },
    { case_id: 'K2', case_no: '(2024)浙07民初2号', case_type: 'civil', cause: '买卖合同纠纷', filing_date: '2024-09-01' },
    { case_id: 'K3', case_no: '(2020)浙07民初3号', case_type: 'civil', cause: '买卖合同纠纷', filing_date: '2020-01-01' },
    { case_id: 'K4', case_no: '(2024)浙07民初4号', case_type: 'civil', cause: '买卖合同纠纷', filing_date: '2024-09-01' },
  ],
  case_party: [
    { case_id: 'K1', party_type: 'org', party_id: 'S1', party_role: 'defendant' },
    { case_id: 'K2', party_type: 'org', party_id: 'S2', party_role: 'defendant' },
    { case_id: 'K3', party_type: 'org', party_id: 'S3', party_role: 'defendant' }, // long before the window
    { case_id: 'K4', party_type: 'org', party_id: 'S4', party_role: 'plaintiff' }, // the supplier sued, it was not sued
  ],
};

describe('SOE-001 winning supplier is a court defendant', () => {
  test('red for a bribery prosecution, yellow for one civil case; silent on an old case and when the supplier is the plaintiff', async () => {
    const hits = await fixtureHits('SOE-001', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity]), [['C1', 'red'], ['C2', 'yellow']]);
    assert.equal(hits[0]!.evidence!.cause, '单位行贿');
  });
});
