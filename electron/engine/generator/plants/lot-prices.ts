import { fill } from './plant-helpers.ts';
import type { PlantContext } from './plant.ts';

/**
 * Helpers for plants that rewrite the prices or the bidders of a lot (BID-007, BID-011, BID-012, BID-014,
 * BID-025). They work on lots whose award does not depend on scores (priceOnly, lowestEvaluatedPrice and
 * averagePrice in the background): valid bids are ranked by price, and the first-ranked one is awarded.
 * The awarded bid's price is never changed, so the award, the contract and its payments stay as they are.
 */

/** Award criteria under which the background ranks valid bids by price alone. */
export const PRICE_RANKED = `t.award_criteria IN ('priceOnly', 'lowestEvaluatedPrice', 'averagePrice')`;

export interface ValidBid { bid_id: string; org_id: string; price: number; submit: string }

/** The valid, positively priced bids of one lot, cheapest first (ties by bid id, as the background ranks them). */
export function validBids(ctx: PlantContext, tenderId: string, lotId: string): Promise<ValidBid[]> {
  return ctx.all<ValidBid>(`SELECT bid_id, org_id, CAST(price_cny AS DOUBLE) AS price, strftime(submit_time, '%Y-%m-%d %H:%M:%S') AS submit
    FROM bid WHERE tender_id = $1 AND lot_id = $2 AND status = 'valid' AND price_cny > 0 ORDER BY price_cny, bid_id`, [tenderId, lotId]);
}

/** The lot's ceiling (lot.max_price_cny, else the tender's). */
export async function ceilingOf(ctx: PlantContext, tenderId: string, lotId: string): Promise<number> {
  const [r] = await ctx.all<{ c: number }>(`SELECT CAST(COALESCE(l.max_price_cny, t.max_price_cny) AS DOUBLE) AS c
    FROM lot l JOIN tender t USING (tender_id) WHERE l.tender_id = $1 AND l.lot_id = $2`, [tenderId, lotId]);
  return r!.c;
}

/**
 * A fresh count of each lot's bids, its valid bids and its two lowest valid prices (`_lp_lots`), for the claim conditions
 * of `lotsWith`. Recomputed on each call: earlier plants may have changed bids.
 */
export async function countValidBids(ctx: PlantContext): Promise<void> {
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _lp_lots AS
    SELECT tender_id, lot_id, count(*) FILTER (WHERE status = 'valid' AND price_cny > 0) AS n_valid, count(*) AS n_bids,
      min(price_cny) FILTER (WHERE status = 'valid' AND price_cny > 0) AS b1,
      min(price_cny, 2) FILTER (WHERE status = 'valid' AND price_cny > 0) AS low2
    FROM bid GROUP BY tender_id, lot_id`);
}

/**
 * A claim condition (on lot l and tender t, with its bound values) for a completed, price-ranked lot with
 * between `min` and `max` valid bids whose lowest valid price is at most `headroom` × the ceiling (room to
 * raise the losing bids) and whose second-lowest is at least (1 + `gap`) × the lowest (room to lower it).
 * Call countValidBids first. Use as `ctx.claimLots(n, ...lotsWith(4, 9))`; further conditions go after it,
 * with their values numbered from $5.
 */
export function lotsWith(min: number, max: number, headroom = 1, gap = 0): [string, unknown[]] {
  return [`t.status = 'complete' AND ${PRICE_RANKED} AND EXISTS (SELECT 1 FROM _lp_lots n WHERE n.tender_id = l.tender_id
    AND n.lot_id = l.lot_id AND n.n_valid BETWEEN $1 AND $2 AND n.b1 <= CAST($3 AS DOUBLE) * l.max_price_cny
    AND n.low2[2] >= (1 + CAST($4 AS DOUBLE)) * n.b1)`, [min, max, headroom, gap]];
}

/** Rank the lot's valid bids by price again (ties by bid id), and clear the rank of the others. */
export async function rerank(ctx: PlantContext, tenderId: string, lotId: string): Promise<void> {
  await ctx.run(`UPDATE bid SET rank = r.rn FROM (
      SELECT bid_id, CASE WHEN status = 'valid' THEN CAST(row_number() OVER (PARTITION BY status = 'valid' ORDER BY price_cny, bid_id) AS INTEGER) END AS rn
      FROM bid WHERE tender_id = $1 AND lot_id = $2) r
    WHERE bid.bid_id = r.bid_id`, [tenderId, lotId]);
  const bad = await ctx.all<{ award_id: string }>(`SELECT a.award_id FROM award a JOIN bid b USING (bid_id)
    WHERE a.tender_id = $1 AND a.lot_id = $2 AND a.status = 'active' AND (b.rank IS DISTINCT FROM 1 OR b.price_cny <> a.award_value_cny)`, [tenderId, lotId]);
  if (bad.length > 0) throw new Error(`lot ${tenderId}/${lotId}: the awarded bid is no longer the first-ranked one`);
}

/** Set the prices of some bids of one lot (in yuan, rounded to the fen) and rank the lot again. */
export async function setPrices(ctx: PlantContext, tenderId: string, lotId: string, prices: Array<[string, number]>): Promise<void> {
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _lp_set (bid_id VARCHAR, price DOUBLE)`);
  await fill(ctx, '_lp_set', prices);
  await ctx.run(`UPDATE bid SET price_cny = CAST(round(s.price, 2) AS DECIMAL(18,2)) FROM _lp_set s
    WHERE bid.bid_id = s.bid_id AND bid.tender_id = $1 AND bid.lot_id = $2`, [tenderId, lotId]);
  await rerank(ctx, tenderId, lotId);
}

