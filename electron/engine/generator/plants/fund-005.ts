import { addDays, orgInfo, yuan, type OrgInfo } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';
import { addDecision, addPayment, bodyFor, claimContract, fen, invoiceNo, officeTime, type Ct } from './contract-money.ts';
import { adoptExisting, modelHitsTable } from './model-truth.ts';

/** Contracts the background made: tender-based 'CT…' and its small purchases 'CD' + buyer + year + 0–2. */
const BACKGROUND_RE = '(CT[0-9]+|CD[0-9]{11}[0-2])';

/**
 * The background settles works at −3% … +7% of their value and pays the settlement, with no amendment for the
 * difference: over half its completed works are paid more than their value. In practice a settlement above the
 * contract price rests on the audited final account (竣工结算审定), approved by the unit's collective body. Each
 * such background contract, paid no more than its settlement, gets that approval: a decision 'DS-…' of the
 * buyer on the acceptance day and a 'settlement' amendment 'AS-…' for the difference, carrying its id.
 */
async function neutralize(ctx: PlantContext): Promise<void> {
  await modelHitsTable(ctx, 'FUND-005', '_fund005_hits');
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _fund005_fix AS
    WITH paid AS (SELECT contract_id, sum(amount_cny) AS paid FROM payment WHERE contract_id IS NOT NULL GROUP BY 1),
    approved AS (SELECT contract_id, sum(value_delta_cny) AS d FROM contract_amendment WHERE decision_id IS NOT NULL GROUP BY 1)
    SELECT c.contract_id, c.buyer_org_id, b.org_type, c.acceptance_date,
      c.settlement_value_cny - c.value_cny - COALESCE(a.d, 0) AS delta
    FROM _fund005_hits h JOIN contract c ON c.contract_id = h.subject_id JOIN paid p ON p.contract_id = c.contract_id
    LEFT JOIN approved a ON a.contract_id = c.contract_id
    JOIN organization b ON b.org_id = c.buyer_org_id
    WHERE h.subject_type = 'contract' AND regexp_full_match(c.contract_id, $1) AND c.acceptance_date IS NOT NULL
      AND c.settlement_value_cny IS NOT NULL AND p.paid <= c.settlement_value_cny + 1`, [BACKGROUND_RE]);
  await ctx.run(`INSERT INTO decision
    SELECT 'DS-' || contract_id, buyer_org_id, CASE WHEN org_type = 'soe' THEN 'gm_office' ELSE 'party_committee' END, acceptance_date,
      '关于' || contract_id || '合同竣工结算审定结果的决定', 'settlement', delta, 8, 9, 8, NULL, NULL, NULL, NULL
    FROM _fund005_fix`);
  await ctx.run(`INSERT INTO contract_amendment
    SELECT 'AS-' || contract_id, contract_id, acceptance_date, 'settlement', delta, NULL, '竣工结算审定：按实调整合同价款', 'DS-' || contract_id
    FROM _fund005_fix`);
}

/** Replace a completed contract's final payment so that it pays `settlement` in all. */
async function settle(ctx: PlantContext, c: Ct, settlement: number): Promise<void> {
  await ctx.run(`UPDATE contract SET settlement_value_cny = CAST($2 AS DECIMAL(18,2)) WHERE contract_id = $1`, [c.contract_id, settlement]);
  await ctx.run(`UPDATE payment SET amount_cny = CAST($2 AS DECIMAL(18,2)) - (SELECT COALESCE(sum(amount_cny), 0) FROM payment x
      WHERE x.contract_id = $1 AND x.payment_id <> payment.payment_id)
    WHERE payment_id = (SELECT max(payment_id) FROM payment WHERE contract_id = $1)`, [c.contract_id, settlement]);
}

/** A completed works or services contract, paid in two instalments, with no amendment. */
const PAID = `c.category = $1 AND c.acceptance_date BETWEEN DATE '2023-03-01' AND DATE '2025-09-30' AND c.value_cny BETWEEN $2 AND $3
  AND NOT EXISTS (SELECT 1 FROM contract_amendment x WHERE x.contract_id = c.contract_id)
  AND (SELECT count(*) FROM payment p WHERE p.contract_id = c.contract_id) = 2`;

/**
 * FUND-005: (a) a contract paid more than its value plus the amendments that carry a decision; (b) one payer's
 * payments to one payee without a contract reaching CNY 200,000 within 12 months.
 */
export const plant: Plant = {
  modelId: 'FUND-005',
  neutralize,
  async plant(ctx) {
    // Payments without a contract that other plants made (FUND-001's transfers, FUND-003's labour fees) are cases too.
    await adoptExisting(ctx, 'FUND-005');
    let seq = 0;
    const rec = (truth: 'planted' | 'near_miss', subjectType: string, subjectId: string, org: string, other: string, zh: string, en: string, contract?: string) =>
      ctx.record({ truth, subject_type: subjectType, subject_id: subjectId, org_id: org, org_id_b: other, contract_id: contract, note_zh: zh, note_en: en });
    const loose = async (payer: OrgInfo, payee: OrgInfo, amount: number, day: string, purpose: string, code: string) => {
      const id = `PM-F005-${String(++seq).padStart(2, '0')}`;
      await addPayment(ctx, { id, payer: payer.id, payeeType: 'org', payee: payee.id, payeeName: payee.name, payeeAccount: `AC${payee.id.slice(3)}B`,
        amount, time: officeTime(day, id), purpose, purposeCode: code, invoice: invoiceNo(id) });
      return id;
    };

    // 1. (a) A site instruction of 12% that nobody approved, paid in full with the final account.
    {
      const c = await claimContract(ctx, PAID, ['works', 600_000, 6_000_000]);
      const delta = fen(Math.round(c.value * 0.12 / 100) * 100);
      await ctx.run(`INSERT INTO contract_amendment VALUES ('AX-F005-01', $1, CAST($2 AS DATE), 'scope', CAST($3 AS DECIMAL(18,2)), NULL,
        '现场签证：增加附属道路及围墙工程', NULL)`, [c.contract_id, addDays(c.start, 60), delta]);
      await settle(ctx, c, fen(c.value + delta));
      rec('planted', 'contract', c.contract_id, c.buyer, c.supplier,
        `${c.buyer_name}按结算向${c.supplier_name}支付${yuan(c.value + delta)}元，超出合同金额${yuan(c.value)}元；超出部分${yuan(delta)}元来自未经决策的现场签证`,
        `${c.buyer_name} paid ${c.supplier_name} CNY ${yuan(c.value + delta)} on the final account, CNY ${yuan(delta)} over the contract value of CNY ${yuan(c.value)}, `
          + `for a site instruction no decision approved`, c.contract_id);
    }
    // 2. (a) Services: an approved amendment of 7.5%, and an extra "additional service fee" of 17.5% paid on top.
    {
      const c = await claimContract(ctx, PAID, ['services', 400_000, 2_500_000]);
      const delta = fen(Math.round(c.value * 0.075 / 100) * 100);
      const extra = fen(Math.round(c.value * 0.175 / 100) * 100);
      const day = addDays(c.accept!, 40);
      await addDecision(ctx, { id: 'DA-F005-02', org: c.buyer, body: bodyFor(c.buyer_type), date: addDays(c.start, 85), subjectType: 'amendment',
        subject: `关于${c.contract_id}合同增加服务内容的决定`, amount: delta, refContract: c.contract_id, refProject: c.project_ref });
      await ctx.run(`INSERT INTO contract_amendment VALUES ('AX-F005-02', $1, CAST($2 AS DATE), 'scope', CAST($3 AS DECIMAL(18,2)), NULL,
        '补充协议：增加服务内容', 'DA-F005-02')`, [c.contract_id, addDays(c.start, 90), delta]);
      const id = `PM-F005-${String(++seq).padStart(2, '0')}`;
      await addPayment(ctx, { id, payer: c.buyer, payeeType: 'org', payee: c.supplier, payeeName: c.supplier_name, payeeAccount: `AC${c.supplier.slice(3)}B`,
        amount: extra, time: officeTime(day, id), purpose: '追加服务费', purposeCode: 'contract', contract: c.contract_id, invoice: invoiceNo(id) });
      rec('planted', 'contract', c.contract_id, c.buyer, c.supplier,
        `${c.buyer_name}在合同${c.contract_id}（${yuan(c.value)}元，经批准增加${yuan(delta)}元）付清后，又以“追加服务费”支付${yuan(extra)}元，超付${yuan(extra - delta)}元`,
        `${c.buyer_name} paid ${c.supplier_name} a further CNY ${yuan(extra)} of "additional service fees" after contract ${c.contract_id} `
          + `(CNY ${yuan(c.value)}, plus an approved CNY ${yuan(delta)}) was paid off: CNY ${yuan(extra - delta)} beyond it`, c.contract_id);
    }
    // 3. (b) A government body pays a media company CNY 224,700 in three "publicity fees" within five months, with no contract.
    const payees = await ctx.claimOrgs(3, `_org.seg = 'other' AND _org.org_type = 'company' AND o.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM credit_list cl WHERE cl.subject_id = o.org_id) AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.payee_id = o.org_id)`);
    const payers = await ctx.claimOrgs(3, `_org.seg = 'buyer' AND _org.org_type IN ('gov_agency', 'public_institution')`);
    {
      const [payer, payee] = [await orgInfo(ctx, payers[0]!), await orgInfo(ctx, payees[0]!)];
      const amounts = [86_400, 74_800, 63_500];
      for (const [i, a] of amounts.entries()) await loose(payer, payee, a, ['2025-01-10', '2025-03-05', '2025-06-18'][i]!, '宣传推广费', 'publicity');
      rec('planted', 'payer_payee', `${payer.id}|${payee.id}`, payer.id, payee.id,
        `${payer.name}在2025年1月至6月分3次向${payee.name}支付宣传推广费共${yuan(224_700)}元，均无合同`,
        `${payer.name} paid ${payee.name} CNY ${yuan(224_700)} of publicity fees in three payments between January and June 2025, none under a contract`);
    }

    // Near miss: works paid exactly their value plus a 9% variation the board approved.
    {
      const c = await claimContract(ctx, PAID, ['works', 600_000, 6_000_000]);
      const delta = fen(Math.round(c.value * 0.09 / 100) * 100);
      await addDecision(ctx, { id: 'DA-F005-03', org: c.buyer, body: bodyFor(c.buyer_type), date: addDays(c.start, 45), subjectType: 'amendment',
        subject: `关于${c.contract_id}工程设计变更的决定`, amount: delta, refContract: c.contract_id, refProject: c.project_ref });
      await ctx.run(`INSERT INTO contract_amendment VALUES ('AX-F005-03', $1, CAST($2 AS DATE), 'scope', CAST($3 AS DECIMAL(18,2)), NULL,
        '设计变更：增设雨污分流管道', 'DA-F005-03')`, [c.contract_id, addDays(c.start, 50), delta]);
      await settle(ctx, c, fen(c.value + delta));
      rec('near_miss', 'contract', c.contract_id, c.buyer, c.supplier,
        `${c.buyer_name}向${c.supplier_name}支付${yuan(c.value + delta)}元，等于合同金额加经集体决策批准的变更${yuan(delta)}元，未超付`,
        `${c.buyer_name} paid ${c.supplier_name} CNY ${yuan(c.value + delta)}: the contract value plus a CNY ${yuan(delta)} variation the collective body approved, nothing more`,
        c.contract_id);
    }
    // Near miss: CNY 275,000 without a contract, but spread so that no 12 months hold CNY 200,000.
    {
      const [payer, payee] = [await orgInfo(ctx, payers[1]!), await orgInfo(ctx, payees[1]!)];
      const amounts = [95_000, 88_000, 92_000];
      for (const [i, a] of amounts.entries()) await loose(payer, payee, a, ['2024-01-15', '2024-08-20', '2025-02-20'][i]!, '会务服务费', 'service');
      rec('near_miss', 'payer_payee', `${payer.id}|${payee.id}`, payer.id, payee.id,
        `${payer.name}在2024年1月至2025年2月无合同向${payee.name}付款3次共${yuan(275_000)}元，但任意12个月内合计不超过${yuan(183_000)}元`,
        `${payer.name} paid ${payee.name} CNY ${yuan(275_000)} without a contract in three payments from January 2024 to February 2025, never more than CNY ${yuan(183_000)} within 12 months`);
    }
    // Near miss: CNY 196,300 without a contract within two months, just under the CNY 200,000.
    {
      const [payer, payee] = [await orgInfo(ctx, payers[2]!), await orgInfo(ctx, payees[2]!)];
      await loose(payer, payee, 98_600, '2025-09-09', '培训费', 'training');
      await loose(payer, payee, 97_700, '2025-10-28', '培训费', 'training');
      rec('near_miss', 'payer_payee', `${payer.id}|${payee.id}`, payer.id, payee.id,
        `${payer.name}无合同向${payee.name}支付培训费两笔共${yuan(196_300)}元，略低于20万元`,
        `${payer.name} paid ${payee.name} CNY ${yuan(196_300)} of training fees in two payments without a contract, just under CNY 200,000`);
    }
  },
};
