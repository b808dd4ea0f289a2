import { addDays, orgInfo, pairId, yuan, type OrgInfo } from './plant-helpers.ts';
import { ClaimShortage, type Plant, type PlantContext } from './plant.ts';
import { addPayment, claimContract, fen, invoiceNo, officeTime, type Ct } from './contract-money.ts';
import { adoptExisting } from './model-truth.ts';

interface Paid { payment_id: string; amount: number; day: string; invoice: string; decision: string | null; budget: string | null }

/**
 * An advanced contract of the category, else (a small province may have none left) of another category:
 * the duplicate payment is the case, not what was bought.
 */
async function claimAdvanced(ctx: PlantContext, [category, ...rest]: unknown[]): Promise<Ct> {
  const order = [category, ...['services', 'goods', 'works'].filter((x) => x !== category)];
  for (const [i, cat] of order.entries()) {
    try {
      return await claimContract(ctx, ADVANCED, [cat, ...rest]);
    } catch (e) {
      if (!(e instanceof ClaimShortage) || i === order.length - 1) throw e;
    }
  }
  throw new Error('unreachable');
}

/** The advance (first instalment) of a contract. */
async function advanceOf(ctx: PlantContext, c: Ct): Promise<Paid> {
  const [p] = await ctx.all<Paid>(`SELECT payment_id, CAST(amount_cny AS DOUBLE) AS amount, CAST(CAST(pay_time AS DATE) AS VARCHAR) AS day,
      invoice_no AS invoice, decision_id AS decision, budget_id AS budget
    FROM payment WHERE contract_id = $1 ORDER BY pay_time, payment_id LIMIT 1`, [c.contract_id]);
  return p!;
}

