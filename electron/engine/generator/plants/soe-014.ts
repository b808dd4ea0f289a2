import { addDays, claimOrgsFirst, orgInfo, yuan, type OrgInfo } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';
import { addContract, addDecision, bodyFor } from './contract-money.ts';
import { adoptExisting, modelHitsTable } from './model-truth.ts';

/** Contracts the background made: tender-based 'CT…' and its small purchases 'CD' + buyer + year + 0–2. */
const BACKGROUND_RE = '(CT[0-9]+|CD[0-9]{11}[0-2])';

/**
 * The background awards some limited (negotiation, consultation, inquiry) and direct (single-source) tenders
 * above the must-tender thresholds. Real registers record the legal ground for those: a failed tender before
 * a negotiation, an emergency for a direct award. Each such background contract without one gets it
 * (justification_code), so that the only contracts without a ground are planted ones.
 */
async function neutralize(ctx: PlantContext): Promise<void> {
  await modelHitsTable(ctx, 'SOE-014', '_soe014_hits');
  await ctx.run(`UPDATE contract SET justification_code = CASE procurement_method WHEN 'limited' THEN 'failed_tender' ELSE 'emergency' END
    WHERE contract_id IN (SELECT subject_id FROM _soe014_hits WHERE regexp_full_match(subject_id, $1)) AND justification_code IS NULL`, [BACKGROUND_RE]);
}

/** A buyer with no non-tender contract of the class prefix in the year (so SOE-006 sees the planted one alone). */
async function claimBuyer(ctx: PlantContext, class4: string, year: number, preferred: string): Promise<OrgInfo> {
  const free = `_org.seg = 'buyer' AND NOT EXISTS (SELECT 1 FROM contract c WHERE c.buyer_org_id = o.org_id
    AND c.procurement_method IN ('limited', 'direct') AND substr(c.class_code, 1, 4) = $1 AND year(c.sign_date) = CAST($2 AS INTEGER))`;
  const [id] = await claimOrgsFirst(ctx, 1, [{ where: `${free} AND ${preferred}`, params: [class4, year] }, { where: free, params: [class4, year] }]);
  return orgInfo(ctx, id!);
}

async function claimSupplier(ctx: PlantContext, category: string, words: string[]): Promise<OrgInfo> {
  const base = `_org.seg = 'supplier' AND _org.category = $1`;
  const [id] = await claimOrgsFirst(ctx, 1, [
    { where: `${base} AND (${words.map((_, i) => `contains(o.name, $${i + 2})`).join(' OR ')})`, params: [category, ...words] },
    { where: base, params: [category] }]);
  return orgInfo(ctx, id!);
}

const CLASS: Record<string, string> = {
  B0110: '农村道路硬化工程', B0107: '河道整治工程', B0104: '给排水管网工程', B0109: '电力工程', A0204: '医疗设备', A0209: '安防监控设备', C0103: '工程监理服务',
};
const wan = (v: number) => `${(v / 10_000).toFixed(2).replace(/\.?0+$/, '')}万元`;

/**
 * SOE-014: a contract awarded by a limited or direct method at or above the must-tender threshold of its
 * category (works 4 million, goods 2 million, services 1 million), with no legal exemption code and no approval
 * of the method taken by the day of signing.
 */
