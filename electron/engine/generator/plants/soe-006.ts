import { addDays, claimOrgsFirst, fill, orgInfo, workday, type OrgInfo } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

/** The open-tender threshold of the catalog's reference SQL (goods and services), in cents. */
const T_CENTS = 200_000_000;

interface Cls { category: string; code: string; name: string }
interface Member { contract_id: string; buyer: string; class4: string; fy: number; category: string; class_code: string; cents: string }
interface Total { buyer: string; class4: string; fy: number; n: string; cents: string }

const wan = (yuan: number) => `${(yuan / 10_000).toFixed(2).replace(/\.?0+$/, '')}万元`;
const cny = (yuan: number) => `CNY ${yuan.toLocaleString('en-US')}`;

/** A small deterministic string hash (FNV-1a), for choices that must depend on the data only. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Groups the model flags: per buyer × 4-character class prefix × fiscal year, ≥ 2 non-tendered contracts each below T, Σ ≥ T. */
const OFFENDING = `SELECT buyer_org_id AS buyer, substr(class_code, 1, 4) AS class4, CAST(year(sign_date) AS INTEGER) AS fy
  FROM contract WHERE procurement_method IN ('limited', 'direct') AND value_cny < 2000000
  GROUP BY ALL HAVING count(*) >= 2 AND sum(value_cny) >= 2000000`;

const classes = (ctx: PlantContext) => ctx.all<Cls>(`SELECT category, code, name FROM _class ORDER BY code`);

/**
 * Break up accidental splitting groups of the background: limited and direct purchases of one buyer that
 * happen to share a class prefix and a year (mostly tender-based works, whose 4-character prefix B010 spans
 * nine classes). Until the group no longer offends, its largest contract that the category's other prefix can
 * take without offending there is moved to a class of that prefix (the tender's class, title and tech-spec
 * text, the lot title and the decision subject follow). When no contract can move, one is deleted with every
 * row that depends on it (payments, decisions, amendments, subcontracts and their bank transfers, project
 * staff, performance claims). A tender-based contract takes its award along, so that no active award is left
 * without a contract: the winner declined to sign, its award is cancelled (reason_code rank1_waived, the
 * catalog's code for a first-ranked candidate giving up) and the tender, with no award standing, is unsuccessful.
 * This plant runs first, so that no other plant picks such a tender, award or contract.
 */
