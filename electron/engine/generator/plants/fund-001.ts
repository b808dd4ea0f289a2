import { addDays, claimOrgsFirst, orgInfo, workday, yuan, type OrgInfo } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

/** A tender-based goods contract paid in one instalment of CNY 600,000–1,900,000, decided collectively before signing (the background's pattern). */
const GOODS_PAID_ONCE = `c.category = 'goods' AND c.tender_id IS NOT NULL
  AND c.contract_id IN (SELECT contract_id FROM payment WHERE contract_id IS NOT NULL GROUP BY 1
                        HAVING count(*) = 1 AND max(amount_cny) BETWEEN 600000 AND 1900000 AND max(decision_id) IS NOT NULL)
  AND c.contract_id IN (SELECT ref_contract_id FROM decision WHERE ref_contract_id IS NOT NULL GROUP BY 1 HAVING count(*) = 1)`;

interface Paid {
  payment_id: string; contract_id: string; payer: string; payer_name: string; payee_name: string; amount: number;
  day: string; decision_id: string; meeting: string; body: string;
}

async function claimPaid(ctx: PlantContext, extra = 'TRUE'): Promise<Paid> {
  const [buyer] = await ctx.claimOrgs(1, `_org.seg = 'buyer' AND ${extra} AND o.org_id IN (SELECT c.buyer_org_id FROM contract c WHERE ${GOODS_PAID_ONCE})`);
  const [p] = await ctx.all<Paid>(`
    SELECT p.payment_id, c.contract_id, c.buyer_org_id AS payer, b.name AS payer_name, p.payee_name, CAST(p.amount_cny AS DOUBLE) AS amount,
      CAST(CAST(p.pay_time AS DATE) AS VARCHAR) AS day, d.decision_id, CAST(d.meeting_date AS VARCHAR) AS meeting, d.body
    FROM contract c JOIN payment p USING (contract_id) JOIN decision d ON d.ref_contract_id = c.contract_id
    JOIN organization b ON b.org_id = c.buyer_org_id
    WHERE c.buyer_org_id = $1 AND ${GOODS_PAID_ONCE}
    ORDER BY u('fund001', c.contract_id), c.contract_id LIMIT 1`, [buyer!]);
  return p!;
}

/** A payment outside any contract, in the background's format; ids 'PMF…' cannot collide with the background's 'PM' + digits. */
async function addPayment(ctx: PlantContext, id: string, payer: OrgInfo, payee: OrgInfo, amount: number, day: string, time: string, purpose: string, code: string) {
  const d = workday(day);
  await ctx.run(`INSERT INTO payment VALUES ($1, $2, $3, $4, 'org', $5, $6, CAST($7 AS DECIMAL(18,2)), CAST($8 AS TIMESTAMP), 'bank', $9, $10,
      NULL, $11, $12, NULL, NULL)`,
    [id, payer.id, `AC${payer.id.slice(3)}B`, payee.name, payee.id, `AC${payee.id.slice(3)}B`, amount, `${d} ${time}`, purpose, code,
      `BG${payer.id.slice(3)}${d.slice(0, 4)}`, `PZ${id.slice(2)}`]);
  return d;
}

/**
 * FUND-001: a payment of CNY 500,000 or more with no prior decision of the payer's party committee, board or
 * general manager's office, linked by decision_id, ref_payment_id or ref_contract_id. The background decides
 * every contract from CNY 500,000 a few days before signing and pays on or after the start date, so it has
 * no such payment and needs no neutralising.
 */