export const plant: Plant = {
  modelId: 'SOE-014',
  neutralize,
  async plant(ctx) {
    // Other plants' non-tender contracts above the thresholds (SOE-006's split services purchases) are cases too.
    await adoptExisting(ctx, 'SOE-014');
    const rec = (truth: 'planted' | 'near_miss', id: string, b: OrgInfo, s: OrgInfo, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'contract', subject_id: id, contract_id: id, org_id: s.id, org_id_b: b.id, note_zh: zh, note_en: en });
    const make = async (id: string, b: OrgInfo, s: OrgInfo, method: 'direct' | 'limited', detail: string, category: 'works' | 'goods' | 'services',
      code: string, value: number, sign: string, days: number, justification: string | null = null) => {
      await addContract(ctx, { id, buyer: b, supplier: s, method, detail, category, classCode: code, className: CLASS[code]!, value, sign, days,
        projectRef: `ZC${sign.slice(0, 4)}-${id.slice(-2)}${b.id.slice(3)}`, justification });
    };

    // 1. A township awards a 5.86 million road works contract directly, without any tender.
    {
      const b = await claimBuyer(ctx, 'B011', 2024, `(o.name LIKE '%交通运输局%' OR o.name LIKE '%镇人民政府%' OR o.name LIKE '%农业农村局%')`);
      const s = await claimSupplier(ctx, 'works', ['交通工程', '路桥建设', '市政工程']);
      const v = 5_862_400;
      await make('CD-S014-01', b, s, 'direct', '直接发包', 'works', 'B0110', v, '2024-04-16', 150);
      rec('planted', 'CD-S014-01', b, s,
        `${b.name}将${wan(v)}的农村道路硬化工程直接发包给${s.name}，达到工程类400万元必须招标限额，无不招标理由，也无采购方式审批`,
        `${b.name} awarded CNY ${yuan(v)} of rural road works directly to ${s.name}: above the CNY 4,000,000 must-tender threshold for works, with no exemption and no approval of the method`);
    }
    // 2. A hospital buys 2.38 million of medical equipment by price inquiry.
    {
      const b = await claimBuyer(ctx, 'A020', 2025, `o.name LIKE '%医院%'`);
      const s = await claimSupplier(ctx, 'goods', ['医疗器械']);
      const v = 2_376_800;
      await make('CD-S014-02', b, s, 'limited', '询价', 'goods', 'A0204', v, '2025-03-11', 45);
      rec('planted', 'CD-S014-02', b, s,
        `${b.name}以询价方式向${s.name}采购医疗设备${wan(v)}，超过货物类200万元限额，应公开招标而未招标`,
        `${b.name} bought CNY ${yuan(v)} of medical equipment from ${s.name} by price inquiry, above the CNY 2,000,000 threshold for goods`);
    }
    // 3. Construction supervision bought from a single source for 1.35 million; the method was approved twelve days after signing.
    {
      const b = await claimBuyer(ctx, 'C010', 2025, `_org.org_type = 'soe'`);
      const s = await claimSupplier(ctx, 'services', ['工程管理', '工程咨询']);
      const v = 1_348_000;
      const sign = '2025-05-20';
      await make('CD-S014-03', b, s, 'direct', '单一来源', 'services', 'C0103', v, sign, 240);
      await addDecision(ctx, { id: 'DP-S014-03', org: b.id, body: bodyFor(b.type), date: addDays(sign, 12), subjectType: 'procurement_method',
        subject: `关于追认${s.name}工程监理服务单一来源采购方式的决定`, amount: v, refContract: 'CD-S014-03' });
      rec('planted', 'CD-S014-03', b, s,
        `${b.name}以单一来源方式将${wan(v)}的工程监理服务交给${s.name}，超过服务类100万元限额；采购方式审批（DP-S014-03）在签约12天后才补办`,
        `${b.name} bought CNY ${yuan(v)} of construction supervision from ${s.name} as a single source, above the CNY 1,000,000 threshold for services; `
          + `the method was only approved (DP-S014-03) twelve days after signing`);
    }

    // Near miss: a direct works award of 3.92 million, just under the 4 million threshold.
    {
      const b = await claimBuyer(ctx, 'B010', 2025, `(o.name LIKE '%水利%' OR o.name LIKE '%水务%')`);
      const s = await claimSupplier(ctx, 'works', ['水利水电工程', '环境工程']);
      const v = 3_918_600;
      await make('CD-S014-04', b, s, 'direct', '直接发包', 'works', 'B0107', v, '2025-02-24', 120);
      rec('near_miss', 'CD-S014-04', b, s,
        `${b.name}将${wan(v)}的河道整治工程直接发包给${s.name}，略低于工程类400万元必须招标限额`,
        `${b.name} awarded CNY ${yuan(v)} of river works directly to ${s.name}, just under the CNY 4,000,000 must-tender threshold`);
    }
    // Near miss: a single-source purchase of security cameras whose method the party committee approved before signing.
    {
      const b = await claimBuyer(ctx, 'A020', 2024, `(o.name LIKE '%公安局%' OR o.name LIKE '%中学%' OR o.name LIKE '%小学%')`);
      const s = await claimSupplier(ctx, 'goods', ['智能科技', '电子科技']);
      const v = 2_615_000;
      const sign = '2024-09-09';
      await make('CD-S014-05', b, s, 'direct', '单一来源', 'goods', 'A0209', v, sign, 40);
      await addDecision(ctx, { id: 'DP-S014-05', org: b.id, body: bodyFor(b.type), date: addDays(sign, -21), subjectType: 'procurement_method',
        subject: `关于安防监控系统扩容采用单一来源采购方式（与原系统兼容）的决定`, amount: v, refContract: 'CD-S014-05' });
      rec('near_miss', 'CD-S014-05', b, s,
        `${b.name}向${s.name}单一来源采购安防监控设备${wan(v)}，超过限额，但签约前三周已集体决策批准该采购方式（DP-S014-05）`,
        `${b.name} bought CNY ${yuan(v)} of security cameras from ${s.name} as a single source, above the threshold, but the method was approved three weeks before signing (DP-S014-05)`);
    }
    // Near miss: flood-season emergency repairs awarded directly, with the legal exemption recorded.
    {
      const b = await claimBuyer(ctx, 'B010', 2024, `(o.name LIKE '%水务%' OR o.name LIKE '%城市管理局%' OR o.name LIKE '%住房和城乡建设局%')`);
      const s = await claimSupplier(ctx, 'works', ['水利水电工程', '市政工程']);
      const v = 6_240_000;
      await make('CD-S014-06', b, s, 'direct', '直接发包', 'works', 'B0104', v, '2024-06-21', 60, 'emergency');
      rec('near_miss', 'CD-S014-06', b, s,
        `${b.name}在汛期将${wan(v)}的管网抢修工程直接发包给${s.name}，合同记录了抢险救灾的法定不招标理由（emergency）`,
        `${b.name} awarded CNY ${yuan(v)} of flood-season pipe repairs directly to ${s.name}, recording the emergency exemption from tendering`);
    }
  },
};
