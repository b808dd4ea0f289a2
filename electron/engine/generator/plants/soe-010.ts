import { addDays, yuan } from './plant-helpers.ts';
import { ClaimShortage, type Plant, type PlantContext } from './plant.ts';
import { addDecision, bodyFor, claimContract, fen, type Ct } from './contract-money.ts';
import { adoptExisting } from './model-truth.ts';

interface Amend { type: 'price' | 'scope' | 'quantity' | 'time'; share: number; after: number; reason: string; approved: boolean; extendDays?: number }

/**
 * Amendments of a contract, dated `after` days from its start, each approved (when `approved`) by a collective
 * decision of the buyer a few days before; ids 'AX-S010-…' and 'DA-S010-…' cannot collide with the background's.
 * Returns the amendment rows' total value change.
 */
async function amend(ctx: PlantContext, seq: { n: number }, c: Ct, list: Amend[]): Promise<number> {
  let total = 0;
  for (const a of list) {
    const n = String(++seq.n).padStart(3, '0');
    const day = addDays(c.start, a.after);
    const delta = a.type === 'time' ? 0 : fen(Math.round(c.value * a.share / 100) * 100);
    total += delta;
    const decision = a.approved ? `DA-S010-${n}` : null;
    if (decision) {
      await addDecision(ctx, { id: decision, org: c.buyer, body: bodyFor(c.buyer_type), date: addDays(day, -4), subjectType: 'amendment',
        subject: `关于${c.contract_id}合同变更（${a.reason}）的决定`, amount: delta, refContract: c.contract_id, refProject: c.project_ref });
    }
    await ctx.run(`INSERT INTO contract_amendment VALUES ($1, $2, CAST($3 AS DATE), $4, CAST($5 AS DECIMAL(18,2)), CAST($6 AS DATE), $7, $8)`,
      [`AX-S010-${n}`, c.contract_id, day, a.type, delta, a.extendDays ? addDays(c.planned_end, a.extendDays) : null, a.reason, decision]);
  }
  return total;
}

/** An active contract of the category that started early enough for amendments until `lastAfter` days in, with no amendment yet. */
const ACTIVE = `c.category = $1 AND c.acceptance_date IS NULL AND c.status = 'active' AND c.start_date BETWEEN DATE '2024-06-01' AND CAST($2 AS DATE)
  AND c.value_cny BETWEEN $3 AND $4 AND NOT EXISTS (SELECT 1 FROM contract_amendment x WHERE x.contract_id = c.contract_id)`;
/** A completed contract of the category settled at its value, with no amendment. */
const SETTLED = `c.category = $1 AND c.acceptance_date BETWEEN DATE '2023-01-01' AND DATE '2025-10-31' AND c.settlement_value_cny = c.value_cny
  AND c.value_cny BETWEEN $2 AND $3 AND NOT EXISTS (SELECT 1 FROM contract_amendment x WHERE x.contract_id = c.contract_id)`;

const pct = (x: number) => `${(x * 100).toFixed(1).replace(/\.0$/, '')}%`;

/**
 * SOE-010: contract value growth, max(Σ positive amendments, settlement − value) / value, of 20% or more for
 * works and 10% for goods and services, or three or more price, scope or quantity amendments; red when an
 * amendment was not approved (no decision_id). The background's works settle within −3% … +7% of their value
 * and one in ten gets a single scope amendment of at most 3%; goods and services settle at their value. It has
 * no such contract and needs no clean-up; cases other plants made (such as several price changes) are adopted.
 */
