import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// S1 wins 800,000 in a month with nobody insured (fires); S2 wins 1.5 million with one insured employee that
// month (a near miss); S3 has nobody insured but wins only 460,000 (under v_min); S4 has nobody insured and its
// legal representative heads ten organisations (red).
const others = Array.from({ length: 9 }, (_, i) => ({ org_id: `X${i}`, name: `某公司${i}`, legal_rep_person_id: 'P9', address_norm: `某路${i}号` }));
const fixture: Fixture = {
  organization: [
    { org_id: 'S1', name: '甲公司', legal_rep_person_id: 'P1', address_norm: '人民路1号101室' },
    { org_id: 'S2', name: '乙公司', legal_rep_person_id: 'P2', address_norm: '人民路2号101室' },
    { org_id: 'S3', name: '丙公司', legal_rep_person_id: 'P3', address_norm: '人民路3号101室' },
    { org_id: 'S4', name: '丁公司', legal_rep_person_id: 'P9', address_norm: '人民路4号101室' },
    ...others,
  ],
  award: [
    { award_id: 'A1', tender_id: 'T1', lot_id: '-', supplier_org_id: 'S1', award_value_cny: 800000, notice_date: '2024-05-20 10:00:00', status: 'active' },
    { award_id: 'A2', tender_id: 'T2', lot_id: '-', supplier_org_id: 'S2', award_value_cny: 1500000, notice_date: '2024-06-10 10:00:00', status: 'active' },
    { award_id: 'A3', tender_id: 'T3', lot_id: '-', supplier_org_id: 'S3', award_value_cny: 460000, notice_date: '2024-07-01 10:00:00', status: 'active' },
    { award_id: 'A4', tender_id: 'T4', lot_id: '1', supplier_org_id: 'S4', award_value_cny: 900000, notice_date: '2024-08-15 10:00:00', status: 'active' },
  ],
  social_insurance: [
    { person_id: 'E1', employer_org_id: 'S1', period_month: '2024-03-01' },
    { person_id: 'E2', employer_org_id: 'S2', period_month: '2024-06-01' },
    { person_id: 'E3', employer_org_id: 'S3', period_month: '2024-01-01' },
  ],
};

describe('SOE-015 shell supplier with no insured staff', () => {
  test('fires on a large award in a month with nobody insured; red when the legal representative heads ten organisations', async () => {
    const hits = await fixtureHits('SOE-015', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity, h.amount_cny]), [
      ['org', 'S1', 'orange', '800000.00'], ['org', 'S4', 'red', '900000.00']]);
    assert.equal(hits[1]!.evidence!.orgs_of_legal_rep, 10);
    assert.equal((hits[0]!.evidence!.awards as Array<{ award_id: string }>)[0]!.award_id, 'A1');
  });

  test('v_min is a parameter', async () => {
    const hits = await fixtureHits('SOE-015', fixture, { params: { 'SOE-015.v_min': '400000', 'SOE-015.lr_cap': '11' } });
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity]), [['S1', 'orange'], ['S3', 'orange'], ['S4', 'orange']]);
  });
});
