import { addDays, yuan } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

/** The one awarded contract of a claimed supplier, with the dates the model's window is built from. */
interface Award {
  contract_id: string; buyer: string; supplier: string; supplier_name: string; buyer_name: string;
  notice: string; start: string; end_d: string; category: string; value: number; region_code: string; county_name: string;
}

/** A party to a case: an organisation in one of the canonical roles (the prosecutor of a criminal case is no party). */
interface Party { org: string; role: 'plaintiff' | 'defendant' | 'third_party' | 'enforcee' | 'applicant' }
interface CaseSpec {
  type: 'civil' | 'criminal' | 'enforcement'; cause: string; filing: string; judgmentAfter: number | null;
  amount: number; no: number; parties: Party[];
}

// Suppliers that won exactly one contract and have never been to court: the planted case then touches
// only that contract (the model's subject), and the supplier's other windows cannot catch it by accident.
const SINGLE_AWARD = `_org.seg = 'supplier'
  AND o.org_id IN (SELECT supplier_org_id FROM contract WHERE award_id IS NOT NULL GROUP BY 1 HAVING count(*) = 1)
  AND NOT EXISTS (SELECT 1 FROM case_party cp WHERE cp.party_id = o.org_id)`;

/** Claim a supplier whose one awarded contract c (of award a) meets contractCond, with values bound as $1, $2, … */
async function claimAward(ctx: PlantContext, contractCond = 'TRUE', params: unknown[] = []): Promise<Award> {
  const [org] = await ctx.claimOrgs(1, `${SINGLE_AWARD} AND o.org_id IN (SELECT c.supplier_org_id FROM contract c JOIN award a USING (award_id) WHERE ${contractCond})`,
    params);
  const [a] = await ctx.all<Award>(`
    SELECT c.contract_id, c.buyer_org_id AS buyer, c.supplier_org_id AS supplier, s.name AS supplier_name, b.name AS buyer_name,
      CAST(CAST(a.notice_date AS DATE) AS VARCHAR) AS notice, CAST(c.start_date AS VARCHAR) AS start,
      CAST(COALESCE(c.actual_end_date, c.planned_end_date) AS VARCHAR) AS end_d, c.category, CAST(c.value_cny AS DOUBLE) AS value,
      s.region_code, og.county_name
    FROM contract c JOIN award a USING (award_id) JOIN organization s ON s.org_id = c.supplier_org_id
    JOIN organization b ON b.org_id = c.buyer_org_id JOIN _org og ON og.org_id = c.supplier_org_id
    WHERE c.supplier_org_id = $1 AND c.award_id IS NOT NULL`, [org!]);
  return a!;
}

/** Insert one court case and its parties; returns the case number shown to analysts. */
async function addCase(ctx: PlantContext, seq: { n: number }, w: Award, spec: CaseSpec): Promise<string> {
  // Case ids 'CS9…' have eight digits; the background's 'CS' + seven-digit organisation index never collides.
  const caseId = `CS9${String(++seq.n).padStart(7, '0')}`;
  const word = spec.type === 'criminal' ? '刑初' : spec.type === 'enforcement' ? '执' : '民初';
  const caseNo = `(${spec.filing.slice(0, 4)})浙${w.region_code.slice(2)}${word}${spec.no}号`;
  // A judgment that would fall after the data date is still pending.
  const due = spec.judgmentAfter === null ? null : addDays(spec.filing, spec.judgmentAfter);
  const judgment = due !== null && due <= ctx.plan.asOf ? due : null;
  const closed = judgment !== null;
  await ctx.run(`INSERT INTO court_case VALUES ($1, $2, $3, $4, $5, CAST($6 AS DATE), CAST($7 AS DATE), CAST($8 AS DECIMAL(18,2)), $9)`,
    [caseId, caseNo, `${w.county_name}人民法院`, spec.type, spec.cause, spec.filing, judgment, spec.amount, closed]);
  for (const p of spec.parties) {
    await ctx.run(`INSERT INTO case_party SELECT $1, 'org', org_id, name, $2 FROM organization WHERE org_id = $3`, [caseId, p.role, p.org]);
  }
  return caseNo;
}

