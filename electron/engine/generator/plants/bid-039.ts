import { insertPersons } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';

type Lot = { tender_id: string; lot_id: string };

/**
 * Put expert e on the panel of each lot in place of one of its experts, drawn at random, with that expert's
 * scores. e must not sit on any of these panels yet (a panel seats a person once).
 */
async function seat(ctx: PlantContext, expert: string, lots: Lot[]) {
  for (const l of lots) {
    const [old] = await ctx.all<{ p: string; seated: boolean }>(`SELECT person_id AS p,
        EXISTS (SELECT 1 FROM eval_committee x WHERE x.tender_id = $1 AND x.lot_id = $2 AND x.person_id = $3) AS seated
      FROM eval_committee WHERE tender_id = $1 AND lot_id = $2 AND member_role = 'expert'
      ORDER BY u('b039seat', tender_id || '/' || lot_id || '/' || person_id), person_id LIMIT 1`, [l.tender_id, l.lot_id, expert]);
    if (!old) throw new Error(`BID-039: lot ${l.tender_id}/${l.lot_id} has no expert panel`);
    if (old.seated) throw new Error(`BID-039: expert ${expert} already sits on the panel of ${l.tender_id}/${l.lot_id}`);
    // The seat keeps its draw time and specialty; the work unit is the seated expert's own.
    await ctx.run(`UPDATE eval_committee SET person_id = $1,
        expert_work_org_id = COALESCE((SELECT min(x.expert_work_org_id) FROM eval_committee x WHERE x.person_id = $1), expert_work_org_id)
      WHERE tender_id = $2 AND lot_id = $3 AND person_id = $4`, [expert, l.tender_id, l.lot_id, old.p]);
    await ctx.run(`UPDATE eval_score SET expert_person_id = $1 WHERE tender_id = $2 AND lot_id = $3 AND expert_person_id = $4`, [expert, l.tender_id, l.lot_id, old.p]);
  }
}

/**
 * Active awards of open or selective tenders with a deadline in [$1, $2] (timestamps as text), in lots with
 * at least three valid bids.
 */
const WON = `award a JOIN tender t USING (tender_id)
  WHERE a.status = 'active' AND t.procurement_method IN ('open', 'selective')
    AND t.bid_deadline BETWEEN CAST($1 AS TIMESTAMP) AND CAST($2 AS TIMESTAMP)
    AND (SELECT count(*) FROM bid b WHERE b.tender_id = a.tender_id AND b.lot_id = a.lot_id AND b.status = 'valid' AND b.price_cny > 0) >= 3`;

/** Claim n suppliers that won at least minK such lots in a period, each with its (at most maxK) earliest ones. */
async function winners(ctx: PlantContext, minK: number, maxK: number, from: string, to: string, n: number) {
  const sups = await ctx.claimOrgs(n, `_org.seg = 'supplier' AND o.org_id IN (SELECT a.supplier_org_id FROM ${WON} GROUP BY 1 HAVING count(*) >= $3)`,
    [from, to, minK]);
  const out: Array<{ supplier: string; lots: Lot[] }> = [];
  for (const s of sups) {
    const lots = await ctx.all<Lot>(`SELECT a.tender_id, a.lot_id FROM ${WON} AND a.supplier_org_id = $3
      ORDER BY t.bid_deadline, a.tender_id, a.lot_id LIMIT $4`, [from, to, s, maxK]);
    out.push({ supplier: s, lots });
  }
  return out;
}

/**
 * An expert new to the supplier: never on the panel of a lot the supplier bid for, so that the planted
 * panels are the only meetings between the two, and the model's expected count comes from them alone
 * (at most a third each, so a lift of 3 or more); and not one of the experts already used.
 */
async function freshExpert(ctx: PlantContext, supplier: string, used: Set<string>): Promise<string> {
  const rows = await ctx.all<{ p: string }>(`SELECT DISTINCT ec.person_id AS p FROM eval_committee ec
    WHERE ec.member_role = 'expert'
      AND ec.person_id NOT IN (SELECT x.person_id FROM eval_committee x JOIN bid b ON b.tender_id = x.tender_id AND b.lot_id = x.lot_id
                               WHERE b.org_id = $1)
    ORDER BY u('b039e', ec.person_id), 1 LIMIT $2`, [supplier, used.size + 1]);
  const p = rows.map((r) => r.p).find((x) => !used.has(x));
  if (!p) throw new Error(`BID-039: no expert new to supplier ${supplier}`);
  used.add(p);
  return p;
}

