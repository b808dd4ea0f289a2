import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateProvince } from '../../../electron/engine/generator/index.ts';
import { VOCABULARY } from '../../../electron/engine/schema/vocabulary.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

const AS_OF = `DATE '2025-12-31'`;


describe('the synthetic province is internally consistent', () => {
  let ws: Workspace;
  before(async () => {
    ws = await Workspace.init(tempDir());
    await ws.tasks.run('generate', (t) => generateProvince(ws, { scale: '3000', seed: 5 }, t));
  });
  after(async () => { await ws.close(); });

  const none = async (what: string, sql: string) => {
    const rows = await ws.conn.all(`SELECT * FROM (${sql}) LIMIT 3`);
    assert.deepEqual(rows, [], `${what}: ${JSON.stringify(rows)}`);
  };

  test('every value lies in its vocabulary', async () => {
    for (const [col, values] of Object.entries(VOCABULARY)) {
      const [table, column] = col.split('.');
      await none(col, `SELECT DISTINCT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL AND ${column} NOT IN (${values.map((v) => `'${v}'`).join(', ')})`);
    }
  });

  test('persons: unique ID hashes, 11-digit mobiles, adults at the head of the firms they founded', async () => {
    await none('duplicate ID hash', `SELECT id_no_hash, count(*) FROM person GROUP BY 1 HAVING count(*) > 1`);
    await none('mobile not 11 digits', `SELECT phone FROM person WHERE NOT regexp_full_match(phone, '1[0-9]{10}')`);
    await none('legal representative under 18 at founding', `
      SELECT o.org_id FROM organization o JOIN person p ON p.person_id = o.legal_rep_person_id
      WHERE o.org_type IN ('company', 'individual_business') AND date_diff('year', p.birth_date, o.established_date) < 18`);
    await none('legal representative differs between organization and org_role', `
      SELECT r.org_id FROM org_role r JOIN organization o USING (org_id) WHERE r.role = 'legal_rep' AND r.end_date IS NULL AND r.person_id <> o.legal_rep_person_id`);
  });

  test('tender timelines run forward and bids are made within them', async () => {
    await none('documents close after the deadline', `SELECT tender_id FROM tender WHERE docs_end > bid_deadline OR docs_start < publish_date`);
    await none('bid submitted outside the tender period', `
      SELECT b.bid_id FROM bid b JOIN tender t USING (tender_id) WHERE b.submit_time <= t.publish_date OR b.submit_time > t.bid_deadline`);
    await none('bid file created before publication', `
      SELECT d.bid_id FROM bid_document d JOIN bid b USING (bid_id) JOIN tender t USING (tender_id) WHERE d.created_at < t.publish_date OR d.modified_at > b.submit_time`);
    await none('deposit outside the tender period', `
      SELECT b.bid_id FROM bid b JOIN tender t USING (tender_id) WHERE b.deposit_paid_time < t.publish_date OR b.deposit_paid_time > b.submit_time`);
    await none('download after the bid was submitted', `
      SELECT d.tender_id FROM doc_download d JOIN bid b USING (tender_id, lot_id, org_id) WHERE d.download_time > b.submit_time`);
  });

  test('prices, scores and lots add up', async () => {
    await none('price above the lot ceiling', `SELECT b.bid_id FROM bid b JOIN lot l USING (tender_id, lot_id) WHERE b.price_cny > l.max_price_cny`);
    await none('score out of range', `SELECT bid_id FROM bid WHERE price_score > 30 OR tech_score > 60 OR tech_score < 0 OR (status <> 'valid' AND price_score IS NOT NULL)`);
    await none('lots exceed the tender', `
      SELECT t.tender_id FROM tender t JOIN lot l USING (tender_id) GROUP BY t.tender_id, t.max_price_cny, t.est_value_cny
      HAVING sum(l.max_price_cny) > t.max_price_cny OR sum(l.est_value_cny) > t.est_value_cny`);
    await none('award not to the first-ranked valid bid', `
      SELECT a.award_id FROM award a JOIN bid b USING (bid_id) WHERE b.status <> 'valid' OR b.rank <> 1 OR b.org_id <> a.supplier_org_id OR b.price_cny <> a.award_value_cny`);
  });

  test('contracts, decisions and payments follow the award', async () => {
    await none('active award without a contract', `
      SELECT a.award_id FROM award a JOIN tender t USING (tender_id) WHERE a.status = 'active' AND t.status = 'complete'
      AND NOT EXISTS (SELECT 1 FROM contract c WHERE c.award_id = a.award_id)`);
    await none('contract signed before the award notice', `SELECT c.contract_id FROM contract c JOIN award a USING (award_id) WHERE c.sign_date < CAST(a.notice_date AS DATE)`);
    await none('decision before the award or after signing', `
      SELECT d.decision_id FROM decision d JOIN contract c ON c.contract_id = d.ref_contract_id JOIN award a USING (award_id)
      WHERE d.decision_id LIKE 'DC%' AND (d.meeting_date <= CAST(a.notice_date AS DATE) OR d.meeting_date > c.sign_date)
        -- FUND-001 plants late decisions on purpose
        AND NOT EXISTS (SELECT 1 FROM synthetic_truth s WHERE s.contract_id = c.contract_id OR s.payment_id LIKE 'PM' || substr(c.contract_id, 3) || '%')`);
    await none('payment to a contract that does not exist', `SELECT payment_id FROM payment WHERE contract_id IS NOT NULL AND contract_id NOT IN (SELECT contract_id FROM contract)`);
    await none('dates after the data date', `
      SELECT 'payment' FROM payment WHERE CAST(pay_time AS DATE) > ${AS_OF}
      UNION ALL SELECT 'receipt' FROM rent_receipt WHERE receipt_date > ${AS_OF}
      UNION ALL SELECT 'judgment' FROM court_case WHERE judgment_date > ${AS_OF} OR filing_date > ${AS_OF}
      UNION ALL SELECT 'completed contract' FROM contract WHERE status = 'completed' AND (acceptance_date > ${AS_OF} OR acceptance_date IS NULL)`);
    await none('payment on a weekend', `SELECT payment_id FROM payment WHERE dayofweek(pay_time) IN (0, 6) AND payment_id LIKE 'PM%'`);
  });

  test('owners and overseers are local; escalating rents rise', async () => {
    await none('state-owned enterprise owned from another city', `
      SELECT s.org_id FROM shareholding s JOIN organization o USING (org_id) JOIN organization h ON h.org_id = s.holder_id
      WHERE o.org_type = 'soe' AND s.holder_type = 'org' AND substr(o.region_code, 1, 4) <> substr(h.region_code, 1, 4)`);
    // Officials take four buyers in city order, so only one at a city boundary spans two cities.
    await none('official overseeing buyers in more than two cities', `
      SELECT d.person_id FROM official_duty d JOIN organization o ON o.org_id = d.oversees_org_id
      GROUP BY 1 HAVING count(DISTINCT substr(o.region_code, 1, 4)) > 2`);
    await none('escalation rate without rising rent', `
      SELECT l.lease_id FROM lease_contract l JOIN rent_schedule s USING (lease_id) WHERE l.escalation_rate > 0
      GROUP BY l.lease_id, l.start_date, l.end_date HAVING date_diff('year', l.start_date, l.end_date) >= 2 AND max(s.amount_due_cny) <= min(s.amount_due_cny)`);
  });
});
