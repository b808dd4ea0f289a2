import { addDays, yuan } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

interface Due { lease_id: string; collective: string; collective_name: string; lessee_name: string; cycle: string; due: string; amount: number }
interface Ageing { overdue: number; days: number; oldest: string }

/** FIFO ageing of one lease as of the data date, exactly as the catalog's VIL-001 computes it. */
async function ageing(ctx: PlantContext, leaseId: string): Promise<Ageing> {
  const [a] = await ctx.all<Ageing>(`
    WITH due AS (SELECT due_date, sum(amount_due_cny) OVER (ORDER BY due_date ROWS UNBOUNDED PRECEDING) AS cum_due
                 FROM rent_schedule WHERE lease_id = $1 AND due_date <= CAST($2 AS DATE)),
    paid AS (SELECT COALESCE(sum(amount_cny), 0) AS paid FROM rent_receipt WHERE lease_id = $1 AND receipt_date <= CAST($2 AS DATE))
    SELECT CAST(max(cum_due) - max(paid) AS DOUBLE) AS overdue,
      CAST(date_diff('day', min(CASE WHEN cum_due > paid THEN due_date END), CAST($2 AS DATE)) AS INTEGER) AS days,
      CAST(min(CASE WHEN cum_due > paid THEN due_date END) AS VARCHAR) AS oldest
    FROM due, paid`, [leaseId, ctx.plan.asOf]);
  return a!;
}

/**
 * Claim a collective that has a lease l with an instalment s matching cond (values bound as $1, $2, …),
 * and return that lease's earliest such instalment.
 */
async function claimDue(ctx: PlantContext, cond: string, params: unknown[]): Promise<Due> {
  const [coll] = await ctx.claimOrgs(1, `_org.seg = 'collective' AND o.org_id IN
    (SELECT l.collective_org_id FROM lease_contract l JOIN rent_schedule s USING (lease_id) WHERE ${cond})`, params);
  const [d] = await ctx.all<Due>(`
    SELECT l.lease_id, l.collective_org_id AS collective, o.name AS collective_name, l.lessee_name, l.payment_cycle AS cycle,
      CAST(s.due_date AS VARCHAR) AS due, CAST(s.amount_due_cny AS DOUBLE) AS amount
    FROM lease_contract l JOIN rent_schedule s USING (lease_id) JOIN organization o ON o.org_id = l.collective_org_id
    WHERE l.collective_org_id = $${params.length + 1} AND ${cond}
    ORDER BY u('vil001', l.lease_id), l.lease_id, s.due_date LIMIT 1`, [...params, coll!]);
  return d!;
}

/** The lessee stops paying: remove the receipts (and their ledger vouchers) of every instalment due from `from` on. */
async function stopPaying(ctx: PlantContext, leaseId: string, from: string): Promise<void> {
  const ids = `SELECT 'RR' || substr(s.lease_id, 3) || strftime(s.due_date, '%Y%m%d') FROM rent_schedule s
    WHERE s.lease_id = $1 AND s.due_date >= CAST($2 AS DATE)`;
  await ctx.run(`DELETE FROM village_voucher WHERE voucher_id IN (SELECT voucher_id FROM rent_receipt WHERE lease_id = $1 AND receipt_id IN (${ids}))`, [leaseId, from]);
  await ctx.run(`DELETE FROM rent_receipt WHERE lease_id = $1 AND receipt_id IN (${ids})`, [leaseId, from]);
}

/** The lessee pays only part of one instalment: the receipt and its voucher are reduced to `paid`. */
async function payPart(ctx: PlantContext, leaseId: string, due: string, paid: number): Promise<void> {
  const rid = `'RR' || substr(CAST($1 AS VARCHAR), 3) || strftime(CAST($2 AS DATE), '%Y%m%d')`;
  await ctx.run(`UPDATE village_voucher SET debit_cny = CAST($3 AS DECIMAL(18,2)), summary = summary || '（部分）'
    WHERE voucher_id IN (SELECT voucher_id FROM rent_receipt WHERE receipt_id = ${rid})`, [leaseId, due, paid]);
  await ctx.run(`UPDATE rent_receipt SET amount_cny = CAST($3 AS DECIMAL(18,2)) WHERE receipt_id = ${rid}`, [leaseId, due, paid]);
}

