import { insertPerson } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

interface Pay { payment_id: string; supplier: string; contract_id: string; amount: number; pay_time: string; from_account: string; purpose: string }

/**
 * A contract payment to a supplier, with no other payment to that supplier within 20 days either side
 * (so that transfers after it can only be read against it), made at least 30 days before the data date;
 * among a fixed random sample of suppliers, so that the search costs the same at any scale.
 */
const ISOLATED = `p.payee_type = 'org' AND p.contract_id IS NOT NULL
  AND p.payee_id IN (SELECT org_id FROM _org WHERE seg = 'supplier' ORDER BY u('b024sup', org_id), org_id LIMIT 1500) AND p.payee_account_id IS NOT NULL AND p.amount_cny >= 100000
  AND p.pay_time <= CAST($1 AS TIMESTAMP) - INTERVAL 30 DAY
  AND NOT EXISTS (SELECT 1 FROM payment q WHERE q.payee_id = p.payee_id AND q.payment_id <> p.payment_id
                  AND q.pay_time BETWEEN p.pay_time - INTERVAL 20 DAY AND p.pay_time + INTERVAL 20 DAY)`;

async function claimPayment(ctx: PlantContext, purpose: string): Promise<Pay> {
  const [s] = await ctx.claimOrgs(1, `_org.seg = 'supplier' AND o.org_id IN (SELECT p.payee_id FROM payment p WHERE ${ISOLATED} AND p.purpose = $2)
    AND NOT EXISTS (SELECT 1 FROM bank_account ba JOIN bank_txn x ON x.from_account_id = ba.account_id WHERE ba.holder_type = 'org' AND ba.holder_id = o.org_id)`,
  [ctx.plan.asOf, purpose]);
  const [p] = await ctx.all<Pay>(`SELECT p.payment_id, p.payee_id AS supplier, p.contract_id, CAST(p.amount_cny AS DOUBLE) AS amount,
      CAST(p.pay_time AS VARCHAR) AS pay_time, p.payee_account_id AS from_account, p.purpose
    FROM payment p WHERE p.payee_id = $2 AND ${ISOLATED} AND p.purpose = $3 ORDER BY u('b024p', p.payment_id), p.payment_id LIMIT 1`,
  [ctx.plan.asOf, s!, purpose]);
  return p!;
}

/** Transfers from the supplier's receiving account: [share of the payment, days and hours after it]. */
async function transfer(ctx: PlantContext, seq: { n: number }, p: Pay, toAccount: string, parts: Array<[number, number, number]>, memo: string) {
  for (const [share, days, hours] of parts) {
    const id = `TX9024${String(++seq.n).padStart(5, '0')}`;
    await ctx.run(`INSERT INTO bank_txn VALUES ($1, $2, $3, CAST($4 AS DECIMAL(18,2)),
        CAST($5 AS TIMESTAMP) + to_days(CAST($6 AS INTEGER)) + to_hours(CAST($7 AS INTEGER)), $8)`,
    [id, p.from_account, toAccount, Math.round(p.amount * share * 100) / 100, p.pay_time, days, hours, memo]);
  }
}

/** A company's basic account (every organisation has one in the background). */
const basic = (org: string) => `AC${org.slice(3)}B`;

/**
 * BID-024: within days of a buyer's payment the supplier sends most of it on to one person or firm that is
 * not a contracted subcontractor: the "management fee" pattern of a borrowed qualification or an illegal
 * transfer. The background's only supplier transfers pay contracted subcontractors, weeks after signing;
 * the few that land by chance in the week after a payment on another contract are moved out of it.
 */
