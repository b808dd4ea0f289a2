import { addDays, fill, yuan } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

/** The background founds firms from 1992 to mid-2020: a later founding date is a plant's. */
const BACKGROUND_LAST_FOUNDING = '2020-06-30';

/** Active awards to org with their tender's publication date. */
const AWARDS = `SELECT a.award_id, a.tender_id, a.lot_id, CAST(a.award_value_cny AS DOUBLE) AS value, CAST(CAST(t.publish_date AS DATE) AS VARCHAR) AS published
  FROM award a JOIN tender t USING (tender_id) WHERE a.supplier_org_id = $1 AND a.status = 'active' ORDER BY t.publish_date, a.award_id`;

interface Aw { award_id: string; tender_id: string; lot_id: string; value: number; published: string }

/**
 * Move organisations' founding dates (org → new date), with what the registry dates from founding: the legal
 * representative's role, the shareholdings and contacts registered at founding, the firm's qualification;
 * staff roles begin no earlier, and no one is insured by a firm before its first month. Set-based: one
 * statement per table, whatever the number of firms.
 */
async function refound(ctx: PlantContext, moves: Array<[string, string]>): Promise<void> {
  if (moves.length === 0) return;
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _b046 (org_id VARCHAR, est DATE, old DATE)`);
  await fill(ctx, '_b046', moves.map(([org, est]) => [org, est, null]));
  await ctx.run(`UPDATE _b046 x SET old = o.established_date FROM organization o WHERE o.org_id = x.org_id`);
  await ctx.run(`UPDATE organization o SET established_date = x.est FROM _b046 x WHERE o.org_id = x.org_id`);
  await ctx.run(`UPDATE org_role r SET start_date = x.est FROM _b046 x WHERE r.org_id = x.org_id AND (r.start_date = x.old OR r.start_date < x.est)`);
  await ctx.run(`UPDATE shareholding h SET start_date = x.est FROM _b046 x WHERE h.org_id = x.org_id AND (h.start_date = x.old OR h.start_date < x.est)`);
  await ctx.run(`UPDATE org_contact c SET valid_from = x.est FROM _b046 x WHERE c.org_id = x.org_id AND (c.valid_from = x.old OR c.valid_from < x.est)`);
  await ctx.run(`UPDATE certificate c SET issue_date = x.est FROM _b046 x WHERE c.holder_type = 'org' AND c.holder_id = x.org_id AND c.issue_date < x.est`);
  await ctx.run(`DELETE FROM social_insurance s WHERE s.employer_org_id IN (SELECT org_id FROM _b046 WHERE est > old)
    AND EXISTS (SELECT 1 FROM _b046 x WHERE x.org_id = s.employer_org_id AND s.period_month < date_trunc('month', x.est))`);
}

/**
 * Candidates, once: a fixed random sample of suppliers (so that the search costs the same at any scale)
 * whose record starts with their first bid (p0: no court case, penalty or grant before it, so that they
 * can be founded shortly before), with how many days after p0 they first won at least CNY 1m (big_after),
 * first won anything (any_after), and whether their very first bid won at least CNY 1m (big_at_p0).
 */
async function candidates(ctx: PlantContext): Promise<void> {
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _b046c AS
    WITH s AS (SELECT org_id FROM _org WHERE seg = 'supplier' ORDER BY u('b046sup', org_id), org_id LIMIT 2000),
    f AS (SELECT b.org_id, CAST(min(t.publish_date) AS DATE) AS p0 FROM bid b JOIN tender t USING (tender_id)
          WHERE b.org_id IN (SELECT org_id FROM s) GROUP BY b.org_id),
    aw AS (SELECT a.supplier_org_id AS org_id, CAST(t.publish_date AS DATE) AS pub, a.award_value_cny AS v
           FROM award a JOIN tender t USING (tender_id) WHERE a.status = 'active' AND a.supplier_org_id IN (SELECT org_id FROM s))
    SELECT f.org_id, f.p0, min(CASE WHEN aw.v >= 1000000 THEN date_diff('day', f.p0, aw.pub) END) AS big_after,
      min(date_diff('day', f.p0, aw.pub)) AS any_after, COALESCE(bool_or(aw.v >= 1000000 AND aw.pub = f.p0), FALSE) AS big_at_p0
    FROM f LEFT JOIN aw USING (org_id)
    WHERE f.p0 >= DATE '2021-01-15'
      AND NOT EXISTS (SELECT 1 FROM case_party cp JOIN court_case cc USING (case_id) WHERE cp.party_id = f.org_id AND cc.filing_date < f.p0)
      AND NOT EXISTS (SELECT 1 FROM admin_penalty ap WHERE ap.subject_id = f.org_id AND ap.decision_date < f.p0)
      AND NOT EXISTS (SELECT 1 FROM grant_award g WHERE g.recipient_id = f.org_id AND g.apply_date < f.p0)
    GROUP BY f.org_id, f.p0`);
}

