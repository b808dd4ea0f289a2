import { addDays } from './plant-helpers.ts';
import { ClaimShortage, type Plant, type PlantContext } from './plant.ts';

interface Target { bid_id: string; tender_id: string; lot_id: string; org_id: string; d: string; county: string; region: string }

/**
 * Candidates, once: the bids of a fixed random sample of suppliers (so that the search costs the same at any
 * scale) never listed or penalised, with the days to the supplier's previous and next bid deadlines.
 */
async function candidates(ctx: PlantContext): Promise<void> {
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _b051c AS
    WITH s AS (SELECT org_id FROM _org WHERE seg = 'supplier' ORDER BY u('b051sup', org_id), org_id LIMIT 1500),
    b AS (
      SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, b.status, t.status AS tender_status, CAST(t.bid_deadline AS DATE) AS dl,
        EXISTS (SELECT 1 FROM award a WHERE a.bid_id = b.bid_id AND a.status = 'active') AS won
      FROM bid b JOIN tender t USING (tender_id) WHERE b.org_id IN (SELECT org_id FROM s)),
    g AS (
      SELECT b.*, date_diff('day', lag(dl) OVER w, dl) AS gap_before, date_diff('day', dl, lead(dl) OVER w) AS gap_after
      FROM b WINDOW w AS (PARTITION BY org_id ORDER BY dl, bid_id))
    SELECT g.*, o.county_name AS county, o.region_code AS region FROM g JOIN _org o USING (org_id)
    WHERE g.tender_status = 'complete' AND g.dl BETWEEN DATE '2022-03-01' AND DATE '2025-09-30'
      AND NOT EXISTS (SELECT 1 FROM credit_list cl WHERE cl.subject_id = g.org_id)
      AND NOT EXISTS (SELECT 1 FROM admin_penalty ap WHERE ap.subject_id = g.org_id)`);
}

/**
 * A candidate bid meeting `cond` (on b, the columns of _b051c) with no other bid of the supplier
 * whose deadline falls from `before` days before to `after` days after this one. Its lot and its supplier
 * are claimed.
 */
async function isolatedBid(ctx: PlantContext, cond: string, before: number, after: number): Promise<Target> {
  const rows = await ctx.all<Target>(`SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, CAST(b.dl AS VARCHAR) AS d, b.county, b.region
    FROM _b051c b
    WHERE ${cond} AND COALESCE(b.gap_before, 9999) > CAST($1 AS INTEGER) AND COALESCE(b.gap_after, 9999) > CAST($2 AS INTEGER)
    ORDER BY u('b051', b.bid_id), b.bid_id LIMIT 400`, [before, after]);
  for (const r of rows) {
    try {
      await ctx.claimLots(1, `l.tender_id = $1 AND l.lot_id = $2`, [r.tender_id, r.lot_id]);
    } catch (e) {
      if (e instanceof ClaimShortage) continue;
      throw e;
    }
    try {
      await ctx.claimOrgs(1, `o.org_id = $1`, [r.org_id]);
    } catch (e) {
      if (e instanceof ClaimShortage) continue;
      throw e;
    }
    return r;
  }
  throw new ClaimShortage(`BID-051: no isolated bid where ${cond}`);
}

async function list(ctx: PlantContext, t: Target, type: string, authority: string, from: string, to: string | null, no: string) {
  await ctx.run(`INSERT INTO credit_list VALUES ('org', $1, $2, $3, CAST($4 AS DATE), CAST($5 AS DATE), $6)`, [t.org_id, type, authority, from, to, no]);
}

/**
 * BID-051: a supplier that was on a list barring it from public procurement, or banned from bidding, on the
 * bid deadline, and whose bid was nevertheless accepted (red if it won). The background lists only firms that
 * never bid, and its penalties are fines, so there is nothing to neutralise. Listings here are short (an
 * enforcement settled soon after), so that each case touches the bids it is about.
 */
export const plant: Plant = {
  modelId: 'BID-051',
  async plant(ctx) {
    await candidates(ctx);
    const rec = (truth: 'planted' | 'near_miss', t: { tender_id: string; org_id: string }, zh: string, en: string) => ctx.record({
      truth, subject_type: 'tender_supplier', subject_id: `${t.tender_id}|${t.org_id}`, tender_id: t.tender_id, org_id: t.org_id, note_zh: zh, note_en: en,
    });

    // 1. Red: the winner was a dishonest judgment debtor (失信被执行人) from 40 days before the deadline until 5 days after it.
    const w1 = await isolatedBid(ctx, `b.won`, 60, 10);
    await list(ctx, w1, 'dishonest_enforcee', `${w1.county}人民法院`, addDays(w1.d, -40), addDays(w1.d, 5), `(${w1.d.slice(0, 4)})浙${w1.region.slice(2)}执1742号`);
    rec('planted', w1, '中标人在投标截止时为失信被执行人，资格审查未予否决', 'the winner was a dishonest judgment debtor at the deadline and was not rejected');

    // 2. Orange: a losing bidder under a six-month ban on bidding by the housing department; every bid it got
    // accepted during the ban is a case.
    const w2 = await isolatedBid(ctx, `b.status = 'valid' AND NOT b.won`, 30, 0);
    const banFrom = addDays(w2.d, -20);
    const banTo = addDays(banFrom, 182);
    await ctx.run(`INSERT INTO admin_penalty VALUES ('org', $1, $2, $3, CAST($4 AS DATE), 'bid_ban', 0, CAST($5 AS DATE), CAST($6 AS DATE), '串通投标，禁止参加依法必须进行招标的项目投标六个月')`,
      [w2.org_id, `${w2.county}住房和城乡建设局`, `浙建罚〔${banFrom.slice(0, 4)}〕${w2.region.slice(2)}号`, addDays(banFrom, -7), banFrom, banTo]);
    const banned = await ctx.all<{ tender_id: string; won: boolean }>(`SELECT b.tender_id,
        bool_or(EXISTS (SELECT 1 FROM award a WHERE a.bid_id = b.bid_id AND a.status = 'active')) AS won
      FROM bid b JOIN tender t USING (tender_id) WHERE b.org_id = $1 AND b.status = 'valid'
        AND CAST(t.bid_deadline AS DATE) BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE) GROUP BY 1 ORDER BY 1`, [w2.org_id, banFrom, banTo]);
    for (const b of banned) {
      rec('planted', { tender_id: b.tender_id, org_id: w2.org_id }, `投标人在禁止投标期内（${banFrom}至${banTo}）投标被认定有效${b.won ? '并中标' : ''}`,
        `the bidder was banned from bidding (${banFrom} to ${banTo}), yet its bid was accepted${b.won ? ' and won' : ''}`);
    }

    // 3. Red: the winner was on the list of major tax violators (serious violations) at the deadline.
    const w3 = await isolatedBid(ctx, `b.won`, 40, 10);
    await list(ctx, w3, 'serious_violation', '国家税务总局浙江省税务局', addDays(w3.d, -25), addDays(w3.d, 4), `浙税稽罚〔${w3.d.slice(0, 4)}〕218号`);
    rec('planted', w3, '中标人在投标截止时列入重大税收违法失信主体名单', 'the winner was listed as a major tax violator at the deadline');

    // Near miss: the listing was removed ten days before the deadline.
    const n1 = await isolatedBid(ctx, `b.status = 'valid'`, 100, 0);
    await list(ctx, n1, 'dishonest_enforcee', `${n1.county}人民法院`, addDays(n1.d, -90), addDays(n1.d, -10), `(${n1.d.slice(0, 4)})浙${n1.region.slice(2)}执633号`);
    rec('near_miss', n1, '失信被执行人名单已于投标截止前10天移除', 'the dishonest-debtor listing was removed ten days before the deadline');

    // Near miss: the listed bidder was rejected at the qualification check.
    const n2 = await isolatedBid(ctx, `b.status = 'disqualified'`, 30, 10);
    await list(ctx, n2, 'dishonest_enforcee', `${n2.county}人民法院`, addDays(n2.d, -20), addDays(n2.d, 5), `(${n2.d.slice(0, 4)})浙${n2.region.slice(2)}执905号`);
    await ctx.run(`UPDATE bid SET disq_reason = '经信用中国查询，投标人被列入失信被执行人名单' WHERE bid_id = $1`, [n2.bid_id]);
    rec('near_miss', n2, '投标人被列入失信被执行人名单，资格审查时已被否决', 'the listed bidder was rejected at the qualification check');

    // Near miss: the winner was on the list of abnormal operations (经营异常名录), which does not bar bidding.
    const n3 = await isolatedBid(ctx, `b.won`, 40, 10);
    await list(ctx, n3, 'abnormal_operation', `${n3.county}市场监督管理局`, addDays(n3.d, -30), addDays(n3.d, 5), `浙市监异〔${n3.d.slice(0, 4)}〕77号`);
    rec('near_miss', n3, '中标人列入经营异常名录（未按期公示年报），不属于禁止投标情形', 'the winner was on the abnormal-operations list, which does not bar bidding');
  },
};
