import { bidsOf, bidsOfLots, pairId, sorted } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

/** Every lot where both firms bid: a link between them shows in each (the rule is per lot). */
async function recordCoBids(ctx: PlantContext, a: string, b: string, zh: string, en: string, since = '1900-01-01') {
  const lots = await ctx.all<{ tender_id: string; lot_id: string }>(
    `SELECT x.tender_id, x.lot_id FROM bid x JOIN bid y ON x.tender_id = y.tender_id AND x.lot_id = y.lot_id JOIN tender t ON t.tender_id = x.tender_id
     WHERE x.org_id = $1 AND y.org_id = $2 AND CAST(t.bid_deadline AS DATE) >= CAST($3 AS DATE) ORDER BY 1, 2`, [a, b, since]);
  const [p, q] = sorted(a, b);
  for (const l of lots) {
    ctx.record({ truth: 'planted', subject_type: 'org_pair', subject_id: pairId(a, b), tender_id: l.tender_id, lot_id: l.lot_id, org_id: p, org_id_b: q, note_zh: zh, note_en: en });
  }
}

/** Pairs of bidders x, y of one lot (bids xb, yb), where x's legal representative p was at least 22 when y was founded. */
const ADULT_REP_PAIRS = `WITH b AS (SELECT bid.bid_id, bid.tender_id, bid.lot_id, bid.org_id, o.legal_rep_person_id AS rep, o.established_date AS est,
                         p.birth_date AS rep_birth
                       FROM bid JOIN organization o USING (org_id) JOIN person p ON p.person_id = o.legal_rep_person_id)
  SELECT x.tender_id, x.lot_id, x.bid_id AS xb, y.bid_id AS yb, x.org_id AS x, y.org_id AS y, x.rep AS p
  FROM b x JOIN b y ON y.tender_id = x.tender_id AND y.lot_id = x.lot_id
  WHERE y.org_id <> x.org_id AND y.rep <> x.rep AND x.rep_birth + INTERVAL 22 YEAR <= y.est`;

/** BID-008: bidders in one lot under the same legal representative or common control (IR Art. 34). */
export const plant: Plant = {
  modelId: 'BID-008',
  async plant(ctx) {
    const open = `t.procurement_method = 'open' AND t.status = 'complete' AND l.lot_id = '-'`;
    // One person is the legal representative of both bidders: bidder y is registered, since its founding, under
    // bidder x's legal representative (an adult by then), in organization and org_role alike.
    const [lr] = await ctx.claimLots(1, `${open} AND l.tender_id IN (SELECT tender_id FROM (${ADULT_REP_PAIRS}) WHERE lot_id = '-')`);
    const [pair] = await ctx.all<{ x: string; y: string; p: string }>(`SELECT x, y, p FROM (${ADULT_REP_PAIRS})
      WHERE tender_id = $1 AND lot_id = $2 ORDER BY xb, yb LIMIT 1`, [lr!.tender_id, lr!.lot_id]);
    await ctx.run(`UPDATE organization SET legal_rep_person_id = $1 WHERE org_id = $2`, [pair!.p, pair!.y]);
    await ctx.run(`UPDATE org_role SET person_id = $1 WHERE org_id = $2 AND role = 'legal_rep' AND end_date IS NULL`, [pair!.p, pair!.y]);
    await recordCoBids(ctx, pair!.x, pair!.y, '两家投标人法定代表人为同一人', 'both bidders have the same legal representative');
    const lots = await ctx.claimLots(3, open);
    const [b, c, d] = await bidsOfLots(ctx, lots);
    // One bidder holds 60% of the other.
    await ctx.run(`INSERT INTO shareholding VALUES ($1, 'org', $2, 0.6, 3000000, DATE '2018-06-01', NULL)`, [b![1]!.org_id, b![0]!.org_id]);
    await recordCoBids(ctx, b![0]!.org_id, b![1]!.org_id, '一家投标人持有另一家60%股权（控股关系）', 'one bidder holds 60% of the other');
    // One person sits on the board of both.
    const [dir] = await ctx.all<{ p: string }>(`SELECT legal_rep_person_id AS p FROM organization WHERE org_id = $1`, [c![0]!.org_id]);
    await ctx.run(`INSERT INTO org_role VALUES ($1, $2, 'director', '董事', DATE '2017-03-01', NULL, '工商登记')`, [c![2]!.org_id, dir!.p]);
    await recordCoBids(ctx, c![0]!.org_id, c![2]!.org_id, '一家投标人的法定代表人兼任另一家董事', 'one bidder\'s legal representative is a director of the other');
    // Near miss: the control ended years before these bids.
    await ctx.run(`INSERT INTO shareholding VALUES ($1, 'org', $2, 0.7, 2000000, DATE '2012-01-01', DATE '2019-12-31')`, [d![1]!.org_id, d![0]!.org_id]);
    const [p, q] = sorted(d![0]!.org_id, d![1]!.org_id);
    ctx.record({ truth: 'near_miss', subject_type: 'org_pair', subject_id: pairId(p, q), tender_id: lots[2]!.tender_id, lot_id: '-', org_id: p, org_id_b: q,
      note_zh: '控股关系已于2019年底解除，早于投标截止', note_en: 'the control ended in 2019, before the bid deadline' });
    // Near miss: a parent and its subsidiary bid for different lots of one tender.
    const [multi] = await ctx.claimLots(1, `t.procurement_method = 'open' AND t.status = 'complete' AND l.lot_id = '1'`);
    const l1 = await bidsOf(ctx, multi!.tender_id, '1');
    const l2 = (await bidsOf(ctx, multi!.tender_id, '2')).filter((x) => !l1.some((y) => y.org_id === x.org_id));
    const [co] = await ctx.all<{ n: number }>(`SELECT count(*) AS n FROM bid x JOIN bid y USING (tender_id, lot_id) WHERE x.org_id = $1 AND y.org_id = $2`,
      [l1[0]!.org_id, l2[0]!.org_id]);
    if (Number(co!.n) === 0) {
      await ctx.run(`INSERT INTO shareholding VALUES ($1, 'org', $2, 1.0, 5000000, DATE '2016-01-01', NULL)`, [l2[0]!.org_id, l1[0]!.org_id]);
      const [r, s] = sorted(l1[0]!.org_id, l2[0]!.org_id);
      ctx.record({ truth: 'near_miss', subject_type: 'org_pair', subject_id: pairId(r, s), tender_id: multi!.tender_id, lot_id: '1', org_id: r, org_id_b: s,
        note_zh: '母子公司分别投不同标段', note_en: 'a parent and its subsidiary bid for different lots' });
    }
  },
};
