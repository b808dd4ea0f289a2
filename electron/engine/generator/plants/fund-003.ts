import { orgInfo, yuan, type OrgInfo } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';
import { addPayment, fen, officeTime } from './contract-money.ts';
import { adoptExisting } from './model-truth.ts';

interface Person { person_id: string; name: string }

/** The person's personal account: the one they hold, or a new one at a local bank ('AP' + digits + 'F3', unlike the background's). */
async function personalAccount(ctx: PlantContext, p: Person): Promise<string> {
  const [a] = await ctx.all<{ account_id: string }>(`SELECT account_id FROM bank_account WHERE holder_type = 'person' AND holder_id = $1
    AND account_kind = 'personal' ORDER BY account_id LIMIT 1`, [p.person_id]);
  if (a) return a.account_id;
  const id = `AP${p.person_id.slice(1)}F3`;
  await ctx.run(`INSERT INTO bank_account VALUES ($1, sha256('acct:' || $2 || ':personal'), pick(['中国农业银行', '浙江农商银行', '中国邮政储蓄银行'], 'bank3f', $2),
    'person', $2, 'personal')`, [id, p.person_id]);
  return id;
}

/** The person holding `role` at the organisation (the first one). */
async function holder(ctx: PlantContext, org: string, role: string): Promise<Person> {
  const [p] = await ctx.all<Person>(`SELECT p.person_id, p.name FROM org_role r JOIN person p USING (person_id)
    WHERE r.org_id = $1 AND r.role = $2 AND r.end_date IS NULL ORDER BY p.person_id LIMIT 1`, [org, role]);
  return p!;
}

/**
 * FUND-003: transfers from a unit's account to personal accounts, other than payroll, reimbursement, social
 * security or an approved benefit list, of CNY 50,000 or more each, or CNY 200,000 or more to one person in a
 * month; red when the payee is the payer's staff or their kin. The background pays only organisations; cases
 * other plants made are adopted.
 */
