import { ClaimShortage, type Plant, type PlantContext } from './plant.ts';

interface AgencyLot { agency: string; tender_id: string; lot_id: string; bids: Array<{ bid_id: string; org_id: string }> }
interface Staff { person_id: string; name: string; role: string }

/** Claim an agency, then one lot of a tender it ran (deadline in `from`..2025), with its bids. */
async function agencyLot(ctx: PlantContext, from = '2022-01-01'): Promise<AgencyLot> {
  const [agency] = await ctx.claimOrgs(1, `_org.seg = 'agency' AND EXISTS (SELECT 1 FROM tender t WHERE t.agency_org_id = o.org_id
    AND t.status = 'complete' AND t.bid_deadline >= CAST($1 AS TIMESTAMP))`, [from]);
  const [l] = await ctx.claimLots(1, `t.agency_org_id = $1 AND t.status = 'complete' AND t.bid_deadline >= CAST($2 AS TIMESTAMP)
    AND (SELECT count(*) FROM bid b WHERE b.tender_id = l.tender_id AND b.lot_id = l.lot_id) >= 3`, [agency!, from]);
  const bids = await ctx.all<{ bid_id: string; org_id: string }>(`SELECT bid_id, org_id FROM bid WHERE tender_id = $1 AND lot_id = $2 ORDER BY bid_id`,
    [l!.tender_id, l!.lot_id]);
  return { agency: agency!, tender_id: l!.tender_id, lot_id: l!.lot_id, bids };
}

/** The agency's staff member holding `role` (its legal representative, manager or project lead). */
async function staff(ctx: PlantContext, agency: string, role: string): Promise<Staff> {
  const [s] = await ctx.all<Staff>(`SELECT r.person_id, p.name, r.role FROM org_role r JOIN person p USING (person_id)
    WHERE r.org_id = $1 AND r.role = $2 ORDER BY r.person_id LIMIT 1`, [agency, role]);
  if (!s) throw new Error(`BID-050: agency ${agency} has no ${role}`);
  return s;
}

/**
 * BID-050: the tendering agency is linked to a bidder of a tender it runs: its staff act for the bidder (as
 * agent, named personnel or author of the bid files) or its legal representative sits on the bidder's board.
 * Background agencies' people never appear on the bidders' side, so there is nothing to neutralise.
 */
export const plant: Plant = {
  modelId: 'BID-050',
  async plant(ctx) {
    const rec = (truth: 'planted' | 'near_miss', tender: string, org: string, person: string, zh: string, en: string) => ctx.record({
      truth, subject_type: 'tender_bidder', subject_id: `${tender}|${org}`, tender_id: tender, org_id: org, person_id: person, note_zh: zh, note_en: en,
    });

    // 1. The agency's project lead handles the bid as a bidder's authorised agent.
    const l1 = await agencyLot(ctx);
    const s1 = await staff(ctx, l1.agency, 'employee');
    const b1 = l1.bids[1]!;
    await ctx.run(`UPDATE bid SET agent_person_id = $1 WHERE bid_id = $2`, [s1.person_id, b1.bid_id]);
    rec('planted', l1.tender_id, b1.org_id, s1.person_id, '招标代理机构的项目负责人担任投标人的委托代理人', 'the agency\'s project lead acted as the bidder\'s authorised agent');

    // 2. The agency's legal representative has sat on a bidder's board since 2019: every tender the agency ran
    // that this bidder entered since then shows the link.
    const l2 = await agencyLot(ctx);
    const [rep2] = await ctx.all<{ p: string }>(`SELECT legal_rep_person_id AS p FROM organization WHERE org_id = $1`, [l2.agency]);
    let s2: string | undefined;
    for (const b of l2.bids) {
      try {
        [s2] = await ctx.claimOrgs(1, `o.org_id = $1`, [b.org_id]);
        break;
      } catch (e) {
        if (!(e instanceof ClaimShortage)) throw e;
      }
    }
    if (!s2) throw new Error(`BID-050: no unclaimed bidder in ${l2.tender_id}`);
    await ctx.run(`INSERT INTO org_role VALUES ($1, $2, 'director', '董事', DATE '2019-03-01', NULL, '工商登记')`, [s2, rep2!.p]);
    const seen = await ctx.all<{ tender_id: string }>(`SELECT DISTINCT t.tender_id FROM bid b JOIN tender t USING (tender_id)
      WHERE b.org_id = $1 AND t.agency_org_id = $2 AND CAST(t.bid_deadline AS DATE) >= DATE '2019-03-01' ORDER BY 1`, [s2, l2.agency]);
    for (const t of seen) {
      rec('planted', t.tender_id, s2, rep2!.p, '招标代理机构的法定代表人兼任投标人董事', 'the agency\'s legal representative is a director of the bidder');
    }

    // 3. The agency's manager wrote and last edited a bidder's technical proposal.
    const l3 = await agencyLot(ctx);
    const s3 = await staff(ctx, l3.agency, 'manager');
    const b3 = l3.bids[0]!;
    await ctx.run(`UPDATE bid_document SET author = $1, last_modified_by = $1 WHERE bid_id = $2`, [s3.name, b3.bid_id]);
    rec('planted', l3.tender_id, b3.org_id, s3.person_id, `投标文件的作者和最后修改人均为招标代理机构总经理${s3.name}`,
      `the bid files were written and last edited by the agency's manager ${s3.name}`);

    // 4. The agency's project lead is named among the bidder's project staff.
    const l4 = await agencyLot(ctx);
    const s4 = await staff(ctx, l4.agency, 'employee');
    const b4 = l4.bids[2]!;
    await ctx.run(`INSERT INTO bid_personnel VALUES ($1, $2, 'other', NULL)`, [b4.bid_id, s4.person_id]);
    rec('planted', l4.tender_id, b4.org_id, s4.person_id, '招标代理机构的项目负责人被列为投标人的项目组成员', 'the agency\'s project lead is named on the bidder\'s project team');

    // Near miss: an agency's project lead acts as agent for a bidder in a tender run by another agency.
    const [own] = await ctx.claimOrgs(1, `_org.seg = 'agency'`);
    const other = await agencyLot(ctx);
    const s5 = await staff(ctx, own!, 'employee');
    const b5 = other.bids[1]!;
    await ctx.run(`UPDATE bid SET agent_person_id = $1 WHERE bid_id = $2`, [s5.person_id, b5.bid_id]);
    rec('near_miss', other.tender_id, b5.org_id, s5.person_id, '代理人是另一家招标代理机构的员工，与本项目的代理机构无关',
      'the agent works for another tendering agency, not the one running this tender');

    // Near miss: the agent is the agency's former manager, who left it in mid-2021, years before this tender.
    const l6 = await agencyLot(ctx, '2023-01-01');
    const s6 = await staff(ctx, l6.agency, 'manager');
    await ctx.run(`UPDATE org_role SET end_date = DATE '2021-06-30' WHERE org_id = $1 AND person_id = $2 AND role = 'manager'`, [l6.agency, s6.person_id]);
    const b6 = l6.bids[0]!;
    await ctx.run(`UPDATE bid SET agent_person_id = $1 WHERE bid_id = $2`, [s6.person_id, b6.bid_id]);
    rec('near_miss', l6.tender_id, b6.org_id, s6.person_id, '代理人曾任该招标代理机构总经理，但已于2021年离职',
      'the agent was the agency\'s manager but left it in 2021');
  },
};
