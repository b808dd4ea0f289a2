import { yuan } from './plant-helpers.ts';
import type { Plant, PlantContext } from './plant.ts';
import { adoptExisting } from './model-truth.ts';

interface Cand { org_id: string; name: string; county: string; d: string; d2: string | null; paid: number; n: number }

/**
 * Payment histories of the suppliers, for choosing dates: `_fund011_after` holds, per supplier, the day a week
 * after its last bid deadline and what it was paid in the 12 months from that day and after it at all (a list
 * entry from that day catches no bid, as a bidder on a list would be rejected); `_fund011_gap` holds quiet spells
 * of 120 days or more between two payments, with no bid deadline in them, and what was paid in the 12 months from
 * the next payment.
 */
async function histories(ctx: PlantContext): Promise<void> {
  const asOf = ctx.plan.asOf;
  // A sample of suppliers is enough to choose from (and keeps this cheap at any scale).
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _fund011_sup AS
    SELECT org_id FROM _org WHERE seg = 'supplier' ORDER BY u('fund011', org_id), org_id LIMIT 600`);
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _fund011_pay AS
    SELECT payee_id AS org_id, CAST(pay_time AS DATE) AS d, amount_cny FROM payment
    WHERE payee_type = 'org' AND payee_id IN (SELECT org_id FROM _fund011_sup)`);
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _fund011_bid AS
    SELECT b.org_id, CAST(t.bid_deadline AS DATE) AS d FROM bid b JOIN tender t USING (tender_id) WHERE b.org_id IN (SELECT org_id FROM _fund011_sup)`);
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _fund011_after AS
    WITH lb AS (SELECT org_id, max(d) + 7 AS d FROM _fund011_bid GROUP BY org_id)
    SELECT lb.org_id, lb.d, CAST(sum(p.amount_cny) FILTER (WHERE p.d <= lb.d + INTERVAL 12 MONTH) AS DOUBLE) AS paid12,
      CAST(sum(p.amount_cny) AS DOUBLE) AS paid_all, count(*) AS n
    FROM lb JOIN _fund011_pay p ON p.org_id = lb.org_id AND p.d >= lb.d
    WHERE lb.d <= CAST($1 AS DATE) - 60 GROUP BY lb.org_id, lb.d`, [asOf]);
  await ctx.run(`CREATE OR REPLACE TEMP TABLE _fund011_gap AS
    WITH s AS (SELECT org_id, d, lead(d) OVER (PARTITION BY org_id ORDER BY d) AS nxt FROM _fund011_pay),
    g AS (SELECT org_id, d + 5 AS d1, nxt - 5 AS d2, nxt FROM s WHERE nxt - d >= 120)
    SELECT g.org_id, g.d1, g.d2, CAST(sum(p.amount_cny) AS DOUBLE) AS paid12, count(*) AS n
    FROM g JOIN _fund011_pay p ON p.org_id = g.org_id AND p.d >= g.nxt AND p.d <= g.nxt + INTERVAL 12 MONTH
    WHERE NOT EXISTS (SELECT 1 FROM _fund011_bid b WHERE b.org_id = g.org_id AND b.d BETWEEN g.d1 - 7 AND g.d2 + 7)
    GROUP BY g.org_id, g.d1, g.d2`);
}

/** Claim a supplier from a history table by a condition on it (h), with its name and county. */
async function claim(ctx: PlantContext, table: string, cond: string, cols: string): Promise<Cand> {
  const [org] = await ctx.claimOrgs(1, `_org.seg = 'supplier' AND o.status = 'active'
    AND NOT EXISTS (SELECT 1 FROM credit_list cl WHERE cl.subject_id = o.org_id)
    AND o.org_id IN (SELECT h.org_id FROM ${table} h WHERE ${cond})`);
  const [c] = await ctx.all<Cand>(`SELECT h.org_id, o.name, g.county_name AS county, ${cols}
    FROM ${table} h JOIN organization o USING (org_id) JOIN _org g USING (org_id) WHERE h.org_id = $1 AND ${cond}
    ORDER BY 4 LIMIT 1`, [org!]);
  return c!;
}

/**
 * FUND-011: payments of CNY 500,000 or more within 12 months to a payee that was, on the day of each, on the
 * dishonest-enforcee, abnormal-operation or serious-violation list, revoked or cancelled, or set up less than 180
 * days before its first payment. The background lists only firms that never contract with public buyers, revokes
 * none of its suppliers and founded them all long before their first payment; cases other plants made are adopted.
 */
