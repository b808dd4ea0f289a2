import { claimOrgsFirst, fill, yuan } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';
import { claimCollectives, FIRM, nameOf, villager, type Collective } from './village-lease-kit.ts';

interface Voucher {
  n: number; date: string; subject: string; summary: string; debit?: number; credit?: number; cash: boolean;
  party: string; partyType?: 'org' | 'person' | null; partyId?: string | null; invoice: boolean;
}

/** Book vouchers in the collective's ledger, ids 'VW' + collective number + n (the background's are 'VX…' and 'VC…'). */
async function book(ctx: PlantContext, c: Collective, vs: Voucher[]): Promise<string[]> {
  const ids = vs.map((v) => `VW${String(c.idx).padStart(7, '0')}${String(v.n).padStart(3, '0')}`);
  await fill(ctx, 'village_voucher', vs.map((v, i) => [ids[i], c.id, v.date, v.subject, v.summary, (v.debit ?? 0).toFixed(2), (v.credit ?? 0).toFixed(2),
    v.cash, v.party, v.partyType ?? null, v.partyId ?? null, v.invoice, null, null, null]));
  return ids;
}

/** The collective's outflows by month from January 2024 to November 2025 (months without any are listed with 0). */
function monthlyOutflows(ctx: PlantContext, c: Collective): Promise<Array<{ month: string; out: number }>> {
  return ctx.all(`SELECT strftime(m, '%Y-%m') AS month, CAST(COALESCE(sum(v.credit_cny), 0) AS DOUBLE) AS out
    FROM unnest(generate_series(DATE '2024-01-01', DATE '2025-11-01', INTERVAL 1 MONTH)) AS g(m)
    LEFT JOIN village_voucher v ON v.collective_org_id = $1 AND v.credit_cny > 0 AND date_trunc('month', v.voucher_date) = m
    GROUP BY m ORDER BY m`, [c.id]);
}

/**
 * VIL-010: an outflow booked without an invoice (白条) of CNY 500 or more, or in a month in which such
 * outflows make up 20% or more of the collective's spending. The background books every voucher with an
 * invoice, so it has nothing to neutralise. The plants' vouchers without invoices are small purchases in
 * cash or transfers to a person, none to a cadre or a firm linked to one.
 */
