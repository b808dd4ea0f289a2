import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits } from '../../helpers/model-fixture.ts';

describe('BID-005 deposits from the same or a third-party account', () => {
  test('red for one account paying two bidders, orange for a private payer, yellow for a must-tender bid from a general account; silent on the own basic account', async () => {
    const hits = await fixtureHits('BID-005', {
      tender: [
        { tender_id: 'T1', must_tender: false, bid_deadline: '2025-03-01 09:00:00', deposit_cny: 20000 },
        { tender_id: 'T2', must_tender: true, bid_deadline: '2025-03-01 09:00:00', deposit_cny: 20000 },
        { tender_id: 'T3', must_tender: false, bid_deadline: '2025-03-01 09:00:00', deposit_cny: 20000 },
      ],
      bank_account: [
        { account_id: 'A1', holder_type: 'org', holder_id: 'O1', account_kind: 'basic' },
        { account_id: 'AP', holder_type: 'person', holder_id: 'P9', account_kind: 'personal' },
        { account_id: 'AG', holder_type: 'org', holder_id: 'O4', account_kind: 'general' },
        { account_id: 'AG5', holder_type: 'org', holder_id: 'O5', account_kind: 'general' },
        { account_id: 'A6', holder_type: 'org', holder_id: 'O6', account_kind: 'basic' },
      ],
      bid: [
        { bid_id: 'b1', tender_id: 'T1', lot_id: '-', org_id: 'O1', deposit_account_id: 'A1' },
        { bid_id: 'b2', tender_id: 'T1', lot_id: '-', org_id: 'O2', deposit_account_id: 'A1' },
        { bid_id: 'b3', tender_id: 'T1', lot_id: '-', org_id: 'O3', deposit_account_id: 'AP' },
        { bid_id: 'b4', tender_id: 'T2', lot_id: '-', org_id: 'O4', deposit_account_id: 'AG' },
        // near misses: a general account on a tender that need not be tendered; the bidder's own basic account
        { bid_id: 'b5', tender_id: 'T3', lot_id: '-', org_id: 'O5', deposit_account_id: 'AG5' },
        { bid_id: 'b6', tender_id: 'T2', lot_id: '-', org_id: 'O6', deposit_account_id: 'A6' },
      ],
    });
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity]), [
      ['org_pair', 'O1|O2', 'red'], ['org_pair', 'O3|P9', 'orange'], ['org', 'O4', 'yellow'],
    ]);
  });

  test('one account is shared only within a lot: two lots, or one bidder twice, are not a shared deposit', async () => {
    const hits = await fixtureHits('BID-005', {
      tender: [
        { tender_id: 'T1', must_tender: false, bid_deadline: '2025-03-01 09:00:00', deposit_cny: 20000 },
        { tender_id: 'T2', must_tender: false, bid_deadline: '2025-03-01 09:00:00', deposit_cny: 20000 },
      ],
      bank_account: [
        { account_id: 'A1', holder_type: 'org', holder_id: 'O1', account_kind: 'basic' },
        { account_id: 'A2', holder_type: 'org', holder_id: 'O2', account_kind: 'basic' },
      ],
      bid: [
        // O1's basic account pays O1's deposits in two lots and O2's in the second lot of another tender
        { bid_id: 'b1', tender_id: 'T1', lot_id: '1', org_id: 'O1', deposit_account_id: 'A1' },
        { bid_id: 'b2', tender_id: 'T1', lot_id: '2', org_id: 'O1', deposit_account_id: 'A1' },
        { bid_id: 'b3', tender_id: 'T1', lot_id: '1', org_id: 'O2', deposit_account_id: 'A2' },
        { bid_id: 'b4', tender_id: 'T2', lot_id: '1', org_id: 'O1', deposit_account_id: 'A1' },
        { bid_id: 'b5', tender_id: 'T2', lot_id: '1', org_id: 'O1', deposit_account_id: 'A1' },
        { bid_id: 'b6', tender_id: 'T2', lot_id: '2', org_id: 'O2', deposit_account_id: 'A1' },
      ],
    });
    // O2's deposit in T2 lot 2 came from O1's account: a third party's (orange), not a shared one (red).
    assert.deepEqual(hits.map((h) => [h.subject_type, h.subject_id, h.severity, h.lot_id]), [['org_pair', 'O1|O2', 'orange', '2']]);
  });
});
