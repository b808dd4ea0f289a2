import { ClaimShortage, type Plant, type PlantContext } from './plant.ts';
import { countValidBids, fen, lotsWith, setPrices, validBids } from './lot-prices.ts';

/** Award criteria under which BID-014 applies (its default). */
const PRICE_DECIDES = `('priceOnly', 'lowestEvaluatedPrice')`;

/**
 * The background's price for a bid, recomputed from its id (B + tender number + lot number + bid number) and
 * the lot's ceiling exactly as background/procurement.ts draws it. A bid whose price differs was set by a plant.
 */
const BACKGROUND_PRICE = `CAST(round(l.max_price_cny * (1 - least(0.45, greatest(0.003,
    (0.04 + 0.14 * u('lm', b.tender_id || ':' || substr(b.bid_id, 10, 1)))
    + (0.04 + 0.06 * u('ls', b.tender_id || ':' || substr(b.bid_id, 10, 1)))
      * nrm('bp', b.tender_id || ':' || substr(b.bid_id, 10, 1) || ':' || CAST(TRY_CAST(substr(b.bid_id, 11) AS INTEGER) AS VARCHAR))))), 2) AS DECIMAL(18,2))`;

interface Lot { tender_id: string; lot_id: string }

/**
 * Bring the lot's runner-up to `diffp` above the winner (the awarded, lowest valid bid). With `last`, the winner
 * hands in its bid after everybody else; otherwise somebody hands in after the winner.
 */
async function runnerUpAt(ctx: PlantContext, lot: Lot, diffp: number, last: boolean): Promise<string> {
  const bids = await validBids(ctx, lot.tender_id, lot.lot_id);
  const [win, second] = bids as [typeof bids[0], typeof bids[0]];
  const [aw] = await ctx.all<{ bid_id: string }>(`SELECT bid_id FROM award WHERE tender_id = $1 AND lot_id = $2 AND status = 'active'`,
    [lot.tender_id, lot.lot_id]);
  if (aw?.bid_id !== undefined && aw.bid_id !== win.bid_id) throw new Error(`BID-014: ${lot.tender_id}/${lot.lot_id} is not awarded to its lowest bid`);
  await setPrices(ctx, lot.tender_id, lot.lot_id, [[second.bid_id, fen(win.price * (1 + diffp))]]);
  const others = `SELECT max(submit_time) FROM bid WHERE tender_id = $1 AND lot_id = $2 AND bid_id <> $3 AND COALESCE(status, '') <> 'withdrawn'`;
  if (last) {
    // Seven minutes after the last of the others (they all hand in by 09:20 of the 09:30 deadline day), never earlier than it did.
    await ctx.run(`UPDATE bid SET submit_time = greatest(submit_time,
        least((${others}) + INTERVAL 7 MINUTE, (SELECT bid_deadline FROM tender WHERE tender_id = $1) - INTERVAL 1 MINUTE))
      WHERE bid_id = $3`, [lot.tender_id, lot.lot_id, win.bid_id]);
  } else {
    await ctx.run(`UPDATE bid SET submit_time = least((SELECT submit_time FROM bid WHERE bid_id = $3) + INTERVAL 5 MINUTE,
        (SELECT bid_deadline FROM tender WHERE tender_id = $1) - INTERVAL 1 MINUTE)
      WHERE bid_id = $4 AND (SELECT submit_time FROM bid WHERE bid_id = $3) >= (${others})`, [lot.tender_id, lot.lot_id, win.bid_id, second.bid_id]);
  }
  return win.org_id;
}

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', lot: Lot, winner: string | undefined, zh: string, en: string) {
  ctx.record({ truth, subject_type: 'lot', subject_id: `${lot.tender_id}/${lot.lot_id}`, tender_id: lot.tender_id, lot_id: lot.lot_id,
    org_id: winner, note_zh: zh, note_en: en });
}