export const plant: Plant = {
  modelId: 'SOE-010',
  async plant(ctx) {
    await adoptExisting(ctx, 'SOE-010');
    const seq = { n: 0 };
    const asOf = ctx.plan.asOf;
    const count = { planted: 0, near_miss: 0 };
    const rec = (truth: 'planted' | 'near_miss', c: Ct, zh: string, en: string) => {
      count[truth]++;
      ctx.record({ truth, subject_type: 'contract', subject_id: c.contract_id, contract_id: c.contract_id, org_id: c.supplier, org_id_b: c.buyer, note_zh: zh, note_en: en });
    };
    // A small province may not have a fitting contract left for every case: skip that case, as long as
    // three planted cases and a near miss remain.
    const optional = async (plantCase: () => Promise<void>) => {
      try {
        await plantCase();
      } catch (e) {
        if (!(e instanceof ClaimShortage)) throw e;
      }
    };

    // 1. Orange: works grow by 24% through three approved variations (scope, quantities, steel prices).
    await optional(async () => {
      const c = await claimContract(ctx, ACTIVE, ['works', addDays(asOf, -210), 300_000, 8_000_000]);
      const d = await amend(ctx, seq, c, [
        { type: 'scope', share: 0.11, after: 70, reason: '设计变更：增加地下室防水及附属工程', approved: true },
        { type: 'quantity', share: 0.08, after: 140, reason: '工程量清单漏项补充', approved: true },
        { type: 'price', share: 0.05, after: 200, reason: '主材（钢材）价格调差', approved: true },
      ]);
      rec('planted', c,
        `橙色：${c.buyer_name}与${c.supplier_name}的工程合同${c.contract_id}（${yuan(c.value)}元）经三次变更（范围、工程量、材料调差）累计增加${yuan(d)}元，增幅${pct(d / c.value)}，超过工程类20%`,
        `orange: works contract ${c.contract_id} (CNY ${yuan(c.value)}) between ${c.buyer_name} and ${c.supplier_name} grew by CNY ${yuan(d)} (${pct(d / c.value)}) through three approved variations, over the 20% for works`);
    });
    // 2. Orange: services settled 16% above the contract value, with no amendment at all.
    await optional(async () => {
      const c = await claimContract(ctx, SETTLED, ['services', 300_000, 3_000_000]);
      const settle = fen(Math.round(c.value * 1.16 / 100) * 100);
      await ctx.run(`UPDATE contract SET settlement_value_cny = CAST($2 AS DECIMAL(18,2)) WHERE contract_id = $1`, [c.contract_id, settle]);
      rec('planted', c,
        `橙色：${c.buyer_name}的服务合同${c.contract_id}原值${yuan(c.value)}元，结算审定为${yuan(settle)}元，超出${pct(settle / c.value - 1)}，未签任何补充协议`,
        `orange: services contract ${c.contract_id} of ${c.buyer_name} (CNY ${yuan(c.value)}) was settled at CNY ${yuan(settle)}, ${pct(settle / c.value - 1)} more, with no amendment`);
    });
    // 3. Red: a works price increase of 22% agreed without any decision.
    await optional(async () => {
      const c = await claimContract(ctx, ACTIVE, ['works', addDays(asOf, -150), 300_000, 5_000_000]);
      const d = await amend(ctx, seq, c, [{ type: 'price', share: 0.22, after: 120, reason: '补充协议：人工及材料价格上涨调增合同价', approved: false }]);
      rec('planted', c,
        `红色：${c.buyer_name}与${c.supplier_name}签订补充协议，将工程合同${c.contract_id}的价款调增${yuan(d)}元（${pct(d / c.value)}），未经集体决策`,
        `red: ${c.buyer_name} raised the price of works contract ${c.contract_id} with ${c.supplier_name} by CNY ${yuan(d)} (${pct(d / c.value)}) in a supplement no collective decision approved`);
    });
    // 4. Orange: three approved amendments of a services contract, 7% in all: the count, not the growth.
    await optional(async () => {
      const c = await claimContract(ctx, ACTIVE, ['services', addDays(asOf, -170), 300_000, 4_000_000]);
      const d = await amend(ctx, seq, c, [
        { type: 'quantity', share: 0.025, after: 40, reason: '增加服务点位', approved: true },
        { type: 'scope', share: 0.03, after: 95, reason: '增加夜间服务内容', approved: true },
        { type: 'price', share: 0.015, after: 160, reason: '最低工资标准调整', approved: true },
      ]);
      rec('planted', c,
        `橙色：${c.buyer_name}的服务合同${c.contract_id}在履行中变更三次（数量、范围、价格），累计${yuan(d)}元（${pct(d / c.value)}），变更次数达到3次`,
        `orange: services contract ${c.contract_id} of ${c.buyer_name} was amended three times (quantity, scope, price), CNY ${yuan(d)} (${pct(d / c.value)}) in all: three amendments`);
    });

    // Near miss: works grow by 15% in two approved variations, under the 20% for works.
    await optional(async () => {
      const c = await claimContract(ctx, ACTIVE, ['works', addDays(asOf, -160), 300_000, 8_000_000]);
      const d = await amend(ctx, seq, c, [
        { type: 'scope', share: 0.09, after: 60, reason: '设计变更：增设排水沟', approved: true },
        { type: 'quantity', share: 0.06, after: 150, reason: '土方工程量按实调整', approved: true },
      ]);
      rec('near_miss', c,
        `${c.buyer_name}的工程合同${c.contract_id}两次变更累计增加${yuan(d)}元，增幅${pct(d / c.value)}，未达工程类20%，变更次数也不足3次`,
        `works contract ${c.contract_id} of ${c.buyer_name} grew by CNY ${yuan(d)} (${pct(d / c.value)}) in two variations: under 20% for works and under three amendments`);
    });
    // Near miss: goods settled 8% above the contract value (accepted extra quantities), under the 10%.
    await optional(async () => {
      const c = await claimContract(ctx, SETTLED, ['goods', 300_000, 3_000_000]);
      const settle = fen(Math.round(c.value * 1.08 / 100) * 100);
      await ctx.run(`UPDATE contract SET settlement_value_cny = CAST($2 AS DECIMAL(18,2)) WHERE contract_id = $1`, [c.contract_id, settle]);
      rec('near_miss', c,
        `${c.buyer_name}的货物合同${c.contract_id}按实际到货数量结算为${yuan(settle)}元，比合同价高${pct(settle / c.value - 1)}，未达货物类10%`,
        `goods contract ${c.contract_id} of ${c.buyer_name} was settled on delivered quantities at CNY ${yuan(settle)}, ${pct(settle / c.value - 1)} over its value: under 10%`);
    });
    // Near miss: two counted variations and a time extension (not a price, scope or quantity change).
    await optional(async () => {
      const c = await claimContract(ctx, ACTIVE, ['works', addDays(asOf, -180), 300_000, 8_000_000]);
      const d = await amend(ctx, seq, c, [
        { type: 'scope', share: 0.06, after: 50, reason: '设计变更：调整绿化范围', approved: true },
        { type: 'time', share: 0, after: 110, reason: '因连续降雨顺延工期60天', approved: true, extendDays: 60 },
        { type: 'quantity', share: 0.05, after: 170, reason: '管网工程量按实调整', approved: true },
      ]);
      rec('near_miss', c,
        `${c.buyer_name}的工程合同${c.contract_id}共三次变更，其中一次仅为工期顺延，价格、范围、数量类变更只有两次，累计增幅${pct(d / c.value)}`,
        `works contract ${c.contract_id} of ${c.buyer_name} had three amendments, one only extending the time: two price, scope or quantity changes, ${pct(d / c.value)} in all`);
    });
    if (count.planted < 3 || count.near_miss < 1) throw new ClaimShortage(`SOE-010: only ${count.planted} planted cases and ${count.near_miss} near misses fit this province`);
  },
};