export const plant: Plant = {
  modelId: 'VIL-010',
  async plant(ctx) {
    const rec = (truth: 'planted' | 'near_miss', id: string, c: Collective, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'voucher', subject_id: id, org_id: c.id, note_zh: zh, note_en: en });
    const busy = `(SELECT count(*) FROM (SELECT date_trunc('month', v.voucher_date) AS m FROM village_voucher v
      WHERE v.collective_org_id = o.org_id AND v.credit_cny > 0 AND v.voucher_date >= DATE '2024-01-01' AND v.voucher_date < DATE '2025-12-01'
      GROUP BY 1 HAVING sum(v.credit_cny) >= 3500)) >= 2`;
    const quietMonth = `(SELECT count(DISTINCT date_trunc('month', v.voucher_date)) FROM village_voucher v
      WHERE v.collective_org_id = o.org_id AND v.credit_cny > 0 AND v.voucher_date BETWEEN DATE '2025-01-01' AND DATE '2025-11-30') < 11`;
    const [c1] = await claimCollectives(ctx, 1);
    const [c2] = await claimCollectives(ctx, 1, quietMonth);
    const [c3] = await claimCollectives(ctx, 1, busy);
    const shop = `_org.seg = 'other' AND _org.org_type = 'individual_business' AND o.status = 'active'`;
    const [eatery] = await claimOrgsFirst(ctx, 1, [{ where: `${shop} AND o.name LIKE '%餐饮%'` }, { where: shop }]);
    const [cleaner] = await ctx.claimOrgs(1, FIRM);
    const eateryName = await nameOf(ctx, 'org', eatery!);
    const worker = villager(ctx, c1!, 1);
    const workerName = await nameOf(ctx, 'person', worker);

    // 1. A hospitality bill of CNY 3,600 booked on a handwritten receipt.
    const [v1, v2, n3] = await book(ctx, c1!, [
      { n: 1, date: '2025-03-14', subject: 'admin_expense', summary: '接待餐费（收据）', credit: 3_600, cash: false, party: eateryName, partyType: 'org', partyId: eatery!, invoice: false },
      // 2. CNY 12,000 paid to a villager for excavator hire, with only his signed note.
      { n: 2, date: '2025-06-09', subject: 'maintenance', summary: '支付挖机台班费', credit: 12_000, cash: false, party: workerName, partyType: 'person', partyId: worker, invoice: false },
      // Near miss: income (villagers' water charges) booked without an invoice: the rule is about spending.
      { n: 3, date: '2025-07-21', subject: 'other_income', summary: '收村民自来水费', debit: 6_000, cash: false, party: '村民', invoice: false },
    ]);
    rec('planted', v1!, c1!, `${c1!.name}于2025-03-14以收据（白条）列支接待餐费${yuan(3_600)}元，收款方${eateryName}，无发票`,
      `${c1!.name} booked a CNY ${yuan(3_600)} hospitality bill from ${eateryName} on 2025-03-14 against a handwritten receipt, without an invoice`);
    rec('planted', v2!, c1!, `${c1!.name}于2025-06-09凭个人收条向${workerName}支付挖机台班费${yuan(12_000)}元，无发票`,
      `${c1!.name} paid ${workerName} CNY ${yuan(12_000)} for excavator hire on 2025-06-09 against his signed note, without an invoice`);
    rec('near_miss', n3!, c1!, `${c1!.name}于2025-07-21收取村民自来水费${yuan(6_000)}元未开票，属收入而非支出`,
      `${c1!.name} took in CNY ${yuan(6_000)} of villagers' water charges on 2025-07-21 without an invoice: income, not spending`);

    // 3. In an otherwise quiet month, three small cash purchases on receipts make up half of the spending.
    const quiet = (await monthlyOutflows(ctx, c2!)).find((m) => m.out === 0 && m.month >= '2025-01')!;
    const q = quiet.month;
    const cleanerName = await nameOf(ctx, 'org', cleaner!);
    const small = await book(ctx, c2!, [
      { n: 1, date: `${q}-05`, subject: 'admin_expense', summary: '购买五金配件（收据）', credit: 420, cash: true, party: '镇上五金店', invoice: false },
      { n: 2, date: `${q}-12`, subject: 'admin_expense', summary: '购买清洁用品（收据）', credit: 380, cash: true, party: '镇上日杂店', invoice: false },
      { n: 3, date: `${q}-19`, subject: 'admin_expense', summary: '购买办公用品（收据）', credit: 460, cash: true, party: '镇上文具店', invoice: false },
      { n: 4, date: `${q}-25`, subject: 'utilities', summary: '保洁费', credit: 1_200, cash: false, party: cleanerName, partyType: 'org', partyId: cleaner!, invoice: true },
    ]);
    for (const [i, amount] of [420, 380, 460].entries()) {
      rec('planted', small[i]!, c2!,
        `${c2!.name}在${q}以收据列支零星采购${yuan(amount)}元；当月无发票支出${yuan(1_260)}元，占全部支出${yuan(2_460)}元的51%`,
        `${c2!.name} booked a CNY ${yuan(amount)} purchase on a receipt in ${q}; receipts without invoices were CNY ${yuan(1_260)} of the month's CNY ${yuan(2_460)} (51%)`);
    }

    // Near misses in a busy month: a CNY 400 receipt (under CNY 500), 10% or less of the month's spending; and two
    // small receipts in another busy month, 15% or less of its spending.
    const busyMonths = (await monthlyOutflows(ctx, c3!)).filter((m) => m.out >= 3_500);
    const [b1, b2] = [busyMonths[0]!, busyMonths[1]!];
    const [m1, m2a, m2b] = await book(ctx, c3!, [
      { n: 1, date: `${b1.month}-08`, subject: 'admin_expense', summary: '购买灭火器（收据）', credit: 400, cash: true, party: '镇上消防器材店', invoice: false },
      { n: 2, date: `${b2.month}-10`, subject: 'admin_expense', summary: '购买打印纸（收据）', credit: 300, cash: true, party: '镇上文具店', invoice: false },
      { n: 3, date: `${b2.month}-17`, subject: 'maintenance', summary: '水管维修材料（收据）', credit: 330, cash: true, party: '镇上五金店', invoice: false },
    ]);
    const pct = (white: number, out: number) => `${Math.round((white / (white + out)) * 1000) / 10}%`;
    rec('near_miss', m1!, c3!, `${c3!.name}在${b1.month}以收据列支${yuan(400)}元，低于500元，且仅占当月支出的${pct(400, b1.out)}`,
      `${c3!.name} booked CNY ${yuan(400)} on a receipt in ${b1.month}: under CNY 500, and only ${pct(400, b1.out)} of the month's spending`);
    for (const [id, amount] of [[m2a!, 300], [m2b!, 330]] as const) {
      rec('near_miss', id, c3!, `${c3!.name}在${b2.month}以收据列支${yuan(amount)}元；当月无发票支出合计${yuan(630)}元，占${pct(630, b2.out)}，低于20%`,
        `${c3!.name} booked CNY ${yuan(amount)} on a receipt in ${b2.month}; such outflows were CNY ${yuan(630)}, ${pct(630, b2.out)} of the month's spending, under 20%`);
    }
  },
};
