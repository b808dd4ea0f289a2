import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const tender = { tender_id: 'T1', buyer_org_id: 'B1', bid_deadline: '2025-03-01 09:00:00', max_price_cny: 1000000, region_code: '330702' };
const bid = (id: string, org: string, lot: string, extra: Record<string, string> = {}) =>
  ({ bid_id: id, tender_id: 'T1', lot_id: lot, org_id: org, machine_code: `M-${id}`, file_create_id: `F-${id}`, cost_sw_lock_id: `K-${id}`, ...extra });

describe('BID-001 same bid-file fingerprint', () => {
  test('fires on a shared machine code and a named author in one lot; silent across lots and on a generic author', async () => {
    const fixture: Fixture = {
      tender: [tender],
      bid: [
        bid('b1', 'O1', '1', { machine_code: 'MC-SAME' }), bid('b2', 'O2', '1', { machine_code: 'MC-SAME' }),
        bid('b3', 'O3', '2', { machine_code: 'MC-OTHER' }), bid('b4', 'O4', '3', { machine_code: 'MC-OTHER' }),
        bid('b5', 'O5', '4'), bid('b6', 'O6', '4'),
      ],
      bid_document: [
        { bid_id: 'b5', author: 'Administrator' }, { bid_id: 'b6', author: 'administrator ' },
        { bid_id: 'b1', author: '王建华' }, { bid_id: 'b2', author: '王建华' },
      ],
    };
    const hits = await fixtureHits('BID-001', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_id, h.lot_id, h.severity]), [['O1|O2', '1', 'red']]);
    assert.equal(hits[0]!.evidence!.fingerprint_types, 'doc_author, machine_code');
  });

  test('author names match whatever their case and surrounding spaces; one name in two lots does not', async () => {
    const hits = await fixtureHits('BID-001', {
      tender: [tender],
      bid: [bid('b1', 'O1', '1'), bid('b2', 'O2', '1'), bid('b3', 'O3', '2'), bid('b4', 'O4', '3')],
      bid_document: [
        { bid_id: 'b1', author: 'Li Ming ', last_modified_by: '张三' }, { bid_id: 'b2', author: '\u3000li ming', last_modified_by: '李四' },
        { bid_id: 'b3', author: '赵六' }, { bid_id: 'b4', author: '赵六' },
      ],
    });
    assert.deepEqual(hits.map((h) => [h.subject_id, h.lot_id, h.evidence!.fingerprint_types]), [['O1|O2', '1', 'doc_author']]);
  });

  test('a lot whose bids carry no lock id at all still compares their machine codes', async () => {
    const hits = await fixtureHits('BID-001', {
      tender: [tender],
      bid: [
        { bid_id: 'b1', tender_id: 'T1', lot_id: '1', org_id: 'O1', machine_code: 'MC', file_create_id: 'F1' },
        { bid_id: 'b2', tender_id: 'T1', lot_id: '1', org_id: 'O2', machine_code: 'MC', file_create_id: 'F2' },
      ],
    });
    assert.deepEqual(hits.map((h) => [h.subject_id, h.evidence!.fingerprint_types]), [['O1|O2', 'machine_code']]);
  });

  test('a lock id two bids share is found though a third bid of the lot carries none', async () => {
    const hits = await fixtureHits('BID-001', {
      tender: [tender],
      bid: [
        { bid_id: 'b1', tender_id: 'T1', lot_id: '1', org_id: 'O1', machine_code: 'M1', cost_sw_lock_id: 'K' },
        { bid_id: 'b2', tender_id: 'T1', lot_id: '1', org_id: 'O2', machine_code: 'M2', cost_sw_lock_id: 'K' },
        { bid_id: 'b3', tender_id: 'T1', lot_id: '1', org_id: 'O3', machine_code: 'M3' },
      ],
    });
    assert.deepEqual(hits.map((h) => [h.subject_id, h.evidence!.fingerprint_types]), [['O1|O2', 'cost_sw_lock_id']]);
  });

  test('members of one consortium may share files', async () => {
    const hits = await fixtureHits('BID-001', {
      tender: [tender],
      bid: [bid('b1', 'O1', '1', { machine_code: 'MC' }), bid('b2', 'O2', '1', { machine_code: 'MC' })],
      bid_member: [{ bid_id: 'b9', org_id: 'O1' }, { bid_id: 'b9', org_id: 'O2' }],
    });
    assert.deepEqual(hits, []);
  });
});
