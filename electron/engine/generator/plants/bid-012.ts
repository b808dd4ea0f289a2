import type { Plant, PlantContext } from './plant.ts';
import { countValidBids, draws, fen, lotStats, lotsWith, setPrices, validBids } from './lot-prices.ts';

interface Lot { tender_id: string; lot_id: string }

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', lot: Lot, winner: string, zh: string, en: string) {
  ctx.record({ truth, subject_type: 'lot', subject_id: `${lot.tender_id}/${lot.lot_id}`, tender_id: lot.tender_id, lot_id: lot.lot_id,
    org_id: winner, note_zh: zh, note_en: en });
}

/**
 * Reprice the lot's losing bids (the lowest one stays): loser i (from 0) at b1 × (1 + offsets[i]), or, with
 * `cluster`, the losers packed from b1 × (1 + gap) upwards in steps of about 0.4% (unevenly, so that no
 * regular pattern appears).
 */
async function reprice(ctx: PlantContext, lot: Lot, how: { offsets?: number[]; cluster?: number }): Promise<{ winner: string; n: number }> {
  const bids = await validBids(ctx, lot.tender_id, lot.lot_id);
  const b1 = bids[0]!.price;
  const losers = bids.slice(1);
  let offsets = how.offsets;
  if (how.cluster !== undefined) {
    const u = await draws(ctx, 'b012', losers.map((b) => b.bid_id));
    offsets = losers.map((_, i) => how.cluster! + 0.004 * i + 0.002 * u[i]!);
  }
  if (!offsets || offsets.length !== losers.length) throw new Error(`BID-012: ${lot.tender_id}/${lot.lot_id} has ${losers.length} losing bids`);
  await setPrices(ctx, lot.tender_id, lot.lot_id, losers.map((b, i) => [b.bid_id, fen(b1 * (1 + offsets![i]!))]));
  return { winner: bids[0]!.org_id, n: bids.length };
}

/**
 * BID-012: cover bidding, the losing bids bunched well above the designated winner (relative distance > 1 with a
 * clear gap). A screen: the background is not neutralised, its own look-alikes are reported as they are.
 */
export const plant: Plant = {
  modelId: 'BID-012',
  async plant(ctx) {
    await countValidBids(ctx);
    const claim = async (min: number, max: number) => (await ctx.claimLots(1, ...lotsWith(min, max, 0.8, 0.02)))[0]!;

    for (const [gap, min, max] of [[0.08, 4, 6], [0.12, 5, 9], [0.15, 7, 20]] as const) {
      const lot = await claim(min, max);
      const r = await reprice(ctx, lot, { cluster: gap });
      const s = await lotStats(ctx, lot.tender_id, lot.lot_id);
      record(ctx, 'planted', lot, r.winner, `最低价比其余${r.n - 1}家低约${Math.round(gap * 100)}%，其余报价紧密聚集（RD=${s.rd!.toFixed(1)}）`,
        `the lowest bid is about ${Math.round(gap * 100)}% below the other ${r.n - 1}, which cluster tightly (RD = ${s.rd!.toFixed(1)})`);
    }

    // Near miss: a clear gap (4%), but the losing bids spread as widely as the gap: RD and RDalt both just under 1.
    let lot = await claim(4, 4);
    let r = await reprice(ctx, lot, { offsets: [0.04, 0.04 + 0.9 * 0.04, 0.04 + 2.12 * 0.04] });
    let s = await lotStats(ctx, lot.tender_id, lot.lot_id);
    if (!(s.rd! < 1 && s.rd_alt! < 1 && s.diffp >= 0.02)) throw new Error(`BID-012: near miss ${lot.tender_id}/${lot.lot_id}: ${JSON.stringify(s)}`);
    record(ctx, 'near_miss', lot, r.winner, `最低价低4%，但其余报价同样分散：RD=${s.rd!.toFixed(2)}、RDalt=${s.rd_alt!.toFixed(2)}，均略低于1`,
      `the lowest bid is 4% below, but the others spread as widely: RD = ${s.rd!.toFixed(2)} and RDalt = ${s.rd_alt!.toFixed(2)}, both just under 1`);

    // Near miss: losers bunched (RD far above 1), but only 1.5% above the lowest bid: no clear gap.
    lot = await claim(5, 8);
    r = await reprice(ctx, lot, { cluster: 0.015 });
    s = await lotStats(ctx, lot.tender_id, lot.lot_id);
    if (!(s.diffp < 0.02 && s.rd! > 1)) throw new Error(`BID-012: near miss ${lot.tender_id}/${lot.lot_id}: ${JSON.stringify(s)}`);
    record(ctx, 'near_miss', lot, r.winner, `其余报价聚集（RD=${s.rd!.toFixed(1)}），但仅比最低价高1.5%，低于2%的间距要求`,
      `the other bids cluster (RD = ${s.rd!.toFixed(1)}) but only 1.5% above the lowest, under the 2% gap`);
  },
};
