import { insertPerson } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

interface Win { tender_id: string; buyer: string; supplier: string; notice: string; lot_id: string }

async function claimWin(ctx: PlantContext): Promise<Win> {
  const [l] = await ctx.claimLots(1, `t.status = 'complete' AND t.bid_deadline >= TIMESTAMP '2023-01-01' AND EXISTS
    (SELECT 1 FROM official_duty d WHERE d.oversees_org_id = t.buyer_org_id)`);
  const [w] = await ctx.all<Win>(`SELECT a.tender_id, t.buyer_org_id AS buyer, a.supplier_org_id AS supplier, CAST(a.notice_date AS DATE)::VARCHAR AS notice, a.lot_id
    FROM award a JOIN tender t USING (tender_id) WHERE a.tender_id = $1 AND a.lot_id = $2 AND a.status = 'active'`, [l!.tender_id, l!.lot_id]);
  return w!;
}

/** The first official overseeing a buyer, and the surname (first character of the name) their relatives share. */
function official(ctx: PlantContext, buyer: string) {
  return ctx.all<{ p: string; surname: string }>(`SELECT d.person_id AS p, substr(p.name, 1, 1) AS surname
    FROM official_duty d JOIN person p USING (person_id) WHERE d.oversees_org_id = $1 ORDER BY 1 LIMIT 1`, [buyer]);
}

/** Awards to the supplier that the link touches: same buyer power, notice within [link start − 3 years, link end]. */
async function recordAwards(ctx: PlantContext, powerPerson: string, supplier: string, from: string, to: string, zh: string, en: string) {
  const rows = await ctx.all<{ tender_id: string; lot_id: string }>(`
    WITH power AS (SELECT oversees_org_id AS buyer FROM official_duty WHERE person_id = $1
                   UNION SELECT org_id FROM org_role WHERE person_id = $1 AND role IN ('legal_rep','manager','finance_head','procurement','project_lead'))
    SELECT DISTINCT a.tender_id, a.lot_id FROM award a JOIN tender t USING (tender_id) JOIN power p ON p.buyer = t.buyer_org_id
    WHERE a.supplier_org_id = $2 AND a.status = 'active' AND CAST(a.notice_date AS DATE) BETWEEN CAST($3 AS DATE) - INTERVAL 3 YEAR AND CAST($4 AS DATE)
    ORDER BY 1, 2`, [powerPerson, supplier, from, to]);
  for (const r of rows) {
    ctx.record({ truth: 'planted', subject_type: 'tender_supplier', subject_id: `${r.tender_id}|${supplier}`, tender_id: r.tender_id, lot_id: r.lot_id,
      org_id: supplier, person_id: powerPerson, note_zh: zh, note_en: en });
  }
}

