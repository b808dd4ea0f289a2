import { ClaimShortage, type Plant, type PlantContext } from './plant.ts';
import { bidsOf, type LotBid } from './plant-helpers.ts';
import { countValidBids, deleteBids, lotsWith, rerank, validBids } from './lot-prices.ts';

/** Lots of must-tender open tenders with an active award and fewer than three bidders that did not withdraw. */
const LOOK_ALIKES = `SELECT a.tender_id, a.lot_id FROM award a JOIN tender t USING (tender_id)
  WHERE a.status = 'active' AND t.must_tender AND t.method_detail = '公开招标'
    AND (SELECT count(DISTINCT b.org_id) FROM bid b WHERE b.tender_id = a.tender_id AND b.lot_id = a.lot_id
         AND COALESCE(b.status, '') <> 'withdrawn') < 3`;

const OPEN_MUST = `t.must_tender AND t.method_detail = '公开招标'`;

interface Lot { tender_id: string; lot_id: string }

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', lot: Lot, winner: string, zh: string, en: string) {
  ctx.record({ truth, subject_type: 'lot', subject_id: `${lot.tender_id}/${lot.lot_id}`, tender_id: lot.tender_id, lot_id: lot.lot_id,
    org_id: winner, note_zh: zh, note_en: en });
}

/** The lot's bids: the awarded one and the others, each list in bid-id order. */
async function split(ctx: PlantContext, lot: Lot): Promise<{ winner: LotBid; others: LotBid[] }> {
  const bids = await bidsOf(ctx, lot.tender_id, lot.lot_id);
  const [w] = await ctx.all<{ bid_id: string }>(`SELECT bid_id FROM award WHERE tender_id = $1 AND lot_id = $2 AND status = 'active'`,
    [lot.tender_id, lot.lot_id]);
  const winner = bids.find((b) => b.bid_id === w?.bid_id);
  if (!winner) throw new Error(`BID-025: no active award in ${lot.tender_id}/${lot.lot_id}`);
  return { winner, others: bids.filter((b) => b !== winner) };
}

/** Keep the awarded bid and the `keep` most expensive other valid bids (so that the lowest two stay apart); delete the rest. */
async function keepBidders(ctx: PlantContext, lot: Lot, keep: number): Promise<{ winner: LotBid; kept: string[] }> {
  const { winner, others } = await split(ctx, lot);
  const valid = (await validBids(ctx, lot.tender_id, lot.lot_id)).filter((b) => b.bid_id !== winner.bid_id).reverse();
  const kept = valid.slice(0, keep).map((b) => b.bid_id);
  if (kept.length < keep) throw new Error(`BID-025: ${lot.tender_id}/${lot.lot_id} has too few valid bids`);
  await deleteBids(ctx, lot.tender_id, lot.lot_id, others.map((b) => b.bid_id).filter((id) => !kept.includes(id)));
  return { winner, kept };
}

