import type { Plant, PlantContext } from './plant.ts';

/** Put expert e on the panels of k lots that supplier s won, replacing one randomly drawn expert. */
async function seat(ctx: PlantContext, expert: string, lots: Array<{ tender_id: string; lot_id: string }>) {
  for (const l of lots) {
    const [old] = await ctx.all<{ p: string }>(`SELECT person_id AS p FROM eval_committee WHERE tender_id = $1 AND lot_id = $2 AND member_role = 'expert' ORDER BY person_id LIMIT 1`,
      [l.tender_id, l.lot_id]);
    await ctx.run(`UPDATE eval_committee SET person_id = $1 WHERE tender_id = $2 AND lot_id = $3 AND person_id = $4`, [expert, l.tender_id, l.lot_id, old!.p]);
    await ctx.run(`UPDATE eval_score SET expert_person_id = $1 WHERE tender_id = $2 AND lot_id = $3 AND expert_person_id = $4`, [expert, l.tender_id, l.lot_id, old!.p]);
  }
}

/** Suppliers with at least k won lots (panels of 5) in a period, each with a fresh expert not yet on those panels. */
async function winners(ctx: PlantContext, k: number, from: string, to: string, n: number) {
  const sup = await ctx.all<{ s: string }>(`SELECT a.supplier_org_id AS s FROM award a JOIN tender t USING (tender_id)
    WHERE a.status = 'active' AND t.procurement_method IN ('open', 'selective') AND t.bid_deadline BETWEEN CAST($1 AS TIMESTAMP) AND CAST($2 AS TIMESTAMP)
    GROUP BY 1 HAVING count(*) >= $3 ORDER BY u('b039', a.supplier_org_id), 1 LIMIT $4`, [from, to, k, n * 3]);
  const out: Array<{ supplier: string; lots: Array<{ tender_id: string; lot_id: string }> }> = [];
  for (const { s } of sup) {
    const claimed = await ctx.claimOrgs(1, `o.org_id = '${s.replaceAll("'", "''")}'`).catch(() => []);
    if (claimed.length === 0) continue;
    const lots = await ctx.all<{ tender_id: string; lot_id: string }>(`SELECT a.tender_id, a.lot_id FROM award a JOIN tender t USING (tender_id)
      WHERE a.supplier_org_id = $1 AND a.status = 'active' AND t.procurement_method IN ('open', 'selective')
        AND t.bid_deadline BETWEEN CAST($2 AS TIMESTAMP) AND CAST($3 AS TIMESTAMP) ORDER BY t.bid_deadline LIMIT $4`, [s, from, to, k]);
    out.push({ supplier: s, lots });
    if (out.length === n) break;
  }
  return out;
}

/** BID-039: one expert keeps sitting on panels that pick the same winner. */
export const plant: Plant = {
  modelId: 'BID-039',
  // Chance repeat meetings in the background: keep at most two per expert and winner in the window,
  // handing the later panels to newly drawn experts (fresh persons who sit only once).
  async neutralize(ctx) {
    await ctx.run(`CREATE OR REPLACE TEMP TABLE _b039 AS
      WITH panel AS (SELECT ec.person_id AS e, ec.tender_id, ec.lot_id FROM eval_committee ec JOIN tender t USING (tender_id)
                     WHERE ec.member_role = 'expert' AND t.bid_deadline >= TIMESTAMP '2023-06-01'),
      w AS (SELECT p.e, p.tender_id, p.lot_id, row_number() OVER (PARTITION BY p.e, a.supplier_org_id ORDER BY p.tender_id, p.lot_id) AS rn
            FROM panel p JOIN award a ON a.tender_id = p.tender_id AND a.lot_id = p.lot_id AND a.status = 'active')
      SELECT e, tender_id, lot_id, 'P91' || lpad(CAST(row_number() OVER (ORDER BY tender_id, lot_id, e) AS VARCHAR), 6, '0') AS spare FROM w WHERE rn >= 3`);
    await ctx.run(`INSERT INTO person SELECT spare, sha256('spare:' || spare), person_name(spare), 'M', DATE '1970-05-01', NULL, mobile('sp', spare),
      '学院路' || CAST(ui('sa', spare, 1, 300) AS VARCHAR) || '号1幢101室', '330106', FALSE FROM _b039`);
    await ctx.run(`UPDATE eval_committee ec SET person_id = b.spare FROM _b039 b WHERE ec.tender_id = b.tender_id AND ec.lot_id = b.lot_id AND ec.person_id = b.e`);
    await ctx.run(`UPDATE eval_score es SET expert_person_id = b.spare FROM _b039 b WHERE es.tender_id = b.tender_id AND es.lot_id = b.lot_id AND es.expert_person_id = b.e`);
  },
  async plant(ctx) {
    const experts = await ctx.all<{ p: string }>(`SELECT DISTINCT person_id AS p FROM eval_committee WHERE member_role = 'expert'
      ORDER BY u('b039e', person_id), 1 LIMIT 5`);
    const planted = await winners(ctx, 4, '2024-01-15', '2025-12-31', 3);
    for (const [i, w] of planted.entries()) {
      await seat(ctx, experts[i]!.p, w.lots);
      ctx.record({ truth: 'planted', subject_type: 'expert_supplier', subject_id: `${experts[i]!.p}|${w.supplier}`, person_id: experts[i]!.p, org_id: w.supplier,
        note_zh: `同一专家近两年${w.lots.length}次进入该供应商中标项目的评标委员会`, note_en: `the same expert sat on ${w.lots.length} panels this supplier won in two years` });
    }
    // Near miss: only two meetings (below the minimum of three).
    const [two] = await winners(ctx, 2, '2024-01-15', '2025-12-31', 1);
    await seat(ctx, experts[3]!.p, two!.lots);
    ctx.record({ truth: 'near_miss', subject_type: 'expert_supplier', subject_id: `${experts[3]!.p}|${two!.supplier}`, person_id: experts[3]!.p, org_id: two!.supplier,
      note_zh: '专家仅两次遇到该中标人，未达3次', note_en: 'the expert met this winner only twice (threshold 3)' });
    // Near miss: four meetings, but all more than 24 months before the data date.
    const [old] = await winners(ctx, 4, '2021-01-01', '2023-06-30', 1);
    await seat(ctx, experts[4]!.p, old!.lots);
    ctx.record({ truth: 'near_miss', subject_type: 'expert_supplier', subject_id: `${experts[4]!.p}|${old!.supplier}`, person_id: experts[4]!.p, org_id: old!.supplier,
      note_zh: '四次相遇均在两年统计窗口之前', note_en: 'all four meetings were before the 24-month window' });
  },
};
