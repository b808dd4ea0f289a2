import { bidsOfLots, insertPersons, pairId, sorted } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', tenderId: string, a: string, b: string, zh: string, en: string) {
  const [x, y] = sorted(a, b);
  ctx.record({ truth, subject_type: 'org_pair', subject_id: pairId(a, b), tender_id: tenderId, lot_id: '-', org_id: x, org_id_b: y, note_zh: zh, note_en: en });
}

/**
 * Monthly pension insurance of a person by an employer, from `from` to `to` months relative to the month of
 * the tender's bid deadline (0 = that month; the data date caps the end).
 */
async function insure(ctx: PlantContext, personId: string, orgId: string, tenderId: string, from: number, to: number | null): Promise<void> {
  await ctx.run(`INSERT INTO social_insurance
    SELECT $1, $2, CAST(m AS DATE), '城镇职工基本养老保险', 5200
    FROM (SELECT date_trunc('month', bid_deadline) AS bm FROM tender WHERE tender_id = $3) t,
      unnest(generate_series(t.bm + to_months(CAST($4 AS INTEGER)),
        least(CASE WHEN $5 IS NULL THEN TIMESTAMP '9999-12-01' ELSE t.bm + to_months(CAST($5 AS INTEGER)) END, date_trunc('month', CAST($6 AS TIMESTAMP))),
        INTERVAL 1 MONTH)) AS g(m)`, [personId, orgId, tenderId, from, to, ctx.plan.asOf]);
}

/** Make a new person the agent of a bid. */
async function agent(ctx: PlantContext, bidId: string, personId: string): Promise<void> {
  await ctx.run(`UPDATE bid SET agent_person_id = $1 WHERE bid_id = $2`, [personId, bidId]);
}

/**
 * BID-010: the staff of two bidders of one lot are insured across them: one bidder's agent or staff insured by
 * the other, or the agents of both insured by one labour agency. (The persons are agents and ordinary staff, not
 * project managers: a project manager insured elsewhere is BID-043's case.)
 */
export const plant: Plant = {
  modelId: 'BID-010',
  async plant(ctx) {
    const lots = await ctx.claimLots(5, `t.procurement_method = 'open' AND t.status = 'complete' AND l.lot_id = '-'
      AND t.bid_deadline BETWEEN TIMESTAMP '2022-01-01' AND TIMESTAMP '2025-10-31'`);
    const [l1, l2, l3, l4, l5] = await bidsOfLots(ctx, lots);
    const [agencyA, agencyB] = await ctx.claimOrgs(2, `_org.seg = 'other' AND o.org_type = 'company' AND o.status = 'active'`);
    await insertPersons(ctx, [
      { personId: 'P90010001', name: '吕海涛', gender: 'M' }, { personId: 'P90010002', name: '许文静', gender: 'F' },
      { personId: 'P90010003', name: '韩志勇', gender: 'M' }, { personId: 'P90010004', name: '冯雪梅', gender: 'F' },
      { personId: 'P90010005', name: '程立新', gender: 'M' }, { personId: 'P90010006', name: '魏国庆', gender: 'M' },
      { personId: 'P90010007', name: '袁小芳', gender: 'F' },
    ]);
    // 1. One bidder's authorised agent is an employee of the other bidder, insured by it for years.
    const [a1, b1] = [l1![0]!, l1![1]!];
    await agent(ctx, a1.bid_id, 'P90010001');
    await insure(ctx, 'P90010001', b1.org_id, lots[0]!.tender_id, -30, null);
    record(ctx, 'planted', lots[0]!.tender_id, a1.org_id, b1.org_id, '一家投标人的授权委托人由另一家投标人缴纳社保',
      'one bidder\'s authorised agent is insured by the other bidder');
    // 2. One bidder names a member of staff whom the other bidder insures.
    const [a2, b2] = [l2![2]!, l2![0]!];
    await ctx.run(`INSERT INTO bid_personnel VALUES ($1, 'P90010002', 'other', NULL)`, [a2.bid_id]);
    await insure(ctx, 'P90010002', b2.org_id, lots[1]!.tender_id, -14, 6);
    record(ctx, 'planted', lots[1]!.tender_id, a2.org_id, b2.org_id, '一家投标人投标文件所列人员由另一家投标人缴纳社保',
      'a member of staff named in one bid is insured by the other bidder');
    // 3. The agents of two bidders are both insured by one labour agency.
    const [a3, b3] = [l3![0]!, l3![2]!];
    await agent(ctx, a3.bid_id, 'P90010003');
    await agent(ctx, b3.bid_id, 'P90010004');
    await insure(ctx, 'P90010003', agencyA!, lots[2]!.tender_id, -20, null);
    await insure(ctx, 'P90010004', agencyA!, lots[2]!.tender_id, -9, 3);
    record(ctx, 'planted', lots[2]!.tender_id, a3.org_id, b3.org_id, '两家投标人的授权委托人由同一家劳务公司缴纳社保',
      'the agents of both bidders are insured by one labour agency');
    // Near miss: the agent worked for the other bidder, but left eight months before the bid (now insured by his own firm).
    const [a4, b4] = [l4![0]!, l4![1]!];
    await agent(ctx, a4.bid_id, 'P90010005');
    await insure(ctx, 'P90010005', b4.org_id, lots[3]!.tender_id, -40, -8);
    await insure(ctx, 'P90010005', a4.org_id, lots[3]!.tender_id, -7, null);
    record(ctx, 'near_miss', lots[3]!.tender_id, a4.org_id, b4.org_id, '授权委托人曾由另一家投标人参保，但已于投标前8个月离职',
      'the agent was insured by the other bidder, but left eight months before the bid');
    // Near miss: both agents were placed by one labour agency, but one of them left it half a year before the bid.
    const [a5, b5] = [l5![0]!, l5![1]!];
    await agent(ctx, a5.bid_id, 'P90010006');
    await agent(ctx, b5.bid_id, 'P90010007');
    await insure(ctx, 'P90010006', agencyB!, lots[4]!.tender_id, -24, null);
    await insure(ctx, 'P90010007', agencyB!, lots[4]!.tender_id, -30, -6);
    await insure(ctx, 'P90010007', b5.org_id, lots[4]!.tender_id, -5, null);
    record(ctx, 'near_miss', lots[4]!.tender_id, a5.org_id, b5.org_id, '两家的授权委托人曾在同一劳务公司参保，但其中一人已于投标前半年转出',
      'both agents were insured by one labour agency, but one of them moved away half a year before the bid');
  },
};
