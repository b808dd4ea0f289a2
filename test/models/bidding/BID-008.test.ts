import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits } from '../../helpers/model-fixture.ts';

describe('BID-008 common management or control in the same lot', () => {
  test('fires on two bidders with one legal representative in a lot; silent when they bid for different lots', async () => {
    const hits = await fixtureHits('BID-008', {
      person: [{ person_id: 'P1', name: '王建华' }],
      organization: [
        { org_id: 'O1', name: '甲公司', legal_rep_person_id: 'P1' }, { org_id: 'O2', name: '乙公司', legal_rep_person_id: 'P1' },
        { org_id: 'O3', name: '丙公司' }, { org_id: 'O4', name: '丁公司' },
      ],
      tender: [
        { tender_id: 'T1', bid_deadline: '2025-03-01 09:00:00' },
        { tender_id: 'T2', bid_deadline: '2025-03-01 09:00:00' },
      ],
      bid: [
        { bid_id: 'b1', tender_id: 'T1', lot_id: '1', org_id: 'O1' }, { bid_id: 'b2', tender_id: 'T1', lot_id: '1', org_id: 'O2' },
        { bid_id: 'b3', tender_id: 'T2', lot_id: '1', org_id: 'O1' }, { bid_id: 'b4', tender_id: 'T2', lot_id: '2', org_id: 'O2' },
      ],
    });
    assert.deepEqual(hits.map((h) => [h.subject_id, h.tender_id, h.lot_id]), [['O1|O2', 'T1', '1']]);
    assert.match(String(hits[0]!.evidence!.link_types), /SAME_LEGAL_REP/);
  });
});
