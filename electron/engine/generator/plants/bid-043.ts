import { insertPerson } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

interface Target { bid_id: string; tender_id: string; lot_id: string; org_id: string; deadline: string }

/** The first bid (naming a project manager) of a newly claimed works lot. */
async function pmBid(ctx: PlantContext): Promise<Target> {
  const [l] = await ctx.claimLots(1, `t.category = 'works' AND t.status = 'complete' AND t.bid_deadline >= TIMESTAMP '2022-01-01'`);
  const [b] = await ctx.all<Target>(`SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, CAST(t.bid_deadline AS VARCHAR) AS deadline
    FROM bid b JOIN tender t USING (tender_id) JOIN bid_personnel p ON p.bid_id = b.bid_id AND p.role = 'pm'
    WHERE b.tender_id = $1 AND b.lot_id = $2 ORDER BY b.bid_id LIMIT 1`, [l!.tender_id, l!.lot_id]);
  return b!;
}

async function insure(ctx: PlantContext, personId: string, orgId: string, from: string, to: string): Promise<void> {
  await ctx.run(`INSERT INTO social_insurance SELECT $1, $2, CAST(m AS DATE), '城镇职工基本养老保险', 6500
    FROM unnest(generate_series(CAST($3 AS TIMESTAMP), CAST($4 AS TIMESTAMP), INTERVAL 1 MONTH)) AS g(m)`, [personId, orgId, from, to]);
}

/** BID-043: the named project manager is insured by someone other than the bidder (人证分离). */
export const plant: Plant = {
  modelId: 'BID-043',
  async plant(ctx) {
    const record = (truth: 'planted' | 'near_miss', b: Target, person: string, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'bid_person', subject_id: `${b.bid_id}|${person}`, tender_id: b.tender_id, lot_id: b.lot_id, org_id: b.org_id, person_id: person, note_zh: zh, note_en: en });
    const others = await ctx.claimOrgs(3, `_org.seg = 'other'`);
    // Each person below is new, named only in the planted bid, so that the change cannot leak into other bids.
    const cases: Array<[string, string, string, string]> = [
      ['P90000001', '周立军', '项目经理社保由另一家公司缴纳', 'the project manager is insured by another company'],
      ['P90000002', '蒋海峰', '项目经理社保由劳务公司缴纳', 'the project manager is insured by a labour agency'],
      ['P90000003', '陈国栋', '项目经理社保由另一家公司缴纳', 'the project manager is insured by another company'],
    ];
    for (const [i, [pid, name, zh, en]] of cases.entries()) {
      const b = await pmBid(ctx);
      await insertPerson(ctx, { personId: pid, name, gender: 'M' });
      await insure(ctx, pid, others[i]!, '2020-09-01', '2025-12-01');
      await ctx.run(`UPDATE bid_personnel SET person_id = $1, cert_id = NULL WHERE bid_id = $2 AND role = 'pm'`, [pid, b.bid_id]);
      record('planted', b, pid, zh, en);
    }
    // Near miss: a new hire, insured by the bidder from two months before the bid month.
    const n1 = await pmBid(ctx);
    await insertPerson(ctx, { personId: 'P90000004', name: '吴志强', gender: 'M' });
    await ctx.run(`INSERT INTO social_insurance SELECT $1, $2, CAST(m AS DATE), '城镇职工基本养老保险', 6500
      FROM unnest(generate_series(date_trunc('month', CAST($3 AS TIMESTAMP)) - INTERVAL 2 MONTH, TIMESTAMP '2025-12-01', INTERVAL 1 MONTH)) AS g(m)`,
      ['P90000004', n1.org_id, n1.deadline]);
    await ctx.run(`INSERT INTO social_insurance SELECT $1, $2, CAST(m AS DATE), '城镇职工基本养老保险', 6000
      FROM unnest(generate_series(TIMESTAMP '2019-01-01', date_trunc('month', CAST($3 AS TIMESTAMP)) - INTERVAL 3 MONTH, INTERVAL 1 MONTH)) AS g(m)`,
      ['P90000004', others[0]!, n1.deadline]);
    await ctx.run(`UPDATE bid_personnel SET person_id = $1, cert_id = NULL WHERE bid_id = $2 AND role = 'pm'`, ['P90000004', n1.bid_id]);
    record('near_miss', n1, 'P90000004', '项目经理两个月前调入投标人并在其处参保', 'the project manager joined the bidder two months earlier and is insured there');
    // Near miss: a person insured elsewhere, but named in a role outside the rule (other staff).
    const n2 = await pmBid(ctx);
    await insertPerson(ctx, { personId: 'P90000005', name: '钱晓东', gender: 'M' });
    await insure(ctx, 'P90000005', others[1]!, '2020-09-01', '2025-12-01');
    await ctx.run(`INSERT INTO bid_personnel VALUES ($1, $2, 'other', NULL)`, [n2.bid_id, 'P90000005']);
    record('near_miss', n2, 'P90000005', '外单位参保人员仅列为一般人员，非项目负责人', 'a person insured elsewhere is listed only as ordinary staff');
  },
};