/** Prices rounded to the fen, as stored. */
export const fen = (v: number) => Math.round(v * 100) / 100;

/** The same statistics as v_tender_price_stats for one lot (n, cv, diffp, rd, rd_alt), read back after planting. */
export async function lotStats(ctx: PlantContext, tenderId: string, lotId: string):
  Promise<{ n: number; cv: number; diffp: number; rd: number | null; rd_alt: number | null }> {
  const [s] = await ctx.all<{ n: number; cv: number; diffp: number; rd: number | null; rd_alt: number | null }>(`
    WITH v AS (SELECT price_cny, row_number() OVER (ORDER BY price_cny, submit_time) AS r FROM bid
               WHERE tender_id = $1 AND lot_id = $2 AND status = 'valid' AND price_cny > 0),
    s AS (SELECT count(*) AS n, avg(price_cny) AS mu, stddev_samp(price_cny) AS sd, min(price_cny) AS b1, max(price_cny) AS bn,
            max(CASE WHEN r = 2 THEN price_cny END) AS b2, stddev_samp(CASE WHEN r >= 2 THEN price_cny END) AS sdl FROM v)
    SELECT CAST(n AS INTEGER) AS n, sd / mu AS cv, CAST((b2 - b1) / b1 AS DOUBLE) AS diffp, CAST((b2 - b1) / NULLIF(sdl, 0) AS DOUBLE) AS rd,
      CAST((n - 2) * (b2 - b1) / NULLIF(bn - b2, 0) AS DOUBLE) AS rd_alt FROM s`, [tenderId, lotId]);
  return s!;
}

/**
 * Remove bids from a lot as if they had never been submitted: the bids with their files, personnel, items,
 * consortium members, performance claims and expert scores, and the bidders' document downloads for the lot.
 * Never the awarded bid.
 */
export async function deleteBids(ctx: PlantContext, tenderId: string, lotId: string, bidIds: string[]): Promise<void> {
  if (bidIds.length === 0) return;
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _lp_del (bid_id VARCHAR)`);
  await fill(ctx, '_lp_del', bidIds.map((id) => [id]));
  const bad = await ctx.all<{ bid_id: string }>(`SELECT d.bid_id FROM _lp_del d
    WHERE NOT EXISTS (SELECT 1 FROM bid b WHERE b.bid_id = d.bid_id AND b.tender_id = $1 AND b.lot_id = $2)
       OR EXISTS (SELECT 1 FROM award a WHERE a.bid_id = d.bid_id)`, [tenderId, lotId]);
  if (bad.length > 0) throw new Error(`deleteBids: ${bad[0]!.bid_id} is not an unawarded bid of ${tenderId}/${lotId}`);
  for (const table of ['bid_document', 'bid_personnel', 'bid_item', 'bid_member', 'bid_claim', 'eval_score']) {
    await ctx.run(`DELETE FROM ${table} WHERE bid_id IN (SELECT bid_id FROM _lp_del)`);
  }
  await ctx.run(`DELETE FROM doc_download WHERE tender_id = $1 AND lot_id = $2
    AND org_id IN (SELECT b.org_id FROM bid b JOIN _lp_del USING (bid_id))`, [tenderId, lotId]);
  await ctx.run(`DELETE FROM bid WHERE bid_id IN (SELECT bid_id FROM _lp_del)`);
  await rerank(ctx, tenderId, lotId);
}

/** Deterministic draws in [0, 1) for some keys (the generator's u macro under the seed), in the keys' order. */
export async function draws(ctx: PlantContext, salt: string, keys: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const k of keys) {
    const [r] = await ctx.all<{ x: number }>(`SELECT u($1, $2) AS x`, [salt, k]);
    out.push(Number(r!.x));
  }
  return out;
}

