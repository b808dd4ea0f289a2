import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits, type Fixture } from '../../helpers/model-fixture.ts';

const bid = (bid_id: string, tender_id: string, org_id: string, submit_time: string, dev: { mac?: string; cpu?: string; disk?: string; ip: string }) => ({
  bid_id, tender_id, lot_id: '-', org_id, status: 'valid', submit_time,
  upload_mac: dev.mac ?? `MAC-${org_id}`, cpu_serial: dev.cpu ?? `CPU-${org_id}`, disk_serial: dev.disk ?? `DISK-${org_id}`, upload_ip: dev.ip,
});

// Tender T1: O1 and O2 uploaded from one network card (written two ways); O3 and O4 from one public IP three
// hours apart; O5 and O6 from the trading centre's terminal (a whitelisted intranet address). Tender T2: O7 and
// O8 from one public IP, but 30 hours apart (a near miss).
const fixture: Fixture = {
  tender: [
    { tender_id: 'T1', bid_deadline: '2024-05-20 09:30:00', max_price_cny: 1000000 },
    { tender_id: 'T2', bid_deadline: '2024-06-20 09:30:00', max_price_cny: 2000000 },
  ],
  bid: [
    bid('B1', 'T1', 'O1', '2024-05-18 10:00:00', { mac: '3C-5A-B4-11-22-33', ip: '115.192.1.1' }),
    bid('B2', 'T1', 'O2', '2024-05-19 16:00:00', { mac: '3c:5a:b4:11:22:33', ip: '115.192.1.2' }),
    bid('B3', 'T1', 'O3', '2024-05-18 10:00:00', { ip: '115.192.9.9' }),
    bid('B4', 'T1', 'O4', '2024-05-18 13:00:00', { ip: '115.192.9.9' }),
    bid('B5', 'T1', 'O5', '2024-05-18 10:00:00', { ip: '10.33.15.21' }),
    bid('B6', 'T1', 'O6', '2024-05-18 10:20:00', { ip: '10.33.15.21' }),
    bid('B7', 'T2', 'O7', '2024-06-17 09:00:00', { ip: '115.200.3.3' }),
    bid('B8', 'T2', 'O8', '2024-06-18 15:00:00', { ip: '115.200.3.3' }),
  ],
};

describe('BID-002 same submission device or network', () => {
  test('red for one network card, orange for one IP within 24 hours; silent on a whitelisted terminal and on uploads 30 hours apart', async () => {
    const hits = await fixtureHits('BID-002', fixture);
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.tender_id, h.lot_id, h.severity]), [
      ['org_pair', 'O1|O2', 'T1', '-', 'red'],
      ['org_pair', 'O3|O4', 'T1', '-', 'orange'],
    ]);
    assert.deepEqual(hits[0]!.evidence!.matches, [{ type: 'upload_mac', value: '3C5AB4112233' }]);
    assert.equal(hits[1]!.evidence!.hours_apart, 3);
    assert.equal(hits[0]!.amount_cny, '1000000.00');
  });

  test('the time window and the whitelist are parameters', async () => {
    const wide = await fixtureHits('BID-002', fixture, { params: { 'BID-002.ip_window_hours': '48', 'BID-002.ip_whitelist': '192.168.0.0/16' } });
    assert.deepEqual(wide.map((h) => [h.subject_id, h.severity]), [['O1|O2', 'red'], ['O3|O4', 'orange'], ['O5|O6', 'orange'], ['O7|O8', 'orange']]);
    const listed = await fixtureHits('BID-002', fixture, { params: { 'BID-002.ip_whitelist': '115.192.9.9,10.0.0.0/8' } });
    assert.deepEqual(listed.map((h) => h.subject_id), ['O1|O2']);
  });
});