export const plant: Plant = {
  modelId: 'BID-024',
  async neutralize(ctx) {
    // Background subcontract transfers ('TX' + the contract number) that fall within seven days after any
    // payment to the same supplier move to the nearest day (from 19 days earlier to 40 days later) that is
    // outside every such week and not after the data date.
    await ctx.run(`CREATE OR REPLACE TEMP TABLE _b024 AS
      WITH tx AS (
        SELECT x.txn_id, x.txn_time, fa.holder_id AS supplier
        FROM bank_txn x JOIN bank_account fa ON fa.account_id = x.from_account_id AND fa.holder_type = 'org'
        JOIN subcontract s ON x.txn_id = 'TX' || substr(s.contract_id, 3)
        WHERE EXISTS (SELECT 1 FROM payment p WHERE p.payee_id = fa.holder_id AND x.txn_time BETWEEN p.pay_time AND p.pay_time + INTERVAL 7 DAY)),
      shifts AS (SELECT CAST(d AS INTEGER) AS d FROM range(-19, 41) r(d)),
      ok AS (
        SELECT tx.txn_id, s.d FROM tx CROSS JOIN shifts s
        WHERE tx.txn_time + to_days(s.d) <= CAST($1 AS TIMESTAMP)
          AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.payee_id = tx.supplier
                          AND tx.txn_time + to_days(s.d) BETWEEN p.pay_time AND p.pay_time + INTERVAL 7 DAY))
      SELECT txn_id, arg_min(d, abs(d) * 2 + CASE WHEN d < 0 THEN 1 ELSE 0 END) AS d FROM ok GROUP BY txn_id`, [`${ctx.plan.asOf} 23:59:59`]);
    await ctx.run(`UPDATE bank_txn x SET txn_time = x.txn_time + to_days(b.d) FROM _b024 b WHERE x.txn_id = b.txn_id`);
  },
  async plant(ctx) {
    const seq = { n: 0 };
    const rec = (truth: 'planted' | 'near_miss', p: Pay, cp: string, zh: string, en: string, person?: string) => ctx.record({
      truth, subject_type: 'payment_counterparty', subject_id: `${p.payment_id}|${cp}`, contract_id: p.contract_id, payment_id: p.payment_id,
      org_id: p.supplier, person_id: person, org_id_b: person ? undefined : cp, note_zh: zh, note_en: en,
    });
    const others = await ctx.claimOrgs(4, `_org.seg = 'other' AND _org.org_type = 'company' AND o.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM subcontract s WHERE s.sub_org_id = o.org_id)
      AND NOT EXISTS (SELECT 1 FROM bank_txn x WHERE x.to_account_id = 'AC' || substr(o.org_id, 4) || 'B')`);

    // 1. The advance payment goes on to a private person (the real contractor behind the borrowed licence) in two transfers.
    const p1 = await claimPayment(ctx, '预付款');
    await insertPerson(ctx, { personId: 'P90240001', name: '章国平', gender: 'M' });
    await ctx.run(`INSERT INTO bank_account VALUES ('AX90240001', sha256('acct:P90240001:personal'), '中国农业银行', 'person', 'P90240001', 'personal')`);
    await transfer(ctx, seq, p1, 'AX90240001', [[0.6, 1, 2], [0.32, 3, 5]], '往来款');
    rec('planted', p1, 'P90240001', '收到预付款后3天内分两笔将92%转入自然人个人账户（实际施工人）',
      'within 3 days of the advance payment the supplier sent 92% of it to a private person in two transfers', 'P90240001');

    // 2. The advance payment goes to a firm that has no subcontract on the contract (85%, two days later).
    const p2 = await claimPayment(ctx, '预付款');
    await transfer(ctx, seq, p2, basic(others[0]!), [[0.85, 2, 3]], '工程款');
    rec('planted', p2, others[0]!, '收到预付款后2天将85%转给非本合同分包单位的公司', 'two days after the advance payment 85% went to a firm that is no subcontractor of the contract');

    // 3. The settlement goes almost entirely (96%) to a firm five days later.
    const p3 = await claimPayment(ctx, '结算款');
    await transfer(ctx, seq, p3, basic(others[1]!), [[0.96, 5, 1]], '管理费结算');
    rec('planted', p3, others[1]!, '收到结算款5天后将96%转给另一公司，仅留存4%（管理费模式）', 'five days after the settlement 96% went to another firm, 4% kept (the management-fee pattern)');

    // Near miss: 90% goes to the contract's own subcontractor three days later.
    const n1 = await claimPayment(ctx, '预付款');
    const [c1] = await ctx.all<{ start: string; value: number }>(`SELECT CAST(start_date AS VARCHAR) AS start, CAST(value_cny AS DOUBLE) AS value FROM contract WHERE contract_id = $1`, [n1.contract_id]);
    await ctx.run(`INSERT INTO subcontract VALUES ($1, $2, CAST($3 AS DECIMAL(18,2)), '专业分包', CAST($4 AS DATE) - 10)`,
      [n1.contract_id, others[2]!, Math.round(c1!.value * 0.45 * 100) / 100, n1.pay_time.slice(0, 10)]);
    await transfer(ctx, seq, n1, basic(others[2]!), [[0.9, 3, 2]], '专业分包进度款');
    rec('near_miss', n1, others[2]!, '转出90%，但收款方是本合同已备案的专业分包单位', '90% was sent on, but to the contract\'s registered subcontractor');

    // Near miss: only 70% goes on (below the 80% threshold).
    const n2 = await claimPayment(ctx, '预付款');
    await transfer(ctx, seq, n2, basic(others[3]!), [[0.7, 4, 2]], '工程款');
    rec('near_miss', n2, others[3]!, '4天内转出70%，低于80%的阈值', '70% was sent on within 4 days, below the 80% threshold');

    // Near miss: 88% goes to a person, but twelve days after the payment (outside the 7-day window).
    const n3 = await claimPayment(ctx, '结算款');
    await insertPerson(ctx, { personId: 'P90240002', name: '许文斌', gender: 'M' });
    await ctx.run(`INSERT INTO bank_account VALUES ('AX90240002', sha256('acct:P90240002:personal'), '浙江农商银行', 'person', 'P90240002', 'personal')`);
    await transfer(ctx, seq, n3, 'AX90240002', [[0.88, 12, 3]], '往来款');
    rec('near_miss', n3, 'P90240002', '转出88%给自然人，但在收款12天之后，超出7天窗口', '88% went to a person, but twelve days after the payment, outside the 7-day window', 'P90240002');
  },
};