interface NewLease {
  k: number; collective: string; lessee: string; assetName: string; rent: number; refRent: number; start: string; years: number; unpaidFrom: string;
}

/**
 * A new factory lease in the background's format for a real collective. Asset numbers 90–99 are beyond
 * the background's (at most 14 assets per collective), so 'VA…'/'LS…' ids cannot collide. Every annual
 * instalment before `unpaidFrom` is paid within two weeks and booked; the collective decided the lease
 * at a villagers' assembly, as for every background lease. The rent is fixed (no escalation), so that every
 * instalment is the annual rent.
 */
async function addLease(ctx: PlantContext, l: NewLease): Promise<{ leaseId: string; lesseeName: string }> {
  const [c] = await ctx.all<{ org_idx: number; road: string }>(`SELECT CAST(org_idx AS INTEGER) AS org_idx, pick(roads(), 'vil001', org_idx) AS road FROM _org WHERE org_id = $1`, [l.collective]);
  const assetId = `VA${String(c!.org_idx).padStart(7, '0')}${l.k}`;
  const leaseId = `LS${assetId.slice(2)}`;
  const area = Math.round((l.rent / l.refRent) * 10) / 10;
  const end = addDays(l.start, 365 * l.years - 1);
  await ctx.run(`INSERT INTO village_asset VALUES ($1, $2, 'building', $3, CAST($4 AS DECIMAL(18,4)), '平方米', $5, CAST($6 AS DECIMAL(18,2)), 'leased',
      CAST($7 AS DECIMAL(18,4)), NULL)`,
    [assetId, l.collective, l.assetName, area, `村${c!.road}`, Math.round(l.rent * 5.2 / 100) * 100, l.refRent]);
  await ctx.run(`INSERT INTO lease_contract SELECT $1, $2, $3, 'org', org_id, name, CAST($4 AS DATE) - 10, CAST($4 AS DATE), CAST($5 AS DATE),
      CAST($6 AS DECIMAL(18,2)), CAST($7 AS DECIMAL(18,4)), 'annual', 'public_bidding', CAST($8 AS DECIMAL(18,2)), CAST($9 AS DECIMAL(6,4)), 'active'
    FROM organization WHERE org_id = $10`,
    [leaseId, assetId, l.collective, l.start, end, l.rent, area, Math.round(l.rent / 1000) * 100, 0, l.lessee]);
  await ctx.run(`INSERT INTO rent_schedule SELECT $1, CAST(d AS DATE), CAST($4 AS DECIMAL(18,2))
    FROM unnest(generate_series(CAST(CAST($2 AS DATE) AS TIMESTAMP), CAST(CAST($3 AS DATE) AS TIMESTAMP), INTERVAL 12 MONTH)) AS g(d)`,
    [leaseId, l.start, end, l.rent]);
  await ctx.run(`INSERT INTO rent_receipt
    SELECT 'RR' || substr(lease_id, 3) || strftime(due_date, '%Y%m%d'), lease_id, due_date + CAST(3 + year(due_date) % 9 AS INTEGER), amount_due_cny, 'bank',
      'AC' || substr($2, 4) || 'B', 'VC' || substr(lease_id, 3) || strftime(due_date, '%Y%m%d')
    FROM rent_schedule WHERE lease_id = $1 AND due_date < CAST($3 AS DATE) AND due_date + 20 <= CAST($4 AS DATE)`,
    [leaseId, l.collective, l.unpaidFrom, ctx.plan.asOf]);
  await ctx.run(`INSERT INTO village_voucher
    SELECT r.voucher_id, l.collective_org_id, r.receipt_date, 'rent_income', '收' || l.lessee_name || '租金', r.amount_cny, 0, FALSE,
      l.lessee_name, l.lessee_type, l.lessee_id, TRUE, NULL, l.lease_id, NULL
    FROM rent_receipt r JOIN lease_contract l USING (lease_id) WHERE r.lease_id = $1`, [leaseId]);
  await ctx.run(`INSERT INTO decision SELECT 'DV' || substr(lease_id, 3), collective_org_id, 'villagers_assembly', sign_date - 15,
      '关于' || lessee_name || '承租集体资产的决议', 'lease', annual_rent_cny, 40, 52, 36, NULL, NULL, lease_id, NULL
    FROM lease_contract WHERE lease_id = $1`, [leaseId]);
  const [n] = await ctx.all<{ name: string }>(`SELECT lessee_name AS name FROM lease_contract WHERE lease_id = $1`, [leaseId]);
  return { leaseId, lesseeName: n!.name };
}

