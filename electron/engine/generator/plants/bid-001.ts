import { bidsOf, bidsOfLots, pairId, sorted } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

async function pair(ctx: PlantContext, truth: 'planted' | 'near_miss', t: string, l: string, a: string, b: string, zh: string, en: string) {
  const [x, y] = sorted(a, b);
  ctx.record({ truth, subject_type: 'org_pair', subject_id: pairId(a, b), tender_id: t, lot_id: l, org_id: x, org_id_b: y, note_zh: zh, note_en: en });
}

/** BID-001: bid files of different bidders made on the same machine or by the same author. */
export const plant: Plant = {
  modelId: 'BID-001',
  async plant(ctx) {
    const lots = await ctx.claimLots(4, `t.procurement_method = 'open' AND t.category = 'works' AND t.status = 'complete' AND l.lot_id = '-'`);
    const [m1, m2, m3, m4] = await bidsOfLots(ctx, lots);
    // Same machine code: the second bidder's file was prepared on the first bidder's computer.
    await ctx.run(`UPDATE bid SET machine_code = (SELECT machine_code FROM bid WHERE bid_id = $1) WHERE bid_id = $2`, [m1![0]!.bid_id, m1![1]!.bid_id]);
    await pair(ctx, 'planted', lots[0]!.tender_id, '-', m1![0]!.org_id, m1![1]!.org_id, '两家投标人的投标文件机器码相同', 'two bidders\' files share a machine code');
    // Same cost-software lock: one pricing-software dongle priced both bids.
    await ctx.run(`UPDATE bid SET cost_sw_lock_id = (SELECT cost_sw_lock_id FROM bid WHERE bid_id = $1) WHERE bid_id = $2`, [m2![0]!.bid_id, m2![2]!.bid_id]);
    await pair(ctx, 'planted', lots[1]!.tender_id, '-', m2![0]!.org_id, m2![2]!.org_id, '两家投标人使用同一造价软件加密锁', 'two bidders priced with the same cost-software lock');
    // Same document author (a named person, not a generic account).
    await ctx.run(`UPDATE bid_document SET author = '王建华' WHERE bid_id IN ($1, $2)`, [m3![1]!.bid_id, m3![2]!.bid_id]);
    await pair(ctx, 'planted', lots[2]!.tender_id, '-', m3![1]!.org_id, m3![2]!.org_id, '两份技术标文件作者均为“王建华”', 'both technical files were authored by "王建华"');
    // Near miss: the same generic author name is not evidence.
    await ctx.run(`UPDATE bid_document SET author = 'Administrator' WHERE bid_id IN ($1, $2)`, [m4![0]!.bid_id, m4![1]!.bid_id]);
    await pair(ctx, 'near_miss', lots[3]!.tender_id, '-', m4![0]!.org_id, m4![1]!.org_id, '作者为通用名“Administrator”，不构成同一编制人', 'the shared author is the generic "Administrator"');
    // Near miss: the same machine code, but the two firms bid for different lots.
    const [multi] = await ctx.claimLots(1, `t.procurement_method = 'open' AND t.status = 'complete' AND l.lot_id = '1'`);
    // Neither firm bids for the other's lot (a firm's bids share its machine code, so the pair would meet in one lot).
    const b1 = await bidsOf(ctx, multi!.tender_id, '1');
    const b2 = await bidsOf(ctx, multi!.tender_id, '2');
    const l1 = b1.filter((b) => !b2.some((x) => x.org_id === b.org_id));
    const l2 = b2.filter((b) => !b1.some((x) => x.org_id === b.org_id));
    if (!l1[0] || !l2[0]) throw new Error(`BID-001: no firms bidding for only one of lots 1 and 2 of ${multi!.tender_id}`);
    await ctx.run(`UPDATE bid SET machine_code = (SELECT machine_code FROM bid WHERE bid_id = $1) WHERE bid_id = $2`, [l1[0].bid_id, l2[0].bid_id]);
    await pair(ctx, 'near_miss', multi!.tender_id, '1', l1[0].org_id, l2[0].org_id, '机器码相同但分别投不同标段', 'same machine code, but the firms bid for different lots');
  },
};