/** Whole days between two 'YYYY-MM-DD…' times. */
const daysApart = (a: string, b: string) => Math.round(Math.abs(Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / 86_400_000);

/** An active works or services contract, started long enough ago, paid only its advance so far. */
const ADVANCED = `c.category = $1 AND c.acceptance_date IS NULL AND c.status = 'active' AND c.start_date BETWEEN DATE '2024-03-01' AND CAST($2 AS DATE)
  AND c.value_cny BETWEEN $3 AND $4 AND (SELECT count(*) FROM payment p WHERE p.contract_id = c.contract_id) = 1`;

/**
 * FUND-010: two payments that settle the same invoice of one payee, or the same payer paying the same account
 * the same amount for the same purpose within 60 days (unless both carry invoices and these differ). The
 * background pays each instalment once, on its own invoice; cases other plants made are adopted.
 */
export const plant: Plant = {
  modelId: 'FUND-010',
  async plant(ctx) {
    await adoptExisting(ctx, 'FUND-010');
    const asOf = ctx.plan.asOf;
    let seq = 0;
    const nextId = () => `PM-F010-${String(++seq).padStart(2, '0')}`;
    const rec = (truth: 'planted' | 'near_miss', a: string, b: string, payer: string, zh: string, en: string, contract?: string) =>
      ctx.record({ truth, subject_type: 'payment_pair', subject_id: pairId(a, b), payment_id: a, org_id: payer, contract_id: contract, note_zh: zh, note_en: en });
    /** A second payment of a contract's advance: the same amount to the same account, `after` days later. */
    const repeat = async (c: Ct, p: Paid, after: number, invoice: string | null, purpose: string) => {
      const id = nextId();
      const time = officeTime(addDays(p.day, after), id);
      await addPayment(ctx, { id, payer: c.buyer, payeeType: 'org', payee: c.supplier, payeeName: c.supplier_name, payeeAccount: `AC${c.supplier.slice(3)}B`,
        amount: p.amount, time, purpose, purposeCode: 'contract', contract: c.contract_id, budget: p.budget, invoice, decision: p.decision });
      return { id, days: daysApart(p.day, time) };
    };

    // 1. The advance of a works contract paid again 23 days later against the same invoice.
    {
      const c = await claimAdvanced(ctx, ['works', addDays(asOf, -90), 300_000, 6_000_000]);
      const p = await advanceOf(ctx, c);
      const { id, days } = await repeat(c, p, 23, p.invoice, '预付款');
      rec('planted', p.payment_id, id, c.buyer,
        `${c.buyer_name}于${p.day}向${c.supplier_name}支付预付款${yuan(p.amount)}元（发票${p.invoice}），${days}天后凭同一张发票再次支付同额款项（${id}）`,
        `${c.buyer_name} paid ${c.supplier_name} an advance of CNY ${yuan(p.amount)} on ${p.day} (invoice ${p.invoice}) and paid it again ${days} days later on the same invoice (${id})`,
        c.contract_id);
    }
    // 2. A services advance re-entered by hand twelve days later, without an invoice.
    {
      const c = await claimAdvanced(ctx, ['services', addDays(asOf, -60), 200_000, 3_000_000]);
      const p = await advanceOf(ctx, c);
      const { id, days } = await repeat(c, p, 12, null, '预付款（补录）');
      rec('planted', p.payment_id, id, c.buyer,
        `${c.buyer_name}向${c.supplier_name}支付预付款${yuan(p.amount)}元后，${days}天后又手工补录一笔同账户、同金额、同用途的付款（${id}），未附发票`,
        `${c.buyer_name} paid ${c.supplier_name} an advance of CNY ${yuan(p.amount)}; ${days} days later a hand-entered payment of the same amount, account and purpose followed (${id}), with no invoice`,
        c.contract_id);
    }
    // 3. A printing invoice claimed twice: paid in full, then a tenth of it again 75 days later.
    const printers = await ctx.claimOrgs(2, `_org.seg = 'other' AND _org.org_type = 'company' AND o.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM credit_list cl WHERE cl.subject_id = o.org_id) AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.payee_id = o.org_id)`);
    const units = await ctx.claimOrgs(2, `_org.seg = 'buyer' AND _org.org_type IN ('gov_agency', 'public_institution')`);
    const loose = async (payer: OrgInfo, payee: OrgInfo, amount: number, day: string, invoice: string | null, purpose: string, code: string) => {
      const id = nextId();
      await addPayment(ctx, { id, payer: payer.id, payeeType: 'org', payee: payee.id, payeeName: payee.name, payeeAccount: `AC${payee.id.slice(3)}B`,
        amount, time: officeTime(day, id), purpose, purposeCode: code, invoice });
      return id;
    };
    {
      const [payer, payee] = [await orgInfo(ctx, units[0]!), await orgInfo(ctx, printers[0]!)];
      const inv = invoiceNo('F010-print');
      const a = await loose(payer, payee, 56_800, '2025-05-06', inv, '宣传资料印刷费', 'printing');
      const b = await loose(payer, payee, 5_680, '2025-07-22', inv, '宣传资料印刷费（补差）', 'printing');
      rec('planted', a, b, payer.id,
        `${payer.name}凭${payee.name}的同一张发票（${inv}）两次付款：2025-05-06付${yuan(56_800)}元，2025-07-22又付${yuan(5_680)}元`,
        `${payer.name} paid twice on the same invoice of ${payee.name} (${inv}): CNY ${yuan(56_800)} on 2025-05-06 and CNY ${yuan(5_680)} on 2025-07-22`);
    }

    // Near miss: two equal monthly instalments of a services contract, each on its own invoice.
    {
      const c = await claimAdvanced(ctx, ['services', addDays(asOf, -120), 300_000, 3_000_000]);
      const p = await advanceOf(ctx, c);
      const amount = fen(Math.round(c.value * 0.08 / 10) * 10);
      const ids: string[] = [];
      const times: string[] = [];
      for (const k of [0, 1]) {
        const id = nextId();
        const time = officeTime(addDays(p.day, 35 + 30 * k), id);
        await addPayment(ctx, { id, payer: c.buyer, payeeType: 'org', payee: c.supplier, payeeName: c.supplier_name, payeeAccount: `AC${c.supplier.slice(3)}B`,
          amount, time, purpose: `第${k + 1}期进度款`, purposeCode: 'contract', contract: c.contract_id, budget: p.budget, invoice: invoiceNo(id), decision: p.decision });
        ids.push(id);
        times.push(time);
      }
      const gap = daysApart(times[0]!, times[1]!);
      rec('near_miss', ids[0]!, ids[1]!, c.buyer,
        `${c.buyer_name}按月向${c.supplier_name}支付两期等额进度款各${yuan(amount)}元，间隔${gap}天，但各有不同发票，属正常分期付款`,
        `${c.buyer_name} paid ${c.supplier_name} two equal monthly instalments of CNY ${yuan(amount)} ${gap} days apart, each on its own invoice: ordinary instalments`,
        c.contract_id);
    }
    // Near miss: equal conference-service payments without invoices, 64 days apart (beyond the 60 days).
    {
      const [payer, payee] = [await orgInfo(ctx, units[1]!), await orgInfo(ctx, printers[1]!)];
      const a = await loose(payer, payee, 88_000, '2025-02-03', null, '会议服务费', 'service');
      const b = await loose(payer, payee, 88_000, '2025-04-08', null, '会议服务费', 'service');
      rec('near_miss', a, b, payer.id,
        `${payer.name}向${payee.name}两次支付会议服务费各${yuan(88_000)}元，同账户同用途，但相隔64天，超过60天`,
        `${payer.name} paid ${payee.name} CNY ${yuan(88_000)} of conference services twice, same account and purpose, but 64 days apart (beyond 60)`);
    }
  },
};
