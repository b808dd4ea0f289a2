import type { Plant, PlantContext } from './plant.ts';
import { ceilingOf, countValidBids, draws, fen, lotStats, lotsWith, setPrices, validBids } from './lot-prices.ts';

/** BID-011's defaults: at least 4 valid bids; cv ≤ 0.05 or ≤ the 10th percentile of its segment (segments of ≥ 20 lots). */
const N_MIN = 4;
const CV_MAX = 0.05;
const PCT = 10;
const SEGMENT_MIN_N = 20;

interface Lot { tender_id: string; lot_id: string }

const sampleCv = (p: number[]) => {
  const mu = p.reduce((a, b) => a + b, 0) / p.length;
  return Math.sqrt(p.reduce((a, b) => a + (b - mu) ** 2, 0) / (p.length - 1)) / mu;
};

/**
 * Prices for a lot's valid bids with the lowest one kept: the others rise from 1% above it in unevenly spaced
 * steps (so that no regular pattern appears), scaled until the coefficient of variation is `target`.
 */
function pricesWithCv(b1: number, jitter: number[], target: number): number[] {
  const n = jitter.length + 1;
  const shape = jitter.map((u, i) => (i + 1 + 0.6 * (u - 0.5)) / (n - 1));
  const at = (s: number) => [b1, ...shape.map((z) => fen(b1 * (1.01 + s * z)))];
  let lo = 0;
  let hi = 2;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (sampleCv(at(mid)) < target) lo = mid; else hi = mid;
  }
  return at((lo + hi) / 2);
}

/** The pct-th percentile of cv in the lot's segment, as BID-011 computes it (class4 × region × year, else class4 × year; 0 when both are small). */
async function segmentPct(ctx: PlantContext, lot: Lot): Promise<number> {
  const seg = (region: boolean) => ctx.all<{ n: number; q: number }>(`
    WITH s AS (
      SELECT b.tender_id, b.lot_id, stddev_samp(b.price_cny) / avg(b.price_cny) AS cv
      FROM bid b JOIN tender t USING (tender_id) JOIN tender x ON x.tender_id = $1
      WHERE b.status = 'valid' AND b.price_cny > 0 AND substr(t.class_code, 1, 4) = substr(x.class_code, 1, 4)
        AND year(t.bid_deadline) = year(x.bid_deadline) AND ($4 = 0 OR t.region_code = x.region_code)
      GROUP BY b.tender_id, b.lot_id HAVING count(*) >= $2)
    SELECT count(*)::INTEGER AS n, quantile_cont(cv, $3 / 100.0) AS q FROM s`, [lot.tender_id, N_MIN, PCT, region ? 1 : 0]);
  const [a] = await seg(true);
  if (Number(a!.n) >= SEGMENT_MIN_N) return a!.q;
  const [b] = await seg(false);
  return Number(b!.n) >= SEGMENT_MIN_N ? b!.q : 0;
}

/** Give the lot's valid bids the coefficient of variation `target`; return the winner. */
async function packTo(ctx: PlantContext, lot: Lot, target: number): Promise<string> {
  const bids = await validBids(ctx, lot.tender_id, lot.lot_id);
  const u = await draws(ctx, 'b011', bids.slice(1).map((b) => b.bid_id));
  const prices = pricesWithCv(bids[0]!.price, u, target);
  if (prices[prices.length - 1]! > await ceilingOf(ctx, lot.tender_id, lot.lot_id)) throw new Error(`BID-011: ${lot.tender_id}/${lot.lot_id} has no room under the ceiling`);
  await setPrices(ctx, lot.tender_id, lot.lot_id, bids.slice(1).map((b, i) => [b.bid_id, prices[i + 1]!]));
  return bids[0]!.org_id;
}

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', lot: Lot, winner: string, zh: string, en: string) {
  ctx.record({ truth, subject_type: 'lot', subject_id: `${lot.tender_id}/${lot.lot_id}`, tender_id: lot.tender_id, lot_id: lot.lot_id,
    org_id: winner, note_zh: zh, note_en: en });
}

/**
 * BID-011: lots whose valid bids are packed in a narrow band (cover bids placed just above the designated
 * winner). A screen: the background is not neutralised, its own low-CV lots are reported as they are.
 */
export const plant: Plant = {
  modelId: 'BID-011',
  async plant(ctx) {
    await countValidBids(ctx);
    const claim = async (min: number, max: number) => (await ctx.claimLots(1, ...lotsWith(min, max, 0.8, 0.02)))[0]!;

    let lot = await claim(5, 8);
    record(ctx, 'planted', lot, await packTo(ctx, lot, 0.02), '5–8家投标报价集中在2%左右的变异系数内',
      'five to eight bids packed within a coefficient of variation of about 2%');
    lot = await claim(4, 4);
    record(ctx, 'planted', lot, await packTo(ctx, lot, 0.012), '4家投标报价变异系数仅约1.2%',
      'four bids with a coefficient of variation of only about 1.2%');
    lot = await claim(9, 20);
    record(ctx, 'planted', lot, await packTo(ctx, lot, 0.03), '9家以上投标报价变异系数约3%，远低于同类项目',
      'nine or more bids with a coefficient of variation of about 3%, far below similar lots');

    // Near miss: just above both the fixed threshold and the segment's 10th percentile.
    lot = await claim(5, 8);
    const bar = Math.max(CV_MAX, await segmentPct(ctx, lot));
    const winner = await packTo(ctx, lot, bar * 1.2);
    const s = await lotStats(ctx, lot.tender_id, lot.lot_id);
    const after = Math.max(CV_MAX, await segmentPct(ctx, lot));
    if (!(s.cv > after * 1.1)) throw new Error(`BID-011: near miss ${lot.tender_id}/${lot.lot_id} has cv ${s.cv} against ${after}`);
    record(ctx, 'near_miss', lot, winner, `报价变异系数${(100 * s.cv).toFixed(1)}%，略高于5%及同类标段第10百分位`,
      `a coefficient of variation of ${(100 * s.cv).toFixed(1)}%, just above both 5% and the segment's 10th percentile`);
    // Near miss: tightly packed, but only three valid bids: too few for a variance screen.
    lot = await claim(3, 3);
    record(ctx, 'near_miss', lot, await packTo(ctx, lot, 0.01), '仅3个有效报价（变异系数约1%），不足4个，不作离散度筛查',
      'only three valid bids (a coefficient of variation of about 1%): too few for the variance screen');
  },
};
