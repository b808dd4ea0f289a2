import { yuan } from './plant-helpers.ts';
import type { Plant } from './plant.ts';
import { addLease, claimCollectives, FIRM, villager, type Collective, type PlantedLease } from './village-lease-kit.ts';

/**
 * VIL-003: a lease whose term reaches the 20-year limit for buildings (Civil Code Art. 705), or that runs
 * past the end of the collective's own right in the land (the remaining term of the land contract). The
 * background leases for 3 to 15 years, and its land rights run to 2058, beyond every lease, so it has
 * nothing to neutralise. Every planted lease is awarded on the market and decided by the villagers'
 * assembly beforehand, so that it is over-long and nothing else.
 */
export const plant: Plant = {
  modelId: 'VIL-003',
  async plant(ctx) {
    const rec = (truth: 'planted' | 'near_miss', l: PlantedLease, c: Collective, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'lease', subject_id: l.leaseId, lease_id: l.leaseId, org_id: c.id, note_zh: zh, note_en: en });
    const [c1, c2, c3] = await claimCollectives(ctx, 3);
    const [firm1, firm2, firm3] = await ctx.claimOrgs(3, FIRM);

    // 1. A factory leased to a company for 30 years.
    const l1 = await addLease(ctx, { c: c1!, k: 80, assetClass: 'building', rent: 360_000, start: '2021-07-01', years: 30,
      lessee: { type: 'org', id: firm1! }, award: 'public_bidding' });
    rec('planted', l1, c1!,
      `${c1!.name}将村集体厂房出租给${l1.lesseeName}，租期${l1.start}至${l1.end}，长达30年，超过民法典规定的20年上限`,
      `${c1!.name} leased a collective factory to ${l1.lesseeName} from ${l1.start} to ${l1.end}: 30 years, beyond the Civil Code's 20-year limit`);
    // 2. A shop front leased to a villager for 25 years.
    const l2 = await addLease(ctx, { c: c2!, k: 80, assetClass: 'shop', rent: 46_000, start: '2023-04-01', years: 25,
      lessee: { type: 'person', id: villager(ctx, c2!, 4) }, award: 'exchange' });
    rec('planted', l2, c2!,
      `${c2!.name}将沿街店面出租给村民${l2.lesseeName}，年租金${yuan(46_000)}元，租期25年（${l2.start}至${l2.end}），超过20年上限`,
      `${c2!.name} leased a shop front to the villager ${l2.lesseeName} at CNY ${yuan(46_000)} a year for 25 years (${l2.start} to ${l2.end}), beyond the 20-year limit`);
    // 3. Farmland whose second-round household contract ends in 2028, leased out (through the collective) until 2034.
    const l3 = await addLease(ctx, { c: c3!, k: 80, assetClass: 'land', rent: 52_000, start: '2022-03-01', years: 12, rightEnd: '2028-12-31',
      lessee: { type: 'org', id: firm2! }, award: 'exchange' });
    rec('planted', l3, c3!,
      `${c3!.name}将二轮承包期至2028-12-31届满的耕地流转给${l3.lesseeName}，租期至${l3.end}，超出承包期剩余期限`,
      `${c3!.name} leased farmland whose second-round contract right ends on 2028-12-31 to ${l3.lesseeName} until ${l3.end}, beyond the remaining contract term`);

    // Near miss: a factory leased for exactly 20 years, the longest term allowed.
    const n1 = await addLease(ctx, { c: c1!, k: 81, assetClass: 'building', rent: 150_000, start: '2024-03-01', years: 20,
      lessee: { type: 'org', id: firm3! }, award: 'public_bidding' });
    rec('near_miss', n1, c1!,
      `${c1!.name}出租厂房给${n1.lesseeName}，租期${n1.start}至${n1.end}，恰好20年，未超过上限`,
      `${c1!.name} leased a factory to ${n1.lesseeName} from ${n1.start} to ${n1.end}: exactly 20 years, within the limit`);
    // Near miss: farmland leased until the very day the contract right ends.
    const n2 = await addLease(ctx, { c: c3!, k: 81, assetClass: 'land', rent: 28_000, start: '2023-01-01', end: '2028-12-31', rightEnd: '2028-12-31',
      lessee: { type: 'person', id: villager(ctx, c3!, 3) }, award: 'public_bidding' });
    rec('near_miss', n2, c3!,
      `${c3!.name}将承包期至2028-12-31的耕地出租给${n2.lesseeName}，租期同日届满，未超出承包期`,
      `${c3!.name} leased farmland to ${n2.lesseeName} until 2028-12-31, the day its contract right ends, and not beyond`);
  },
};
