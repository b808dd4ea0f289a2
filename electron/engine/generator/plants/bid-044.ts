import { ClaimShortage, type Plant, type PlantContext } from './plant.ts';

/** Project-manager terms as the model reads them, with the contract's supplier and winning bid. */
const TERMS = `SELECT s.person_id, s.contract_id, c.supplier_org_id AS sup, c.tender_id, a.bid_id,
    COALESCE(s.start_date, c.start_date, c.sign_date) AS f, COALESCE(s.end_date, c.acceptance_date, c.planned_end_date, DATE '9999-12-31') AS t
  FROM project_staff s JOIN contract c USING (contract_id) LEFT JOIN award a ON a.award_id = c.award_id
  WHERE s.role = 'pm'`;

interface Pair {
  x: string; y: string; ca: string; cb: string; ta: string; tb: string; bid_b: string;
  a_from: string; a_to: string; b_from: string; b_to: string; overlap: number;
}

/**
 * Two contracts A (manager x) and B (manager y) of one supplier whose terms meet `cond` (on terms a and b),
 * where x has no other term that overlaps B's and B's winning bid named y: handing B to x then makes
 * exactly the pair (A, B) of x. Both tenders are claimed; persons already used are skipped. The search
 * looks at a fixed random sample of works suppliers, so that its cost does not grow with the scale.
 */
async function pairOf(ctx: PlantContext, cond: string, used: Set<string>): Promise<Pair> {
  const rows = await ctx.all<Pair>(`WITH ps AS (SELECT *, count(*) OVER (PARTITION BY contract_id) AS n_pm
                    FROM (${TERMS} AND c.supplier_org_id IN (SELECT org_id FROM _b044sup)))
    SELECT a.person_id AS x, b.person_id AS y, a.contract_id AS ca, b.contract_id AS cb, a.tender_id AS ta, b.tender_id AS tb, b.bid_id AS bid_b,
      CAST(a.f AS VARCHAR) AS a_from, CAST(a.t AS VARCHAR) AS a_to, CAST(b.f AS VARCHAR) AS b_from, CAST(b.t AS VARCHAR) AS b_to,
      date_diff('day', greatest(a.f, b.f), least(a.t, b.t)) AS overlap
    FROM ps a JOIN ps b ON a.sup = b.sup AND a.contract_id <> b.contract_id AND a.person_id <> b.person_id AND a.tender_id <> b.tender_id
    WHERE ${cond} AND a.t < DATE '9000-01-01' AND b.t < DATE '9000-01-01'
      AND EXISTS (SELECT 1 FROM bid_personnel bp WHERE bp.bid_id = b.bid_id AND bp.role = 'pm' AND bp.person_id = b.person_id)
      AND a.n_pm = 1 AND b.n_pm = 1
      AND NOT EXISTS (SELECT 1 FROM ps o WHERE o.person_id = a.person_id AND o.contract_id NOT IN (a.contract_id, b.contract_id)
                      AND least(o.t, b.t) > greatest(o.f, b.f))
    ORDER BY u('b044pair', a.contract_id || '/' || b.contract_id), a.contract_id, b.contract_id LIMIT 200`);
  for (const r of rows) {
    if (used.has(r.x) || used.has(r.y)) continue;
    try {
      await ctx.claimLots(2, `l.tender_id IN ($1, $2)`, [r.ta, r.tb]);
    } catch (e) {
      if (e instanceof ClaimShortage) continue;
      throw e;
    }
    used.add(r.x);
    used.add(r.y);
    return r;
  }
  throw new ClaimShortage(`BID-044: no pair of contracts where ${cond}`);
}

/** Hand contract B to x: its platform record and the manager its winning bid named (x is the supplier's own, insured and certified there). */
async function handOver(ctx: PlantContext, p: Pair): Promise<void> {
  await ctx.run(`UPDATE project_staff SET person_id = $1 WHERE contract_id = $2 AND role = 'pm' AND person_id = $3`, [p.x, p.cb, p.y]);
  await ctx.run(`UPDATE bid_personnel SET person_id = $1, cert_id = (SELECT min(cert_id) FROM certificate WHERE holder_type = 'person' AND holder_id = $1)
    WHERE bid_id = $2 AND role = 'pm' AND person_id = $3`, [p.x, p.bid_b, p.y]);
}

const key = (p: Pair) => `${p.x}|${p.ca < p.cb ? p.ca : p.cb}|${p.ca < p.cb ? p.cb : p.ca}`;

/**
 * BID-044: a registered constructor is project manager of two contracts at once.
 *
 * The background gives each supplier three project managers and lets every works contract take one of them
 * at random, so busy firms overlap all the time. neutralize() staffs each firm's projects in order of start
 * with a free manager of its own (the one the winning bid named, else another), updating the winning bid's
 * named manager to match; a project that finds none free (the firm runs more projects at once than it has
 * managers) keeps no platform record, as projects without a construction permit have none.
 */
