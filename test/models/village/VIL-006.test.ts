import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// Village V1 has cadres C1 (secretary since 2018) and C2 (director until 2020). Leases: to C1's son
// (fires), to C1's cousin, a fourth-degree relative (silent), to a company 40% held by C1's spouse
// (fires), to C2's son, signed after C2 left office (silent), and to C3, a cadre of village V2 (silent).
// and to a firm whose phone is that of C1's spouse (fires). A works contract of V1 goes to a firm whose
// director is C1's brother (fires). The son's kinship is stored from his side (C1 is his parent).
const fixture: Fixture = {
  organization: [
    { org_id: 'V1', name: '甲村股份经济合作社', org_type: 'village_collective' },
    { org_id: 'V2', name: '乙村股份经济合作社', org_type: 'village_collective' },
    { org_id: 'O1', name: '某农业开发公司', org_type: 'company', legal_rep_person_id: 'X1' },
    { org_id: 'O2', name: '某建材公司', org_type: 'company', legal_rep_person_id: 'X2' },
    { org_id: 'O3', name: '某商贸公司', org_type: 'company', legal_rep_person_id: 'X3' },
  ],
  person: [{ person_id: 'C1', name: '陈建国' }, { person_id: 'K1', name: '陈俊杰' }, { person_id: 'K3', name: '王丽', phone: '13800000000' }],
  org_contact: [{ org_id: 'O3', contact_type: 'phone', value_norm: '13800000000', valid_from: '2015-01-01' }],
  org_role: [
    { org_id: 'V1', person_id: 'C1', role: 'cadre', title: '村党组织书记', start_date: '2018-01-01' },
    { org_id: 'V1', person_id: 'C2', role: 'cadre', title: '村委会主任', start_date: '2014-01-01', end_date: '2020-12-31' },
    { org_id: 'V2', person_id: 'C3', role: 'cadre', title: '村委会主任', start_date: '2017-01-01' },
    { org_id: 'O2', person_id: 'K5', role: 'director', start_date: '2019-03-01' },
  ],
  kinship: [
    { person_id_a: 'K1', person_id_b: 'C1', relation: 'parent', degree: 1 },
    { person_id_a: 'C1', person_id_b: 'K2', relation: 'other', degree: 4 },
    { person_id_a: 'C1', person_id_b: 'K3', relation: 'spouse', degree: 1 },
    { person_id_a: 'C2', person_id_b: 'K4', relation: 'child', degree: 1 },
    { person_id_a: 'K5', person_id_b: 'C1', relation: 'sibling', degree: 2 },
  ],
  shareholding: [{ org_id: 'O1', holder_type: 'person', holder_id: 'K3', share_ratio: 0.4, start_date: '2020-06-01' }],
  lease_contract: [
    { lease_id: 'L1', collective_org_id: 'V1', lessee_type: 'person', lessee_id: 'K1', lessee_name: '陈俊杰', sign_date: '2023-04-21', annual_rent_cny: 46000 },
    { lease_id: 'L2', collective_org_id: 'V1', lessee_type: 'person', lessee_id: 'K2', lessee_name: '陈海波', sign_date: '2024-03-22' },
    { lease_id: 'L3', collective_org_id: 'V1', lessee_type: 'org', lessee_id: 'O1', lessee_name: '某农业开发公司', sign_date: '2023-12-22' },
    { lease_id: 'L4', collective_org_id: 'V1', lessee_type: 'person', lessee_id: 'K4', lessee_name: '王晓峰', sign_date: '2023-05-22' },
    { lease_id: 'L5', collective_org_id: 'V1', lessee_type: 'person', lessee_id: 'C3', lessee_name: '李立荣', sign_date: '2024-06-21' },
    { lease_id: 'L6', collective_org_id: 'V1', lessee_type: 'org', lessee_id: 'O3', lessee_name: '某商贸公司', sign_date: '2024-08-01' },
  ],
  contract: [{ contract_id: 'K1C', buyer_org_id: 'V1', supplier_org_id: 'O2', value_cny: 88000, sign_date: '2025-05-20' }],
};

describe('VIL-006 lessee or contractor related to village cadres', () => {
  test('fires on a cadre\'s son, firms held by or sharing a phone with a cadre\'s spouse, a firm directed by a cadre\'s brother; silent beyond degree 3, after office, and for another village\'s cadre', async () => {
    const hits = await fixtureHits('VIL-006', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity, h.person_id]), [
      ['contract', 'K1C', 'red', 'C1'],
      ['lease', 'L1', 'red', 'C1'],
      ['lease', 'L3', 'red', 'C1'],
      ['lease', 'L6', 'red', 'C1'],
    ]);
    assert.match(String(hits[0]!.evidence!.links), /sibling\(2\) K5.*OFFICER/);
    assert.match(String(hits[1]!.evidence!.links), /child\(1\) K1（陈俊杰）/);
    assert.match(String(hits[2]!.evidence!.links), /spouse\(1\) K3.*SHAREHOLDER/);
    assert.match(String(hits[3]!.evidence!.links), /spouse\(1\) K3（王丽） SHARED_PHONE/);
    assert.match(String(hits[1]!.evidence!.cadres), /陈建国，村党组织书记/);
  });

  test('the degree of kinship is a parameter', async () => {
    const hits = await fixtureHits('VIL-006', fixture, { params: { 'VIL-006.kin_degree': '4' } });
    assert.deepEqual(hits.map((h) => h.subject_id), ['K1C', 'L1', 'L2', 'L3', 'L6']);
  });
});
