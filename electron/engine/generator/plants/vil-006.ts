import { insertPerson, yuan } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';
import {
  addLease, addVillageContract, cadresOf, claimCollectives, FIRM, plantedPersonId, type Cadre, type Collective, type PlantedLease,
} from './village-lease-kit.ts';

/** A new relative of a cadre: inserted as a person, with the kinship row (relation = what the relative is to the cadre). */
async function relative(ctx: PlantContext, cadre: { person_id: string }, given: string, surname: string, gender: 'M' | 'F',
  relation: string, degree: number, bornFrom?: string, bornTo?: string): Promise<{ id: string; name: string }> {
  const id = await plantedPersonId(ctx, 'P94006', bornFrom, bornTo);
  const name = `${surname}${given}`;
  await insertPerson(ctx, { personId: id, name, gender });
  await ctx.run(`INSERT INTO kinship VALUES ($1, $2, $3, CAST($4 AS INTEGER), '户籍信息')`, [cadre.person_id, id, relation, degree]);
  return { id, name };
}

async function birthOf(ctx: PlantContext, personId: string): Promise<string> {
  return (await ctx.all<{ b: string }>(`SELECT CAST(birth_date AS VARCHAR) AS b FROM person WHERE person_id = $1`, [personId]))[0]!.b;
}

/** Twenty-two years after a birth date: the earliest a child of that person is born here. */
const childFrom = (birth: string) => `${Number(birth.slice(0, 4)) + 22}${birth.slice(4)}`;

/**
 * VIL-006: the lessee or contractor of a collective is one of its cadres in office at signing, a relative
 * of one within three degrees, or an organisation linked (officer, shareholder of 5% or more, ...) to one
 * of them. In the background, lessees are villagers without recorded kin and firms whose owners have no
 * ties to any cadre, and cadres' relatives hold no office, so there is nothing to neutralise. Every
 * planted lease or contract is awarded on the market where required, within 20 years, and decided by
 * the villagers' assembly beforehand: it is a conflict of interest and nothing else.
 */