export const plant: Plant = {
  modelId: 'BID-044',
  async neutralize(ctx) {
    const terms = await ctx.all<{ person_id: string; contract_id: string; sup: string; bid_id: string | null; f: string; t: string }>(`
      WITH ps AS (${TERMS})
      SELECT person_id, contract_id, sup, bid_id, CAST(f AS VARCHAR) AS f, CAST(t AS VARCHAR) AS t FROM ps ORDER BY sup, f, contract_id, person_id`);
    const pools = new Map<string, string[]>();
    for (const r of await ctx.all<{ org_id: string; person_id: string }>(`SELECT org_id, person_id FROM org_role
        WHERE role = 'employee' AND title = '项目经理' AND org_id IN (SELECT supplier_org_id FROM contract WHERE contract_id IN (SELECT contract_id FROM project_staff))
        ORDER BY org_id, person_id`)) {
      const list = pools.get(r.org_id) ?? [];
      list.push(r.person_id);
      pools.set(r.org_id, list);
    }
    const freeFrom = new Map<string, string>();
    const changes: Array<[string, string, string | null, string | null]> = [];
    for (const r of terms) {
      const pool = [r.person_id, ...(pools.get(r.sup) ?? []).filter((p) => p !== r.person_id)];
      const pm = pool.find((p) => (freeFrom.get(p) ?? '0000-00-00') <= r.f);
      if (pm !== undefined) freeFrom.set(pm, r.t);
      if (pm !== r.person_id) changes.push([r.contract_id, r.person_id, pm ?? null, r.bid_id]);
    }
    await ctx.run(`CREATE OR REPLACE TEMP TABLE _b044 (contract_id VARCHAR, old_pm VARCHAR, new_pm VARCHAR, bid_id VARCHAR)`);
    const app = await ctx.conn.createAppender('_b044', 'main', 'temp');
    for (const row of changes) {
      for (const v of row) {
        if (v === null) app.appendNull();
        else app.appendVarchar(v);
      }
      app.endRow();
    }
    app.closeSync();
    await ctx.run(`UPDATE bid_personnel bp SET person_id = x.new_pm, cert_id = 'CERT-' || x.new_pm FROM _b044 x
      WHERE x.new_pm IS NOT NULL AND bp.bid_id = x.bid_id AND bp.role = 'pm' AND bp.person_id = x.old_pm`);
    await ctx.run(`UPDATE project_staff s SET person_id = x.new_pm FROM _b044 x
      WHERE x.new_pm IS NOT NULL AND s.contract_id = x.contract_id AND s.role = 'pm' AND s.person_id = x.old_pm`);
    await ctx.run(`DELETE FROM project_staff s WHERE s.role = 'pm' AND EXISTS (SELECT 1 FROM _b044 x
      WHERE x.new_pm IS NULL AND x.contract_id = s.contract_id AND x.old_pm = s.person_id)`);
  },
  async plant(ctx) {
    await ctx.run(`CREATE OR REPLACE TEMP TABLE _b044sup AS
      SELECT org_id FROM _org WHERE seg = 'supplier' AND category = 'works' ORDER BY u('b044sup', org_id), org_id LIMIT 500`);
    const used = new Set<string>();
    const rec = (truth: 'planted' | 'near_miss', p: Pair, zh: string, en: string) => ctx.record({
      truth, subject_type: 'person_contract_pair', subject_id: key(p), person_id: p.x, contract_id: p.cb, note_zh: zh, note_en: en,
    });

    // 1. A firm puts the manager of a running project in charge of a second one too (months of overlap).
    const p1 = await pairOf(ctx, `b.f > a.f AND date_diff('day', greatest(a.f, b.f), least(a.t, b.t)) >= 90`, used);
    await handOver(ctx, p1);
    rec('planted', p1, `项目经理同时担任同一公司两个在建项目的负责人，重叠${p1.overlap}天`,
      `the project manager led two running projects of the same firm, overlapping ${p1.overlap} days`);

    // 2. The manager moves to a new project a few weeks before the old one is accepted.
    const p2 = await pairOf(ctx, `b.f > a.f AND b.f < a.t AND b.t > a.t AND date_diff('day', b.f, a.t) BETWEEN 5 AND 40`, used);
    await handOver(ctx, p2);
    rec('planted', p2, `原项目竣工验收前${p2.overlap}天，项目经理已被派往新项目`,
      `the manager took over a new project ${p2.overlap} days before the old one was accepted`);

    // 3. The new project starts first; the manager of a later-signed project is added to it mid-way.
    const p3 = await pairOf(ctx, `b.f < a.f AND a.f < b.t AND date_diff('day', greatest(a.f, b.f), least(a.t, b.t)) BETWEEN 30 AND 400`, used);
    await handOver(ctx, p3);
    rec('planted', p3, `项目经理在在建项目期间又被登记为另一项目负责人，重叠${p3.overlap}天`,
      `the manager of a project under way was also registered on another project, overlapping ${p3.overlap} days`);

    // Near miss: consecutive projects; the second starts once the first is accepted.
    const n1 = await pairOf(ctx, `b.f >= a.t AND b.f <= a.t + 30`, used);
    await handOver(ctx, n1);
    rec('near_miss', n1, '同一项目经理先后负责两个项目，前一项目验收后才开始后一项目', 'one manager led two projects in turn, the second starting after the first was accepted');

    // Near miss: the manager is formally replaced on the old project the day the new one starts; the other
    // manager of the firm (free, having been on the new project) finishes the old one.
    const n2 = await pairOf(ctx, `b.f > a.f AND b.f < a.t AND a.t <= b.t AND date_diff('day', b.f, a.t) >= 30`, used);
    await ctx.run(`UPDATE project_staff SET end_date = CAST($1 AS DATE) WHERE contract_id = $2 AND role = 'pm' AND person_id = $3`, [n2.b_from, n2.ca, n2.x]);
    await ctx.run(`INSERT INTO project_staff VALUES ($1, $2, 'pm', CAST($3 AS DATE), CAST($4 AS DATE), '四库一平台')`, [n2.y, n2.ca, n2.b_from, n2.a_to]);
    await handOver(ctx, n2);
    rec('near_miss', n2, '项目经理在新项目开工当日办理原项目负责人变更，由本公司另一名项目经理接任，无重叠',
      'the manager was formally replaced on the old project the day the new one started, by another manager of the firm: no overlap');
  },
};