/** BID-039: one expert keeps sitting on panels that pick the same winner. */
export const plant: Plant = {
  modelId: 'BID-039',
  // Chance repeat meetings in the background: keep at most two per expert and winner in the window,
  // handing the later panels to newly drawn experts (fresh persons 'P91…' who sit only once).
  async neutralize(ctx) {
    await ctx.run(`CREATE OR REPLACE TEMP TABLE _b039 AS
      WITH panel AS (SELECT ec.person_id AS e, ec.tender_id, ec.lot_id FROM eval_committee ec JOIN tender t USING (tender_id)
                     WHERE ec.member_role = 'expert' AND t.bid_deadline >= TIMESTAMP '2023-06-01'),
      w AS (SELECT p.e, p.tender_id, p.lot_id, row_number() OVER (PARTITION BY p.e, a.supplier_org_id ORDER BY p.tender_id, p.lot_id) AS rn
            FROM panel p JOIN award a ON a.tender_id = p.tender_id AND a.lot_id = p.lot_id AND a.status = 'active')
      SELECT e, tender_id, lot_id, 'P91' || lpad(CAST(row_number() OVER (ORDER BY tender_id, lot_id, e) AS VARCHAR), 6, '0') AS spare FROM w WHERE rn >= 3`);
    const spares = await ctx.all<{ spare: string }>(`SELECT spare FROM _b039 ORDER BY spare`);
    await insertPersons(ctx, spares.map((s) => ({ personId: s.spare })));
    await ctx.run(`UPDATE eval_committee ec SET person_id = b.spare FROM _b039 b WHERE ec.tender_id = b.tender_id AND ec.lot_id = b.lot_id AND ec.person_id = b.e`);
    await ctx.run(`UPDATE eval_score es SET expert_person_id = b.spare FROM _b039 b WHERE es.tender_id = b.tender_id AND es.lot_id = b.lot_id AND es.expert_person_id = b.e`);
  },
  async plant(ctx) {
    const used = new Set<string>();
    const planted = await winners(ctx, 3, 4, '2024-01-15', '2025-12-31', 3);
    for (const w of planted) {
      const e = await freshExpert(ctx, w.supplier, used);
      await seat(ctx, e, w.lots);
      ctx.record({ truth: 'planted', subject_type: 'expert_supplier', subject_id: `${e}|${w.supplier}`, person_id: e, org_id: w.supplier,
        note_zh: `同一专家近两年${w.lots.length}次进入该供应商中标项目的评标委员会`, note_en: `the same expert sat on ${w.lots.length} panels this supplier won in two years` });
    }
    // Near miss: only two meetings (below the minimum of three).
    const [two] = await winners(ctx, 2, 2, '2024-01-15', '2025-12-31', 1);
    const e2 = await freshExpert(ctx, two!.supplier, used);
    await seat(ctx, e2, two!.lots);
    ctx.record({ truth: 'near_miss', subject_type: 'expert_supplier', subject_id: `${e2}|${two!.supplier}`, person_id: e2, org_id: two!.supplier,
      note_zh: '专家仅两次遇到该中标人，未达3次', note_en: 'the expert met this winner only twice (threshold 3)' });
    // Near miss: three or four meetings, but all more than 24 months before the data date.
    const [old] = await winners(ctx, 3, 4, '2021-01-01', '2023-06-30', 1);
    const e3 = await freshExpert(ctx, old!.supplier, used);
    await seat(ctx, e3, old!.lots);
    ctx.record({ truth: 'near_miss', subject_type: 'expert_supplier', subject_id: `${e3}|${old!.supplier}`, person_id: e3, org_id: old!.supplier,
      note_zh: `${old!.lots.length}次相遇均在两年统计窗口之前`, note_en: `all ${old!.lots.length} meetings were before the 24-month window` });
  },
};