export const plant: Plant = {
  modelId: 'VIL-006',
  async plant(ctx) {
    const rec = (truth: 'planted' | 'near_miss', l: PlantedLease, c: Collective, person: string, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'lease', subject_id: l.leaseId, lease_id: l.leaseId, org_id: c.id, person_id: person, note_zh: zh, note_en: en });
    const withSpouse = `EXISTS (SELECT 1 FROM org_role r JOIN kinship k ON k.person_id_a = r.person_id AND k.relation = 'spouse'
      WHERE r.org_id = o.org_id AND r.role = 'cadre')`;
    // A cadre born by 1970, old enough to have a grown-up son who leases in 2023.
    const olderCadre = `EXISTS (SELECT 1 FROM org_role r JOIN person p USING (person_id)
      WHERE r.org_id = o.org_id AND r.role = 'cadre' AND p.birth_date <= DATE '1970-12-31')`;
    const [c1] = await claimCollectives(ctx, 1, olderCadre);
    const [c2, c4, c5, c6, c7, c8] = await claimCollectives(ctx, 6);
    const [c3] = await claimCollectives(ctx, 1, withSpouse);
    const [firm3, firm4] = await ctx.claimOrgs(2, FIRM);
    const cadres = async (c: Collective): Promise<Cadre[]> => cadresOf(ctx, c.id);

    // 1. A cadre's son leases collective farmland.
    const sec1 = (await ctx.all<Cadre>(`SELECT r.person_id, p.name, r.title, CAST(r.start_date AS VARCHAR) AS start, substr(p.name, 1, 1) AS surname
      FROM org_role r JOIN person p USING (person_id) WHERE r.org_id = $1 AND r.role = 'cadre' ORDER BY p.birth_date, r.person_id LIMIT 1`, [c1!.id]))[0];
    const son = await relative(ctx, sec1!, '俊杰', sec1!.surname, 'M', 'child', 1, childFrom(await birthOf(ctx, sec1!.person_id)));
    const l1 = await addLease(ctx, { c: c1!, k: 84, assetClass: 'land', rent: 46_000, start: '2023-05-01', years: 5,
      lessee: { type: 'person', id: son.id }, award: 'exchange' });
    rec('planted', l1, c1!, sec1!.person_id,
      `${c1!.name}${sec1!.title}${sec1!.name}之子${son.name}承租集体耕地，年租金${yuan(46_000)}元（以儿子名义承包）`,
      `the son of ${c1!.name}'s ${sec1!.title} ${sec1!.name}, ${son.name}, leases collective farmland at CNY ${yuan(46_000)} a year`);
    // 2. The committee director leases the village fish pond himself.
    const [, dir2] = await cadres(c2!);
    const l2 = await addLease(ctx, { c: c2!, k: 84, assetClass: 'pond', rent: 32_000, start: '2024-03-01', years: 6,
      lessee: { type: 'person', id: dir2!.person_id }, award: 'public_bidding' });
    rec('planted', l2, c2!, dir2!.person_id,
      `${c2!.name}${dir2!.title}${dir2!.name}本人承租村集体养殖水塘，期限6年`,
      `${c2!.name}'s ${dir2!.title} ${dir2!.name} leases the village fish pond himself, for 6 years`);
    // 3. A cadre's spouse holds 40% of the company that leases a collective factory.
    const cad3 = (await ctx.all<Cadre & { spouse: string; spouse_name: string }>(`
      SELECT r.person_id, p.name, r.title, CAST(r.start_date AS VARCHAR) AS start, substr(p.name, 1, 1) AS surname, k.person_id_b AS spouse, q.name AS spouse_name
      FROM org_role r JOIN person p USING (person_id) JOIN kinship k ON k.person_id_a = r.person_id AND k.relation = 'spouse'
      JOIN person q ON q.person_id = k.person_id_b
      WHERE r.org_id = $1 AND r.role = 'cadre' ORDER BY r.person_id LIMIT 1`, [c3!.id]))[0]!;
    await ctx.run(`UPDATE shareholding SET share_ratio = 0.6, subscribed_cny = round(subscribed_cny * 0.6, 2)
      WHERE org_id = $1 AND holder_type = 'person' AND share_ratio = 1`, [firm3!]);
    await ctx.run(`INSERT INTO shareholding SELECT org_id, 'person', $2, 0.4, round(reg_capital_cny * 0.4, 2), DATE '2020-06-01', NULL
      FROM organization WHERE org_id = $1`, [firm3!, cad3.spouse]);
    const l3 = await addLease(ctx, { c: c3!, k: 84, assetClass: 'building', rent: 220_000, start: '2024-01-01', years: 10,
      lessee: { type: 'org', id: firm3! }, award: 'public_bidding' });
    rec('planted', l3, c3!, cad3.person_id,
      `${c3!.name}${cad3.title}${cad3.name}的配偶${cad3.spouse_name}持有承租人${l3.lesseeName}40%股权，该公司承租村集体厂房，年租金${yuan(220_000)}元`,
      `${cad3.spouse_name}, spouse of ${c3!.name}'s ${cad3.title} ${cad3.name}, holds 40% of ${l3.lesseeName}, which leases a collective factory at CNY ${yuan(220_000)} a year`);
    // 4. The director's brother sits on the board of the firm that got the village road contract.
    const [, dir4] = await cadres(c4!);
    const bro = await relative(ctx, dir4!, '国平', dir4!.surname, 'M', 'sibling', 2);
    await ctx.run(`INSERT INTO org_role VALUES ($1, $2, 'director', '董事', DATE '2019-03-01', NULL, '工商登记')`, [firm4!, bro.id]);
    const k4 = await addVillageContract(ctx, { c: c4!, k: 41, supplier: firm4!, title: '村道硬化工程', value: 88_000, sign: '2025-05-20' });
    ctx.record({ truth: 'planted', subject_type: 'contract', subject_id: k4.contractId, contract_id: k4.contractId, org_id: c4!.id, person_id: dir4!.person_id,
      note_zh: `${c4!.name}将村道硬化工程（${yuan(88_000)}元）发包给${k4.supplierName}，该公司董事${bro.name}是${dir4!.title}${dir4!.name}的兄弟`,
      note_en: `${c4!.name} awarded a village road contract (CNY ${yuan(88_000)}) to ${k4.supplierName}, a director of which, ${bro.name}, is the brother of the ${dir4!.title} ${dir4!.name}` });

    // Near miss: the lessee is the secretary's cousin, a fourth-degree relative, outside the recusal range.
    const [sec5] = await cadres(c5!);
    const cousin = await relative(ctx, sec5!, '海波', sec5!.surname, 'M', 'other', 4);
    const n1 = await addLease(ctx, { c: c5!, k: 84, assetClass: 'land', rent: 30_000, start: '2024-04-01', years: 5,
      lessee: { type: 'person', id: cousin.id }, award: 'exchange' });
    rec('near_miss', n1, c5!, sec5!.person_id,
      `${c5!.name}集体耕地承租人${cousin.name}是${sec5!.title}${sec5!.name}的堂兄弟（四代旁系），超出三代以内回避范围`,
      `the lessee ${cousin.name} is a cousin (fourth degree) of ${c5!.name}'s ${sec5!.title} ${sec5!.name}, outside the third-degree recusal range`);
    // Near miss: the lessee is a cadre, but of a neighbouring village, with no say over this one.
    const [, dir7] = await cadres(c7!);
    const n2 = await addLease(ctx, { c: c6!, k: 84, assetClass: 'shop', rent: 36_000, start: '2024-07-01', years: 5,
      lessee: { type: 'person', id: dir7!.person_id }, award: 'public_bidding' });
    rec('near_miss', n2, c6!, dir7!.person_id,
      `${c6!.name}沿街店面承租人${dir7!.name}是邻村${c7!.name}的${dir7!.title}，并非本村干部`,
      `the lessee of ${c6!.name}'s shop front, ${dir7!.name}, is the ${dir7!.title} of a neighbouring village (${c7!.name}), not a cadre of this one`);
    // Near miss: the lessee's father was the committee director until the 2021 village elections, before the lease was signed.
    const formerId = await plantedPersonId(ctx, 'P94006', '1960-01-01', '1966-12-31');
    const { surname } = (await ctx.all<{ surname: string }>(`SELECT pick(surnames(), 'vil006', $1) AS surname`, [formerId]))[0]!;
    await insertPerson(ctx, { personId: formerId, name: `${surname}建林`, gender: 'M' });
    await ctx.run(`INSERT INTO org_role VALUES ($1, $2, 'cadre', '原村委会主任', DATE '2014-01-10', DATE '2020-12-31', '村委会换届名册')`, [c8!.id, formerId]);
    const son8 = await relative(ctx, { person_id: formerId }, '晓峰', surname, 'M', 'child', 1, childFrom(await birthOf(ctx, formerId)));
    const n3 = await addLease(ctx, { c: c8!, k: 84, assetClass: 'building', rent: 90_000, start: '2023-06-01', years: 8,
      lessee: { type: 'person', id: son8.id }, award: 'exchange' });
    rec('near_miss', n3, c8!, formerId,
      `${c8!.name}厂房承租人${son8.name}之父${surname}建林任村委会主任至2020-12-31，${n3.sign}签约时已不在任`,
      `the father of ${son8.name}, who leases a factory of ${c8!.name}, was committee director until 2020-12-31 and no longer in office when the lease was signed on ${n3.sign}`);
  },
};
