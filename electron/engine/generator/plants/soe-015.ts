import { addDays, yuan } from './plant-helpers.ts';
import { ClaimShortage, type Plant, type PlantContext } from './plant.ts';
import { adoptExisting } from './model-truth.ts';

interface Won { supplier: string; name: string; legal_rep: string; birth: string; award_id: string; tender_id: string; notice: string; value: number; month: string }

/** First day of the month n months after the month of iso. */
function month(iso: string, n = 0): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  return `${y + Math.floor(m / 12)}-${String(((m % 12) + 12) % 12 + 1).padStart(2, '0')}-01`;
}

/**
 * Claim a goods or services supplier with an active award whose value lies in [lo, hi] and whose notice falls in
 * [from, to]; `extra` adds a condition on the supplier o and that award a (values bound after $1–$4). Returns
 * the supplier and its earliest such award.
 */
async function claimWinner(ctx: PlantContext, category: string, lo: number, hi: number, from: string, to: string, extra = 'TRUE', params: unknown[] = []): Promise<Won> {
  const cond = `a.status = 'active' AND a.award_value_cny BETWEEN $1 AND $2 AND CAST(a.notice_date AS DATE) BETWEEN CAST($3 AS DATE) AND CAST($4 AS DATE)`;
  const [org] = await ctx.claimOrgs(1, `_org.seg = 'supplier' AND _org.category = $${params.length + 5}
    AND EXISTS (SELECT 1 FROM award a WHERE a.supplier_org_id = o.org_id AND ${cond} AND ${extra})`, [lo, hi, from, to, ...params, category]);
  const [w] = await ctx.all<Won>(`SELECT o.org_id AS supplier, o.name, o.legal_rep_person_id AS legal_rep, CAST(p.birth_date AS VARCHAR) AS birth,
      a.award_id, a.tender_id, CAST(CAST(a.notice_date AS DATE) AS VARCHAR) AS notice, CAST(a.award_value_cny AS DOUBLE) AS value,
      CAST(CAST(date_trunc('month', a.notice_date) AS DATE) AS VARCHAR) AS month
    FROM award a JOIN organization o ON o.org_id = a.supplier_org_id JOIN person p ON p.person_id = o.legal_rep_person_id
    WHERE a.supplier_org_id = $${params.length + 5} AND ${cond} AND ${extra} ORDER BY a.notice_date, a.award_id LIMIT 1`, [lo, hi, from, to, ...params, org!]);
  return w!;
}

/**
 * The supplier's staff stop being insured by it in months [from, to] (to open: for good), but `keep` (a person id),
 * if given. Their employee roles end, the annual report shows who is left, and bids made from then on name no
 * project staff who left: the one who stayed instead, or nobody.
 */
async function stopInsurance(ctx: PlantContext, w: Won, from: string, to: string | null, keep: string | null = null): Promise<void> {
  const until = to ?? '9999-12-31';
  await ctx.run(`DELETE FROM social_insurance WHERE employer_org_id = $1 AND person_id IS DISTINCT FROM CAST($2 AS VARCHAR)
    AND period_month BETWEEN CAST($3 AS DATE) AND CAST($4 AS DATE)`, [w.supplier, keep, from, until]);
  if (to === null) {
    await ctx.run(`UPDATE org_role SET end_date = CAST($3 AS DATE) - 1 WHERE org_id = $1 AND person_id IS DISTINCT FROM CAST($2 AS VARCHAR) AND role = 'employee' AND end_date IS NULL`,
      [w.supplier, keep, from]);
  }
  const bids = `SELECT b.bid_id FROM bid b JOIN tender t USING (tender_id) WHERE b.org_id = $1
    AND CAST(t.bid_deadline AS DATE) >= CAST($2 AS DATE) AND CAST(t.bid_deadline AS DATE) <= CAST($3 AS DATE) + 100`;
  if (keep !== null) {
    await ctx.run(`UPDATE bid_personnel SET person_id = $4, cert_id = 'CERT-' || $4 WHERE bid_id IN (${bids}) AND person_id <> $4`, [w.supplier, from, until, keep]);
  } else {
    await ctx.run(`DELETE FROM bid_personnel WHERE bid_id IN (${bids})`, [w.supplier, from, until]);
  }
  if (to === null) await ctx.run(`UPDATE organization SET insured_staff_count = $2 WHERE org_id = $1`, [w.supplier, keep === null ? 0 : 1]);
}

/**
 * SOE-015: a supplier with nobody insured in the month of an award of CNY 500,000 or more; red when its address is
 * shared by 20 organisations or its legal representative heads 10. The background insures four staff of every
 * supplier every month, so it has no such supplier; cases other plants made are adopted.
 */