async function neutralize(ctx: PlantContext): Promise<void> {
  const cls = await classes(ctx);
  const prefixes = new Map<string, string[]>();
  for (const c of cls) {
    const list = prefixes.get(c.category) ?? [];
    if (!list.includes(c.code.slice(0, 4))) list.push(c.code.slice(0, 4));
    prefixes.set(c.category, list);
  }
  let groups = 0;
  let moved = 0;
  let deleted = 0;
  let cancelled = 0;
  for (let round = 0; round < 4; round++) {
    const members = await ctx.all<Member>(`WITH g AS (${OFFENDING})
      SELECT c.contract_id, g.buyer, g.class4, g.fy, c.category, c.class_code, CAST(round(c.value_cny * 100) AS BIGINT) AS cents
      FROM contract c JOIN g ON g.buyer = c.buyer_org_id AND g.class4 = substr(c.class_code, 1, 4) AND g.fy = year(c.sign_date)
      WHERE c.procurement_method IN ('limited', 'direct') AND c.value_cny < 2000000
      ORDER BY g.buyer, g.class4, g.fy, c.value_cny DESC, c.contract_id`);
    if (members.length === 0) break;
    // Totals of every group of the same buyers and years, so that a move never creates a new offending group.
    const totals = await ctx.all<Total>(`WITH g AS (${OFFENDING}), bf AS (SELECT DISTINCT buyer, fy FROM g)
      SELECT c.buyer_org_id AS buyer, substr(c.class_code, 1, 4) AS class4, CAST(year(c.sign_date) AS INTEGER) AS fy,
             count(*) AS n, CAST(sum(round(c.value_cny * 100)) AS BIGINT) AS cents
      FROM contract c JOIN bf ON bf.buyer = c.buyer_org_id AND bf.fy = year(c.sign_date)
      WHERE c.procurement_method IN ('limited', 'direct') AND c.value_cny < 2000000 GROUP BY ALL`);
    const state = new Map(totals.map((t) => [`${t.buyer}|${t.class4}|${t.fy}`, { n: Number(t.n), cents: Number(t.cents) }]));
    const moves: string[][] = [];
    const dels: string[][] = [];
    const byGroup = new Map<string, Member[]>();
    for (const m of members) {
      const k = `${m.buyer}|${m.class4}|${m.fy}`;
      byGroup.set(k, [...(byGroup.get(k) ?? []), m]);
    }
    /** A class of another prefix of the category that can take the contract without offending itself. */
    const targetFor = (m: Member): Cls | undefined => {
      for (const p of prefixes.get(m.category) ?? []) {
        if (p === m.class4) continue;
        const h = state.get(`${m.buyer}|${p}|${m.fy}`) ?? { n: 0, cents: 0 };
        if (h.n + 1 >= 2 && h.cents + Number(m.cents) >= T_CENTS) continue;
        const options = cls.filter((c) => c.category === m.category && c.code.startsWith(p));
        return options[fnv(m.contract_id) % options.length];
      }
      return undefined;
    };
    for (const [k, list] of byGroup) {
      groups++;
      const st = state.get(k)!;
      const left = [...list]; // largest first
      while (st.n >= 2 && st.cents >= T_CENTS && left.length > 0) {
        // Move the largest contract that another prefix can take; if none can, delete one (a small purchase 'CD…' first,
        // since a tender-based contract takes its award and tender along).
        let i = left.findIndex((m) => targetFor(m) !== undefined);
        const target = i >= 0 ? targetFor(left[i]!) : undefined;
        if (i < 0) i = Math.max(0, left.findIndex((m) => m.contract_id.startsWith('CD')));
        const [m] = left.splice(i, 1);
        const cents = Number(m!.cents);
        st.n -= 1;
        st.cents -= cents;
        if (target) {
          const hk = `${m!.buyer}|${target.code.slice(0, 4)}|${m!.fy}`;
          const h = state.get(hk) ?? { n: 0, cents: 0 };
          state.set(hk, { n: h.n + 1, cents: h.cents + cents });
          moves.push([m!.contract_id, m!.class_code, target.code]);
        } else {
          dels.push([m!.contract_id]);
        }
      }
    }
    if (moves.length > 0) {
      await ctx.run(`CREATE OR REPLACE TEMP TABLE _soe006_move (contract_id VARCHAR, old_code VARCHAR, new_code VARCHAR)`);
      await fill(ctx, '_soe006_move', moves);
      await ctx.run(`CREATE OR REPLACE TEMP TABLE _soe006_mv AS
        SELECT m.contract_id, c.tender_id, oc.name AS old_name, nc.code AS new_code, nc.name AS new_name
        FROM _soe006_move m JOIN contract c USING (contract_id) JOIN _class oc ON oc.code = m.old_code JOIN _class nc ON nc.code = m.new_code`);
      await ctx.run(`UPDATE tender SET class_code = m.new_code, title = replace(tender.title, m.old_name, m.new_name),
          tech_spec_text = replace(tender.tech_spec_text, m.old_name, m.new_name)
        FROM _soe006_mv m WHERE tender.tender_id = m.tender_id`);
      await ctx.run(`UPDATE lot SET title = m.new_name FROM _soe006_mv m WHERE lot.tender_id = m.tender_id AND lot.title = m.old_name`);
      await ctx.run(`UPDATE decision SET subject = replace(decision.subject, m.old_name, m.new_name)
        FROM _soe006_mv m WHERE decision.ref_contract_id = m.contract_id`);
      await ctx.run(`UPDATE contract SET class_code = m.new_code FROM _soe006_mv m WHERE contract.contract_id = m.contract_id`);
      moved += moves.length;
    }
    if (dels.length > 0) {
      await ctx.run(`CREATE OR REPLACE TEMP TABLE _soe006_del (contract_id VARCHAR)`);
      await fill(ctx, '_soe006_del', dels);
      const inDel = `IN (SELECT contract_id FROM _soe006_del)`;
      const awards = await ctx.all<{ n: number }>(`SELECT count(*) AS n FROM contract WHERE contract_id ${inDel} AND award_id IS NOT NULL`);
      await ctx.run(`UPDATE award SET status = 'cancelled', reason_code = 'rank1_waived'
        WHERE award_id IN (SELECT award_id FROM contract WHERE contract_id ${inDel})`);
      await ctx.run(`UPDATE tender SET status = 'unsuccessful'
        WHERE tender_id IN (SELECT tender_id FROM contract WHERE contract_id ${inDel})
          AND NOT EXISTS (SELECT 1 FROM award a WHERE a.tender_id = tender.tender_id AND a.status = 'active')`);
      cancelled += Number(awards[0]!.n);
      await ctx.run(`DELETE FROM bank_txn WHERE txn_id IN (SELECT 'TX' || substr(contract_id, 3) FROM subcontract WHERE contract_id ${inDel})`);
      for (const [table, col] of [['subcontract', 'contract_id'], ['contract_amendment', 'contract_id'], ['project_staff', 'contract_id'],
        ['bid_claim', 'claimed_contract_ref'], ['village_voucher', 'contract_id']] as const) {
        await ctx.run(`DELETE FROM ${table} WHERE ${col} ${inDel}`);
      }
      await ctx.run(`DELETE FROM decision WHERE ref_contract_id ${inDel}
        OR ref_payment_id IN (SELECT payment_id FROM payment WHERE contract_id ${inDel})`);
      await ctx.run(`DELETE FROM payment WHERE contract_id ${inDel}`);
      await ctx.run(`DELETE FROM contract WHERE contract_id ${inDel}`);
      deleted += dels.length;
    }
  }
  if (process.env.CLEARSIGHT_DEBUG) {
    process.stderr.write(`  SOE-006 neutralize: ${groups} groups, ${moved} contracts reclassified, ${deleted} deleted (${cancelled} awards cancelled)\n`);
  }
}