function civilCause(category: string): string {
  return category === 'works' ? '建设工程施工合同纠纷' : category === 'goods' ? '买卖合同纠纷' : '服务合同纠纷';
}

/**
 * SOE-001: the supplier of an awarded contract is a defendant or enforcee in a court case filed within
 * [award notice − 24 months, contract end]. Background suppliers only ever sue (as plaintiffs) firms that
 * never bid, so the background has no such collision and needs no neutralising.
 */
export const plant: Plant = {
  modelId: 'SOE-001',
  async plant(ctx) {
    const asOf = ctx.plan.asOf;
    const seq = { n: 0 };
    // Counterparties: ordinary firms that never contract with public buyers.
    const others = await ctx.claimOrgs(5, `_org.seg = 'other' AND _org.org_type = 'company' AND o.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM contract c WHERE c.supplier_org_id = o.org_id)`);
    const rec = (truth: 'planted' | 'near_miss', w: Award, zh: string, en: string) => ctx.record({
      truth, subject_type: 'contract', subject_id: w.contract_id, contract_id: w.contract_id, org_id: w.supplier, org_id_b: w.buyer,
      note_zh: zh, note_en: en,
    });

    // 1. Red: the supplier is prosecuted for bid rigging (a unit crime) while the contract runs.
    const p1 = await claimAward(ctx, `c.start_date <= CAST($1 AS DATE) - 180 AND COALESCE(c.actual_end_date, c.planned_end_date) >= c.start_date + 60`, [asOf]);
    const f1 = addDays(p1.start, 45);
    const n1 = await addCase(ctx, seq, p1, { type: 'criminal', cause: '串通投标', filing: f1, judgmentAfter: 160, amount: Math.round(p1.value * 0.8 / 100) * 100, no: 217,
      parties: [{ org: p1.supplier, role: 'defendant' }] });
    rec('planted', p1,
      `红色：中标人${p1.supplier_name}在合同履行期间（${f1}立案）作为被告单位涉串通投标罪刑事案件 ${n1}`,
      `red: the winner ${p1.supplier_name} is the defendant unit in a criminal bid-rigging case ${n1}, filed ${f1} while the contract was running`);

    // 2. Red: an enforcement case against the supplier, still open, filed five months before the award notice.
    const p2 = await claimAward(ctx);
    const f2 = addDays(p2.notice, -150);
    const amt2 = 2_350_000;
    const n2 = await addCase(ctx, seq, p2, { type: 'enforcement', cause: '买卖合同纠纷', filing: f2, judgmentAfter: null, amount: amt2, no: 1368,
      parties: [{ org: others[0]!, role: 'applicant' }, { org: p2.supplier, role: 'enforcee' }] });
    rec('planted', p2,
      `红色：中标人${p2.supplier_name}在中标公告前5个月（${f2}）被立案强制执行 ${n2}，执行标的${yuan(amt2)}元，至今未结`,
      `red: the winner ${p2.supplier_name} became an enforcee in ${n2} (CNY ${yuan(amt2)}) on ${f2}, five months before the award notice; still open`);

    // 3. Yellow (catalog tier; the Appendix B SQL labels it orange): one civil case as defendant, ten months before the award.
    const p3 = await claimAward(ctx);
    const f3 = addDays(p3.notice, -300);
    const amt3 = 486_000;
    const n3 = await addCase(ctx, seq, p3, { type: 'civil', cause: civilCause(p3.category), filing: f3, judgmentAfter: 120, amount: amt3, no: 4821,
      parties: [{ org: others[1]!, role: 'plaintiff' }, { org: p3.supplier, role: 'defendant' }] });
    rec('planted', p3,
      `黄色：中标人${p3.supplier_name}在中标前约10个月（${f3}）作为被告涉一起${civilCause(p3.category)} ${n3}，标的${yuan(amt3)}元`,
      `yellow: the winner ${p3.supplier_name} was sued once (${civilCause(p3.category)}, ${n3}, CNY ${yuan(amt3)}) about ten months before the award`);

    // 4. Orange: three civil cases as defendant (n_civil = 3) around the award.
    const p4 = await claimAward(ctx, `c.start_date <= CAST($1 AS DATE) - 60 AND COALESCE(c.actual_end_date, c.planned_end_date) >= c.start_date + 20`, [asOf]);
    const nos: string[] = [];
    const f4 = [addDays(p4.notice, -400), addDays(p4.notice, -200), addDays(p4.start, 20)];
    for (const [i, f] of f4.entries()) {
      nos.push(await addCase(ctx, seq, p4, { type: 'civil', cause: ['劳务合同纠纷', civilCause(p4.category), '借款合同纠纷'][i]!, filing: f, judgmentAfter: 150,
        amount: [183_000, 642_500, 1_200_000][i]!, no: [933, 2756, 5102][i]!,
        parties: [{ org: others[2 + (i % 2)]!, role: 'plaintiff' }, { org: p4.supplier, role: 'defendant' }] }));
    }
    rec('planted', p4,
      `橙色：中标人${p4.supplier_name}在中标前后作为被告涉3起民事案件（${nos.join('、')}），达到反复涉诉阈值`,
      `orange: the winner ${p4.supplier_name} is the defendant in three civil cases around the award (${nos.join(', ')}), the repeated-defendant threshold`);

    // Near miss: the supplier is only the plaintiff, collecting a debt during the contract.
    const m1 = await claimAward(ctx, `c.start_date <= CAST($1 AS DATE) - 60`, [asOf]);
    const g1 = addDays(m1.start, 30);
    const k1 = await addCase(ctx, seq, m1, { type: 'civil', cause: '买卖合同纠纷', filing: g1, judgmentAfter: 90, amount: 268_400, no: 3390,
      parties: [{ org: m1.supplier, role: 'plaintiff' }, { org: others[4]!, role: 'defendant' }] });
    rec('near_miss', m1,
      `中标人${m1.supplier_name}在合同期内的案件 ${k1} 中是原告（追讨货款），不是被告或被执行人`,
      `the winner ${m1.supplier_name} is only the plaintiff (collecting a debt) in ${k1} during the contract, not a defendant or enforcee`);

    // Near miss: a civil case as defendant filed 24 months and 20 days before the award notice.
    const m2 = await claimAward(ctx);
    const [{ d: g2 } = { d: '' }] = await ctx.all<{ d: string }>(`SELECT CAST(CAST(CAST($1 AS DATE) - INTERVAL 24 MONTH AS DATE) - 20 AS VARCHAR) AS d`, [m2.notice]);
    const k2 = await addCase(ctx, seq, m2, { type: 'civil', cause: civilCause(m2.category), filing: g2, judgmentAfter: 110, amount: 354_000, no: 1475,
      parties: [{ org: others[1]!, role: 'plaintiff' }, { org: m2.supplier, role: 'defendant' }] });
    rec('near_miss', m2,
      `中标人${m2.supplier_name}作为被告的案件 ${k2} 立案于${g2}，早于中标公告（${m2.notice}）前24个月，超出回溯期`,
      `the case ${k2} against the winner ${m2.supplier_name} was filed on ${g2}, more than 24 months before the award notice (${m2.notice})`);

    // Near miss: a civil case as defendant filed 45 days after the contract ended.
    const m3 = await claimAward(ctx, `COALESCE(c.actual_end_date, c.planned_end_date) <= CAST($1 AS DATE) - 90`, [asOf]);
    const g3 = addDays(m3.end_d, 45);
    const k3 = await addCase(ctx, seq, m3, { type: 'civil', cause: civilCause(m3.category), filing: g3, judgmentAfter: 100, amount: 157_800, no: 6014,
      parties: [{ org: others[3]!, role: 'plaintiff' }, { org: m3.supplier, role: 'defendant' }] });
    rec('near_miss', m3,
      `中标人${m3.supplier_name}作为被告的案件 ${k3} 立案于${g3}，晚于合同结束日（${m3.end_d}）`,
      `the case ${k3} against the winner ${m3.supplier_name} was filed on ${g3}, after the contract ended (${m3.end_d})`);
  },
};