export const plant: Plant = {
  modelId: 'FUND-001',
  async plant(ctx) {
    const rec = (truth: 'planted' | 'near_miss', p: { payment_id: string; payer: string; contract_id?: string | null }, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'payment', subject_id: p.payment_id, payment_id: p.payment_id, org_id: p.payer,
        contract_id: p.contract_id ?? undefined, note_zh: zh, note_en: en });
    const payees = await ctx.claimOrgs(2, `_org.seg = 'other' AND _org.org_type = 'company' AND o.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM credit_list cl WHERE cl.subject_id = o.org_id)`);

    // 1. The collective decision is missing altogether.
    const p1 = await claimPaid(ctx);
    await ctx.run(`DELETE FROM decision WHERE decision_id = $1`, [p1.decision_id]);
    await ctx.run(`UPDATE payment SET decision_id = NULL WHERE contract_id = $1`, [p1.contract_id]);
    await ctx.run(`UPDATE contract_amendment SET decision_id = NULL WHERE contract_id = $1`, [p1.contract_id]);
    rec('planted', p1,
      `${p1.payer_name}于${p1.day}向${p1.payee_name}支付货款${yuan(p1.amount)}元（${p1.contract_id}），无任何党委会/董事会/总经理办公会集体决策记录`,
      `${p1.payer_name} paid ${p1.payee_name} CNY ${yuan(p1.amount)} on ${p1.day} (${p1.contract_id}) with no collective decision on record`);

    // 2. The decision exists but was taken twelve days after the money left (ratified afterwards).
    const p2 = await claimPaid(ctx);
    const late = addDays(p2.day, 12);
    await ctx.run(`UPDATE decision SET meeting_date = CAST($2 AS DATE), subject = '关于追认' || substr(subject, 3) WHERE decision_id = $1`, [p2.decision_id, late]);
    rec('planted', p2,
      `${p2.payer_name}于${p2.day}先行支付${yuan(p2.amount)}元，集体决策会议（${p2.decision_id}）迟至${late}才召开，属事后追认`,
      `${p2.payer_name} paid CNY ${yuan(p2.amount)} on ${p2.day}; the collective meeting (${p2.decision_id}) only took place on ${late}, ratifying it afterwards`);

    // 3. A state-owned enterprise's payment rests on a decision of its owner's collective body, not of its own:
    //    三重一大 requires the enterprise's own party committee, board or general manager's office to decide.
    const p3 = await claimPaid(ctx, `_org.org_type = 'soe'
      AND EXISTS (SELECT 1 FROM shareholding sh WHERE sh.org_id = o.org_id AND sh.holder_type = 'org' AND sh.end_date IS NULL)`);
    const [owner] = await ctx.all<OrgInfo>(`SELECT h.org_id AS id, h.name, h.org_type AS type FROM shareholding sh JOIN organization h ON h.org_id = sh.holder_id
      WHERE sh.org_id = $1 AND sh.holder_type = 'org' AND sh.end_date IS NULL ORDER BY sh.share_ratio DESC, h.org_id LIMIT 1`, [p3.payer]);
    const ownerBody = owner!.type === 'soe' ? 'board' : 'party_committee';
    await ctx.run(`UPDATE decision SET org_id = $2, body = $3, subject = '关于同意' || $4 || substr(subject, 3) WHERE decision_id = $1`,
      [p3.decision_id, owner!.id, ownerBody, p3.payer_name]);
    rec('planted', p3,
      `${p3.payer_name}支付${yuan(p3.amount)}元所依据的决策（${p3.decision_id}）是出资人${owner!.name}的${ownerBody === 'board' ? '董事会' : '党委会'}作出的，`
        + `企业自身的党委会、董事会或总经理办公会未作集体决策`,
      `${p3.payer_name}'s payment of CNY ${yuan(p3.amount)} rests on a decision (${p3.decision_id}) of its owner ${owner!.name}'s `
        + `${ownerBody === 'board' ? 'board' : 'party committee'}, not of the enterprise's own party committee, board or general manager's office`);

    // 4. A large transfer with neither a contract nor a decision.
    const [b4] = await ctx.claimOrgs(1, `_org.seg = 'buyer' AND _org.org_type IN ('gov_agency', 'public_institution')`);
    const payer4 = await orgInfo(ctx, b4!);
    const payee4 = await orgInfo(ctx, payees[0]!);
    const a4 = 860_000;
    const d4 = await addPayment(ctx, 'PMF000000001', payer4, payee4, a4, '2025-04-17', '10:26:00', '往来款', 'transfer');
    rec('planted', { payment_id: 'PMF000000001', payer: payer4.id },
      `${payer4.name}于${d4}以"往来款"名义向${payee4.name}转账${yuan(a4)}元，无合同依据，也无集体决策`,
      `${payer4.name} transferred CNY ${yuan(a4)} to ${payee4.name} on ${d4} as a "current account" payment, with no contract and no collective decision`);

    // Near miss: CNY 499,999.00, one yuan below the threshold.
    const [b5] = await ctx.claimOrgs(1, `_org.seg = 'buyer'`);
    const payer5 = await orgInfo(ctx, b5!);
    const [s5] = await claimOrgsFirst(ctx, 1, [
      { where: `_org.seg = 'supplier' AND _org.category = 'services' AND (o.name LIKE '%会计师事务所%' OR o.name LIKE '%造价咨询%')` },
      { where: `_org.seg = 'supplier' AND _org.category = 'services'` }]);
    const payee5 = await orgInfo(ctx, s5!);
    const d5 = await addPayment(ctx, 'PMF000000002', payer5, payee5, 499_999, '2024-11-20', '14:05:00', '专项审计服务费', 'service');
    rec('near_miss', { payment_id: 'PMF000000002', payer: payer5.id },
      `${payer5.name}于${d5}向${payee5.name}支付499,999.00元，未经集体决策，但低于50万元"三重一大"标准`,
      `${payer5.name} paid ${payee5.name} CNY 499,999.00 on ${d5} without a collective decision, just below the CNY 500,000 threshold`);

    // Near miss: the payment carries no decision_id, but a decision refers to it (ref_payment_id) nine days before.
    const [b6] = await ctx.claimOrgs(1, `_org.seg = 'buyer'`);
    const payer6 = await orgInfo(ctx, b6!);
    const payee6 = await orgInfo(ctx, payees[1]!);
    const a6 = 1_260_000;
    const d6 = await addPayment(ctx, 'PMF000000003', payer6, payee6, a6, '2025-06-12', '09:48:00', '场地租赁及搬迁补偿款', 'compensation');
    const meet6 = addDays(d6, -9);
    await ctx.run(`INSERT INTO decision VALUES ('DCF000000003', $1, $2, CAST($3 AS DATE), $4, 'payment', CAST($5 AS DECIMAL(18,2)), 8, 9, 8, NULL, 'PMF000000003', NULL, NULL)`,
      [payer6.id, payer6.type === 'soe' ? 'board' : 'party_committee', meet6, `关于支付${payee6.name}场地租赁及搬迁补偿款的决定`, a6]);
    rec('near_miss', { payment_id: 'PMF000000003', payer: payer6.id },
      `${payer6.name}于${d6}支付${yuan(a6)}元，付款记录未填决策编号，但${meet6}的集体决策（DCF000000003）已通过ref_payment_id关联该笔付款`,
      `${payer6.name} paid CNY ${yuan(a6)} on ${d6}; the payment has no decision_id, but a collective decision of ${meet6} (DCF000000003) refers to it by ref_payment_id`);

    // Near miss: the decision was taken on the very day of the payment (meeting_date <= pay date).
    const p7 = await claimPaid(ctx);
    await ctx.run(`UPDATE decision SET meeting_date = CAST($2 AS DATE) WHERE decision_id = $1`, [p7.decision_id, p7.day]);
    rec('near_miss', p7,
      `${p7.payer_name}的集体决策（${p7.decision_id}）与付款${yuan(p7.amount)}元同日（${p7.day}）作出，仍属事前决策`,
      `${p7.payer_name}'s collective decision (${p7.decision_id}) was taken on the day of the CNY ${yuan(p7.amount)} payment (${p7.day}), which still counts as prior`);

    // Near miss: the payment lacks a decision_id, but the contract's decision (ref_contract_id) precedes it.
    const p8 = await claimPaid(ctx);
    await ctx.run(`UPDATE payment SET decision_id = NULL WHERE payment_id = $1`, [p8.payment_id]);
    rec('near_miss', p8,
      `${p8.payer_name}支付${yuan(p8.amount)}元的记录未填决策编号，但合同${p8.contract_id}的集体决策（${p8.meeting}）早于付款，可通过合同关联`,
      `${p8.payer_name}'s CNY ${yuan(p8.amount)} payment has no decision_id, but the decision on contract ${p8.contract_id} (${p8.meeting}) precedes it`);
  },
};