interface NewContract {
  id: string; buyer: OrgInfo; supplier: OrgInfo; method: 'direct' | 'limited'; category: string; cls: Cls;
  value: number; sign: string; projectRef: string;
}

/**
 * A purchase made without a tender, shaped like the background's small purchases ('CD…'), with what the
 * background gives every contract of its size: a collective decision from CNY 500,000, and instalments
 * (an advance of 30% at the start except for goods, the balance after acceptance).
 */
async function addContract(ctx: PlantContext, c: NewContract): Promise<void> {
  const asOf = ctx.plan.asOf;
  const start = addDays(c.sign, 3);
  const end = addDays(c.sign, 60);
  const accepted = addDays(c.sign, 70) <= asOf;
  const year = c.sign.slice(0, 4);
  const detail = c.method === 'direct' ? '直接采购' : '询价';
  await ctx.run(`INSERT INTO contract VALUES ($1, NULL, NULL, $2, $3, $4, $5, $6, $7, CAST($8 AS DECIMAL(18,2)), CAST($9 AS DATE), CAST($10 AS DATE),
      CAST($11 AS DATE), CAST($12 AS DATE), CAST($13 AS DATE), CAST($14 AS DECIMAL(18,2)), $15, $16, NULL, NULL, $17)`,
    [c.id, c.buyer.id, c.supplier.id, c.method, detail, c.category, c.cls.code, c.value, c.sign, start, end,
      end <= asOf ? end : null, accepted ? addDays(c.sign, 70) : null, accepted ? c.value : null, accepted ? 'completed' : 'active',
      `BG${c.buyer.id.slice(3)}${year}`, c.projectRef]);
  const decisionId = c.value >= 500_000 ? `DC${c.id.slice(2)}` : null;
  if (decisionId) {
    await ctx.run(`INSERT INTO decision VALUES ($1, $2, $3, CAST($4 AS DATE), $5, 'contract', CAST($6 AS DECIMAL(18,2)), 8, 9, 8, $7, NULL, NULL, $8)`,
      [decisionId, c.buyer.id, c.buyer.type === 'soe' ? 'gm_office' : 'party_committee', addDays(c.sign, -6),
        `关于采购${c.cls.name}（${c.projectRef}）合同签订及资金支付的决定`, c.value, c.id, c.projectRef]);
  }
  const inst: Array<[number, number, string, string]> = [];
  if (c.category !== 'goods') inst.push([1, 0.3, workday(start), '预付款']);
  if (accepted) inst.push([2, c.category === 'goods' ? 1 : 0.7, workday(addDays(c.sign, 75)), '结算款']);
  for (const [n, share, day, purpose] of inst) {
    if (day > asOf) continue;
    const minute = 540 + (fnv(`${c.id}${n}`) % 480);
    const time = `${day} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
    await ctx.run(`INSERT INTO payment VALUES ($1, $2, $3, $4, 'org', $5, $6, CAST($7 AS DECIMAL(18,2)), CAST($8 AS TIMESTAMP), 'bank', $9, 'contract',
        $10, $11, $12, $13, $14)`,
      [`PM${c.id.slice(2)}${n}`, c.buyer.id, `AC${c.buyer.id.slice(3)}B`, c.supplier.name, c.supplier.id, `AC${c.supplier.id.slice(3)}B`,
        Math.round(c.value * share * 100) / 100, time, purpose, c.id, `BG${c.buyer.id.slice(3)}${year}`, `PZ${c.id.slice(2)}${n}`,
        `FP${(fnv(`${c.id}:${n}:inv`) >>> 0).toString(16).toUpperCase().padStart(8, '0')}${String(n).padStart(4, '0')}`, decisionId]);
  }
}

/**
 * A buyer with no non-tendered purchase in class prefix $1 in fiscal years $2 to $3 (so the planted group is
 * exactly the planted contracts), preferably one that also meets `preferred` (SQL on o and _org, no values).
 */
async function claimBuyer(ctx: PlantContext, class4: string, years: number[], preferred: string): Promise<OrgInfo> {
  const free = `_org.seg = 'buyer' AND NOT EXISTS (SELECT 1 FROM contract c WHERE c.buyer_org_id = o.org_id
    AND c.procurement_method IN ('limited', 'direct') AND substr(c.class_code, 1, 4) = $1
    AND year(c.sign_date) BETWEEN CAST($2 AS INTEGER) AND CAST($3 AS INTEGER))`;
  const params = [class4, Math.min(...years), Math.max(...years)];
  const [id] = await claimOrgsFirst(ctx, 1, [{ where: `${free} AND ${preferred}`, params }, { where: free, params }]);
  return orgInfo(ctx, id!);
}

/** A supplier of the category, preferably one whose name holds one of nameWords (so that it fits the purchase). */
async function claimSupplier(ctx: PlantContext, category: string, nameWords: string[] = []): Promise<OrgInfo> {
  const base = `_org.seg = 'supplier' AND _org.category = $1`;
  const fitting = { where: `${base} AND (${nameWords.map((_, i) => `contains(o.name, $${i + 2})`).join(' OR ')})`, params: [category, ...nameWords] };
  const [id] = await claimOrgsFirst(ctx, 1, [...(nameWords.length > 0 ? [fitting] : []), { where: base, params: [category] }]);
  return orgInfo(ctx, id!);
}

export const plant: Plant = {
  modelId: 'SOE-006',
  neutralize,
  async plant(ctx) {
    const cls = new Map((await classes(ctx)).map((c) => [c.code, c]));
    const subject = (buyer: OrgInfo, code: string, year: number) => `${buyer.id}|${code.slice(0, 4)}|${year}`;
    const cid = (buyer: OrgInfo, year: number, k: number) => `CD${buyer.id.slice(3)}${year}${k}`; // background small purchases use k = 0..2

    /** Several purchases of one class by one buyer in one year; returns the contracts' values. */
    async function series(buyer: OrgInfo, code: string, items: Array<{ sup: OrgInfo; method: 'direct' | 'limited'; value: number; sign: string; ref?: string }>) {
      const c = cls.get(code)!;
      for (const [i, it] of items.entries()) {
        const year = Number(it.sign.slice(0, 4));
        await addContract(ctx, { id: cid(buyer, year, 7 + i), buyer, supplier: it.sup, method: it.method, category: c.category, cls: c,
          value: it.value, sign: it.sign, projectRef: it.ref ?? `ZC${year}-${buyer.id.slice(3)}${7 + i}` });
      }
    }

    // 1. Three direct purchases of medical equipment from one supplier within ten weeks, under one project.
    {
      const code = 'A0204';
      const b = await claimBuyer(ctx, 'A020', [2024], `o.name LIKE '%医院%'`);
      const s = await claimSupplier(ctx, 'goods', ['医疗器械']);
      const v = [826_500, 793_800, 847_200];
      await series(b, code, v.map((value, i) => ({ sup: s, method: 'direct' as const, value, sign: ['2024-03-12', '2024-04-16', '2024-05-21'][i]!,
        ref: `ZC2024-${b.id.slice(3)}7` })));
      const sum = v.reduce((a, x) => a + x, 0);
      ctx.record({ truth: 'planted', subject_type: 'buyer_class_year', subject_id: subject(b, code, 2024), org_id: b.id, org_id_b: s.id,
        note_zh: `${b.name}于2024年3月至5月以直接采购方式向同一供应商${s.name}分3次采购${cls.get(code)!.name}（${v.map(wan).join('、')}），同一项目编号，`
          + `单笔均低于200万元公开招标限额，合计${wan(sum)}，疑似化整为零规避招标`,
        note_en: `${b.name} bought ${cls.get(code)!.name} (medical equipment) from one supplier, ${s.name}, in three direct purchases under one project `
          + `between March and May 2024 (${v.map(cny).join(', ')}): each below the CNY 2,000,000 tender threshold, ${cny(sum)} in total` });
    }
    // 2. Two direct IT operations contracts with two suppliers in one year.
    {
      const code = 'C0102';
      const b = await claimBuyer(ctx, 'C010', [2023], `_org.org_type = 'gov_agency'`);
      const s1 = await claimSupplier(ctx, 'services', ['信息服务']);
      const s2 = await claimSupplier(ctx, 'services', ['信息服务']);
      const v = [1_152_000, 1_036_000];
      await series(b, code, [{ sup: s1, method: 'direct', value: v[0]!, sign: '2023-04-10' }, { sup: s2, method: 'direct', value: v[1]!, sign: '2023-09-18' }]);
      const sum = v[0]! + v[1]!;
      ctx.record({ truth: 'planted', subject_type: 'buyer_class_year', subject_id: subject(b, code, 2023), org_id: b.id, org_id_b: s1.id,
        note_zh: `${b.name}在2023年度将${cls.get(code)!.name}拆成两份直接采购合同（${s1.name} ${wan(v[0]!)}、${s2.name} ${wan(v[1]!)}），`
          + `合计${wan(sum)}，超过200万元公开招标限额`,
        note_en: `${b.name} split its 2023 ${cls.get(code)!.name} (IT operations) into two direct contracts (${s1.name} ${cny(v[0]!)}, `
          + `${s2.name} ${cny(v[1]!)}), ${cny(sum)} in total, above the CNY 2,000,000 tender threshold` });
    }
    // 3. Property management: two direct awards and one price inquiry in the first half of 2025.
    {
      const code = 'C0101';
      const b = await claimBuyer(ctx, 'C010', [2025], `_org.org_type = 'soe'`);
      const s1 = await claimSupplier(ctx, 'services', ['物业管理']);
      const s2 = await claimSupplier(ctx, 'services', ['物业管理']);
      const v = [1_286_000, 1_193_500, 876_000];
      await series(b, code, [{ sup: s1, method: 'direct', value: v[0]!, sign: '2025-01-15' }, { sup: s1, method: 'direct', value: v[1]!, sign: '2025-03-10' },
        { sup: s2, method: 'limited', value: v[2]!, sign: '2025-06-05' }]);
      const sum = v.reduce((a, x) => a + x, 0);
      ctx.record({ truth: 'planted', subject_type: 'buyer_class_year', subject_id: subject(b, code, 2025), org_id: b.id, org_id_b: s1.id,
        note_zh: `${b.name}于2025年上半年分3次采购${cls.get(code)!.name}：向${s1.name}直接采购2次（${wan(v[0]!)}、${wan(v[1]!)}），`
          + `另以询价方式向${s2.name}采购${wan(v[2]!)}，合计${wan(sum)}，规避公开招标`,
        note_en: `${b.name} bought ${cls.get(code)!.name} (property management) three times in the first half of 2025: two direct awards to `
          + `${s1.name} (${cny(v[0]!)}, ${cny(v[1]!)}) and a price inquiry won by ${s2.name} (${cny(v[2]!)}); ${cny(sum)} in total` });
    }

    // Near miss: two direct purchases totalling CNY 1,900,000, just below the threshold.
    {
      const code = 'A0201';
      const b = await claimBuyer(ctx, 'A020', [2024], 'TRUE');
      const s = await claimSupplier(ctx, 'goods', ['信息技术', '电子科技', '办公设备']);
      const v = [961_000, 939_000];
      await series(b, code, [{ sup: s, method: 'direct', value: v[0]!, sign: '2024-06-11' }, { sup: s, method: 'direct', value: v[1]!, sign: '2024-08-20' }]);
      ctx.record({ truth: 'near_miss', subject_type: 'buyer_class_year', subject_id: subject(b, code, 2024), org_id: b.id, org_id_b: s.id,
        note_zh: `${b.name}在2024年两次直接采购${cls.get(code)!.name}（${wan(v[0]!)}、${wan(v[1]!)}），合计190万元，未达200万元公开招标限额`,
        note_en: `${b.name} made two direct purchases of ${cls.get(code)!.name} in 2024 (${cny(v[0]!)}, ${cny(v[1]!)}): CNY 1,900,000 in total, below the threshold` });
    }
    // Near miss: two direct purchases straddling the turn of the year, one in each fiscal year.
    {
      const code = 'C0108';
      const b = await claimBuyer(ctx, 'C010', [2023, 2024], 'TRUE');
      const s = await claimSupplier(ctx, 'services', ['规划设计']);
      const v = [1_180_000, 1_090_000];
      await addContract(ctx, { id: cid(b, 2023, 7), buyer: b, supplier: s, method: 'direct', category: 'services', cls: cls.get(code)!, value: v[0]!,
        sign: '2023-12-18', projectRef: `ZC2023-${b.id.slice(3)}7` });
      await addContract(ctx, { id: cid(b, 2024, 7), buyer: b, supplier: s, method: 'direct', category: 'services', cls: cls.get(code)!, value: v[1]!,
        sign: '2024-01-09', projectRef: `ZC2024-${b.id.slice(3)}7` });
      for (const [year, value, day] of [[2023, v[0]!, '2023-12-18'], [2024, v[1]!, '2024-01-09']] as const) {
        ctx.record({ truth: 'near_miss', subject_type: 'buyer_class_year', subject_id: subject(b, code, year), org_id: b.id, org_id_b: s.id,
          note_zh: `${b.name}向${s.name}两次直接采购${cls.get(code)!.name}（2023-12-18 ${wan(v[0]!)}、2024-01-09 ${wan(v[1]!)}），合计超过200万元，`
            + `但分属两个财政年度，${year}年度仅${day}一笔${wan(value)}，按年度口径不构成拆分`,
          note_en: `${b.name} made two direct ${cls.get(code)!.name} purchases from ${s.name} (${cny(v[0]!)} on 2023-12-18, ${cny(v[1]!)} on 2024-01-09), `
            + `over CNY 2,000,000 together but in two fiscal years: ${year} holds only the ${cny(value)} contract of ${day}` });
      }
    }
    // Near miss: the larger purchase of the pair went through open tender; only one non-tendered contract remains.
    {
      const cond = `c.procurement_method = 'open' AND c.category IN ('goods', 'services') AND c.value_cny BETWEEN 600000 AND 1800000
        AND c.sign_date BETWEEN DATE '2021-02-01' AND DATE '2025-07-31'
        AND NOT EXISTS (SELECT 1 FROM contract d WHERE d.buyer_org_id = c.buyer_org_id AND d.procurement_method IN ('limited', 'direct')
                        AND substr(d.class_code, 1, 4) = substr(c.class_code, 1, 4) AND year(d.sign_date) = year(c.sign_date))`;
      const [bid] = await ctx.claimOrgs(1, `_org.seg = 'buyer' AND o.org_id IN (SELECT c.buyer_org_id FROM contract c WHERE ${cond})`);
      const b = await orgInfo(ctx, bid!);
      const [open] = await ctx.all<{ contract_id: string; class_code: string; value: number; sign: string; supplier: string }>(`
        SELECT c.contract_id, c.class_code, CAST(c.value_cny AS DOUBLE) AS value, CAST(c.sign_date AS VARCHAR) AS sign, c.supplier_org_id AS supplier
        FROM contract c WHERE c.buyer_org_id = $1 AND ${cond} ORDER BY u('soe006', c.contract_id), c.contract_id LIMIT 1`, [b.id]);
      const c = cls.get(open!.class_code)!;
      const s = await claimSupplier(ctx, c.category);
      const value = Math.round((2_400_000 - open!.value) / 100) * 100;
      const sign = addDays(open!.sign, Number(open!.sign.slice(5, 7)) <= 6 ? 25 : -25);
      const year = Number(sign.slice(0, 4));
      await addContract(ctx, { id: cid(b, year, 7), buyer: b, supplier: s, method: 'direct', category: c.category, cls: c, value, sign,
        projectRef: `ZC${year}-${b.id.slice(3)}7` });
      ctx.record({ truth: 'near_miss', subject_type: 'buyer_class_year', subject_id: subject(b, c.code, year), org_id: b.id, org_id_b: s.id,
        contract_id: open!.contract_id,
        note_zh: `${b.name}在${year}年采购${c.name}两次，合计约240万元，但其中${wan(open!.value)}的合同（${open!.contract_id}）经公开招标，`
          + `非招标方式的仅${sign}直接采购${wan(value)}一笔`,
        note_en: `${b.name} bought ${c.name} twice in ${year}, about CNY 2,400,000 together, but the ${cny(open!.value)} contract (${open!.contract_id}) `
          + `went through open tender; only one purchase (${cny(value)}, direct, ${sign}) was made without a tender` });
    }
  },
};
