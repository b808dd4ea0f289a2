import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const months = (person_id: string, employer_org_id: string, from: string, to: string) => {
  const out: Array<Record<string, string>> = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + 1)) {
    out.push({ person_id, employer_org_id, period_month: d.toISOString().slice(0, 10), insurance_type: '城镇职工基本养老保险' });
  }
  return out;
};

// T1 (deadline June 2024): O1's agent PA is insured by O2, another bidder; O3 names PB and O4 names PC, both
// insured by the labour agency X9. T2 (deadline June 2024): O5's agent PD was insured by O6 only until
// December 2023 (a near miss: outside the three months before the bid).
const fixture: Fixture = {
  tender: [{ tender_id: 'T1', bid_deadline: '2024-06-14 09:30:00' }, { tender_id: 'T2', bid_deadline: '2024-06-20 09:30:00' }],
  organization: [{ org_id: 'O1', legal_rep_person_id: 'L1' }, { org_id: 'O2', legal_rep_person_id: 'L2' }],
  bid: [
    { bid_id: 'B1', tender_id: 'T1', lot_id: '-', org_id: 'O1', agent_person_id: 'PA' },
    { bid_id: 'B2', tender_id: 'T1', lot_id: '-', org_id: 'O2', agent_person_id: 'A2' },
    { bid_id: 'B3', tender_id: 'T1', lot_id: '-', org_id: 'O3', agent_person_id: 'A3' },
    { bid_id: 'B4', tender_id: 'T1', lot_id: '-', org_id: 'O4', agent_person_id: 'A4' },
    { bid_id: 'B5', tender_id: 'T2', lot_id: '-', org_id: 'O5', agent_person_id: 'PD' },
    { bid_id: 'B6', tender_id: 'T2', lot_id: '-', org_id: 'O6', agent_person_id: 'A6' },
  ],
  bid_personnel: [
    { bid_id: 'B3', person_id: 'PB', role: 'other' },
    { bid_id: 'B4', person_id: 'PC', role: 'quality' },
  ],
  social_insurance: [
    ...months('PA', 'O2', '2023-01-01', '2024-12-01'),
    ...months('A2', 'O2', '2023-01-01', '2024-12-01'),
    ...months('PB', 'X9', '2024-01-01', '2024-12-01'),
    ...months('PC', 'X9', '2024-05-01', '2024-12-01'),
    ...months('PD', 'O6', '2023-01-01', '2023-12-01'),
    ...months('PD', 'O5', '2024-01-01', '2024-12-01'),
  ],
  person: [{ person_id: 'PA', name: '李明' }],
};

describe('BID-010 cross-insured staff among bidders', () => {
  test('fires on an agent insured by the other bidder and on staff insured by one third unit; silent on insurance before the window', async () => {
    const hits = await fixtureHits('BID-010', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.tender_id, h.lot_id, h.person_id, h.evidence!.patterns]), [
      ['org_pair', 'O1|O2', 'T1', '-', 'PA', 'insured_by_other_bidder'],
      ['org_pair', 'O3|O4', 'T1', '-', 'PB', 'same_third_employer'],
    ]);
    assert.deepEqual(hits[0]!.evidence!.persons, [{ pattern: 'insured_by_other_bidder', person_id: 'PA', name: '李明', person_of: 'O1', role: 'agent',
      insured_by: 'O2', month_from: '2024-03-01', month_to: '2024-06-01' }]);
    assert.deepEqual((hits[1]!.evidence!.persons as Array<{ person_id: string; insured_by: string }>).map((p) => [p.person_id, p.insured_by]),
      [['PB', 'X9'], ['PC', 'X9']]);
  });

  test('the window is a parameter', async () => {
    const hits = await fixtureHits('BID-010', fixture, { params: { 'BID-010.months': '12' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['O1|O2', 'O3|O4', 'O5|O6']);
  });
});
