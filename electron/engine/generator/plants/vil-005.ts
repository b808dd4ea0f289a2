import { yuan } from './plant-helpers.ts';
import type { Plant } from './plant.ts';
import { addLease, claimCollectives, FIRM, villager, type Collective, type PlantedLease } from './village-lease-kit.ts';

const METHOD_ZH: Record<string, string> = { negotiation: '协商（协议）', direct: '直接指定', exchange: '农村产权交易平台', public_bidding: '公开竞价' };

/**
 * VIL-005: a lease awarded off the market (by negotiation or direct award, not public bidding or the
 * rural property-rights exchange) although its annual rent reaches CNY 50,000 or its total
 * (annual rent × years) CNY 200,000. The background negotiates only leases well under both lines
 * (a reference rent under CNY 40,000 a year and CNY 150,000 in all, with rents at most 20% above it),
 * so it has nothing to neutralise.
 */
export const plant: Plant = {
  modelId: 'VIL-005',
  async plant(ctx) {
    const rec = (truth: 'planted' | 'near_miss', l: PlantedLease, c: Collective, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'lease', subject_id: l.leaseId, lease_id: l.leaseId, org_id: c.id, note_zh: zh, note_en: en });
    const [c1, c2, c3] = await claimCollectives(ctx, 3);
    const [firm1, firm2, firm3] = await ctx.claimOrgs(3, FIRM);

    // 1. A fish pond at CNY 68,000 a year for 5 years, let by negotiation to a villager.
    const l1 = await addLease(ctx, { c: c1!, k: 82, assetClass: 'pond', rent: 68_000, start: '2024-02-01', years: 5,
      lessee: { type: 'person', id: villager(ctx, c1!, 3) }, award: 'negotiation' });
    rec('planted', l1, c1!,
      `${c1!.name}将养殖水塘以${METHOD_ZH.negotiation}方式出租给${l1.lesseeName}，年租金${yuan(68_000)}元（超过5万元），未进入农村产权交易平台`,
      `${c1!.name} let a fish pond to ${l1.lesseeName} by negotiation at CNY ${yuan(68_000)} a year (over CNY 50,000) without going to the rural property-rights exchange`);
    // 2. Farmland at CNY 42,000 a year for 8 years (CNY 336,000 in all), awarded directly to a company.
    const l2 = await addLease(ctx, { c: c2!, k: 82, assetClass: 'land', rent: 42_000, start: '2023-03-01', years: 8,
      lessee: { type: 'org', id: firm1! }, award: 'direct' });
    rec('planted', l2, c2!,
      `${c2!.name}将集体耕地直接指定发包给${l2.lesseeName}，年租金${yuan(42_000)}元、期限8年，合同总额${yuan(336_000)}元超过20万元，未公开交易`,
      `${c2!.name} awarded farmland directly to ${l2.lesseeName} at CNY ${yuan(42_000)} a year for 8 years, CNY ${yuan(336_000)} in all (over CNY 200,000), without a public award`);
    // 3. A shop front at CNY 120,000 a year for 3 years, negotiated with a company.
    const l3 = await addLease(ctx, { c: c3!, k: 82, assetClass: 'shop', rent: 120_000, start: '2025-01-01', years: 3,
      lessee: { type: 'org', id: firm2! }, award: 'negotiation' });
    rec('planted', l3, c3!,
      `${c3!.name}将沿街店面协议出租给${l3.lesseeName}，年租金${yuan(120_000)}元，应进场交易而未进场`,
      `${c3!.name} let a shop front to ${l3.lesseeName} by private agreement at CNY ${yuan(120_000)} a year, although it had to go to the market`);

    // Near miss: CNY 45,000 a year for 3 years by negotiation: CNY 135,000 in all, under both lines.
    const n1 = await addLease(ctx, { c: c1!, k: 83, assetClass: 'building', rent: 45_000, start: '2024-09-01', years: 3,
      lessee: { type: 'person', id: villager(ctx, c1!, 4) }, award: 'negotiation' });
    rec('near_miss', n1, c1!,
      `${c1!.name}协议出租厂房给${n1.lesseeName}，年租金${yuan(45_000)}元、期限3年，总额${yuan(135_000)}元，均未达到进场标准`,
      `${c1!.name} let a building to ${n1.lesseeName} by negotiation at CNY ${yuan(45_000)} a year for 3 years (CNY ${yuan(135_000)} in all): under both thresholds`);
    // Near miss: CNY 49,000 a year for 4 years by negotiation: CNY 196,000 in all, just under both lines.
    const n2 = await addLease(ctx, { c: c2!, k: 83, assetClass: 'land', rent: 49_000, start: '2024-06-01', years: 4,
      lessee: { type: 'person', id: villager(ctx, c2!, 5) }, award: 'negotiation' });
    rec('near_miss', n2, c2!,
      `${c2!.name}协议发包耕地给${n2.lesseeName}，年租金${yuan(49_000)}元、期限4年，总额${yuan(196_000)}元，略低于5万元和20万元标准`,
      `${c2!.name} let farmland to ${n2.lesseeName} by negotiation at CNY ${yuan(49_000)} a year for 4 years (CNY ${yuan(196_000)}): just under both thresholds`);
    // Near miss: a large lease (CNY 180,000 a year) that did go through the exchange.
    const n3 = await addLease(ctx, { c: c3!, k: 83, assetClass: 'building', rent: 180_000, start: '2023-07-01', years: 5,
      lessee: { type: 'org', id: firm3! }, award: 'exchange' });
    rec('near_miss', n3, c3!,
      `${c3!.name}出租厂房给${n3.lesseeName}，年租金${yuan(180_000)}元，经农村产权交易平台公开交易`,
      `${c3!.name} leased a factory to ${n3.lesseeName} at CNY ${yuan(180_000)} a year through the rural property-rights exchange`);
  },
};
