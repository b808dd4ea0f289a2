// Processes for OCDS-R024 and OCDS-R058, which share Cardinal's second-lowest-bid ratio: each has a winner
// bidding 1,000,000 and a runner-up bidding 1,000,000 × (1 + ratio). Over the ratios of the eligible
// processes (Hyndman–Fan type 8) Q1 ≈ 0.0842 and Q3 ≈ 0.1158: the lower fence is ≈ 0.0367 and the upper ≈ 0.1633.
import { ocdsReleases } from '../../helpers/model-fixture.ts';

const process = (ocid: string, ratio: number, extra: { awards?: unknown[]; winnerBid?: number } = {}) => ({
  ocid,
  bids: { details: [
    { status: 'valid', value: { amount: extra.winnerBid ?? 1_000_000, currency: 'CNY' }, tenderers: [{ id: `W-${ocid}` }] },
    { status: 'valid', value: { amount: 1_000_000 + ratio * 1_000_000, currency: 'CNY' }, tenderers: [{ id: `L-${ocid}` }] },
  ] },
  awards: extra.awards ?? [{ status: 'active', suppliers: [{ id: `W-${ocid}` }] }],
});

export const secondLowestFixture = ocdsReleases([
  process('close', 0.005), // R024 fires: at or under the lower fence
  process('near close', 0.07), // R024's near miss
  process('far', 0.6), // R058 fires: at or above the upper fence
  process('near far', 0.15), // R058's near miss
  ...[0.08, 0.09, 0.09, 0.1, 0.1, 0.1, 0.11, 0.12].map((r, i) => process(`p${i}`, r)),
  // Not in the sample: two active awards (lots), and a winner that did not bid lowest (not price only).
  process('two lots', 0.001, { awards: [{ status: 'active', suppliers: [{ id: 'W-two lots' }] }, { status: 'active', suppliers: [{ id: 'X' }] }] }),
  process('not lowest', 0.001, { winnerBid: 1_100_000 }),
  // Amounts that are not JSON numbers are as if absent (and fail nothing): not in the sample either.
  { ocid: 'text amounts', bids: { details: [
    { status: 'valid', value: { amount: 'n/a', currency: 'CNY' }, tenderers: [{ id: 'W-text amounts' }] },
    { status: 'valid', value: { amount: '1000000', currency: 'CNY' }, tenderers: [{ id: 'L-text amounts' }] },
  ] }, awards: [{ status: 'active', suppliers: [{ id: 'W-text amounts' }] }] },
]);
