import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// A panel of four experts and a buyer representative for a lot with three bidders (deadline 2024-06-30).
// E1 was insured by O1 until 2023-03 (fires), E2 left O2 in 2020 (more than three years before: a near
// miss), E3 works for O3 itself (fires), E4 is a fourth-degree cousin of O1's legal representative (a near
// miss), E5 is married to O2's legal representative (fires). The buyer representative R was insured by
// O1 (not an expert: outside the default roles).
const months = (person: string, org: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => {
  const m = from + i;
  return { person_id: person, employer_org_id: org, period_month: `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01` };
});
const ym = (y: number, m: number) => y * 12 + m - 1;

const fixture: Fixture = {
  tender: [{ tender_id: 'T1', buyer_org_id: 'BU', bid_deadline: '2024-06-30 09:30:00' }],
  organization: [{ org_id: 'O1', legal_rep_person_id: 'L1' }, { org_id: 'O2', legal_rep_person_id: 'L2' }, { org_id: 'O3', legal_rep_person_id: 'L3' }],
  bid: [
    { bid_id: 'B1', tender_id: 'T1', lot_id: '-', org_id: 'O1', status: 'valid', price_cny: 900000 },
    { bid_id: 'B2', tender_id: 'T1', lot_id: '-', org_id: 'O2', status: 'valid', price_cny: 950000 },
    { bid_id: 'B3', tender_id: 'T1', lot_id: '-', org_id: 'O3', status: 'valid', price_cny: 990000 },
  ],
  eval_committee: [
    { tender_id: 'T1', lot_id: '-', person_id: 'E1', member_role: 'expert', expert_work_org_id: 'W1' },
    { tender_id: 'T1', lot_id: '-', person_id: 'E2', member_role: 'expert', expert_work_org_id: 'W2' },
    { tender_id: 'T1', lot_id: '-', person_id: 'E3', member_role: 'expert', expert_work_org_id: 'O3' },
    { tender_id: 'T1', lot_id: '-', person_id: 'E4', member_role: 'expert', expert_work_org_id: 'W4' },
    { tender_id: 'T1', lot_id: '-', person_id: 'E5', member_role: 'expert', expert_work_org_id: 'W5' },
    { tender_id: 'T1', lot_id: '-', person_id: 'R', member_role: 'buyer_rep', expert_work_org_id: 'BU' },
  ],
  social_insurance: [...months('E1', 'O1', ym(2019, 1), ym(2023, 3)), ...months('E2', 'O2', ym(2015, 1), ym(2020, 12)),
    ...months('R', 'O1', ym(2018, 1), ym(2022, 12))],
  kinship: [{ person_id_a: 'L1', person_id_b: 'E4', relation: 'other', degree: 4 }, { person_id_a: 'E5', person_id_b: 'L2', relation: 'spouse', degree: 1 }],
};

describe('BID-041 evaluation expert with a conflict of interest', () => {
  test('fires on recent employment, the work unit and a spouse; silent on an old job and a distant cousin', async () => {
    const hits = await fixtureHits('BID-041', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity, h.person_id, h.org_id, h.tender_id, h.lot_id]), [
      ['E1|B1', 'red', 'E1', 'O1', 'T1', '-'], ['E3|B3', 'red', 'E3', 'O3', 'T1', '-'], ['E5|B2', 'red', 'E5', 'O2', 'T1', '-']]);
    assert.equal(hits[0]!.evidence!.link_types, 'EMPLOYEE_SI');
    assert.equal(hits[1]!.evidence!.link_types, 'WORK_UNIT');
    assert.equal(hits[2]!.evidence!.link_types, 'KIN_OF_LEGAL_REP');
  });

  test('lookback, kinship degree and the roles checked are parameters', async () => {
    const p = { 'BID-041.lookback_years': '4', 'BID-041.kin_degree': '4', 'BID-041.member_roles': 'expert,buyer_rep' };
    const hits = await fixtureHits('BID-041', fixture, { params: p });
    assert.deepEqual(hits.map((h) => h.subject_id), ['E1|B1', 'E2|B2', 'E3|B3', 'E4|B1', 'E5|B2', 'R|B1']);
  });
});
