import { int } from '../sql-literals.ts';
import type { PopulationLayout } from '../layout.ts';
import type { ScalePlan } from '../scale.ts';
import { orgIdSql, personIdSql as pid } from './parties.ts';
import type { GenStep } from './step.ts';

/** Payments and decisions, court and credit records, the village ledgers, and the smaller tables. */
export function otherSteps(p: ScalePlan, L: PopulationLayout): GenStep[] {
  const o = L.org;
  const q = L.person;
  const asOf = `DATE '${p.asOf}'`;
  // Move a date off the weekend (payments happen on working days).
  const workday = (d: string) => `(${d} + CASE dayofweek(${d}) WHEN 6 THEN 2 WHEN 0 THEN 1 ELSE 0 END)`;
  return [{
    zh: '生成支付与集体决策', en: 'payments and decisions',
    sql: [
      `INSERT INTO budget_item
       SELECT 'BG' || substr(org_id, 4) || CAST(y AS VARCHAR), org_id, y, '年度部门预算', NULL, round(2e6 + 5e7 * u('bud', org_idx || y), -4), u('spec', org_idx || y) < 0.2
       FROM _org CROSS JOIN (SELECT unnest([2021, 2022, 2023, 2024, 2025]) AS y) WHERE seg = 'buyer'`,
      `UPDATE contract SET budget_id = 'BG' || substr(buyer_org_id, 4) || strftime(sign_date, '%Y') WHERE buyer_org_id IN (SELECT org_id FROM _org WHERE seg = 'buyer')`,
      // Contracts of CNY 500,000 or more are decided collectively after the award and before signing (三重一大).
      `INSERT INTO decision
       SELECT 'DC' || substr(c.contract_id, 3), c.buyer_org_id,
         CASE WHEN b.org_type = 'soe' THEN CASE WHEN u('body', c.contract_id) < 0.5 THEN 'gm_office' ELSE 'board' END ELSE 'party_committee' END,
         greatest(CAST(a.notice_date AS DATE) + 1, c.sign_date - CAST(ui('md', c.contract_id, 2, 12) AS INTEGER)), '关于' || t.title || '合同签订及资金支付的决定', 'contract', c.value_cny,
         CAST(ui('att', c.contract_id, 7, 9) AS INTEGER), 9, CAST(ui('att', c.contract_id, 7, 9) AS INTEGER), c.contract_id, NULL, NULL, c.project_ref
       FROM contract c JOIN _org b ON b.org_id = c.buyer_org_id LEFT JOIN tender t USING (tender_id) LEFT JOIN award a ON a.award_id = c.award_id
       WHERE c.value_cny >= 500000`,
      // Instalments: an advance of 30% at the start, the balance on acceptance (or a progress payment).
      `INSERT INTO payment
       WITH inst AS (
         SELECT c.*, 1 AS n, 0.3 AS share, c.start_date AS d FROM contract c WHERE c.category <> 'goods' AND c.start_date <= ${asOf}
         UNION ALL SELECT c.*, 2, CASE WHEN c.category = 'goods' THEN 1.0 ELSE 0.7 END, c.acceptance_date + 5 FROM contract c WHERE c.acceptance_date + 5 <= ${asOf})
       SELECT 'PM' || substr(i.contract_id, 3) || CAST(i.n AS VARCHAR), i.buyer_org_id, 'AC' || substr(i.buyer_org_id, 4) || 'B', s.name, 'org', i.supplier_org_id,
         'AC' || substr(i.supplier_org_id, 4) || 'B', round(COALESCE(i.settlement_value_cny, i.value_cny) * i.share, 2),
         CAST(${workday('i.d')} AS TIMESTAMP) + to_minutes(CAST(ui('pt', i.contract_id || i.n, 540, 1020) AS INTEGER)), 'bank',
         CASE i.n WHEN 1 THEN '预付款' ELSE '结算款' END, 'contract', i.contract_id, i.budget_id,
         'PZ' || substr(i.contract_id, 3) || CAST(i.n AS VARCHAR), 'FP' || substr(md5(i.contract_id || i.n), 1, 12),
         CASE WHEN i.value_cny >= 500000 THEN 'DC' || substr(i.contract_id, 3) END
       FROM inst i JOIN organization s ON s.org_id = i.supplier_org_id`,
      `INSERT INTO contract_amendment
       SELECT 'AM' || substr(contract_id, 3), contract_id, start_date + 30, 'scope', round(value_cny * 0.03 * u('amv', contract_id), 2), NULL,
         '现场签证：局部工程量调整', CASE WHEN value_cny >= 500000 THEN 'DC' || substr(contract_id, 3) END
       FROM contract WHERE category = 'works' AND u('am?', contract_id) < 0.1 AND start_date + 30 <= ${asOf}`,
      `INSERT INTO subcontract
       SELECT c.contract_id, ${orgIdSql(`${int(o.other.start)} + ui('sub', c.contract_id, 0, ${int(o.other.count - 1)})`)},
         round(c.value_cny * 0.2, 2), '劳务分包', c.start_date + 5
       FROM contract c WHERE c.category = 'works' AND u('sub?', c.contract_id) < 0.1`,
      // Suppliers pay their subcontractors: ordinary onward payments, well below the contract proceeds.
      `INSERT INTO bank_txn
       SELECT 'TX' || substr(s.contract_id, 3), 'AC' || substr(c.supplier_org_id, 4) || 'B', 'AC' || substr(s.sub_org_id, 4) || 'B',
         round(s.value_cny * 0.5, 2), CAST(s.sign_date + 20 AS TIMESTAMP) + to_hours(10), '劳务分包款'
       FROM subcontract s JOIN contract c USING (contract_id) WHERE s.sign_date + 20 <= ${asOf}`,
      `INSERT INTO grant_award
       SELECT 'GR' || lpad(CAST(org_idx AS VARCHAR), 7, '0'), pick(['科技型中小企业补助', '技术改造专项资金', '数字化转型奖励'], 'gp', org_idx), 'org', org_id,
         'XM' || substr(org_id, 4), round(50000 + 450000 * u('ga', org_idx), -3), DATE '2022-03-01' + CAST(ui('gd', org_idx, 0, 1000) AS INTEGER),
         DATE '2022-03-01' + CAST(ui('gd', org_idx, 0, 1000) AS INTEGER) + 45, ${pid(`${int(q.official.start)} + ui('gap', org_idx, 0, ${int(L.officials - 1)})`)}
       FROM _org WHERE seg IN ('supplier', 'other') AND u('grant?', org_idx) < 0.05`,
      `INSERT INTO complaint
       SELECT b.tender_id, b.org_id, CAST(a.notice_date AS DATE) + 3, '对中标结果提出质疑', '驳回', CAST(a.notice_date AS DATE) + 20
       FROM award a JOIN bid b ON b.tender_id = a.tender_id AND b.lot_id = a.lot_id AND b.rank = 2 WHERE u('cmp?', a.award_id) < 0.01`,
      `INSERT INTO tender_amendment
       SELECT tender_id, docs_start + to_days(2), 'clarification', bid_deadline, NULL, '澄清：答疑纪要'
       FROM tender WHERE u('amd?', tender_id) < 0.1 AND procurement_method IN ('open', 'selective')`,
      `INSERT INTO doc_download
       SELECT b.tender_id, b.lot_id, b.org_id, b.agent_person_id,
         tn.docs_start + to_seconds(CAST(date_diff('second', tn.docs_start, b.submit_time) * (0.05 + 0.9 * u('dl', b.bid_id)) AS BIGINT)),
         b.upload_ip, b.upload_mac
       FROM bid b JOIN tender tn USING (tender_id) WHERE u('dl?', b.tender_id) < 0.3`,
      `INSERT INTO bid_member
       SELECT b.bid_id, b.org_id, 'lead' FROM bid b WHERE u('cons?', b.bid_id) < 0.01
       UNION ALL SELECT b.bid_id, ${orgIdSql(`${int(o.other.start)} + ui('cm', b.bid_id, 0, ${int(o.other.count - 1)})`)}, 'member' FROM bid b WHERE u('cons?', b.bid_id) < 0.01`,
      `UPDATE bid SET is_consortium = TRUE WHERE bid_id IN (SELECT bid_id FROM bid_member)`,
      `INSERT INTO bid_item
       SELECT b.bid_id, 'I' || lpad(CAST(i AS VARCHAR), 3, '0'), '清单项目' || CAST(i AS VARCHAR), pick(['台', '套', '项', '件'], 'unit', i),
         CAST(ui('qty', b.tender_id || i, 1, 50) AS DECIMAL(18,4)),
         round(1000 * (1 + 9 * u('up', b.tender_id || i)) * (0.9 + 0.2 * u('upb', b.bid_id || i)), 2)
       FROM bid b JOIN tender t USING (tender_id), range(20) r(i)
       WHERE t.category = 'goods' AND u('items?', b.tender_id) < 0.05`,
      `INSERT INTO bid_claim
       SELECT min(b.bid_id), 'performance', bo.name, c.contract_id, c.value_cny, c.acceptance_date
       FROM contract c JOIN organization bo ON bo.org_id = c.buyer_org_id
       JOIN bid b ON b.org_id = c.supplier_org_id JOIN tender t ON t.tender_id = b.tender_id AND t.bid_deadline > c.acceptance_date + 30
       WHERE c.acceptance_date IS NOT NULL AND u('claim?', c.contract_id) < 0.1
       GROUP BY bo.name, c.contract_id, c.value_cny, c.acceptance_date`,
    ],
  }, {
    zh: '生成涉诉与信用记录', en: 'court, credit and penalty records',
    sql: [
      // Suppliers appear in court as plaintiffs collecting debts from firms that never bid.
      `CREATE OR REPLACE TEMP TABLE _case AS
       SELECT 'CS' || lpad(CAST(s.org_idx AS VARCHAR), 7, '0') AS case_id, s.org_id AS plaintiff,
         ${orgIdSql(`${int(o.other.start)} + ui('def', s.org_idx, 0, ${int(o.other.count - 1)})`)} AS defendant, s.county_name,
         DATE '2021-02-01' + CAST(ui('fd', s.org_idx, 0, 1700) AS INTEGER) AS filing_date, s.org_idx
       FROM _org s WHERE s.seg = 'supplier' AND u('case?', s.org_idx) < 0.1`,
      `INSERT INTO court_case
       SELECT case_id, '(' || strftime(filing_date, '%Y') || ')浙' || substr(defendant, 5, 4) || '民初' || CAST(ui('cno', org_idx, 100, 9999) AS VARCHAR) || '号',
         county_name || '人民法院', 'civil', pick(['买卖合同纠纷', '建设工程施工合同纠纷', '服务合同纠纷', '借款合同纠纷'], 'cause', org_idx),
         filing_date, CASE WHEN filing_date + CAST(ui('jd', org_idx, 60, 300) AS INTEGER) <= ${asOf} THEN filing_date + CAST(ui('jd', org_idx, 60, 300) AS INTEGER) END,
         round(50000 + 2e6 * u('camt', org_idx), -2), filing_date + CAST(ui('jd', org_idx, 60, 300) AS INTEGER) <= ${asOf}
       FROM _case`,
      `INSERT INTO case_party
       SELECT c.case_id, 'org', c.plaintiff, o1.name, 'plaintiff' FROM _case c JOIN organization o1 ON o1.org_id = c.plaintiff
       UNION ALL SELECT c.case_id, 'org', c.defendant, o2.name, 'defendant' FROM _case c JOIN organization o2 ON o2.org_id = c.defendant`,
      `INSERT INTO credit_list
       SELECT 'org', org_id, pick(['dishonest_enforcee', 'abnormal_operation'], 'lt', org_idx), county_name || pick(['人民法院', '市场监督管理局'], 'la', org_idx),
         DATE '2021-03-01' + CAST(ui('ld', org_idx, 0, 1500) AS INTEGER), NULL, 'XY' || CAST(org_idx AS VARCHAR)
       FROM _org WHERE seg = 'other' AND u('cl?', org_idx) < 0.08`,
      `INSERT INTO admin_penalty
       SELECT 'org', org_id, county_name || '市场监督管理局', '浙市监罚' || CAST(org_idx AS VARCHAR), DATE '2021-01-01' + CAST(ui('pd', org_idx, 0, 1800) AS INTEGER),
         'warning_fine', round(2000 + 48000 * u('fine', org_idx), -2), NULL, NULL, '未按规定公示年度报告'
       FROM _org WHERE seg IN ('supplier', 'other') AND u('pen?', org_idx) < 0.03`,
    ],
  }, {
    zh: '生成村集体资产、租赁与账务', en: 'village assets, leases and ledgers',
    sql: [
      `CREATE OR REPLACE TEMP TABLE _asset AS
       WITH e AS (SELECT v.org_idx, v.org_id, v.seg_idx, unnest(range(CAST(ui('na', v.org_idx, 5, 14) AS INTEGER))) AS k FROM _org v WHERE v.seg = 'collective')
       SELECT e.*, 'VA' || lpad(CAST(e.org_idx AS VARCHAR), 7, '0') || lpad(CAST(e.k AS VARCHAR), 2, '0') AS asset_id,
         pick(['land', 'land', 'building', 'building', 'pond', 'forest', 'shop'], 'acl', e.org_idx || ':' || e.k) AS asset_class,
         u('ast', e.org_idx || ':' || e.k) AS ust
       FROM e`,
      `INSERT INTO village_asset
       SELECT asset_id, org_id, asset_class,
         CASE asset_class WHEN 'land' THEN '集体耕地' WHEN 'building' THEN '村集体厂房' WHEN 'pond' THEN '养殖水塘' WHEN 'forest' THEN '集体林地' ELSE '沿街店面' END || CAST(k + 1 AS VARCHAR) || '号',
         CASE WHEN asset_class IN ('building', 'shop') THEN round(100 + 3000 * u('area', asset_id), 1) ELSE round(5 + 120 * u('area', asset_id), 1) END,
         CASE WHEN asset_class IN ('building', 'shop') THEN '平方米' ELSE '亩' END, '村' || pick(roads(), 'vr', asset_id),
         round(50000 + 2e6 * u('bv', asset_id), -2),
         CASE WHEN ust < 0.72 THEN 'leased' WHEN ust < 0.82 THEN 'idle' ELSE 'self_use' END,
         CASE WHEN asset_class IN ('building', 'shop') THEN round(120 + 180 * u('ref', org_idx), 2) ELSE round(700 + 800 * u('ref', org_idx), 2) END,
         CASE WHEN asset_class IN ('land', 'forest', 'pond') THEN DATE '2058-12-31' END
       FROM _asset`,
      `INSERT INTO lease_contract
       SELECT 'LS' || substr(a.asset_id, 3), a.asset_id, a.org_id,
         CASE WHEN u('lt', a.asset_id) < 0.6 THEN 'person' ELSE 'org' END,
         CASE WHEN u('lt', a.asset_id) < 0.6 THEN ${pid(`${int(q.villager.start)} + (a.seg_idx - 1) * 6 + 3 + ui('lv', a.asset_id, 0, 2)`)}
              ELSE ${orgIdSql(`${int(o.other.start)} + ui('lo', a.asset_id, 0, ${int(o.other.count - 1)})`)} END,
         NULL, s.start_date - 10, s.start_date, s.start_date + 365 * yrs.y - 1,
         round(va.area * va.ref_rent_per_unit_year * (0.95 + 0.25 * u('rent', a.asset_id)), -2), va.area,
         pick(['annual', 'annual', 'annual', 'semiannual', 'quarterly', 'monthly'], 'cyc', a.asset_id),
         CASE WHEN round(va.area * va.ref_rent_per_unit_year, -2) >= 40000 OR yrs.y * va.area * va.ref_rent_per_unit_year >= 150000
              THEN pick(['public_bidding', 'exchange'], 'am', a.asset_id) ELSE pick(['public_bidding', 'exchange', 'negotiation'], 'am', a.asset_id) END,
         round(va.area * va.ref_rent_per_unit_year * 0.1, -2), CASE WHEN yrs.y > 5 THEN 0.02 ELSE 0 END, 'active'
       FROM _asset a JOIN village_asset va USING (asset_id)
       CROSS JOIN LATERAL (SELECT DATE '2019-01-01' + CAST(ui('ls', a.asset_id, 0, 1800) AS INTEGER) AS start_date) s
       CROSS JOIN LATERAL (SELECT CAST(ui('ly', a.asset_id, 3, 15) AS INTEGER) AS y) yrs
       WHERE a.ust < 0.72`,
      `UPDATE lease_contract l SET lessee_name = COALESCE((SELECT name FROM person WHERE person_id = l.lessee_id), (SELECT name FROM organization WHERE org_id = l.lessee_id))`,
      `UPDATE lease_contract SET status = 'expired' WHERE end_date < ${asOf}`,
      `INSERT INTO rent_schedule
       WITH cyc AS (SELECT l.*, CASE payment_cycle WHEN 'annual' THEN 12 WHEN 'semiannual' THEN 6 WHEN 'quarterly' THEN 3 ELSE 1 END AS months FROM lease_contract l)
       SELECT lease_id, CAST(d AS DATE),
         round(annual_rent_cny * months / 12 * power(1 + escalation_rate, date_diff('month', start_date, CAST(d AS DATE)) // 12), 2)
       FROM cyc, unnest(generate_series(CAST(start_date AS TIMESTAMP), CAST(end_date AS TIMESTAMP), to_months(months))) AS g(d)`,
      `INSERT INTO rent_receipt
       SELECT 'RR' || substr(s.lease_id, 3) || strftime(s.due_date, '%Y%m%d'), s.lease_id, s.due_date + CAST(ui('rd', s.lease_id || s.due_date, 0, 20) AS INTEGER),
         s.amount_due_cny, 'bank', 'AC' || substr(l.collective_org_id, 4) || 'B', 'VC' || substr(s.lease_id, 3) || strftime(s.due_date, '%Y%m%d')
       FROM rent_schedule s JOIN lease_contract l USING (lease_id) WHERE s.due_date + 20 <= ${asOf}`,
      `INSERT INTO village_voucher
       SELECT r.voucher_id, l.collective_org_id, r.receipt_date, 'rent_income', '收' || l.lessee_name || '租金', r.amount_cny, 0, FALSE,
         l.lessee_name, l.lessee_type, l.lessee_id, TRUE, NULL, l.lease_id, NULL
       FROM rent_receipt r JOIN lease_contract l USING (lease_id)
       UNION ALL
       SELECT 'VX' || lpad(CAST(v.org_idx AS VARCHAR), 7, '0') || lpad(CAST(k AS VARCHAR), 3, '0'), v.org_id,
         DATE '2021-01-05' + CAST(ui('vd', v.org_idx || ':' || k, 0, 1800) AS INTEGER),
         pick(['admin_expense', 'maintenance', 'salary', 'allowance', 'utilities'], 'sub', v.org_idx || ':' || k),
         pick(['办公用品', '道路维修', '村干部误工补贴', '保洁费', '电费'], 'sum', v.org_idx || ':' || k), 0,
         round(800 + 30000 * u('vamt', v.org_idx || ':' || k), 2), FALSE,
         o2.name, 'org', o2.org_id, TRUE, NULL, NULL, NULL
       FROM _org v, range(CAST(ui('nv', v.org_idx, 20, 60) AS INTEGER)) r(k)
       JOIN organization o2 ON o2.org_id = ${orgIdSql(`${int(o.other.start)} + ui('vcp', v.org_idx || ':' || k, 0, ${int(o.other.count - 1)})`)}
       WHERE v.seg = 'collective'`,
      `INSERT INTO cash_balance
       SELECT v.org_id, CAST(d AS DATE), round(300 + 3500 * u('cash', v.org_idx || ':' || CAST(d AS VARCHAR)), 2)
       FROM _org v, unnest(generate_series(TIMESTAMP '2025-01-01', TIMESTAMP '${p.asOf}', INTERVAL 1 DAY)) AS g(d)
       WHERE v.seg = 'collective' AND dayofweek(d) BETWEEN 1 AND 5`,
      `INSERT INTO benefit_payment
       SELECT '最低生活保障', ${pid(`${int(q.villager.start)} + (v.seg_idx - 1) * 6 + r.r`)}, v.org_id, 'HH' || CAST(v.org_idx AS VARCHAR) || CAST(r.r AS VARCHAR),
         round(800 + 400 * u('bp', v.org_idx || r.r), 0), strftime(m, '%Y-%m'), CAST(m AS DATE) + 10, ${pid(`${int(q.cadre.start)} + (v.seg_idx - 1) * 2 + 1`)}
       FROM _org v CROSS JOIN (SELECT unnest([0, 1, 2]) AS r) r, unnest(generate_series(TIMESTAMP '2024-01-01', TIMESTAMP '2025-12-01', INTERVAL 1 MONTH)) AS g(m)
       WHERE v.seg = 'collective'`,
      `INSERT INTO decision
       SELECT 'DV' || substr(lease_id, 3), collective_org_id, 'villagers_assembly', sign_date - 15, '关于' || lessee_name || '承租集体资产的决议', 'lease',
         annual_rent_cny, 40, 52, 36, NULL, NULL, lease_id, NULL
       FROM lease_contract`,
    ],
  }];
}