/** BID-014: winning bids just below the runner-up in lots awarded on price. */
export const plant: Plant = {
  modelId: 'BID-014',
  /**
   * Random prices put the two lowest valid bids of about one price-awarded lot in thirty within 0.5% of each
   * other. In those lots every other valid bid closer than 0.6% to the lowest one is raised to 0.6–2% above it
   * (never above the ceiling; the lowest bid, its award and contract stay as they are) and the lot is ranked
   * again; a bid that cannot rise enough under the ceiling is rejected instead. Only prices the background
   * drew are touched, so that lots other plants priced keep their prices.
   */
  async neutralize(ctx) {
    await ctx.run(`CREATE OR REPLACE TEMP TABLE _n014 AS
      WITH v AS (
        SELECT b.tender_id, b.lot_id, b.bid_id, b.price_cny, b.rank FROM bid b JOIN tender t USING (tender_id)
        WHERE t.award_criteria IN ${PRICE_DECIDES} AND b.status = 'valid' AND b.price_cny > 0),
      a AS (
        SELECT tender_id, lot_id, arg_min(bid_id, [CAST(price_cny AS DOUBLE), COALESCE(rank, 1e9)]) AS anchor, min(price_cny) AS b1
        FROM v GROUP BY tender_id, lot_id HAVING count(*) >= 2)
      SELECT v.tender_id, v.lot_id, v.bid_id, a.b1, l.max_price_cny AS ceiling
      FROM v JOIN a USING (tender_id, lot_id) JOIN lot l USING (tender_id, lot_id)
      WHERE v.bid_id <> a.anchor AND (v.price_cny - a.b1) / a.b1 < 0.006`);
    await ctx.run(`UPDATE bid b SET price_cny = CAST(round(least(n.ceiling, n.b1 * (1.006 + 0.014 * u('n014', b.bid_id))), 2) AS DECIMAL(18,2))
      FROM _n014 n, lot l
      WHERE b.bid_id = n.bid_id AND l.tender_id = b.tender_id AND l.lot_id = b.lot_id
        AND regexp_full_match(b.bid_id, 'B[0-9]{11}') AND b.price_cny = ${BACKGROUND_PRICE}`);
    await ctx.run(`UPDATE bid b SET status = 'disqualified', rank = NULL, disq_reason = '技术参数不满足实质性要求'
      FROM _n014 n WHERE b.bid_id = n.bid_id AND (b.price_cny - n.b1) / n.b1 <= 0.005 AND b.price_cny = n.ceiling`);
    await ctx.run(`UPDATE bid SET rank = r.rn FROM (
        SELECT b.bid_id, CAST(row_number() OVER (PARTITION BY b.tender_id, b.lot_id ORDER BY b.price_cny, b.bid_id) AS INTEGER) AS rn
        FROM bid b WHERE b.status = 'valid' AND EXISTS (SELECT 1 FROM _n014 n WHERE n.tender_id = b.tender_id AND n.lot_id = b.lot_id)) r
      WHERE bid.bid_id = r.bid_id`);
  },

  async plant(ctx) {
    await countValidBids(ctx);
    const [where, params] = lotsWith(3, 99, 1, 0.02);
    const noAmendment = `NOT EXISTS (SELECT 1 FROM tender_amendment a WHERE a.tender_id = t.tender_id)`;
    const claim = async (criteria: string) =>
      (await ctx.claimLots(1, `${where} AND t.award_criteria = $5 AND ${noAmendment}`, [...params, criteria]))[0]!;

    let lot = await claim('priceOnly');
    record(ctx, 'planted', lot, await runnerUpAt(ctx, lot, 0.002, false), '最低价中标，中标价仅比次低价低0.2%',
      'awarded on price alone, the winning bid was only 0.2% below the runner-up');
    lot = await claim('lowestEvaluatedPrice');
    record(ctx, 'planted', lot, await runnerUpAt(ctx, lot, 0.001, true), '经评审的最低投标价法，中标价仅低于次低价0.1%，且中标人最后一个递交投标文件',
      'lowest evaluated price: the winner was 0.1% below the runner-up and handed in its bid last of all');
    lot = await claim('priceOnly');
    record(ctx, 'planted', lot, await runnerUpAt(ctx, lot, 0.0045, false), '中标价比次低价低0.45%，贴近0.5%的阈值',
      'the winning bid was 0.45% below the runner-up, just inside the 0.5% threshold');
    lot = await claim('lowestEvaluatedPrice');
    record(ctx, 'planted', lot, await runnerUpAt(ctx, lot, 0.003, true), '中标人最后递交，报价比次低价低0.3%',
      'the winner handed in last, 0.3% below the runner-up');

    lot = await claim('priceOnly');
    record(ctx, 'near_miss', lot, await runnerUpAt(ctx, lot, 0.006, false), '中标价比次低价低0.6%，略高于0.5%的阈值',
      'the winning bid was 0.6% below the runner-up, just outside the 0.5% threshold');
    lot = await claim('averagePrice');
    record(ctx, 'near_miss', lot, await runnerUpAt(ctx, lot, 0.001, false), '平均价法项目，两家最低报价相差0.1%（价格不直接决定中标，不适用）',
      'an average-price tender whose two lowest bids are 0.1% apart: price alone does not decide the award');
    // Two bids 0.2% apart in a price-awarded lot that failed: nobody won.
    try {
      const [failed] = await ctx.claimLots(1, `t.status IN ('unsuccessful', 'cancelled') AND t.award_criteria IN ${PRICE_DECIDES}
        AND EXISTS (SELECT 1 FROM _lp_lots n WHERE n.tender_id = l.tender_id AND n.lot_id = l.lot_id AND n.n_valid >= 3 AND n.low2[2] >= 1.02 * n.b1)`);
      await runnerUpAt(ctx, failed!, 0.002, false);
      record(ctx, 'near_miss', failed!, undefined, '两家最低报价相差0.2%，但招标失败、未确定中标人',
        'the two lowest bids were 0.2% apart, but the tender failed and nobody was awarded');
    } catch (e) {
      if (!(e instanceof ClaimShortage)) throw e;
    }
  },
};
