import type { Plant, PlantContext } from './plant.ts';
import { ceilingOf, countValidBids, fen, lotsWith, setPrices, validBids, type ValidBid } from './lot-prices.ts';

interface Lot { tender_id: string; lot_id: string }

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', lot: Lot, winner: string, zh: string, en: string) {
  ctx.record({ truth, subject_type: 'lot', subject_id: `${lot.tender_id}/${lot.lot_id}`, tender_id: lot.tender_id, lot_id: lot.lot_id,
    org_id: winner, note_zh: zh, note_en: en });
}

/** Gaps between consecutive bids (shares of the lowest) with no regularity: no two within 2% of each other. */
const IRREGULAR = [0.021, 0.034, 0.017, 0.029, 0.024, 0.038, 0.019, 0.031, 0.026, 0.042, 0.015, 0.036, 0.023, 0.033, 0.027, 0.04, 0.018, 0.03, 0.022];
const ladder = (b1: number, i: number) => b1 * (1 + IRREGULAR.slice(0, i + 1).reduce((a, b) => a + b, 0));

/** Reprice every losing bid of the lot from the winner's price: loser i (from 0) gets price(b1, i). */
async function reprice(ctx: PlantContext, lot: Lot, price: (b1: number, i: number) => number): Promise<ValidBid[]> {
  const bids = await validBids(ctx, lot.tender_id, lot.lot_id);
  const b1 = bids[0]!.price;
  const prices = bids.slice(1).map((b, i) => [b.bid_id, fen(price(b1, i))] as [string, number]);
  if (Math.max(...prices.map((p) => p[1])) > await ceilingOf(ctx, lot.tender_id, lot.lot_id)) {
    throw new Error(`BID-007: ${lot.tender_id}/${lot.lot_id} has no room under the ceiling`);
  }
  await setPrices(ctx, lot.tender_id, lot.lot_id, prices);
  return bids;
}

/**
 * Give two valid losing bids of the lot 20 bill items each (replacing any they had), `same` of them at the same
 * unit price: a shared pricing file. The other items differ by 3–12%.
 */
async function shareUnitPrices(ctx: PlantContext, lot: Lot, same: number): Promise<[ValidBid, ValidBid]> {
  const bids = await validBids(ctx, lot.tender_id, lot.lot_id);
  const [a, b] = [bids[1]!, bids[2]!];
  for (const x of [a, b]) await ctx.run(`DELETE FROM bid_item WHERE bid_id = $1`, [x.bid_id]);
  await ctx.run(`INSERT INTO bid_item
    SELECT $1, 'I' || lpad(CAST(i AS VARCHAR), 3, '0'), '清单项目' || CAST(i AS VARCHAR), pick(['台', '套', '项', '件'], 'unit', i),
      CAST(ui('b007q', $2 || i, 1, 50) AS DECIMAL(18,4)), round(1000 * (1 + 9 * u('b007p', $2 || i)), 2)
    FROM range(20) r(i)`, [a.bid_id, lot.tender_id]);
  await ctx.run(`INSERT INTO bid_item
    SELECT $1, item_code, item_desc, unit, qty,
      CASE WHEN CAST(substr(item_code, 2) AS INTEGER) < $2 THEN unit_price_cny
           ELSE round(unit_price_cny * (1.03 + 0.09 * u('b007d', $1 || item_code)), 2) END
    FROM bid_item WHERE bid_id = $3`, [b.bid_id, same, a.bid_id]);
  return [a, b];
}

/**
 * BID-007: bid prices in a regular pattern (identical totals, constant ratios or differences, steps below the
 * ceiling) or bids sharing their unit prices. A screen: the background is not neutralised. Every planted lot
 * keeps its winner's price and a gap of at least 1% to the runner-up.
 */
