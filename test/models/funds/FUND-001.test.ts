import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixtureHits } from '../../helpers/model-fixture.ts';

const pay = (id: string, amount: number, extra: Record<string, string> = {}) =>
  ({ payment_id: id, payer_org_id: 'SOE1', payee_name: '某工程公司', amount_cny: amount, pay_time: '2025-04-10 10:00:00', ...extra });

describe('FUND-001 large expenditure without a collective decision', () => {
  test('fires on a large payment with no decision or one taken after paying; silent with a prior board decision and below the threshold', async () => {
    const hits = await fixtureHits('FUND-001', {
      payment: [
        pay('P1', 800000),
        pay('P2', 800000, { contract_id: 'C2' }),
        pay('P3', 800000, { contract_id: 'C3' }),
        pay('P4', 499999.99),
        pay('P5', 800000, { contract_id: 'C5' }),
      ],
      decision: [
        { decision_id: 'D2', org_id: 'SOE1', body: 'board', meeting_date: '2025-04-15', ref_contract_id: 'C2' }, // after the payment
        { decision_id: 'D3', org_id: 'SOE1', body: 'board', meeting_date: '2025-03-01', ref_contract_id: 'C3' },
        { decision_id: 'D5', org_id: 'SOE1', body: 'villagers_assembly', meeting_date: '2025-03-01', ref_contract_id: 'C5' }, // not a deciding body of an SOE
      ],
    });
    assert.deepEqual(hits.map((h) => h.subject_id), ['P1', 'P2', 'P5']);
  });

  test('a decision covers a payment as its own decision, by naming the payment or its contract; only the payer\'s own, taken in time', async () => {
    const hits = await fixtureHits('FUND-001', {
      payment: [
        pay('P1', 800000, { decision_id: 'D1' }),
        pay('P2', 800000),
        pay('P3', 800000, { contract_id: 'C3' }),
        pay('P4', 800000, { decision_id: 'D4' }),
        pay('P5', 800000),
        pay('P6', 800000, { contract_id: 'C6' }),
      ],
      decision: [
        { decision_id: 'D1', org_id: 'SOE1', body: 'board', meeting_date: '2025-04-10' }, // the payment's own, the same day
        { decision_id: 'D2', org_id: 'SOE1', body: 'party_committee', meeting_date: '2025-02-01', ref_payment_id: 'P2' },
        { decision_id: 'D3', org_id: 'SOE1', body: 'board', meeting_date: '2025-02-01', ref_contract_id: 'C3' },
        { decision_id: 'D4', org_id: 'SOE1', body: 'board', meeting_date: '2025-04-11' }, // its own, but the day after
        { decision_id: 'D5', org_id: 'SOE2', body: 'board', meeting_date: '2025-02-01', ref_payment_id: 'P5' }, // another organisation's
        { decision_id: 'D6', org_id: 'SOE2', body: 'board', meeting_date: '2025-02-01', ref_contract_id: 'C6' },
      ],
    });
    assert.deepEqual(hits.map((h) => h.subject_id), ['P4', 'P5', 'P6']);
  });
});