/** BID-025: must-tender open tenders opened and awarded with fewer than three bidders. */
export const plant: Plant = {
  modelId: 'BID-025',
  /**
   * In the background an open lot has at least three bids, but a bid drawn as withdrawn can leave two bidders
   * in an awarded lot. Those background withdrawals (recognised by the background's own draw, so that no other
   * plant's withdrawn bid is touched) become rejected bids instead: submitted, then disqualified.
   */
  async neutralize(ctx) {
    await ctx.run(`UPDATE bid SET status = 'disqualified', rank = NULL, price_score = NULL, total_score = NULL,
        disq_reason = pick(['未按要求提供投标保证金', '资格证明文件不全', '投标文件未按规定签字盖章', '技术参数不满足实质性要求'], 'dq', bid_id)
      WHERE status = 'withdrawn' AND regexp_full_match(bid_id, 'B[0-9]{11}')
        AND u('bst', tender_id || ':' || substr(bid_id, 10, 1) || ':' || CAST(CAST(substr(bid_id, 11, 2) AS INTEGER) AS VARCHAR)) >= 0.06
        AND u('bst', tender_id || ':' || substr(bid_id, 10, 1) || ':' || CAST(CAST(substr(bid_id, 11, 2) AS INTEGER) AS VARCHAR)) < 0.08
        AND EXISTS (SELECT 1 FROM (${LOOK_ALIKES}) x WHERE x.tender_id = bid.tender_id AND x.lot_id = bid.lot_id)`);
  },

  async plant(ctx) {
    await countValidBids(ctx);
    const [where, params] = lotsWith(4, 99);
    const lots = await ctx.claimLots(5, `${OPEN_MUST} AND ${where}`, params);
    const [two, one, withdrawn, rejected, three] = lots as [Lot, Lot, Lot, Lot, Lot];

    let r = await keepBidders(ctx, two, 1);
    record(ctx, 'planted', two, r.winner.org_id, '依法必须招标的公开招标项目仅2家投标人递交投标文件，仍开标并确定中标人',
      'a must-tender open tender received bids from only two bidders, yet was opened and awarded');

    r = await keepBidders(ctx, one, 0);
    record(ctx, 'planted', one, r.winner.org_id, '公开招标仅1家投标人投标，直接确定其中标',
      'an open tender with a single bidder was awarded to it');

    // Three bids, one withdrawn before the deadline: two bidders remain, and the tender still goes ahead.
    r = await keepBidders(ctx, withdrawn, 2);
    await ctx.run(`UPDATE bid SET status = 'withdrawn', rank = NULL WHERE bid_id = $1`, [r.kept[1]!]);
    await rerank(ctx, withdrawn.tender_id, withdrawn.lot_id);
    record(ctx, 'planted', withdrawn, r.winner.org_id, '3家投标人中1家在截止前撤回投标文件，仅剩2家仍开标、定标',
      'one of three bidders withdrew before the deadline; the remaining two were opened and one awarded');

    // Two bidders, the other one rejected: the lone valid bid is awarded.
    r = await keepBidders(ctx, rejected, 1);
    await ctx.run(`UPDATE bid SET status = 'disqualified', rank = NULL, disq_reason = '资格证明文件不全' WHERE bid_id = $1`, [r.kept[0]!]);
    await rerank(ctx, rejected.tender_id, rejected.lot_id);
    record(ctx, 'planted', rejected, r.winner.org_id, '仅2家投标，其中1家被否决，唯一有效投标人中标',
      'two bidders, one rejected; the only valid bid was awarded');

    // Near miss: exactly three bidders, one of them rejected, still three submitted.
    r = await keepBidders(ctx, three, 2);
    await ctx.run(`UPDATE bid SET status = 'disqualified', rank = NULL, disq_reason = '技术参数不满足实质性要求' WHERE bid_id = $1`, [r.kept[1]!]);
    await rerank(ctx, three.tender_id, three.lot_id);
    record(ctx, 'near_miss', three, r.winner.org_id, '恰有3家投标人递交投标文件（其中1家被否决），满足开标条件',
      'exactly three bidders submitted (one later rejected): enough to open');

    // Near miss: two bidders, but the tender failed and nobody was awarded.
    try {
      const [failed] = await ctx.claimLots(1, `${OPEN_MUST} AND t.status IN ('unsuccessful', 'cancelled')
        AND NOT EXISTS (SELECT 1 FROM award a WHERE a.tender_id = t.tender_id AND a.status = 'active')
        AND EXISTS (SELECT 1 FROM _lp_lots n WHERE n.tender_id = l.tender_id AND n.lot_id = l.lot_id AND n.n_bids >= 3)`);
      const bids = await bidsOf(ctx, failed!.tender_id, failed!.lot_id);
      await deleteBids(ctx, failed!.tender_id, failed!.lot_id, bids.slice(2).map((b) => b.bid_id));
      ctx.record({ truth: 'near_miss', subject_type: 'lot', subject_id: `${failed!.tender_id}/${failed!.lot_id}`, tender_id: failed!.tender_id,
        lot_id: failed!.lot_id, note_zh: '仅2家投标人，招标失败未确定中标人（依法重新招标）', note_en: 'two bidders only, and the tender failed with no award (to be re-tendered)' });
    } catch (e) {
      if (!(e instanceof ClaimShortage)) throw e;
    }
  },
};