export const plant: Plant = {
  modelId: 'FUND-011',
  async plant(ctx) {
    await adoptExisting(ctx, 'FUND-011');
    await histories(ctx);
    let seq = 0;
    const list = async (c: Cand, type: string, authority: string, from: string, to: string | null) => {
      await ctx.run(`INSERT INTO credit_list VALUES ('org', $1, $2, $3, CAST($4 AS DATE), CAST($5 AS DATE), $6)`,
        [c.org_id, type, `${c.county}${authority}`, from, to, `XY-F011-${String(++seq).padStart(2, '0')}`]);
    };
    const rec = (truth: 'planted' | 'near_miss', c: Cand, zh: string, en: string) =>
      ctx.record({ truth, subject_type: 'org', subject_id: c.org_id, org_id: c.org_id, note_zh: zh, note_en: en });
    const after = `CAST(h.d AS VARCHAR) AS d, NULL AS d2, h.paid12 AS paid, h.n`;

    // 1. A supplier becomes a dishonest enforcee a week after its last bid; its buyers keep paying it.
    {
      const c = await claim(ctx, '_fund011_after', 'h.paid12 >= 600000', after);
      await list(c, 'dishonest_enforcee', '人民法院', c.d, null);
      rec('planted', c,
        `${c.name}自${c.d}起被列为失信被执行人，此后12个月内仍收到采购人付款${yuan(c.paid)}元`,
        `${c.name} has been a listed dishonest enforcee since ${c.d}, yet was paid CNY ${yuan(c.paid)} by its buyers in the following 12 months`);
    }
    // 2. A supplier is put on the abnormal-operation list (no annual report) and is still paid.
    {
      const c = await claim(ctx, '_fund011_after', 'h.paid12 >= 600000', after);
      await list(c, 'abnormal_operation', '市场监督管理局', c.d, null);
      rec('planted', c,
        `${c.name}自${c.d}起因未报送年度报告被列入经营异常名录，此后12个月内仍收到付款${yuan(c.paid)}元`,
        `${c.name} has been on the abnormal-operation list since ${c.d} (no annual report), yet was paid CNY ${yuan(c.paid)} in the following 12 months`);
    }
    // 3. A supplier's business licence is revoked; payments on its old contracts continue.
    {
      const c = await claim(ctx, '_fund011_after', 'h.paid12 >= 600000', after);
      await ctx.run(`UPDATE organization SET status = 'revoked', status_date = CAST($2 AS DATE) WHERE org_id = $1`, [c.org_id, c.d]);
      rec('planted', c,
        `${c.name}的营业执照于${c.d}被吊销，此后12个月内仍收到付款${yuan(c.paid)}元`,
        `${c.name}'s business licence was revoked on ${c.d}, yet it was paid CNY ${yuan(c.paid)} in the following 12 months`);
    }

    // Near miss: on the abnormal-operation list during a quiet spell only, removed before payments resumed.
    {
      const c = await claim(ctx, '_fund011_gap', 'h.paid12 >= 600000', `CAST(h.d1 AS VARCHAR) AS d, CAST(h.d2 AS VARCHAR) AS d2, h.paid12 AS paid, h.n`);
      await list(c, 'abnormal_operation', '市场监督管理局', c.d, c.d2);
      rec('near_miss', c,
        `${c.name}于${c.d}被列入经营异常名录、${c.d2}补报年报后移出，名录期间没有收款；移出后12个月内收款${yuan(c.paid)}元，付款时已不在名录`,
        `${c.name} was on the abnormal-operation list from ${c.d} to ${c.d2} and received nothing meanwhile; the CNY ${yuan(c.paid)} paid after its removal came when it was off the list`);
    }
    // Near miss: a listed dishonest enforcee paid less than CNY 500,000 afterwards.
    {
      const c = await claim(ctx, '_fund011_after', 'h.paid_all BETWEEN 150000 AND 450000', `CAST(h.d AS VARCHAR) AS d, NULL AS d2, h.paid_all AS paid, h.n`);
      await list(c, 'dishonest_enforcee', '人民法院', c.d, null);
      rec('near_miss', c,
        `${c.name}自${c.d}起被列为失信被执行人，此后共收到付款${yuan(c.paid)}元，低于50万元`,
        `${c.name} has been a listed dishonest enforcee since ${c.d}, but was paid only CNY ${yuan(c.paid)} afterwards, under CNY 500,000`);
    }
  },
};
