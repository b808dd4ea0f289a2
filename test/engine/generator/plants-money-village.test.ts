import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateProvince } from '../../../electron/engine/generator/index.ts';
import { CLASSES } from '../../../electron/engine/generator/vocab.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';
import { catalogReferenceSql } from './catalog-reference.ts';

/** The synthetic province's data date, which stands in for CURRENT_DATE. */
const AS_OF = `DATE '2025-12-31'`;

/** Each model's hits as subject ids, in the conventions of synthetic_truth.subject_id. */
const HITS: Record<string, string> = {
  'SOE-001': `SELECT DISTINCT contract_id AS k FROM m_soe_001`,
  'SOE-006': `SELECT buyer_org_id || '|' || class4 || '|' || CAST(fy AS VARCHAR) AS k FROM m_soe_006`,
  'FUND-001': `SELECT payment_id AS k FROM m_fund_001`,
  'VIL-001': `SELECT lease_id AS k FROM m_vil_001`,
};

for (const { scale, seed } of [{ scale: '3000', seed: 11 }, { scale: '500', seed: 3 }]) {
  describe(`SOE-001, SOE-006, FUND-001 and VIL-001 plants (scale ${scale}, seed ${seed})`, () => {
    let ws: Workspace;
    before(async () => {
      ws = await Workspace.init(tempDir());
      await ws.tasks.run('generate', (t) => generateProvince(ws, { scale, seed }, t));
      await ws.conn.run(catalogReferenceSql());
    });
    after(async () => { await ws.close(); });

    for (const model of Object.keys(HITS)) {
      test(`${model}: every planted case fires, no near miss does, nothing else fires`, async () => {
        const hits = new Set((await ws.conn.all<{ k: string }>(HITS[model]!)).map((r) => r.k));
        const truth = await ws.conn.all<{ k: string; truth: string; note_zh: string; note_en: string }>(
          `SELECT subject_id AS k, truth, note_zh, note_en FROM synthetic_truth WHERE model_id = $1`, [model]);
        const planted = truth.filter((t) => t.truth === 'planted').map((t) => t.k);
        const near = truth.filter((t) => t.truth === 'near_miss').map((t) => t.k);
        assert.ok(planted.length >= 3, `${model}: ${planted.length} planted cases`);
        assert.ok(near.length >= 3, `${model}: ${near.length} near misses`);
        assert.ok(truth.every((t) => /[\u4e00-\u9fff]/.test(t.note_zh) && t.note_en.length > 20), `${model}: notes in both languages`);
        assert.deepEqual(planted.filter((k) => !hits.has(k)), [], `${model}: every planted case is found`);
        assert.deepEqual(near.filter((k) => hits.has(k)), [], `${model}: no near miss fires`);
        const known = new Set(truth.map((t) => t.k));
        assert.deepEqual([...hits].filter((k) => !known.has(k)), [], `${model}: no hits on subjects outside synthetic_truth`);
      });
    }

    test('the planted cases span the severity tiers', async () => {
      const soe = await ws.conn.all<{ case_type: string; severity: string }>(`
        SELECT m.case_type, m.severity FROM m_soe_001 m JOIN synthetic_truth t ON t.subject_id = m.contract_id
        WHERE t.model_id = 'SOE-001' AND t.truth = 'planted'`);
      assert.ok(soe.some((r) => r.case_type === 'criminal' && r.severity === 'red'), 'SOE-001: a criminal case (red)');
      assert.ok(soe.some((r) => r.case_type === 'enforcement' && r.severity === 'red'), 'SOE-001: an open enforcement (red)');
      assert.ok(soe.some((r) => r.case_type === 'civil'), 'SOE-001: civil cases');
      const repeated = await ws.conn.one<{ n: number }>(`SELECT max(n) AS n FROM (SELECT contract_id, count(*) AS n FROM m_soe_001 WHERE case_type = 'civil' GROUP BY 1)`);
      assert.equal(Number(repeated!.n), 3, 'SOE-001: a repeated civil defendant (three cases)');

      const vil = await ws.conn.all<{ overdue: number; days: number; severity: string }>(`
        SELECT CAST(m.overdue_cny AS DOUBLE) AS overdue, CAST(m.overdue_days AS INTEGER) AS days, m.severity
        FROM m_vil_001 m JOIN synthetic_truth t ON t.subject_id = m.lease_id WHERE t.model_id = 'VIL-001' AND t.truth = 'planted'`);
      assert.ok(vil.some((r) => r.overdue === 1_270_000 && r.days === 135 && r.severity === 'red'), "VIL-001: the client's factory lease, 1.27 million for 135 days");
      assert.ok(vil.some((r) => r.severity === 'orange'), 'VIL-001: an orange case');
      assert.ok(vil.some((r) => r.overdue < 1_000_000 && r.days > 365 && r.severity === 'red'), 'VIL-001: red by age alone');

      // The near misses fail the rule by one condition each: the amount, or the age.
      const near = await ws.conn.all<{ overdue: number; days: number }>(`
        WITH due AS (SELECT lease_id, due_date, SUM(amount_due_cny) OVER (PARTITION BY lease_id ORDER BY due_date ROWS UNBOUNDED PRECEDING) AS cum_due
                     FROM rent_schedule WHERE due_date <= ${AS_OF}),
        paid AS (SELECT lease_id, SUM(amount_cny) AS paid FROM rent_receipt WHERE receipt_date <= ${AS_OF} GROUP BY lease_id)
        SELECT CAST(MAX(d.cum_due) - COALESCE(MAX(p.paid), 0) AS DOUBLE) AS overdue,
               CAST(DATE_DIFF('day', MIN(CASE WHEN d.cum_due > COALESCE(p.paid, 0) THEN d.due_date END), ${AS_OF}) AS INTEGER) AS days
        FROM due d LEFT JOIN paid p USING (lease_id)
        WHERE d.lease_id IN (SELECT subject_id FROM synthetic_truth WHERE model_id = 'VIL-001' AND truth = 'near_miss') GROUP BY d.lease_id`);
      assert.ok(near.some((r) => r.overdue === 9_000 && r.days > 90), 'VIL-001: CNY 9,000 overdue for more than 90 days');
      assert.ok(near.some((r) => r.overdue >= 10_000 && r.days > 60 && r.days <= 90), 'VIL-001: more than CNY 10,000 overdue for 61–90 days');
      assert.ok(near.some((r) => r.overdue >= 1_000_000 && r.days === 80), 'VIL-001: a large sum overdue for 80 days');

      const split = await ws.conn.all<{ total: number }>(`SELECT CAST(total_cny AS DOUBLE) AS total FROM m_soe_006`);
      assert.ok(split.every((r) => r.total >= 2_100_000 && r.total <= 3_500_000), 'SOE-006: planted totals between 2.1 and 3.5 million');
    });

    test('planting and neutralising leave the tables consistent', async () => {
      const zero = async (label: string, sql: string) => {
        const r = await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM (${sql})`);
        assert.equal(Number(r!.n), 0, label);
      };
      await zero('contract class = tender class', `SELECT 1 FROM contract c JOIN tender t USING (tender_id) WHERE c.class_code <> t.class_code`);
      const classRows = Object.values(CLASSES).flat().map(([code, name]) => `('${code}', '${name}')`).join(', ');
      await zero('tender titles and single-lot titles name the tender class', `
        SELECT 1 FROM tender t JOIN (VALUES ${classRows}) k(code, name) ON k.code = t.class_code
        LEFT JOIN lot l ON l.tender_id = t.tender_id AND l.lot_id = '-'
        WHERE position(k.name IN t.title) = 0 OR (l.title IS NOT NULL AND l.title <> k.name)`);
      await zero('payments reference existing contracts', `SELECT 1 FROM payment WHERE contract_id IS NOT NULL AND contract_id NOT IN (SELECT contract_id FROM contract)`);
      await zero('payments reference existing decisions', `SELECT 1 FROM payment WHERE decision_id IS NOT NULL AND decision_id NOT IN (SELECT decision_id FROM decision)`);
      await zero('decisions reference existing contracts', `SELECT 1 FROM decision WHERE ref_contract_id IS NOT NULL AND ref_contract_id NOT IN (SELECT contract_id FROM contract)`);
      await zero('decisions reference existing payments', `SELECT 1 FROM decision WHERE ref_payment_id IS NOT NULL AND ref_payment_id NOT IN (SELECT payment_id FROM payment)`);
      for (const t of ['contract_amendment', 'subcontract', 'project_staff']) {
        await zero(`${t} references existing contracts`, `SELECT 1 FROM ${t} WHERE contract_id NOT IN (SELECT contract_id FROM contract)`);
      }
      await zero('case parties reference existing cases', `SELECT 1 FROM case_party WHERE case_id NOT IN (SELECT case_id FROM court_case)`);
      await zero('every active award of a complete tender has a contract', `
        SELECT 1 FROM award a JOIN tender t USING (tender_id) WHERE a.status = 'active' AND t.status = 'complete'
          AND NOT EXISTS (SELECT 1 FROM contract c WHERE c.award_id = a.award_id)`);
      await zero('an award that is not active gives its reason and has no contract', `
        SELECT 1 FROM award a WHERE a.status <> 'active' AND (a.reason_code IS NULL OR EXISTS (SELECT 1 FROM contract c WHERE c.award_id = a.award_id))`);
      await zero('contracts reference existing awards', `SELECT 1 FROM contract WHERE award_id IS NOT NULL AND award_id NOT IN (SELECT award_id FROM award)`);
      await zero('an open legal_rep role names the organisation\'s legal representative', `
        SELECT 1 FROM org_role r JOIN organization o USING (org_id)
        WHERE r.role = 'legal_rep' AND r.end_date IS NULL AND r.person_id IS DISTINCT FROM o.legal_rep_person_id`);
      await zero('receipt ids are unique', `SELECT receipt_id FROM rent_receipt GROUP BY 1 HAVING count(*) > 1`);
      await zero('every receipt is booked with the same amount', `
        SELECT 1 FROM rent_receipt r LEFT JOIN village_voucher v ON v.voucher_id = r.voucher_id WHERE v.voucher_id IS NULL OR v.debit_cny <> r.amount_cny`);
      await zero('leases, assets and schedules match', `
        SELECT 1 FROM lease_contract l LEFT JOIN village_asset a USING (asset_id) WHERE a.asset_id IS NULL OR a.collective_org_id <> l.collective_org_id
        UNION ALL SELECT 1 FROM rent_schedule WHERE lease_id NOT IN (SELECT lease_id FROM lease_contract)
        UNION ALL SELECT 1 FROM rent_receipt WHERE lease_id NOT IN (SELECT lease_id FROM lease_contract)`);
      await zero('every lease has a villagers\' decision', `SELECT 1 FROM lease_contract WHERE lease_id NOT IN (SELECT ref_lease_id FROM decision WHERE ref_lease_id IS NOT NULL)`);
      await zero('no date after the data date where one cannot be', `
        SELECT 1 FROM payment WHERE CAST(pay_time AS DATE) > ${AS_OF}
        UNION ALL SELECT 1 FROM rent_receipt WHERE receipt_date > ${AS_OF}
        UNION ALL SELECT 1 FROM court_case WHERE filing_date > ${AS_OF}
        UNION ALL SELECT 1 FROM court_case WHERE judgment_date > ${AS_OF}
        UNION ALL SELECT 1 FROM contract WHERE status = 'completed' AND (acceptance_date > ${AS_OF} OR actual_end_date > ${AS_OF})`);
    });
  });
}