export const plant: Plant = {
  modelId: 'FUND-003',
  async plant(ctx) {
    await adoptExisting(ctx, 'FUND-003');
    let seq = 0;
    const pay = async (payer: OrgInfo, p: Person, amount: number, day: string, purpose: string, code: string) => {
      const id = `PM-F003-${String(++seq).padStart(2, '0')}`;
      await addPayment(ctx, { id, payer: payer.id, payeeType: 'person', payee: p.person_id, payeeName: p.name, payeeAccount: await personalAccount(ctx, p),
        amount, time: officeTime(day, id), purpose, purposeCode: code });
      return id;
    };
    const rec = (truth: 'planted' | 'near_miss', id: string, payer: OrgInfo, p: Person, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'payment', subject_id: id, payment_id: id, org_id: payer.id, person_id: p.person_id, note_zh: zh, note_en: en });

    // Three buyers: one whose finance head is married (kinship on record), one with a procurement officer, and a government body.
    const [b1id] = await ctx.claimOrgs(1, `_org.seg = 'buyer' AND EXISTS (SELECT 1 FROM org_role r JOIN kinship k ON k.person_id_a = r.person_id
      WHERE r.org_id = o.org_id AND r.role = 'finance_head' AND r.end_date IS NULL AND k.relation = 'spouse')`);
    const [b2id] = await ctx.claimOrgs(1, `_org.seg = 'buyer' AND _org.org_type IN ('public_institution', 'soe')`);
    const [b3id] = await ctx.claimOrgs(1, `_org.seg = 'buyer' AND _org.org_type = 'gov_agency'`);
    const [b1, b2, b3] = [await orgInfo(ctx, b1id!), await orgInfo(ctx, b2id!), await orgInfo(ctx, b3id!)];

    // 1. Red: CNY 180,000 of "consulting fees" to the personal account of the finance head's wife or husband.
    {
      const head = await holder(ctx, b1.id, 'finance_head');
      const [spouse] = await ctx.all<Person>(`SELECT p.person_id, p.name FROM kinship k JOIN person p ON p.person_id = k.person_id_b
        WHERE k.person_id_a = $1 AND k.relation = 'spouse' ORDER BY p.person_id LIMIT 1`, [head.person_id]);
      const id = await pay(b1, spouse!, 180_000, '2025-02-12', '项目咨询费', 'consulting');
      rec('planted', id, b1, spouse!,
        `红色：${b1.name}以“项目咨询费”名义向财务负责人${head.name}的配偶${spouse!.name}个人账户转账${yuan(180_000)}元，无合同`,
        `red: ${b1.name} paid CNY ${yuan(180_000)} of "consulting fees" to the personal account of ${spouse!.name}, the spouse of its finance head ${head.name}, with no contract`);
    }
    // 2. Red: CNY 68,000 of "service fees" to the unit's own procurement officer.
    {
      const officer = await holder(ctx, b2.id, 'procurement');
      const id = await pay(b2, officer, 68_000, '2024-10-23', '评审劳务费', 'service_fee');
      rec('planted', id, b2, officer,
        `红色：${b2.name}向本单位采购经办人${officer.name}个人账户支付“评审劳务费”${yuan(68_000)}元`,
        `red: ${b2.name} paid its own procurement officer ${officer.name} CNY ${yuan(68_000)} of "review fees" into a personal account`);
    }
    // 3. Orange: five transfers just under CNY 50,000 to one villager within a month, CNY 211,890 together.
    // Villagers who lease nothing (the first three of each village's six), paid by nobody so far.
    const villagers = await ctx.all<Person>(`SELECT p.person_id, p.name FROM _pp v
      JOIN person p ON p.person_id = 'P' || lpad(CAST(v.person_idx AS VARCHAR), 8, '0')
      JOIN bank_account a ON a.holder_type = 'person' AND a.holder_id = p.person_id AND a.account_kind = 'personal'
      WHERE v.seg = 'villager' AND v.role_no <= 3 AND NOT EXISTS (SELECT 1 FROM payment x WHERE x.payee_account_id = a.account_id)
      ORDER BY u('fund003', p.person_id), p.person_id LIMIT 2`);
    {
      const v = villagers[0]!;
      const amounts = [41_860, 43_250, 42_700, 39_980, 44_100];
      const days = ['2025-03-03', '2025-03-07', '2025-03-12', '2025-03-19', '2025-03-26'];
      const ids: string[] = [];
      for (const [i, a] of amounts.entries()) ids.push(await pay(b3, v, a, days[i]!, '临时用工劳务费', 'service_fee'));
      const total = amounts.reduce((s, a) => s + a, 0);
      for (const id of ids) {
        rec('planted', id, b3, v,
          `橙色：${b3.name}于2025年3月以“临时用工劳务费”名义分5笔向个人${v.name}转账，单笔均低于5万元，当月合计${yuan(total)}元（本笔${id}）`,
          `orange: ${b3.name} made five transfers of "casual labour fees" to ${v.name} in March 2025, each under CNY 50,000, CNY ${yuan(total)} in the month (this one: ${id})`);
      }
    }

    // Near miss: a year-end bonus of CNY 62,000 paid to a manager's personal account through payroll.
    {
      const m = await holder(ctx, b2.id, 'manager');
      const id = await pay(b2, m, 62_000, '2025-01-20', '年度绩效奖金（工资代发）', 'payroll');
      rec('near_miss', id, b2, m,
        `${b2.name}向分管负责人${m.name}个人账户发放年度绩效奖金${yuan(62_000)}元，走工资代发（payroll），不属对公转个人的异常转账`,
        `${b2.name} paid its manager ${m.name} a CNY ${yuan(62_000)} year-end bonus through payroll, not an irregular transfer`);
    }
    // Near miss: CNY 46,500 of crop compensation to a villager, under CNY 50,000 and alone in its month.
    {
      const v = villagers[1]!;
      const id = await pay(b3, v, 46_500, '2025-05-08', '道路拓宽青苗补偿款', 'compensation');
      rec('near_miss', id, b3, v,
        `${b3.name}向村民${v.name}支付道路拓宽青苗补偿款${yuan(46_500)}元，低于单笔5万元，当月也无其他转账`,
        `${b3.name} paid the villager ${v.name} CNY ${yuan(46_500)} of crop compensation for a road widening: under CNY 50,000, and alone in its month`);
    }
    // Near miss: a travel reimbursement of CNY 58,000 to the finance head who advanced a delegation's costs.
    {
      const head = await holder(ctx, b1.id, 'finance_head');
      const id = await pay(b1, head, fen(57_986.4), '2025-06-16', '赴外省考察差旅费报销', 'reimbursement');
      rec('near_miss', id, b1, head,
        `${b1.name}向财务负责人${head.name}报销其垫付的考察团差旅费${yuan(57_986.4)}元，属报销（reimbursement），不计入`,
        `${b1.name} reimbursed its finance head ${head.name} CNY ${yuan(57_986.4)} of delegation travel costs he or she had advanced: a reimbursement, not counted`);
    }
  },
};
