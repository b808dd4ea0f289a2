import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

// A factory leased for 30 years (fires), one for exactly 20 years (the limit: silent), farmland leased
// past the end of its contract right (fires) and farmland leased to the very day the right ends (silent).
const fixture: Fixture = {
  village_asset: [
    { asset_id: 'A1', collective_org_id: 'V1', asset_class: 'building' },
    { asset_id: 'A2', collective_org_id: 'V1', asset_class: 'building' },
    { asset_id: 'A3', collective_org_id: 'V1', asset_class: 'land', right_end_date: '2028-12-31' },
    { asset_id: 'A4', collective_org_id: 'V1', asset_class: 'land', right_end_date: '2028-12-31' },
  ],
  lease_contract: [
    { lease_id: 'L1', asset_id: 'A1', collective_org_id: 'V1', lessee_type: 'org', lessee_id: 'O1', lessee_name: '某实业公司',
      sign_date: '2021-06-21', start_date: '2021-07-01', end_date: '2051-06-30', annual_rent_cny: 360000 },
    { lease_id: 'L2', asset_id: 'A2', collective_org_id: 'V1', lessee_type: 'org', lessee_id: 'O2', lessee_name: '某制造公司',
      sign_date: '2024-02-20', start_date: '2024-03-01', end_date: '2044-02-29', annual_rent_cny: 150000 },
    { lease_id: 'L3', asset_id: 'A3', collective_org_id: 'V1', lessee_type: 'person', lessee_id: 'P3', lessee_name: '张三',
      sign_date: '2022-02-19', start_date: '2022-03-01', end_date: '2034-02-28', annual_rent_cny: 52000 },
    { lease_id: 'L4', asset_id: 'A4', collective_org_id: 'V1', lessee_type: 'person', lessee_id: 'P4', lessee_name: '李四',
      sign_date: '2022-12-22', start_date: '2023-01-01', end_date: '2028-12-31', annual_rent_cny: 28000 },
  ],
};

describe('VIL-003 over-long lease term', () => {
  test('fires on a 30-year building lease and on a lease past the land right; silent at exactly 20 years and at the right\'s last day', async () => {
    const hits = await fixtureHits('VIL-003', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.severity]), [['L1', 'orange'], ['L3', 'orange']]);
    const [l1, l3] = hits;
    assert.deepEqual([l1!.evidence!.term_years, l1!.evidence!.max_years, l1!.evidence!.over_term, l1!.evidence!.beyond_right], [30, 20, true, false]);
    assert.deepEqual([l3!.evidence!.right_end_date, l3!.evidence!.beyond_right, l3!.evidence!.days_beyond_right], ['2028-12-31', true, 1885]);
    assert.equal(l3!.person_id, 'P3');
  });

  test('the limit and the classes it applies to are parameters', async () => {
    const shorter = await fixtureHits('VIL-003', fixture, { params: { 'VIL-003.max_years': '15' } });
    assert.deepEqual(shorter.map((h) => h.subject_id), ['L1', 'L2', 'L3']);
    const landToo = await fixtureHits('VIL-003', fixture, { params: { 'VIL-003.max_years_other': '5' } });
    assert.deepEqual(landToo.map((h) => h.subject_id), ['L1', 'L3', 'L4']);
  });
});