export const plant: Plant = {
  modelId: 'SOE-015',
  async plant(ctx) {
    await adoptExisting(ctx, 'SOE-015');
    const asOf = ctx.plan.asOf;
    const rec = (truth: 'planted' | 'near_miss', w: Won, zh: string, en: string) => ctx.record({ truth, subject_type: 'org', subject_id: w.supplier,
      org_id: w.supplier, person_id: w.legal_rep, note_zh: zh, note_en: en });

    // 1. Orange: all four insured staff leave a goods supplier two months before it wins CNY 500,000 or more.
    {
      const w = await claimWinner(ctx, 'goods', 600_000, 5_000_000, '2023-03-01', addDays(asOf, -60));
      const from = month(w.notice, -2);
      await stopInsurance(ctx, w, from, null);
      rec('planted', w,
        `${w.name}自${from.slice(0, 7)}起已无任何参保职工，仍于${w.notice}中标（${w.tender_id}，${yuan(w.value)}元），疑似空壳供应商`,
        `${w.name} has had no insured employee since ${from.slice(0, 7)}, yet won ${w.tender_id} (CNY ${yuan(w.value)}) on ${w.notice}: a shell-like supplier`);
    }
    // 2. Red: a services supplier with nobody insured, whose legal representative is the nominal head of nine more companies.
    {
      const w = await claimWinner(ctx, 'services', 600_000, 5_000_000, '2022-09-01', addDays(asOf, -60));
      const from = month(w.notice, -5);
      await stopInsurance(ctx, w, from, null);
      const takeover = addDays(month(w.notice, -9), 14);
      // Companies founded when the nominee was at least twenty.
      let heads = 1;
      try {
        const firms = await ctx.claimOrgs(9, `_org.seg = 'other' AND _org.org_type = 'company' AND o.established_date >= CAST($1 AS DATE) + INTERVAL 20 YEAR
          AND o.established_date < CAST($2 AS DATE)
          -- Not an evaluation expert's work unit, a bidder or an agency: a shared legal representative would
          -- then be a genuine case of another model (BID-041, BID-008, BID-050) that no plant recorded.
          AND o.org_id NOT IN (SELECT expert_work_org_id FROM eval_committee WHERE expert_work_org_id IS NOT NULL)
          AND o.org_id NOT IN (SELECT org_id FROM bid) AND o.org_id NOT IN (SELECT agency_org_id FROM tender WHERE agency_org_id IS NOT NULL)`,
        [w.birth, takeover]);
        for (const f of firms) {
          await ctx.run(`UPDATE org_role SET end_date = CAST($2 AS DATE) - 1 WHERE org_id = $1 AND role = 'legal_rep' AND end_date IS NULL`, [f, takeover]);
          await ctx.run(`INSERT INTO org_role VALUES ($1, $2, 'legal_rep', '执行董事', CAST($3 AS DATE), NULL, '工商登记')`, [f, w.legal_rep, takeover]);
          await ctx.run(`UPDATE organization SET legal_rep_person_id = $2 WHERE org_id = $1`, [f, w.legal_rep]);
        }
        heads += firms.length;
      } catch (e) {
        if (!(e instanceof ClaimShortage)) throw e;
      }
      const [p] = await ctx.all<{ name: string }>(`SELECT name FROM person WHERE person_id = $1`, [w.legal_rep]);
      rec('planted', w,
        `${heads >= 10 ? '红色' : '橙色'}：${w.name}自${from.slice(0, 7)}起无参保职工，${w.notice}仍中标${yuan(w.value)}元；其法定代表人${p!.name}自${takeover}起同时担任另外${heads - 1}家公司的法定代表人，疑似职业“挂名法人”`,
        `${heads >= 10 ? 'red' : 'orange'}: ${w.name} has had nobody insured since ${from.slice(0, 7)} yet won CNY ${yuan(w.value)} on ${w.notice}; its legal representative `
          + `has also headed ${heads - 1} other companies since ${takeover}, a professional nominee`);
    }
    // 3. Orange: a goods supplier stops paying contributions for eight months (arrears) and wins in the middle of them.
    {
      const w = await claimWinner(ctx, 'goods', 500_000, 5_000_000, '2022-06-01', '2025-03-31');
      const from = month(w.notice, -3);
      const to = month(w.notice, 4);
      await stopInsurance(ctx, w, from, to);
      rec('planted', w,
        `${w.name}在${from.slice(0, 7)}至${to.slice(0, 7)}停缴全部职工社保，期间于${w.notice}中标${yuan(w.value)}元，中标当月参保人数为零`,
        `${w.name} paid no social insurance for any employee from ${from.slice(0, 7)} to ${to.slice(0, 7)} and won CNY ${yuan(w.value)} on ${w.notice}, a month with nobody insured`);
    }

    // Near miss: three of four staff leave, one project manager stays insured; the supplier wins CNY 500,000 or more.
    {
      const w = await claimWinner(ctx, 'services', 600_000, 5_000_000, '2023-01-01', addDays(asOf, -60));
      const from = month(w.notice, -3);
      const [stay] = await ctx.all<{ person_id: string }>(`SELECT min(person_id) AS person_id FROM social_insurance WHERE employer_org_id = $1`, [w.supplier]);
      await stopInsurance(ctx, w, from, null, stay!.person_id);
      rec('near_miss', w,
        `${w.name}自${from.slice(0, 7)}起仅剩1名参保职工（项目经理），${w.notice}中标${yuan(w.value)}元，中标当月参保人数不为零`,
        `${w.name} has had only one insured employee (a project manager) since ${from.slice(0, 7)}; it won CNY ${yuan(w.value)} on ${w.notice} with one person insured that month`);
    }
    // Near miss: nobody insured, but the supplier's awards since are all below CNY 500,000.
    {
      const w = await claimWinner(ctx, 'goods', 250_000, 480_000, '2023-01-01', addDays(asOf, -60),
        `NOT EXISTS (SELECT 1 FROM award a2 WHERE a2.supplier_org_id = o.org_id AND a2.status = 'active' AND a2.award_value_cny >= 500000
           AND a2.notice_date >= a.notice_date - INTERVAL 3 MONTH)`);
      const from = month(w.notice, -2);
      await stopInsurance(ctx, w, from, null);
      rec('near_miss', w,
        `${w.name}自${from.slice(0, 7)}起无参保职工，但此后中标金额（${w.notice}中标${yuan(w.value)}元）均低于50万元`,
        `${w.name} has had nobody insured since ${from.slice(0, 7)}, but its awards since (CNY ${yuan(w.value)} on ${w.notice}) are all below CNY 500,000`);
    }
  },
};
