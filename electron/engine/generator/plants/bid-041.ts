import { insertPerson } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

interface Panel { tender_id: string; lot_id: string; deadline: string; seat: string; bids: Array<{ bid_id: string; org_id: string; won: boolean }> }

/** Lots with an expert panel and at least three valid bids: found once. */
async function panelLots(ctx: PlantContext): Promise<void> {
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _b041lots AS
    SELECT tender_id, lot_id FROM bid WHERE status = 'valid' GROUP BY tender_id, lot_id HAVING count(*) >= 3
    INTERSECT SELECT tender_id, lot_id FROM eval_committee WHERE member_role = 'expert'`);
}

/** A claimed lot with an expert panel and at least three bids, and one of its expert seats (drawn at random). */
async function panel(ctx: PlantContext): Promise<Panel> {
  const [l] = await ctx.claimLots(1, `t.procurement_method IN ('open', 'selective') AND t.status = 'complete' AND t.bid_deadline >= TIMESTAMP '2022-06-01'
    AND (l.tender_id, l.lot_id) IN (SELECT tender_id, lot_id FROM _b041lots)`);
  const [s] = await ctx.all<{ seat: string; deadline: string }>(`SELECT e.person_id AS seat, CAST(CAST(t.bid_deadline AS DATE) AS VARCHAR) AS deadline
    FROM eval_committee e JOIN tender t USING (tender_id) WHERE e.tender_id = $1 AND e.lot_id = $2 AND e.member_role = 'expert'
    ORDER BY u('b041seat', e.tender_id || '/' || e.lot_id || '/' || e.person_id), e.person_id LIMIT 1`, [l!.tender_id, l!.lot_id]);
  const bids = await ctx.all<{ bid_id: string; org_id: string; won: boolean }>(`SELECT b.bid_id, b.org_id,
      EXISTS (SELECT 1 FROM award a WHERE a.bid_id = b.bid_id AND a.status = 'active') AS won
    FROM bid b WHERE b.tender_id = $1 AND b.lot_id = $2 AND b.status = 'valid' ORDER BY won DESC, b.rank, b.bid_id`, [l!.tender_id, l!.lot_id]);
  return { tender_id: l!.tender_id, lot_id: l!.lot_id, deadline: s!.deadline, seat: s!.seat, bids };
}

/** Seat a new expert (who sits on no other panel) in place of the drawn one, with that expert's scores and the given work unit. */
async function seatExpert(ctx: PlantContext, p: Panel, expert: string, name: string, gender: 'M' | 'F', workOrg: string): Promise<void> {
  await insertPerson(ctx, { personId: expert, name, gender });
  await ctx.run(`UPDATE eval_committee SET person_id = $1, expert_work_org_id = $2 WHERE tender_id = $3 AND lot_id = $4 AND person_id = $5`,
    [expert, workOrg, p.tender_id, p.lot_id, p.seat]);
  await ctx.run(`UPDATE eval_score SET expert_person_id = $1 WHERE tender_id = $2 AND lot_id = $3 AND expert_person_id = $4`, [expert, p.tender_id, p.lot_id, p.seat]);
}

async function insure(ctx: PlantContext, person: string, org: string, from: string, to: string): Promise<void> {
  await ctx.run(`INSERT INTO social_insurance SELECT $1, $2, CAST(m AS DATE), '城镇职工基本养老保险', 7200
    FROM unnest(generate_series(CAST($3 AS TIMESTAMP), CAST($4 AS TIMESTAMP), INTERVAL 1 MONTH)) AS g(m)`, [person, org, from, to]);
}

/** The legal representative of an organisation and the surname they would share with a sibling or cousin. */
async function rep(ctx: PlantContext, org: string) {
  const [r] = await ctx.all<{ p: string; surname: string }>(`SELECT o.legal_rep_person_id AS p, substr(p.name, 1, 1) AS surname
    FROM organization o JOIN person p ON p.person_id = o.legal_rep_person_id WHERE o.org_id = $1`, [org]);
  return r!;
}

/**
 * BID-041: an evaluation expert linked to a bidder of the lot (GPR Art. 9: employment in the three years
 * before, officer or shareholder, kinship with its legal representative, or a work unit that is the
 * bidder or linked to it). Each planted expert is a new person who sits on this one panel only. Background
 * experts work for ordinary firms that never bid and have no other ties, so there is nothing to neutralise.
 */
export const plant: Plant = {
  modelId: 'BID-041',
  async plant(ctx) {
    await panelLots(ctx);
    const rec = (truth: 'planted' | 'near_miss', p: Panel, expert: string, bid: { bid_id: string; org_id: string }, zh: string, en: string) => ctx.record({
      truth, subject_type: 'expert_bid', subject_id: `${expert}|${bid.bid_id}`, tender_id: p.tender_id, lot_id: p.lot_id, org_id: bid.org_id,
      person_id: expert, note_zh: zh, note_en: en,
    });
    // Work units of the planted experts: ordinary firms.
    const units = await ctx.claimOrgs(4, `_org.seg = 'other' AND _org.org_type = 'company' AND o.status = 'active'`);

    // 1. The expert left a losing bidder fourteen months before the bid deadline (insured there since 2016).
    const p1 = await panel(ctx);
    const b1 = p1.bids[1]!;
    await seatExpert(ctx, p1, 'P90410001', '沈卫东', 'M', units[0]!);
    const [left1] = await ctx.all<{ d: string }>(`SELECT CAST(date_trunc('month', CAST($1 AS DATE) - INTERVAL 14 MONTH) AS VARCHAR) AS d`, [p1.deadline]);
    await insure(ctx, 'P90410001', b1.org_id, '2016-01-01', left1!.d);
    rec('planted', p1, 'P90410001', b1, `评标专家${left1!.d.slice(0, 7)}前在该投标人处缴纳社保（离职未满三年）`,
      `the expert was insured by this bidder until ${left1!.d.slice(0, 7)}, less than three years before the bid`);

    // 2. The expert is a sibling of the winner's legal representative.
    const p2 = await panel(ctx);
    const b2 = p2.bids[0]!;
    const r2 = await rep(ctx, b2.org_id);
    await seatExpert(ctx, p2, 'P90410002', `${r2.surname}建新`, 'M', units[1]!);
    await ctx.run(`INSERT INTO kinship VALUES ($1, 'P90410002', 'sibling', 2, '户籍信息')`, [r2.p]);
    rec('planted', p2, 'P90410002', b2, '评标专家是中标人法定代表人的兄弟', 'the expert is a brother of the winner\'s legal representative');

    // 3. The expert's work unit is itself one of the bidders.
    const p3 = await panel(ctx);
    const b3 = p3.bids[2]!;
    await seatExpert(ctx, p3, 'P90410003', '何丽娟', 'F', b3.org_id);
    rec('planted', p3, 'P90410003', b3, '评标专家的工作单位就是本标段的投标人', 'the expert works for one of the bidders of the lot');

    // 4. The expert's work unit is 60% owned by the winner. Every panel of the lot's experts from that unit
    // where the winner bid after the stake was taken shows the conflict.
    const p4 = await panel(ctx);
    const b4 = p4.bids[0]!;
    // The unit has no corporate owner yet and subcontracts on no contract of a tender the winner bid for
    // (where the stake would make it a losing bidder's firm, BID-022).
    const [w4] = await ctx.claimOrgs(1, `_org.seg = 'other' AND _org.org_type = 'company' AND o.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM shareholding h WHERE h.org_id = o.org_id AND h.holder_type = 'org')
      AND NOT EXISTS (SELECT 1 FROM subcontract s JOIN contract c USING (contract_id) JOIN bid b ON b.tender_id = c.tender_id
                      WHERE s.sub_org_id = o.org_id AND b.org_id = $1)`, [b4.org_id]);
    await seatExpert(ctx, p4, 'P90410004', '胡振华', 'M', w4!);
    await ctx.run(`INSERT INTO shareholding VALUES ($1, 'org', $2, 0.6, 1800000, DATE '2018-09-01', NULL)`, [w4!, b4.org_id]);
    const seen = await ctx.all<{ tender_id: string; lot_id: string; person_id: string; bid_id: string; org_id: string }>(`
      SELECT e.tender_id, e.lot_id, e.person_id, b.bid_id, b.org_id FROM eval_committee e JOIN tender t USING (tender_id)
      JOIN bid b ON b.tender_id = e.tender_id AND b.lot_id = e.lot_id AND b.org_id = $2
      WHERE e.expert_work_org_id = $1 AND e.member_role = 'expert' AND CAST(t.bid_deadline AS DATE) >= DATE '2018-09-01'
      ORDER BY 1, 2, 3`, [w4!, b4.org_id]);
    for (const s of seen) {
      ctx.record({ truth: 'planted', subject_type: 'expert_bid', subject_id: `${s.person_id}|${s.bid_id}`, tender_id: s.tender_id, lot_id: s.lot_id,
        org_id: s.org_id, person_id: s.person_id, note_zh: '评标专家所在单位由中标人控股60%', note_en: 'the expert\'s work unit is 60% owned by the winner' });
    }

    // Near miss: the expert left a bidder more than three years before the deadline (four years and two months).
    const n1 = await panel(ctx);
    const c1 = n1.bids[1]!;
    await seatExpert(ctx, n1, 'P90410005', '郑海平', 'M', units[2]!);
    const [left2] = await ctx.all<{ d: string }>(`SELECT CAST(date_trunc('month', CAST($1 AS DATE) - INTERVAL 50 MONTH) AS VARCHAR) AS d`, [n1.deadline]);
    await insure(ctx, 'P90410005', c1.org_id, '2012-03-01', left2!.d);
    await insure(ctx, 'P90410005', units[2]!, addMonth(left2!.d), '2025-12-01');
    rec('near_miss', n1, 'P90410005', c1, `评标专家${left2!.d.slice(0, 7)}已从该投标人离职，超过三年回避期`,
      `the expert left this bidder in ${left2!.d.slice(0, 7)}, more than three years before the bid`);

    // Near miss: the expert is a cousin (fourth degree) of a bidder's legal representative, outside the recusal range.
    const n2 = await panel(ctx);
    const c2 = n2.bids[0]!;
    const r6 = await rep(ctx, c2.org_id);
    await seatExpert(ctx, n2, 'P90410006', `${r6.surname}晓燕`, 'F', units[3]!);
    await ctx.run(`INSERT INTO kinship VALUES ($1, 'P90410006', 'other', 4, '户籍信息')`, [r6.p]);
    rec('near_miss', n2, 'P90410006', c2, '评标专家是投标人法定代表人的堂亲（四代旁系），超出回避范围',
      'the expert is a cousin (fourth degree) of the bidder\'s legal representative, outside the recusal range');
  },
};

function addMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