/** Claim a candidate meeting `cond` (on the columns of _b046c), with its first bid and its awards. */
async function claimYoung(ctx: PlantContext, cond: string): Promise<{ org: string; p0: string; awards: Aw[] }> {
  const [org] = await ctx.claimOrgs(1, `o.org_id IN (SELECT org_id FROM _b046c WHERE ${cond})`);
  const [f] = await ctx.all<{ p0: string }>(`SELECT CAST(p0 AS VARCHAR) AS p0 FROM _b046c WHERE org_id = $1`, [org!]);
  return { org: org!, p0: f!.p0, awards: await ctx.all<Aw>(AWARDS, [org!]) };
}

const ageOf = (est: string, published: string) => Math.round((Date.parse(published) - Date.parse(est)) / 86_400_000);

/**
 * BID-046: a firm wins a large award within a year of its founding (orange when it was founded less than 30
 * days before the tender was published: created for it). Background firms were founded by mid-2020 and the
 * tenders start in 2021; the few founded late enough to win within their first year are dated earlier.
 */
export const plant: Plant = {
  modelId: 'BID-046',
  async neutralize(ctx) {
    const young = await ctx.all<{ org_id: string; first: string; d: number }>(`SELECT a.supplier_org_id AS org_id,
        CAST(min(CAST(t.publish_date AS DATE)) AS VARCHAR) AS first, CAST(ui('b046est', a.supplier_org_id, 30, 240) AS INTEGER) AS d
      FROM award a JOIN tender t USING (tender_id) JOIN organization o ON o.org_id = a.supplier_org_id
      WHERE a.status = 'active' AND a.award_value_cny >= 1000000 AND o.established_date <= DATE '${BACKGROUND_LAST_FOUNDING}'
        AND date_diff('day', o.established_date, CAST(t.publish_date AS DATE)) < 365
      GROUP BY 1 ORDER BY 1`);
    await refound(ctx, young.map((y) => [y.org_id, addDays(y.first, -365 - Number(y.d))]));
  },
  async plant(ctx) {
    await candidates(ctx);
    const rec = (truth: 'planted' | 'near_miss', org: string, a: Aw, zh: string, en: string) => ctx.record({
      truth, subject_type: 'award', subject_id: a.award_id, tender_id: a.tender_id, lot_id: a.lot_id, org_id: org, note_zh: zh, note_en: en,
    });
    // Founding dates move once all firms are chosen (the choice reads the first bids, which do not change).
    const moves: Array<[string, string]> = [];
    /** Found the firm `days` before its first bid; every award of at least CNY 1m within a year is the case. */
    const young = async (days: number, cond: string, zh: (a: Aw, age: number) => string, en: (a: Aw, age: number) => string) => {
      const y = await claimYoung(ctx, cond);
      const est = addDays(y.p0, -days);
      moves.push([y.org, est]);
      for (const a of y.awards.filter((x) => x.value >= 1_000_000 && ageOf(est, x.published) < 365)) {
        rec('planted', y.org, a, zh(a, ageOf(est, a.published)), en(a, ageOf(est, a.published)));
      }
    };
    const bigWin = (withinDays: number) => `big_after < ${Math.trunc(withinDays)}`;

    // 1. Founded 200 days before its first bid, it wins a contract of over CNY 1m within the year.
    await young(200, bigWin(150),
      (a, age) => `成立${age}天的公司中标${yuan(a.value)}元`, (a, age) => `a firm ${age} days old won CNY ${yuan(a.value)}`);
    // 2. Founded 12 days before the tender it wins at its first bid: created for the tender (orange).
    await young(12, 'big_at_p0',
    (a, age) => age < 30 ? `招标公告发布前${age}天才成立即中标${yuan(a.value)}元（为投标而设立）` : `成立${age}天的公司中标${yuan(a.value)}元`,
    (a, age) => age < 30 ? `founded ${age} days before the tender was published, it won CNY ${yuan(a.value)} (created for the tender)` : `a firm ${age} days old won CNY ${yuan(a.value)}`);
    // 3. Founded 300 days before its first bid, it wins a large award within weeks of bidding.
    await young(300, bigWin(50),
      (a, age) => `成立${age}天的公司中标${yuan(a.value)}元`, (a, age) => `a firm ${age} days old won CNY ${yuan(a.value)}`);

    // Near miss: founded 400 days before its first bid, and its large award came after its first year.
    const n1 = await claimYoung(ctx, bigWin(60));
    const est1 = addDays(n1.p0, -400);
    moves.push([n1.org, est1]);
    const a1 = n1.awards.find((x) => x.value >= 1_000_000)!;
    rec('near_miss', n1.org, a1, `公司成立${ageOf(est1, a1.published)}天后中标，已满一年`, `the firm was ${ageOf(est1, a1.published)} days old when it won: over a year`);

    // Near miss: founded 100 days before its first bid, but what it won in its first year stays under CNY 1m.
    const n2 = await claimYoung(ctx, `(big_after IS NULL OR big_after >= 266) AND any_after < 265`);
    const est2 = addDays(n2.p0, -100);
    moves.push([n2.org, est2]);
    const a2 = n2.awards.find((x) => ageOf(est2, x.published) < 365)!;
    rec('near_miss', n2.org, a2, `成立${ageOf(est2, a2.published)}天的公司中标，但金额${yuan(a2.value)}元低于100万元`,
      `a firm ${ageOf(est2, a2.published)} days old won, but only CNY ${yuan(a2.value)}, under CNY 1m`);
    await refound(ctx, moves);
  },
};
