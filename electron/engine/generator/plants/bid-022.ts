import { addDays, claimOrgsFirst } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

/** The awarded contract of a lot and the lot's other bidders (best-ranked valid bids first). */
interface Awarded {
  tender_id: string; lot_id: string; contract_id: string; winner: string; start: string; value: number;
  losers: Array<{ org_id: string; status: string }>;
}

/**
 * Works lots of open or selective tenders whose one contract started at least 60 days before the data
 * date, has no subcontract yet, and that had at least four bidders: found once into _b022lots.
 */
async function eligibleLots(ctx: PlantContext): Promise<void> {
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _b022lots AS
    SELECT a.tender_id, a.lot_id FROM award a JOIN contract c ON c.award_id = a.award_id JOIN tender t ON t.tender_id = a.tender_id
    WHERE a.status = 'active' AND t.category = 'works' AND t.status = 'complete' AND t.procurement_method IN ('open', 'selective')
      AND c.start_date <= CAST($1 AS DATE) - 60 AND NOT EXISTS (SELECT 1 FROM subcontract s WHERE s.contract_id = c.contract_id)
      AND (a.tender_id, a.lot_id) IN (SELECT tender_id, lot_id FROM bid GROUP BY tender_id, lot_id HAVING count(*) >= 4)`, [ctx.plan.asOf]);
}

/** An eligible lot (`extra` narrows the choice, on lot l and tender t). */
const LOT = (extra: string) => `(l.tender_id, l.lot_id) IN (SELECT tender_id, lot_id FROM _b022lots) AND ${extra}`;

async function awarded(ctx: PlantContext, extra = 'TRUE'): Promise<Awarded> {
  const [l] = await ctx.claimLots(1, LOT(extra));
  const [c] = await ctx.all<Omit<Awarded, 'losers'>>(`SELECT a.tender_id, a.lot_id, c.contract_id, c.supplier_org_id AS winner,
      CAST(c.start_date AS VARCHAR) AS start, CAST(c.value_cny AS DOUBLE) AS value
    FROM award a JOIN contract c ON c.award_id = a.award_id WHERE a.tender_id = $1 AND a.lot_id = $2 AND a.status = 'active'`, [l!.tender_id, l!.lot_id]);
  const losers = await ctx.all<{ org_id: string; status: string }>(`SELECT org_id, status FROM bid WHERE tender_id = $1 AND lot_id = $2 AND org_id <> $3
    ORDER BY status <> 'valid', rank NULLS LAST, bid_id`, [l!.tender_id, l!.lot_id, c!.winner]);
  return { ...c!, losers };
}

async function subcontract(ctx: PlantContext, a: Awarded, sub: string, share: number, scope: string, afterDays: number): Promise<void> {
  await ctx.run(`INSERT INTO subcontract VALUES ($1, $2, CAST($3 AS DECIMAL(18,2)), $4, CAST($5 AS DATE))`,
    [a.contract_id, sub, Math.round(a.value * share * 100) / 100, scope, addDays(a.start, afterDays)]);
}

/**
 * BID-022: a losing bidder of the lot, or a firm it controls, becomes the winner's subcontractor (bid
 * rotation or suppression paid off through the subcontract). Background subcontractors are ordinary firms
 * that never bid, so the background holds no such case.
 */
export const plant: Plant = {
  modelId: 'BID-022',
  async plant(ctx) {
    await eligibleLots(ctx);
    const rec = (truth: 'planted' | 'near_miss', a: Awarded, sub: string, zh: string, en: string) => ctx.record({
      truth, subject_type: 'contract_org', subject_id: `${a.contract_id}|${sub}`, tender_id: a.tender_id, lot_id: a.lot_id,
      contract_id: a.contract_id, org_id: sub, org_id_b: a.winner, note_zh: zh, note_en: en,
    });

    // 1. The runner-up takes 40% of the works as a labour subcontract.
    const a1 = await awarded(ctx);
    const s1 = a1.losers[0]!.org_id;
    await subcontract(ctx, a1, s1, 0.4, '主体结构劳务分包', 12);
    rec('planted', a1, s1, '同一标段排名第二的落标人成为中标人的劳务分包单位（分包额占合同40%）',
      'the runner-up of the same lot became the winner\'s labour subcontractor (40% of the contract)');

    // 2. A bidder that withdrew its bid is later given a specialist subcontract (bid suppression).
    const a2 = await awarded(ctx, `EXISTS (SELECT 1 FROM bid w WHERE w.tender_id = l.tender_id AND w.lot_id = l.lot_id AND w.status = 'withdrawn')`);
    const s2 = a2.losers.find((x) => x.status === 'withdrawn')!.org_id;
    await subcontract(ctx, a2, s2, 0.35, '钢结构专业分包', 25);
    rec('planted', a2, s2, '在同一标段撤回投标的投标人取得中标人的钢结构专业分包（陪标后分利）',
      'a bidder that withdrew from the same lot received the winner\'s steel-structure subcontract');

    // 3. A firm 70% owned by a losing bidder (since 2019) becomes the subcontractor.
    const a3 = await awarded(ctx);
    const loser3 = a3.losers[1]!.org_id;
    // An ordinary firm that is nobody's subcontractor yet; preferably no expert's work unit, else one whose
    // experts never sat on a panel of a lot the owner bid for (the stake would make that a BID-041 conflict).
    const firm = `_org.seg = 'other' AND _org.org_type = 'company' AND o.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM subcontract s WHERE s.sub_org_id = o.org_id)
      AND NOT EXISTS (SELECT 1 FROM bid_member m WHERE m.org_id = o.org_id)
      AND NOT EXISTS (SELECT 1 FROM shareholding h WHERE h.org_id = o.org_id AND h.holder_type = 'org')`;
    const [s3] = await claimOrgsFirst(ctx, 1, [
      { where: `${firm} AND NOT EXISTS (SELECT 1 FROM eval_committee e WHERE e.expert_work_org_id = o.org_id)` },
      { where: `${firm} AND NOT EXISTS (SELECT 1 FROM eval_committee e JOIN bid b ON b.tender_id = e.tender_id AND b.lot_id = e.lot_id
                  WHERE e.expert_work_org_id = o.org_id AND b.org_id = $1)`, params: [loser3] },
    ]);
    await ctx.run(`INSERT INTO shareholding VALUES ($1, 'org', $2, 0.7, 2100000, DATE '2019-05-01', NULL)`, [s3!, loser3]);
    await subcontract(ctx, a3, s3!, 0.3, '劳务分包', 18);
    rec('planted', a3, s3!, '分包单位由同一标段的落标人控股70%', 'the subcontractor is 70% owned by a losing bidder of the same lot');

    // Near miss: the subcontractor lost a different tender, and never bid for this one.
    const a4 = await awarded(ctx);
    const [s4] = await ctx.all<{ org_id: string }>(`SELECT b.org_id FROM bid b JOIN _org o USING (org_id)
      WHERE o.seg = 'supplier' AND o.category = 'works' AND b.status = 'valid' AND b.rank > 1
        AND b.org_id NOT IN (SELECT org_id FROM bid WHERE tender_id = $1)
        AND b.org_id NOT IN (SELECT org_id FROM shareholding WHERE holder_type = 'org' UNION SELECT holder_id FROM shareholding WHERE holder_type = 'org')
      ORDER BY u('b022nm', b.org_id), b.org_id LIMIT 1`, [a4.tender_id]);
    await subcontract(ctx, a4, s4!.org_id, 0.25, '劳务分包', 15);
    rec('near_miss', a4, s4!.org_id, '分包单位曾在其他项目落标，但未参加本项目投标', 'the subcontractor lost other tenders but never bid for this one');

    // Near miss: in a tender of several lots, the subcontractor lost another lot than the contract's.
    const a5 = await awarded(ctx, `l.lot_id = '1' AND EXISTS (SELECT 1 FROM bid x WHERE x.tender_id = l.tender_id AND x.lot_id = '2'
      AND x.org_id NOT IN (SELECT y.org_id FROM bid y WHERE y.tender_id = l.tender_id AND y.lot_id = '1')
      AND x.org_id NOT IN (SELECT a.supplier_org_id FROM award a WHERE a.tender_id = l.tender_id))`);
    const [s5] = await ctx.all<{ org_id: string }>(`SELECT x.org_id FROM bid x WHERE x.tender_id = $1 AND x.lot_id = '2'
      AND x.org_id NOT IN (SELECT y.org_id FROM bid y WHERE y.tender_id = $1 AND y.lot_id = '1')
      AND x.org_id NOT IN (SELECT a.supplier_org_id FROM award a WHERE a.tender_id = $1) ORDER BY x.bid_id LIMIT 1`, [a5.tender_id]);
    await subcontract(ctx, a5, s5!.org_id, 0.2, '劳务分包', 20);
    rec('near_miss', a5, s5!.org_id, '分包单位在同一项目的另一标段落标，而非本合同所在标段', 'the subcontractor lost another lot of the tender, not the contract\'s lot');
  },
};