/** BID-049: an official with power over the buyer, or buyer staff, linked to the winning supplier. */
export const plant: Plant = {
  modelId: 'BID-049',
  async plant(ctx) {
    // 1. The official's sibling holds 60% of the winner.
    const w1 = await claimWin(ctx);
    const [off1] = await official(ctx, w1.buyer);
    await insertPerson(ctx, { personId: 'P90000101', name: `${off1!.surname}秀英`, gender: 'F' });
    await ctx.run(`INSERT INTO kinship VALUES ($1, 'P90000101', 'sibling', 2, '领导干部个人有关事项报告')`, [off1!.p]);
    await ctx.run(`INSERT INTO shareholding VALUES ($1, 'person', 'P90000101', 0.6, 6000000, DATE '2022-06-01', NULL)`, [w1.supplier]);
    await recordAwards(ctx, off1!.p, w1.supplier, '2022-06-01', '9999-12-31', '分管领导的姐妹持有中标人60%股权', 'a sister of the overseeing official holds 60% of the winner');
    // 2. The buyer's procurement officer is married to the winner's legal representative.
    const w2 = await claimWin(ctx);
    const [st] = await ctx.all<{ p: string }>(`SELECT person_id AS p FROM org_role WHERE org_id = $1 AND role = 'procurement' ORDER BY 1 LIMIT 1`, [w2.buyer]);
    await ctx.run(`INSERT INTO kinship SELECT $1, legal_rep_person_id, 'spouse', 1, '户籍信息' FROM organization WHERE org_id = $2`, [st!.p, w2.supplier]);
    await recordAwards(ctx, st!.p, w2.supplier, '1900-01-01', '9999-12-31', '采购经办人的配偶是中标人法定代表人', 'the buyer\'s procurement officer is the spouse of the winner\'s legal representative');
    // 3. The buyer's manager is himself a 10% shareholder of the winner.
    const w3 = await claimWin(ctx);
    const [mg] = await ctx.all<{ p: string }>(`SELECT person_id AS p FROM org_role WHERE org_id = $1 AND role = 'manager' ORDER BY 1 LIMIT 1`, [w3.buyer]);
    await ctx.run(`INSERT INTO shareholding VALUES ($1, 'person', $2, 0.1, 500000, DATE '2020-03-01', NULL)`, [w3.supplier, mg!.p]);
    await recordAwards(ctx, mg!.p, w3.supplier, '2020-03-01', '9999-12-31', '采购单位分管负责人本人持有中标人10%股权', 'the buyer\'s manager holds 10% of the winner');
    // Near miss: a cousin (fourth degree) of the official holds shares in the winner.
    const n1 = await claimWin(ctx);
    const [off2] = await official(ctx, n1.buyer);
    await insertPerson(ctx, { personId: 'P90000102', name: `${off2!.surname}建平`, gender: 'M' });
    await ctx.run(`INSERT INTO kinship VALUES ($1, 'P90000102', 'other', 4, '户籍信息')`, [off2!.p]);
    await ctx.run(`INSERT INTO shareholding VALUES ($1, 'person', 'P90000102', 0.4, 2000000, DATE '2021-01-01', NULL)`, [n1.supplier]);
    ctx.record({ truth: 'near_miss', subject_type: 'tender_supplier', subject_id: `${n1.tender_id}|${n1.supplier}`, tender_id: n1.tender_id, lot_id: n1.lot_id,
      org_id: n1.supplier, person_id: off2!.p, note_zh: '持股人为分管领导的堂亲（四代旁系），超出回避范围', note_en: 'the shareholder is the official\'s cousin (fourth degree), outside the recusal range' });
    // Near miss: the official's sibling holds shares in a losing bidder, not the winner.
    const n2 = await claimWin(ctx);
    const [off3] = await official(ctx, n2.buyer);
    const [loser] = await ctx.all<{ org_id: string }>(`SELECT b.org_id FROM bid b WHERE b.tender_id = $1 AND b.lot_id = $2 AND b.org_id <> $3
      AND NOT EXISTS (SELECT 1 FROM award a JOIN tender t USING (tender_id) WHERE a.supplier_org_id = b.org_id
                      AND t.buyer_org_id IN (SELECT oversees_org_id FROM official_duty WHERE person_id = $4)) ORDER BY b.bid_id LIMIT 1`,
      [n2.tender_id, n2.lot_id, n2.supplier, off3!.p]);
    if (loser) {
      await insertPerson(ctx, { personId: 'P90000103', name: `${off3!.surname}丽萍`, gender: 'F' });
      await ctx.run(`INSERT INTO kinship VALUES ($1, 'P90000103', 'sibling', 2, '户籍信息')`, [off3!.p]);
      await ctx.run(`INSERT INTO shareholding VALUES ($1, 'person', 'P90000103', 0.55, 3000000, DATE '2019-01-01', NULL)`, [loser.org_id]);
      ctx.record({ truth: 'near_miss', subject_type: 'tender_supplier', subject_id: `${n2.tender_id}|${loser.org_id}`, tender_id: n2.tender_id, lot_id: n2.lot_id,
        org_id: loser.org_id, person_id: off3!.p, note_zh: '分管领导的姐妹持股的是未中标的投标人', note_en: 'the official\'s sibling holds shares in a losing bidder' });
    }
  },
};
