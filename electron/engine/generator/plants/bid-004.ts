import { splitLots } from './bid-003.ts';
import { bidsOfLots, insertPersons, pairId, sorted } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

function record(ctx: PlantContext, truth: 'planted' | 'near_miss', tenderId: string | undefined, lotId: string | undefined, a: string, b: string,
  zh: string, en: string) {
  const [x, y] = sorted(a, b);
  ctx.record({ truth, subject_type: 'org_pair', subject_id: pairId(a, b), tender_id: tenderId, lot_id: lotId, org_id: x, org_id_b: y, note_zh: zh, note_en: en });
}

async function name(ctx: PlantContext, bidId: string, personId: string, role: string): Promise<void> {
  await ctx.run(`INSERT INTO bid_personnel VALUES ($1, $2, $3, NULL)`, [bidId, personId, role]);
}

async function insure(ctx: PlantContext, personId: string, orgId: string): Promise<void> {
  await ctx.run(`INSERT INTO social_insurance SELECT $1, $2, CAST(m AS DATE), '城镇职工基本养老保险', 4800
    FROM unnest(generate_series(TIMESTAMP '2020-09-01', CAST($3 AS TIMESTAMP), INTERVAL 1 MONTH)) AS g(m)`, [personId, orgId, `${ctx.plan.asOf.slice(0, 7)}-01`]);
}

/**
 * BID-004: the bids of different bidders for one lot name the same person. The persons here are cost engineers
 * and document controllers who work freelance (named as other staff): retired (so insured by nobody) or insured
 * by a labour agency, never by one of the bidders (which would be cross-insurance, BID-010); and not in a role
 * whose insurance BID-043 checks.
 */
export const plant: Plant = {
  modelId: 'BID-004',
  async plant(ctx) {
    const lots = await ctx.claimLots(3, `t.procurement_method = 'open' AND t.status = 'complete' AND l.lot_id = '-'`);
    const [l1, l2, l3] = await bidsOfLots(ctx, lots);
    const [agency] = await ctx.claimOrgs(1, `_org.seg = 'other' AND o.org_type = 'company' AND o.status = 'active'`);
    await insertPersons(ctx, [
      { personId: 'P90004001', name: '邵建明', gender: 'M' }, { personId: 'P90004002', name: '钟晓燕', gender: 'F' },
      { personId: 'P90004003', name: '傅志刚', gender: 'M' }, { personId: 'P90004004', name: '汪春华', gender: 'F' },
      { personId: 'P90004005', name: '蔡卫东', gender: 'M' },
    ]);
    // 1. Two bidders name the same (retired) document controller.
    await name(ctx, l1![0]!.bid_id, 'P90004001', 'other');
    await name(ctx, l1![1]!.bid_id, 'P90004001', 'other');
    record(ctx, 'planted', lots[0]!.tender_id, '-', l1![0]!.org_id, l1![1]!.org_id, '两家投标人的投标文件载明同一名资料员',
      'both bids name the same document controller');
    // 2. Three bidders name the same cost engineer: every pair of them.
    const three = l2!.slice(0, 3);
    for (const b of three) await name(ctx, b.bid_id, 'P90004002', 'other');
    for (const [i, j] of [[0, 1], [0, 2], [1, 2]] as const) {
      record(ctx, 'planted', lots[1]!.tender_id, '-', three[i]!.org_id, three[j]!.org_id, '三家投标人的投标文件载明同一名造价员',
        'three bids name the same cost engineer');
    }
    // 3. Both bids name a cost engineer placed (and insured) by a labour agency.
    await insure(ctx, 'P90004003', agency!);
    await name(ctx, l3![1]!.bid_id, 'P90004003', 'other');
    await name(ctx, l3![2]!.bid_id, 'P90004003', 'other');
    record(ctx, 'planted', lots[2]!.tender_id, '-', l3![1]!.org_id, l3![2]!.org_id, '两家投标人载明同一名劳务公司派遣的造价员',
      'both bids name the same cost engineer, placed by a labour agency');
    // Near miss: the same document controller named by two firms for different lots of one tender.
    const n1 = await splitLots(ctx);
    await name(ctx, n1.a.bid_id, 'P90004004', 'other');
    await name(ctx, n1.b.bid_id, 'P90004004', 'other');
    record(ctx, 'near_miss', n1.tender_id, undefined, n1.a.org_id, n1.b.org_id, '同一资料员由两家公司分别列入不同标段的投标文件',
      'the same document controller is named by two firms for different lots');
    // Near miss: the same cost engineer named by two firms in different tenders (who never meet in one lot).
    const [pair] = await ctx.all<{ a: string; b: string; ta: string; tb: string }>(`
      SELECT x.bid_id AS a, y.bid_id AS b, x.org_id AS ta, y.org_id AS tb FROM bid x JOIN bid y ON x.tender_id = $1 AND y.tender_id = $2
      WHERE NOT EXISTS (SELECT 1 FROM bid p JOIN bid q ON p.tender_id = q.tender_id AND p.lot_id = q.lot_id WHERE p.org_id = x.org_id AND q.org_id = y.org_id)
        AND x.org_id <> y.org_id
      ORDER BY x.bid_id, y.bid_id LIMIT 1`, [lots[0]!.tender_id, lots[2]!.tender_id]);
    if (pair) {
      await name(ctx, pair.a, 'P90004005', 'other');
      await name(ctx, pair.b, 'P90004005', 'other');
      record(ctx, 'near_miss', undefined, undefined, pair.ta, pair.tb, '同一造价员由两家公司分别列入不同项目的投标文件，两家从未同场投标',
        'the same cost engineer is named by two firms in different tenders; they never bid for one lot');
    }
  },
};