export const plant: Plant = {
  modelId: 'BID-007',
  async plant(ctx) {
    await countValidBids(ctx);
    const claim = async (min: number, max: number, extra = 'TRUE') => {
      const [where, params] = lotsWith(min, max, 0.8, 0.02);
      return (await ctx.claimLots(1, `${where} AND ${extra}`, params))[0]!;
    };

    // Identical totals: two losing bidders quote exactly the same price (the others irregularly spaced).
    let lot = await claim(4, 8);
    let bids = await reprice(ctx, lot, (b1, i) => ladder(b1, i === 2 ? 1 : i));
    record(ctx, 'planted', lot, bids[0]!.org_id, '两家投标人的投标总价完全相同', 'two bidders quoted exactly the same total');

    // Five or more bids in an exact arithmetic progression, 2% of the lowest apart (red).
    lot = await claim(5, 7);
    bids = await reprice(ctx, lot, (b1, i) => b1 * (1 + 0.02 * (i + 1)));
    record(ctx, 'planted', lot, bids[0]!.org_id, `${bids.length}个报价构成等差数列，依次相差最低价的2%`,
      `${bids.length} bids form an arithmetic progression, each 2% of the lowest above the previous`);

    // Three bids in a geometric progression, each 3% above the previous (orange).
    lot = await claim(3, 3);
    bids = await reprice(ctx, lot, (b1, i) => b1 * 1.03 ** (i + 1));
    record(ctx, 'planted', lot, bids[0]!.org_id, '3个报价依次上浮3%（等比）', 'three bids each 3% above the previous (a constant ratio)');

    // Four bids each the ceiling less a whole number of 1% steps (the winner's price fixes the ceiling).
    lot = await claim(4, 4, `l.lot_id = '-'`);
    bids = await validBids(ctx, lot.tender_id, lot.lot_id);
    const ceiling = await ceilingOf(ctx, lot.tender_id, lot.lot_id);
    const k1 = Math.round((1 - bids[0]!.price / ceiling) / 0.01);
    if (k1 < 8) throw new Error(`BID-007: ${lot.tender_id} has its lowest bid too close to the ceiling`);
    const r = fen(bids[0]!.price / (1 - 0.01 * k1));
    await ctx.run(`UPDATE tender SET max_price_cny = CAST($2 AS DECIMAL(18,2)) WHERE tender_id = $1`, [lot.tender_id, r]);
    await ctx.run(`UPDATE lot SET max_price_cny = CAST($2 AS DECIMAL(18,2)) WHERE tender_id = $1 AND lot_id = '-'`, [lot.tender_id, r]);
    await ctx.run(`UPDATE bid SET price_cny = least(price_cny, CAST($2 AS DECIMAL(18,2))) WHERE tender_id = $1`, [lot.tender_id, r]);
    bids = await reprice(ctx, lot, (_, i) => r * (1 - 0.01 * [k1 - 3, k1 - 4, k1 - 7][i]!));
    record(ctx, 'planted', lot, bids[0]!.org_id, `4个报价均为最高投标限价按1%的整数倍下浮（下浮${k1}%、${k1 - 3}%、${k1 - 4}%、${k1 - 7}%）`,
      `all four bids are the ceiling less whole 1% steps (${k1}%, ${k1 - 3}%, ${k1 - 4}%, ${k1 - 7}% below)`);

    // Two bids with 12 of 20 item unit prices identical (a shared pricing file).
    lot = await claim(4, 8, `t.category = 'goods'`);
    await reprice(ctx, lot, ladder);
    let pair = await shareUnitPrices(ctx, lot, 12);
    record(ctx, 'planted', lot, (await validBids(ctx, lot.tender_id, lot.lot_id))[0]!.org_id,
      `${pair[0].org_id}与${pair[1].org_id}的20项清单单价中12项完全相同`, `${pair[0].org_id} and ${pair[1].org_id} quote 12 of 20 item unit prices identically`);

    // Near miss: an almost regular ladder, differences 2%, 2.2%, 1.9% of the lowest (spread 15% of their mean).
    lot = await claim(4, 4);
    const steps = [0.02, 0.042, 0.061];
    bids = await reprice(ctx, lot, (b1, i) => b1 * (1 + steps[i]!));
    record(ctx, 'near_miss', lot, bids[0]!.org_id, '报价间隔接近但不相等（相差2%、2.2%、1.9%），不构成规律性差异',
      'bid gaps close but unequal (2%, 2.2%, 1.9%): not a regular pattern');
    // Near miss: ratios 1.03 and 1.0315 (their range 0.0015 just above 0.001).
    lot = await claim(3, 3);
    bids = await reprice(ctx, lot, (b1, i) => b1 * [1.03, 1.03 * 1.0315][i]!);
    record(ctx, 'near_miss', lot, bids[0]!.org_id, '相邻报价比为1.03与1.0315，比值极差0.0015，略超0.001',
      'consecutive ratios of 1.03 and 1.0315: their range of 0.0015 is just over 0.001');
    // Near miss: 8 of 20 unit prices identical (40%, under half).
    lot = await claim(4, 8, `t.category = 'goods'`);
    await reprice(ctx, lot, ladder);
    pair = await shareUnitPrices(ctx, lot, 8);
    record(ctx, 'near_miss', lot, (await validBids(ctx, lot.tender_id, lot.lot_id))[0]!.org_id,
      `${pair[0].org_id}与${pair[1].org_id}仅8项单价相同（40%），低于50%`, `${pair[0].org_id} and ${pair[1].org_id} share only 8 of 20 unit prices (40%)`);
  },
};
