import { int } from '../sql-literals.ts';
import type { PopulationLayout } from '../layout.ts';
import type { ScalePlan } from '../scale.ts';
import { orgIdSql, personIdSql as pid } from './parties.ts';
import type { GenStep } from './step.ts';

/** Tenders, lots, bids and their documents, personnel, panels, scores, awards and contracts. */
export function procurementSteps(p: ScalePlan, L: PopulationLayout): GenStep[] {
  const o = L.org;
  const q = L.person;
  const staff = (segIdx: string, role: string) => pid(`${int(q.supplier_staff.start)} + (${segIdx} - 1) * 4 + ${role} - 1`);
  return [{
    zh: '生成招标项目与标段', en: 'tenders and lots',
    sql: [
      `CREATE OR REPLACE TEMP TABLE _pool AS
       SELECT category, CAST(row_number() OVER (PARTITION BY category ORDER BY org_idx) - 1 AS BIGINT) AS k, org_idx, seg_idx, org_id,
              count(*) OVER (PARTITION BY category) AS m
       FROM _org WHERE seg = 'supplier'`,
      `CREATE OR REPLACE TEMP TABLE _t AS
       WITH b AS (SELECT CAST(range + 1 AS BIGINT) AS t FROM range(${int(p.tenders)})),
       x AS (SELECT t, ${int(o.buyer.start)} + ui('buyer', t, 0, ${int(o.buyer.count - 1)}) AS buyer_idx,
               CASE WHEN u('tcat', t) < 0.45 THEN 'works' WHEN u('tcat', t) < 0.75 THEN 'goods' ELSE 'services' END AS category,
               u('meth', t) AS um FROM b),
       y AS (SELECT x.*,
               CASE WHEN um < 0.70 THEN 'open' WHEN um < 0.75 THEN 'selective' WHEN um < 0.95 THEN 'limited' ELSE 'direct' END AS method,
               CASE WHEN um < 0.70 THEN '公开招标' WHEN um < 0.75 THEN '邀请招标' WHEN um < 0.83 THEN '竞争性谈判'
                    WHEN um < 0.90 THEN '竞争性磋商' WHEN um < 0.95 THEN '询价' ELSE '单一来源' END AS method_detail,
               -- Published on a working day (2021-01-04 is a Monday: day n of the week-day calendar), in office hours.
               TIMESTAMP '2021-01-04 09:00:00' + to_days(CAST(7 * (ui('pub', t, 0, 1254) // 5) + ui('pub', t, 0, 1254) % 5 AS INTEGER))
                 + to_minutes(CAST(ui('pubm', t, 0, 480) AS INTEGER)) AS publish_date
             FROM x)
       SELECT y.*, 'T' || lpad(CAST(t AS VARCHAR), 8, '0') AS tender_id,
         bo.org_id AS buyer_org_id, bo.region_code, bo.org_type AS buyer_type, bo.county_name,
         c.code AS class_code, c.name AS class_name,
         round(exp(ln(CASE y.category WHEN 'works' THEN 3e6 WHEN 'goods' THEN 8e5 ELSE 5e5 END)
                   + 0.8 * nrm('est', t)) * CASE WHEN method IN ('limited', 'direct') THEN 0.25 ELSE 1 END, -3) AS est_value,
         CASE WHEN method IN ('open', 'selective') AND u('lots?', t) < 0.15 AND y.category <> 'services' THEN CAST(ui('nlots', t, 2, 4) AS INTEGER) ELSE 1 END AS n_lots,
         CASE method_detail WHEN '公开招标' THEN 20 WHEN '邀请招标' THEN 20 WHEN '竞争性磋商' THEN 10 ELSE 3 END AS min_days,
         CASE WHEN u('st', t) < 0.03 THEN 'cancelled' WHEN u('st', t) < 0.05 THEN 'unsuccessful' ELSE 'complete' END AS status,
         CASE WHEN method = 'direct' THEN 'priceOnly'
              WHEN y.category = 'works' THEN CASE WHEN u('crit', t) < 0.5 THEN 'lowestEvaluatedPrice' WHEN u('crit', t) < 0.7 THEN 'averagePrice' ELSE 'ratedCriteria' END
              WHEN y.category = 'goods' THEN CASE WHEN u('crit', t) < 0.4 THEN 'priceOnly' ELSE 'ratedCriteria' END
              ELSE CASE WHEN u('crit', t) < 0.2 THEN 'priceOnly' ELSE 'ratedCriteria' END END AS award_criteria
       FROM y JOIN _org bo ON bo.org_idx = y.buyer_idx
       JOIN _class c ON c.category = y.category AND c.idx = ui('cls', y.t, 1, 12)`,
      `INSERT INTO tender
       SELECT tender_id, 'ocds-zj0001-' || tender_id, 'ZJ' || strftime(publish_date, '%Y') || '-' || lpad(CAST(t AS VARCHAR), 8, '0'),
         county_name || class_name || CASE category WHEN 'goods' THEN '采购项目' ELSE '项目' END,
         buyer_org_id,
         CASE WHEN method IN ('open', 'selective') AND u('ag?', t) < 0.8 THEN ${orgIdSql(`${int(o.agency.start)} + ui('agency', t, 0, ${int(o.agency.count - 1)})`)} END,
         CASE WHEN buyer_type = 'soe' THEN 'state_owned' ELSE 'fiscal' END,
         method = 'open' AND est_value >= CASE category WHEN 'works' THEN 4e6 WHEN 'goods' THEN 2e6 ELSE 1e6 END,
         method, method_detail, category, class_code, est_value,
         round(est_value * (0.92 + 0.08 * u('maxp', t)), -2),
         publish_date, publish_date,
         least(publish_date + to_days(5), date_trunc('day', publish_date) + to_days(min_days + CAST(ui('extra', t, 1, 12) AS INTEGER)) - to_hours(15)),
         date_trunc('day', publish_date) + to_days(min_days + CAST(ui('extra', t, 1, 12) AS INTEGER)) + to_minutes(570),
         date_trunc('day', publish_date) + to_days(min_days + CAST(ui('extra', t, 1, 12) AS INTEGER)) + to_minutes(570),
         award_criteria, CASE award_criteria WHEN 'ratedCriteria' THEN 0.3 ELSE 1 END,
         '投标人须具有独立法人资格，具备相应资质和类似项目业绩。', class_name || '技术要求详见招标文件第五章。',
         CASE WHEN method = 'open' THEN least(800000, round(est_value * 0.02, -2)) END,
         CASE WHEN method IN ('open', 'selective') THEN 0 END, region_code, status, NULL,
         CASE WHEN category = 'works' THEN '招标投标法' ELSE '政府采购法' END
       FROM _t`,
      `CREATE OR REPLACE TEMP TABLE _l AS
       WITH e AS (SELECT t.*, unnest(range(t.n_lots)) AS lot_no FROM _t t)
       SELECT e.*, CASE WHEN n_lots = 1 THEN '-' ELSE CAST(lot_no + 1 AS VARCHAR) END AS lot_id,
         e.tender_id || ':' || CAST(lot_no AS VARCHAR) AS lot_key,
         tn.max_price_cny, tn.bid_deadline,
         -- Lots split the tender's ceiling and estimate in random shares (rounded down, so they never add up to more).
         CASE WHEN n_lots = 1 THEN tn.max_price_cny ELSE floor(tn.max_price_cny * w.share / 100) * 100 END AS lot_max,
         CASE WHEN n_lots = 1 THEN tn.est_value_cny ELSE floor(tn.est_value_cny * w.share / 100) * 100 END AS lot_est,
         CAST(CASE method WHEN 'direct' THEN 1 WHEN 'limited' THEN ui('nb', e.tender_id || ':' || CAST(lot_no AS VARCHAR), 3, 5)
              ELSE ui('nb', e.tender_id || ':' || CAST(lot_no AS VARCHAR), 3, 8) + ui('nb2', e.tender_id || ':' || CAST(lot_no AS VARCHAR), 0, 6) END AS INTEGER) AS n_bids
       FROM e JOIN tender tn USING (tender_id)
       JOIN (SELECT tender_id, lot_no, (0.8 + 0.4 * u('lotp', tender_id || ':' || CAST(lot_no AS VARCHAR)))
                    / sum(0.8 + 0.4 * u('lotp', tender_id || ':' || CAST(lot_no AS VARCHAR))) OVER (PARTITION BY tender_id) AS share FROM e) w
         USING (tender_id, lot_no)`,
      `INSERT INTO lot SELECT lot_id, tender_id, CASE WHEN lot_id = '-' THEN class_name ELSE '第' || lot_id || '标段' END,
         lot_est, lot_max FROM _l`,
    ],
  }, {
    zh: '生成投标', en: 'bids',
    sql: [
      // Each firm's own computer, network and software: the same for all its bids, different from every other firm's.
      `CREATE OR REPLACE TEMP TABLE _dev AS
       WITH h AS (SELECT org_idx, hex16('mac', org_idx) AS mac, hex16('dev', org_idx) AS dev, hex16('mc', org_idx) AS mc, hex16('auth', org_idx) AS auth
                  FROM _org WHERE seg = 'supplier')
       SELECT org_idx,
         '115.' || CAST(192 + (org_idx >> 16) % 64 AS VARCHAR) || '.' || CAST((org_idx >> 8) % 256 AS VARCHAR) || '.' || CAST(org_idx % 256 AS VARCHAR) AS ip,
         '3C-' || substr(mac, 1, 2) || '-' || substr(mac, 3, 2) || '-' || substr(mac, 5, 2) || '-' || substr(mac, 7, 2) || '-' || substr(mac, 9, 2) AS mac,
         'BFEBFBFF' || substr(dev, 1, 8) AS cpu, 'WD-' || substr(dev, 9, 8) || substr(mc, 9, 8) AS disk, mc,
         'GLD' || substr(auth, 9, 8) AS lock, 'DESKTOP-' || substr(auth, 1, 7) AS author, u('auth', org_idx) < 0.5 AS generic_author
       FROM h`,
      `CREATE OR REPLACE TEMP TABLE _b AS
       WITH e AS (SELECT l.tender_id, l.t, l.lot_id, l.lot_no, l.lot_key, l.category, l.method, l.award_criteria, l.lot_max, l.bid_deadline, l.publish_date,
                    l.n_bids, l.status AS tender_status, unnest(range(l.n_bids)) AS k FROM _l l),
       pk AS (SELECT e.*, (ui('base', e.lot_key, 0, 1000000000) + e.k * ui('step', e.lot_key, 1, greatest(1, pm.m // 16))) % pm.m AS pool_k
              FROM e JOIN (SELECT DISTINCT category, m FROM _pool) pm USING (category))
       SELECT pk.*, po.org_idx, po.seg_idx, po.org_id,
         'B' || lpad(CAST(pk.t AS VARCHAR), 8, '0') || CAST(pk.lot_no AS VARCHAR) || lpad(CAST(pk.k AS VARCHAR), 2, '0') AS bid_id,
         CASE WHEN pk.method = 'direct' THEN round(pk.lot_max * (0.97 + 0.03 * u('dp', pk.lot_key)), 2)
              -- The discount under the ceiling is log-normal around the lot's typical discount (4–18 %), so it
              -- is never negative and bids do not pile up on a clamp (ties there would be collusion signals).
              ELSE round(pk.lot_max * (1 - least(0.45, (0.04 + 0.14 * u('lm', pk.lot_key))
                * exp((0.3 + 0.3 * u('ls', pk.lot_key)) * nrm('bp', pk.lot_key || ':' || CAST(pk.k AS VARCHAR)) - 0.5 * pow(0.3 + 0.3 * u('ls', pk.lot_key), 2)))), 2) END AS price,
         CASE WHEN pk.n_bids = 1 THEN 'valid'
              WHEN u('bst', pk.lot_key || ':' || CAST(pk.k AS VARCHAR)) < 0.06 THEN 'disqualified'
              WHEN u('bst', pk.lot_key || ':' || CAST(pk.k AS VARCHAR)) < 0.08 THEN 'withdrawn' ELSE 'valid' END AS status,
         round(least(60, greatest(0, 40 + 20 * u('tq', po.org_idx) + 2.5 * nrm('tn', pk.lot_key || ':' || CAST(pk.k AS VARCHAR)))), 3) AS tech_score,
         round(5 + 5 * u('bz', pk.lot_key || ':' || CAST(pk.k AS VARCHAR)), 3) AS biz_score,
         -- Submitted in office hours on one of the last ten days before the 09:30 deadline (on its morning before
         -- 09:20), and never within two hours of publication.
         greatest(pk.publish_date + to_hours(2), date_trunc('day', pk.bid_deadline) - to_days(sd.d)
           + to_minutes(CAST(CASE WHEN sd.d = 0 THEN ui('subm', pk.lot_key || ':' || CAST(pk.k AS VARCHAR), 480, 560)
                                  ELSE ui('subm', pk.lot_key || ':' || CAST(pk.k AS VARCHAR), 480, 1080) END AS INTEGER))) AS submit_time
       FROM pk JOIN _pool po ON po.category = pk.category AND po.k = pk.pool_k
       CROSS JOIN LATERAL (SELECT CAST(ui('sub', pk.lot_key || ':' || CAST(pk.k AS VARCHAR), 0,
         least(9, date_diff('day', date_trunc('day', pk.publish_date), date_trunc('day', pk.bid_deadline)) - 1)) AS INTEGER) AS d) sd`,
      `CREATE OR REPLACE TEMP TABLE _bs AS
       WITH v AS (SELECT *, min(CASE WHEN status = 'valid' THEN price END) OVER (PARTITION BY tender_id, lot_id) AS min_valid FROM _b)
       SELECT v.*, CASE WHEN status = 'valid' THEN round(30 * min_valid / price, 3) END AS price_score,
         CASE WHEN status = 'valid' THEN row_number() OVER (PARTITION BY tender_id, lot_id, status = 'valid'
           ORDER BY CASE WHEN award_criteria = 'ratedCriteria' THEN -(tech_score + biz_score + 30 * min_valid / price) ELSE price END, bid_id) END AS rank
       FROM v`,
      `INSERT INTO bid
       SELECT b.bid_id, b.tender_id, b.lot_id, b.org_id, FALSE, b.price,
         CASE WHEN b.award_criteria = 'ratedCriteria' THEN b.price_score END,
         CASE WHEN b.award_criteria = 'ratedCriteria' THEN b.tech_score END,
         CASE WHEN b.award_criteria = 'ratedCriteria' THEN b.biz_score END,
         CASE WHEN b.award_criteria = 'ratedCriteria' THEN round(b.price_score + b.tech_score + b.biz_score, 3) END,
         b.rank, b.status,
         CASE WHEN b.status = 'disqualified' THEN pick(['未按要求提供投标保证金', '资格证明文件不全', '投标文件未按规定签字盖章', '技术参数不满足实质性要求', '报价超过最高投标限价'], 'dq', b.bid_id) END,
         b.submit_time,
         d.ip, d.mac, d.cpu, d.disk, d.mc, hex16('fc', b.bid_id) || substr(hex16('fc2', b.bid_id), 1, 8),
         CASE WHEN b.category = 'works' THEN d.lock END,
         ${staff('b.seg_idx', '4')}, org.phone, org.email,
         CASE WHEN tn.deposit_cny > 0 THEN 'AC' || lpad(CAST(b.org_idx AS VARCHAR), 7, '0') || 'B' END,
         CASE WHEN tn.deposit_cny > 0 THEN greatest(b.publish_date + to_hours(1), b.submit_time - to_hours(CAST(ui('dpt', b.bid_id, 2, 72) AS INTEGER))) END
       FROM _bs b JOIN organization org ON org.org_id = b.org_id JOIN tender tn ON tn.tender_id = b.tender_id JOIN _dev d ON d.org_idx = b.org_idx`,
      `INSERT INTO bid_document
       SELECT bid_id, 'tech', sha256('doc:' || bid_id), hash(u('sim', bid_id)),
         CASE WHEN d.generic_author THEN pick(['Administrator', '微软用户', 'User', 'admin', ''], 'ga', bid_id) ELSE d.author END,
         CASE WHEN d.generic_author THEN pick(['Administrator', '微软用户', 'User'], 'gm', bid_id) ELSE d.author END,
         greatest(publish_date + to_hours(1), submit_time - to_days(CAST(ui('dc', bid_id, 3, 15) AS INTEGER))),
         greatest(publish_date + to_hours(1), submit_time - to_hours(CAST(ui('dm', bid_id, 1, 40) AS INTEGER))),
         pick(['WPS Office', 'Microsoft Office Word', '广联达计价软件', '新点投标文件制作工具'], 'sw', bid_id), '技术标：' || substr(bid_id, 2, 8)
       FROM _b JOIN _dev d USING (org_idx)`,
      `INSERT INTO bid_personnel
       SELECT bid_id, ${staff('seg_idx', "CAST(ui('pm', bid_id, 1, 3) AS INTEGER)")}, 'pm', 'CERT-' || ${staff('seg_idx', "CAST(ui('pm', bid_id, 1, 3) AS INTEGER)")}
       FROM _b WHERE category = 'works' OR u('pm?', bid_id) < 0.5
       UNION ALL
       SELECT bid_id, ${staff('seg_idx', '4')}, 'tech_lead', NULL FROM _b WHERE category = 'works' AND u('tl?', bid_id) < 0.6`,
    ],
  }, {
    zh: '生成评标委员会与评分', en: 'evaluation panels and scores',
    sql: [
      `CREATE OR REPLACE TEMP TABLE _panel AS
       WITH e AS (SELECT l.tender_id, l.lot_id, l.lot_key, l.bid_deadline, l.category, l.buyer_idx, l.award_criteria,
                    CASE WHEN l.method IN ('open', 'selective') THEN 5 ELSE 3 END AS size
                  FROM _l l WHERE l.method <> 'direct'),
       s AS (SELECT e.*, unnest(range(e.size)) AS seat FROM e)
       SELECT s.*, CASE WHEN seat = 0 THEN ${int(q.buyer_staff.start)} + (s.buyer_idx - ${int(o.buyer.start)}) * 3
                   ELSE ${int(q.expert.start)} + (ui('xbase', s.lot_key, 0, ${int(p.experts - 1)}) + seat * ${int(Math.floor(p.experts / 8))}) % ${int(p.experts)} END AS person_idx
       FROM s`,
      `INSERT INTO eval_committee
       SELECT pn.tender_id, pn.lot_id, ${pid('pn.person_idx')}, CASE WHEN pn.seat = 0 THEN 'buyer_rep' ELSE 'expert' END,
         CASE WHEN pn.seat = 0 THEN 'designated' ELSE 'random' END,
         ${orgIdSql(`CASE WHEN pn.seat = 0 THEN pn.buyer_idx
           ELSE ${int(o.other.start)} + ui('expert_org', pn.person_idx - ${int(q.expert.start)}, 0, ${int(o.other.count - 1)}) END`)},
         pn.category, pn.bid_deadline - to_hours(20)
       FROM _panel pn`,
      `INSERT INTO eval_score
       SELECT pn.tender_id, pn.lot_id, ${pid('pn.person_idx')}, b.bid_id, 'tech', FALSE,
         round(greatest(0, least(60, b.tech_score + 1.5 * nrm('es', pn.person_idx || b.bid_id))), 3), 60
       FROM _panel pn JOIN _bs b ON b.tender_id = pn.tender_id AND b.lot_id = pn.lot_id AND b.status = 'valid'
       WHERE pn.seat > 0 AND pn.award_criteria = 'ratedCriteria' AND u('es?', pn.lot_key) < 0.2
       UNION ALL
       SELECT pn.tender_id, pn.lot_id, ${pid('pn.person_idx')}, b.bid_id, 'price', TRUE, b.price_score, 30
       FROM _panel pn JOIN _bs b ON b.tender_id = pn.tender_id AND b.lot_id = pn.lot_id AND b.status = 'valid'
       WHERE pn.seat > 0 AND pn.award_criteria = 'ratedCriteria' AND u('es?', pn.lot_key) < 0.2`,
    ],
  }, {
    zh: '生成中标与合同', en: 'awards and contracts',
    sql: [
      `INSERT INTO award
       SELECT 'AW' || substr(b.bid_id, 2), b.tender_id, b.lot_id, b.bid_id, b.org_id, 1, b.price,
         b.bid_deadline + to_days(4 + CAST(ui('nt', b.bid_id, 1, 7) AS INTEGER)),
         b.bid_deadline + to_days(1), b.bid_deadline + to_days(4), 'active', NULL
       FROM _bs b WHERE b.rank = 1 AND b.tender_status = 'complete'`,
      `INSERT INTO contract
       SELECT 'CT' || substr(a.award_id, 3), a.tender_id, a.award_id, t.buyer_org_id, a.supplier_org_id, t.procurement_method, t.method_detail,
         t.category, t.class_code, a.award_value_cny, sd.sign_date, sd.sign_date + CAST(ui('cs', a.award_id, 0, 10) AS INTEGER),
         sd.sign_date + CAST(ui('cs', a.award_id, 0, 10) AS INTEGER) + dur.days,
         sd.sign_date + CAST(ui('cs', a.award_id, 0, 10) AS INTEGER) + dur.days + CAST(ui('late', a.award_id, -10, 40) AS INTEGER),
         NULL, NULL, 'active', NULL, NULL, NULL, t.project_code
       FROM award a JOIN tender t USING (tender_id)
       CROSS JOIN LATERAL (SELECT CAST(a.notice_date AS DATE) + CAST(ui('sign', a.award_id, 3, 25) AS INTEGER) AS sign_date) sd
       CROSS JOIN LATERAL (SELECT CAST(CASE t.category WHEN 'works' THEN ui('dur', a.award_id, 90, 540) WHEN 'goods' THEN ui('dur', a.award_id, 15, 60)
                                        ELSE ui('dur', a.award_id, 180, 365) END AS INTEGER) AS days) dur`,
      // Small purchases made without a tender: a few per buyer and year, each well below any threshold,
      // signed by mid-October so that they are delivered and accepted within the year.
      `INSERT INTO contract
       WITH e AS (SELECT b.org_idx AS buyer_idx, b.org_id AS buyer_org_id, y.yr, unnest(range(CAST(ui('ndc', b.org_idx || ':' || y.yr, 0, 3) AS INTEGER))) AS k
                  FROM _org b CROSS JOIN (SELECT unnest([2021, 2022, 2023, 2024, 2025]) AS yr) y WHERE b.seg = 'buyer'),
       f AS (SELECT e.*, e.buyer_org_id || ':' || CAST(e.yr AS VARCHAR) || ':' || CAST(e.k AS VARCHAR) AS key,
               CASE WHEN u('dcat', e.buyer_idx || e.yr || e.k) < 0.5 THEN 'goods' ELSE 'services' END AS category FROM e)
       SELECT 'CD' || substr(f.buyer_org_id, 4) || CAST(f.yr AS VARCHAR) || CAST(f.k AS VARCHAR), NULL, NULL, f.buyer_org_id, po.org_id,
         CASE WHEN u('dm', f.key) < 0.6 THEN 'direct' ELSE 'limited' END,
         CASE WHEN u('dm', f.key) < 0.6 THEN '直接采购' ELSE '询价' END, f.category, c.code,
         round(20000 + 330000 * u('dv', f.key), -2), sd.d, sd.d + 3, sd.d + 60, sd.d + 60, sd.d + 70, NULL, 'completed', NULL, NULL, NULL,
         'ZC' || CAST(f.yr AS VARCHAR) || '-' || substr(f.buyer_org_id, 4) || CAST(f.k AS VARCHAR)
       FROM f JOIN _class c ON c.category = f.category AND c.idx = ui('dcls', f.key, 1, 12)
       JOIN (SELECT DISTINCT category, m FROM _pool) pm ON pm.category = f.category
       JOIN _pool po ON po.category = f.category AND po.k = ui('dsup', f.key, 0, 1000000000) % pm.m
       CROSS JOIN LATERAL (SELECT make_date(f.yr, 1, 5) + CAST(ui('dd', f.key, 0, 280) AS INTEGER) AS d) sd`,
      // Completion, acceptance and settlement as far as the data date.
      `UPDATE contract SET
         acceptance_date = CASE WHEN actual_end_date + 14 <= DATE '${p.asOf}' THEN actual_end_date + 14 END,
         settlement_value_cny = CASE WHEN actual_end_date + 14 <= DATE '${p.asOf}' THEN
           round(value_cny * CASE category WHEN 'works' THEN 0.97 + 0.10 * u('settle', contract_id) ELSE 1 END, 2) END,
         status = CASE WHEN actual_end_date + 14 <= DATE '${p.asOf}' THEN 'completed' ELSE 'active' END,
         actual_end_date = CASE WHEN actual_end_date <= DATE '${p.asOf}' THEN actual_end_date END
       WHERE tender_id IS NOT NULL`,
      `INSERT INTO project_staff
       SELECT bp.person_id, c.contract_id, 'pm', c.start_date, COALESCE(c.actual_end_date, c.planned_end_date), '四库一平台'
       FROM contract c JOIN award a USING (award_id) JOIN bid_personnel bp ON bp.bid_id = a.bid_id AND bp.role = 'pm'
       WHERE c.category = 'works'`,
      `INSERT INTO certificate
       SELECT 'CERT-' || ${staff('s.seg_idx', 'r.r')}, 'person', ${staff('s.seg_idx', 'r.r')}, '注册建造师',
         CASE s.category WHEN 'works' THEN '建筑工程' ELSE '机电工程' END, CASE WHEN u('grade', s.org_idx || r.r) < 0.4 THEN '一级' ELSE '二级' END,
         s.org_id, DATE '2014-01-01' + CAST(ui('ci', s.org_idx || r.r, 0, 2000) AS INTEGER), DATE '2027-12-31', 'valid'
       FROM _org s CROSS JOIN (SELECT unnest([1, 2, 3]) AS r) r WHERE s.seg = 'supplier'
       UNION ALL
       SELECT 'QUAL-' || s.org_id, 'org', s.org_id, CASE s.category WHEN 'works' THEN '建筑业企业资质' ELSE '营业执照' END,
         s.category, CASE WHEN u('qg', s.org_idx) < 0.3 THEN '一级' ELSE '二级' END, s.org_id,
         DATE '2016-01-01' + CAST(ui('qi', s.org_idx, 0, 1500) AS INTEGER), DATE '2028-12-31', 'valid'
       FROM _org s WHERE s.seg = 'supplier'`,
      // Key staff are insured monthly by their own employer over the whole timeline.
      `INSERT INTO social_insurance
       SELECT ${staff('s.seg_idx', 'r.r')}, s.org_id, m.month, '城镇职工基本养老保险', round(4000 + 8000 * u('base', s.org_idx || r.r), -1)
       FROM _org s CROSS JOIN (SELECT unnest([1, 2, 3, 4]) AS r) r
       CROSS JOIN (SELECT CAST(unnest(generate_series(DATE '2020-09-01', DATE '${p.asOf}', INTERVAL 1 MONTH)) AS DATE) AS month) m
       WHERE s.seg = 'supplier'`,
    ],
  }];
}