/**
 * VIL-001: rent receivable but unpaid, by FIFO ageing as of the data date: overdue ≥ CNY 10,000 and the
 * oldest unpaid instalment more than 90 days old (red from CNY 1,000,000 or more than 365 days). The
 * background books every instalment within 20 days of its due date, and leaves unpaid only those due in
 * the last 20 days before the data date, so it has no overdue lease to neutralise.
 */
export const plant: Plant = {
  modelId: 'VIL-001',
  async plant(ctx) {
    const asOf = ctx.plan.asOf;
    /** The date n days from the data date, as a bound parameter. */
    const day = (n: number) => addDays(asOf, n);
    const rec = (truth: 'planted' | 'near_miss', leaseId: string, collective: string, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'lease', subject_id: leaseId, lease_id: leaseId, org_id: collective, note_zh: zh, note_en: en });
    const lessees = await ctx.claimOrgs(2, `_org.seg = 'other' AND _org.org_type = 'company' AND o.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM credit_list cl WHERE cl.subject_id = o.org_id)`);
    const [c1, c2] = await ctx.claimOrgs(2, `_org.seg = 'collective'`);
    const collName = async (id: string) => (await ctx.all<{ name: string }>(`SELECT name FROM organization WHERE org_id = $1`, [id]))[0]!.name;

    // 1. Red, the client's example: a factory lease with CNY 1.27 million overdue for 135 days.
    {
      const unpaid = addDays(asOf, -135);
      const { leaseId, lesseeName } = await addLease(ctx, { k: 90, collective: c1!, lessee: lessees[0]!, assetName: '村集体标准厂房A幢',
        rent: 1_270_000, refRent: 150, start: `${Number(unpaid.slice(0, 4)) - 4}${unpaid.slice(4)}`, years: 10, unpaidFrom: unpaid });
      const a = await ageing(ctx, leaseId);
      rec('planted', leaseId, c1!,
        `红色：${await collName(c1!)}将集体标准厂房出租给${lesseeName}，${a.oldest}到期的年租金${yuan(a.overdue)}元至今未收，已逾期${a.days}天（超过3个月）`,
        `red: the annual rent of CNY ${yuan(a.overdue)} for a collective factory leased to ${lesseeName} fell due on ${a.oldest} and is ${a.days} days overdue`);
    }
    // 2. Orange: a quarterly or monthly lease unpaid since early summer.
    {
      const d = await claimDue(ctx, `l.payment_cycle IN ('quarterly', 'monthly') AND l.end_date >= CAST($1 AS DATE)
        AND l.annual_rent_cny BETWEEN 40000 AND 600000 AND s.due_date BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE)`, [day(181), day(-213), day(-122)]);
      await stopPaying(ctx, d.lease_id, d.due);
      const a = await ageing(ctx, d.lease_id);
      rec('planted', d.lease_id, d.collective,
        `橙色：${d.collective_name}的承租人${d.lessee_name}自${a.oldest}起停止缴纳${d.cycle === 'monthly' ? '月' : '季'}租金，累计欠缴${yuan(a.overdue)}元，逾期${a.days}天`,
        `orange: ${d.lessee_name} stopped paying its ${d.cycle} rent to ${d.collective_name} from ${a.oldest}; CNY ${yuan(a.overdue)} overdue for ${a.days} days`);
    }
    // 3. Red by age: an annual lease with two years' rent unpaid (amount below CNY 1,000,000, age above 365 days).
    {
      const d = await claimDue(ctx, `l.payment_cycle = 'annual' AND l.end_date >= CAST($1 AS DATE)
        AND l.annual_rent_cny BETWEEN 30000 AND 450000 AND s.due_date BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE)`, [day(365), day(-699), day(-396)]);
      await stopPaying(ctx, d.lease_id, d.due);
      const a = await ageing(ctx, d.lease_id);
      rec('planted', d.lease_id, d.collective,
        `红色：${d.collective_name}的承租人${d.lessee_name}连续两年未缴年租金，自${a.oldest}起累计欠缴${yuan(a.overdue)}元，逾期${a.days}天（超过一年）`,
        `red: ${d.lessee_name} has paid no annual rent to ${d.collective_name} for two years; CNY ${yuan(a.overdue)} overdue since ${a.oldest} (${a.days} days)`);
    }
    // 4. Orange: the latest annual instalment only 40% paid (FIFO ages a shortfall from the latest unpaid instalment,
    //    so the partly paid one must be the latest due).
    {
      const d = await claimDue(ctx, `l.payment_cycle = 'annual' AND l.end_date >= CAST($1 AS DATE)
        AND s.amount_due_cny BETWEEN 30000 AND 1000000 AND s.due_date BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE)`, [day(181), day(-333), day(-184)]);
      await payPart(ctx, d.lease_id, d.due, Math.round(d.amount * 0.4 / 100) * 100);
      const a = await ageing(ctx, d.lease_id);
      rec('planted', d.lease_id, d.collective,
        `橙色：${d.collective_name}的承租人${d.lessee_name}在${d.due}到期的年租金${yuan(d.amount)}元只缴了四成，尚欠${yuan(a.overdue)}元，已逾期${a.days}天`,
        `orange: ${d.lessee_name} paid only 40% of the CNY ${yuan(d.amount)} annual rent due to ${d.collective_name} on ${d.due}; CNY ${yuan(a.overdue)} is ${a.days} days overdue`);
    }

    // Near miss: a shortfall of CNY 9,000 on the latest annual instalment, old enough but below the CNY 10,000 floor.
    {
      const d = await claimDue(ctx, `l.payment_cycle = 'annual' AND s.amount_due_cny >= 20000 AND s.due_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
        AND NOT EXISTS (SELECT 1 FROM rent_schedule s2 WHERE s2.lease_id = l.lease_id AND s2.due_date > CAST($3 AS DATE) AND s2.due_date <= CAST($4 AS DATE))`,
        [day(-333), day(-122), day(-20), day(0)]);
      await payPart(ctx, d.lease_id, d.due, d.amount - 9_000);
      const a = await ageing(ctx, d.lease_id);
      rec('near_miss', d.lease_id, d.collective,
        `${d.collective_name}的承租人${d.lessee_name}在${d.due}到期的租金少缴${yuan(a.overdue)}元，虽逾期${a.days}天，但低于1万元起点`,
        `${d.lessee_name} underpaid the rent due to ${d.collective_name} on ${d.due} by CNY ${yuan(a.overdue)}: ${a.days} days old, but below the CNY 10,000 floor`);
    }
    // Near miss: rent unpaid for only about two months.
    {
      const d = await claimDue(ctx, `s.amount_due_cny >= 15000 AND s.due_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)`, [day(-74), day(-61)]);
      await stopPaying(ctx, d.lease_id, d.due);
      const a = await ageing(ctx, d.lease_id);
      rec('near_miss', d.lease_id, d.collective,
        `${d.collective_name}的承租人${d.lessee_name}欠缴租金${yuan(a.overdue)}元，但最早一期${a.oldest}到期，仅逾期${a.days}天，未满90天`,
        `${d.lessee_name} owes ${d.collective_name} CNY ${yuan(a.overdue)}, but the oldest unpaid instalment fell due on ${a.oldest}, only ${a.days} days ago (not over 90)`);
    }
    // Near miss: a large annual rent (CNY 1.15 million) overdue for 80 days, under the 90-day line.
    {
      const unpaid = addDays(asOf, -80);
      const { leaseId, lesseeName } = await addLease(ctx, { k: 91, collective: c2!, lessee: lessees[1]!, assetName: '村集体标准厂房B幢',
        rent: 1_150_000, refRent: 160, start: `${Number(unpaid.slice(0, 4)) - 3}${unpaid.slice(4)}`, years: 8, unpaidFrom: unpaid });
      const a = await ageing(ctx, leaseId);
      rec('near_miss', leaseId, c2!,
        `${await collName(c2!)}出租给${lesseeName}的厂房年租金${yuan(a.overdue)}元于${a.oldest}到期未缴，金额虽大，但仅逾期${a.days}天，未满90天`,
        `the CNY ${yuan(a.overdue)} annual rent for a factory leased to ${lesseeName} fell due on ${a.oldest}: a large sum, but only ${a.days} days overdue`);
    }
  },
};
