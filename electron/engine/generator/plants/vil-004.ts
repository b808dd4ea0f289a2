import { addDays, yuan } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';
import { addVillageContract, claimCollectives, FIRM } from './village-lease-kit.ts';

interface Lease { lease_id: string; collective: string; collective_name: string; lessee_name: string; sign: string; decision_id: string; rent: number }

/**
 * Claim a collective and one of its background leases signed from 2021 on, with the villagers' assembly
 * decision the background gives every lease (15 days before signing, 40 of 52 present, 36 in favour).
 */
async function claimLease(ctx: PlantContext): Promise<Lease> {
  const cond = `l.sign_date >= DATE '2021-01-01' AND EXISTS (SELECT 1 FROM decision d WHERE d.ref_lease_id = l.lease_id AND d.body = 'villagers_assembly')`;
  const [c] = await claimCollectives(ctx, 1, `o.org_id IN (SELECT l.collective_org_id FROM lease_contract l WHERE ${cond})`);
  const [l] = await ctx.all<Lease>(`
    SELECT l.lease_id, l.collective_org_id AS collective, o.name AS collective_name, l.lessee_name, CAST(l.sign_date AS VARCHAR) AS sign,
      d.decision_id, CAST(l.annual_rent_cny AS DOUBLE) AS rent
    FROM lease_contract l JOIN organization o ON o.org_id = l.collective_org_id JOIN decision d ON d.ref_lease_id = l.lease_id
    WHERE l.collective_org_id = $1 AND ${cond} ORDER BY u('vil004', l.lease_id), l.lease_id LIMIT 1`, [c!.id]);
  return l!;
}

/**
 * VIL-004: a lease of collective assets, or a contract with the collective as buyer, with no decision of
 * the villagers' assembly on or before the signing day (red), or only decisions without the quorum or a
 * majority (orange). The background decides every lease at a properly attended assembly 15 days before
 * signing and has no contract with a collective as buyer, so it has nothing to neutralise; the plants
 * alter the decision of a background lease, and add one village works contract.
 */
export const plant: Plant = {
  modelId: 'VIL-004',
  async plant(ctx) {
    const rec = (truth: 'planted' | 'near_miss', l: Lease, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'lease', subject_id: l.lease_id, lease_id: l.lease_id, org_id: l.collective, note_zh: zh, note_en: en });
    const setDecision = (l: Lease, sql: string, params: unknown[]) => ctx.run(`UPDATE decision SET ${sql} WHERE decision_id = $1`, [l.decision_id, ...params]);

    // 1. Red: the village's two committees decided the lease themselves; no villagers' assembly was held.
    const p1 = await claimLease(ctx);
    await setDecision(p1, `body = 'village_committee', subject = '村两委联席会议关于' || $2 || '承租集体资产的决定', attendees = 7, eligible_members = 7, votes_for = 7`,
      [p1.lessee_name]);
    rec('planted', p1,
      `红色：${p1.collective_name}将集体资产出租给${p1.lessee_name}（年租金${yuan(p1.rent)}元），仅经村两委联席会议决定，未提交村民（代表）会议`,
      `red: ${p1.collective_name} leased collective property to ${p1.lessee_name} (CNY ${yuan(p1.rent)} a year) on a decision of the village committees alone, never put to the villagers' assembly`);
    // 2. Red: the assembly only ratified the lease 40 days after it was signed.
    const p2 = await claimLease(ctx);
    const late = addDays(p2.sign, 40);
    await setDecision(p2, `meeting_date = CAST($2 AS DATE), subject = '关于追认' || $3 || '承租集体资产的决议'`, [late, p2.lessee_name]);
    rec('planted', p2,
      `红色：${p2.collective_name}与${p2.lessee_name}于${p2.sign}签订租赁合同，村民代表会议至${late}才事后追认`,
      `red: ${p2.collective_name} signed the lease with ${p2.lessee_name} on ${p2.sign}; the villagers' meeting only ratified it afterwards, on ${late}`);
    // 3. Orange: the meeting before signing lacked the quorum (30 of 52 representatives, under two thirds).
    const p3 = await claimLease(ctx);
    await setDecision(p3, `attendees = 30, votes_for = 27`, []);
    rec('planted', p3,
      `橙色：${p3.collective_name}出租给${p3.lessee_name}前召开的村民代表会议应到52人、实到30人，不足三分之二，决议无效`,
      `orange: the representative meeting held before ${p3.collective_name} leased to ${p3.lessee_name} had 30 of 52 members present, short of the two-thirds quorum`);
    // 4. Orange: the motion got exactly half the votes of those present, not a majority.
    const p4 = await claimLease(ctx);
    await setDecision(p4, `attendees = 40, votes_for = 20`, []);
    rec('planted', p4,
      `橙色：${p4.collective_name}出租给${p4.lessee_name}的决议到会40人、赞成20人，未过半数`,
      `orange: the resolution to lease to ${p4.lessee_name} got 20 votes of the 40 present at ${p4.collective_name}'s meeting, not a majority`);
    // 5. Red: a village road contract awarded with no villagers' decision at all.
    const [c5] = await claimCollectives(ctx, 1);
    const [firm] = await ctx.claimOrgs(1, FIRM);
    const k5 = await addVillageContract(ctx, { c: c5!, k: 40, supplier: firm!, title: '村道硬化工程', value: 86_000, sign: '2025-04-18', decision: null });
    ctx.record({ truth: 'planted', subject_type: 'contract', subject_id: k5.contractId, contract_id: k5.contractId, org_id: c5!.id,
      note_zh: `红色：${c5!.name}将村道硬化工程（${yuan(86_000)}元）直接发包给${k5.supplierName}，未经村民（代表）会议决定`,
      note_en: `red: ${c5!.name} awarded a village road contract (CNY ${yuan(86_000)}) directly to ${k5.supplierName} with no decision of the villagers' assembly` });

    // Near miss: the assembly met on the very day of signing, which still counts as before it.
    const n1 = await claimLease(ctx);
    await setDecision(n1, `meeting_date = CAST($2 AS DATE)`, [n1.sign]);
    rec('near_miss', n1,
      `${n1.collective_name}出租给${n1.lessee_name}的村民代表会议与合同签订同日（${n1.sign}）召开，属事前决定`,
      `${n1.collective_name}'s villagers' meeting on the lease to ${n1.lessee_name} took place on the signing day (${n1.sign}), which counts as prior`);
    // Near miss: just enough members (35 of 52, over two thirds) and just enough votes (18 of 35, over half).
    const n2 = await claimLease(ctx);
    await setDecision(n2, `attendees = 35, votes_for = 18`, []);
    rec('near_miss', n2,
      `${n2.collective_name}出租给${n2.lessee_name}的村民代表会议应到52人、实到35人（超过三分之二），赞成18人（过半），程序有效`,
      `${n2.collective_name}'s representative meeting on the lease to ${n2.lessee_name} had 35 of 52 present (over two thirds) and 18 in favour (over half): valid`);
  },
};
