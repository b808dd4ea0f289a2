import { int, strList } from '../sql-literals.ts';
import type { PopulationLayout } from '../layout.ts';
import type { ScalePlan } from '../scale.ts';
import { AGENCY_WORDS, GOV_UNIT_WORDS, INSTITUTION_WORDS, OTHER_WORDS, SOE_WORDS, VILLAGE_NAMES_1, VILLAGE_NAMES_2 } from '../vocab.ts';
import type { GenStep } from './step.ts';

const pid = (expr: string) => `'P' || lpad(CAST(${expr} AS VARCHAR), 8, '0')`;
export const orgIdSql = (expr: string) => `'ORG' || lpad(CAST(${expr} AS VARCHAR), 7, '0')`;
export const personIdSql = pid;

/** Organisations, persons, roles, shareholdings, kinship, accounts, contacts and official duties. */
export function partySteps(p: ScalePlan, L: PopulationLayout): GenStep[] {
  const o = L.org;
  const q = L.person;
  const segCase = `CASE WHEN i < ${int(o.agency.start)} THEN 'buyer' WHEN i < ${int(o.supplier.start)} THEN 'agency'
    WHEN i < ${int(o.collective.start)} THEN 'supplier' WHEN i < ${int(o.other.start)} THEN 'collective' ELSE 'other' END`;
  return [{
    zh: '生成机构', en: 'organisations',
    sql: [
      `CREATE OR REPLACE TEMP TABLE _org AS
       WITH base AS (SELECT CAST(range + 1 AS BIGINT) AS i FROM range(${int(o.end)})),
       seg AS (SELECT i, ${segCase} AS seg FROM base)
       SELECT s.i AS org_idx, ${orgIdSql('s.i')} AS org_id, s.seg, c.idx AS county_idx,
         s.i - CASE s.seg WHEN 'buyer' THEN ${int(o.buyer.start)} WHEN 'agency' THEN ${int(o.agency.start)}
           WHEN 'supplier' THEN ${int(o.supplier.start)} WHEN 'collective' THEN ${int(o.collective.start)} ELSE ${int(o.other.start)} END + 1 AS seg_idx,
         c.code AS region_code, c.name AS county_name, c.city_code, c.city_name, c.area_code,
         CASE WHEN s.seg = 'supplier' THEN CASE WHEN u('cat', s.i) < 0.45 THEN 'works' WHEN u('cat', s.i) < 0.75 THEN 'goods' ELSE 'services' END END AS category,
         CASE s.seg WHEN 'buyer' THEN CASE WHEN u('btype', s.i) < 0.40 THEN 'gov_agency' WHEN u('btype', s.i) < 0.75 THEN 'public_institution' ELSE 'soe' END
           WHEN 'collective' THEN 'village_collective'
           WHEN 'other' THEN CASE WHEN u('otype', s.i) < 0.8 THEN 'company' ELSE 'individual_business' END
           ELSE 'company' END AS org_type
       FROM seg s JOIN _county c ON c.idx = ui('county', s.i, 1, n_counties())`,
      // Names: a firm is "<city><trade name><line of business><form>"; duplicates get a longer trade name.
      `CREATE OR REPLACE TEMP TABLE _org_name AS
       WITH raw AS (
         SELECT org_idx, seg, org_type, replace(city_name, '市', '') AS city_short, county_name,
           CASE
             WHEN org_type = 'gov_agency' THEN county_name || pick(${strList(GOV_UNIT_WORDS)}, 'gw', org_idx)
             WHEN org_type = 'public_institution' THEN county_name || pick(${strList(INSTITUTION_WORDS)}, 'iw', org_idx)
             WHEN org_type = 'soe' THEN replace(county_name, '市', '') || pick(${strList(SOE_WORDS)}, 'sw', org_idx)
             WHEN seg = 'agency' THEN replace(city_name, '市', '') || trade_name(org_idx) || pick(${strList(AGENCY_WORDS)}, 'aw', org_idx) || '有限公司'
             WHEN seg = 'supplier' THEN replace(city_name, '市', '') || trade_name(org_idx) || pick(industry_words(category), 'iw', org_idx) || pick(firm_suffixes(), 'fs', org_idx)
             WHEN seg = 'collective' THEN county_name || trade_name(org_idx || 'tw') || '镇' || pick(${strList(VILLAGE_NAMES_1)}, 'v1', org_idx)
               || pick(${strList(VILLAGE_NAMES_2)}, 'v2', org_idx) || '村股份经济合作社'
             WHEN org_type = 'individual_business' THEN county_name || person_name(org_idx || 'ib') || pick(${strList(OTHER_WORDS)}, 'ow', org_idx) || '店'
             ELSE replace(city_name, '市', '') || trade_name(org_idx) || pick(${strList(OTHER_WORDS)}, 'ow', org_idx) || pick(firm_suffixes(), 'fs', org_idx)
           END AS name
         FROM _org),
       ranked AS (SELECT *, row_number() OVER (PARTITION BY name ORDER BY org_idx) AS rn FROM raw),
       -- A second unit of the same kind in a county is a township's or a place's; a second firm gets a longer trade name.
       renamed AS (SELECT org_idx, CASE WHEN rn = 1 THEN name
         WHEN org_type = 'gov_agency' THEN county_name || trade_name(org_idx || 'tw') || '镇人民政府'
         WHEN org_type = 'public_institution' THEN county_name || pick(${strList(VILLAGE_NAMES_1)}, 'p1', org_idx)
           || pick(${strList(VILLAGE_NAMES_2)}, 'p2', org_idx) || pick(${strList(INSTITUTION_WORDS)}, 'iw2', org_idx)
         WHEN org_type = 'soe' THEN replace(county_name, '市', '') || trade_name(org_idx) || pick(${strList(SOE_WORDS)}, 'sw', org_idx)
         WHEN seg = 'collective' THEN replace(name, '村股份', pick(${strList(VILLAGE_NAMES_2)}, 'v3', org_idx) || '村股份')
         ELSE replace(name, city_short || substr(name, length(city_short) + 1, 2),
                      city_short || substr(name, length(city_short) + 1, 2) || pick(trade_chars(), 't3', org_idx) || pick(trade_chars(), 't4', org_idx))
         END AS name FROM ranked),
       -- The rare name still taken is numbered, as registries do for branches.
       final AS (SELECT org_idx, name, row_number() OVER (PARTITION BY name ORDER BY org_idx) AS rn FROM renamed)
       SELECT org_idx, CASE WHEN rn = 1 THEN name ELSE name || '（' || CAST(rn AS VARCHAR) || '）' END AS name FROM final`,
      // Unified social credit code: authority and kind, county code, 8-char organisation code body and its
      // GB 11714 check character, then the GB 32100 check character over all 17.
      `CREATE OR REPLACE TEMP TABLE _uscc AS
       WITH b AS (SELECT org_idx, CASE org_type WHEN 'gov_agency' THEN '11' WHEN 'public_institution' THEN '12' WHEN 'village_collective' THEN 'N2'
                    WHEN 'individual_business' THEN '92' ELSE '91' END || region_code AS head,
                    lpad(CAST((org_idx * 48271 + 1000003) % 99999989 AS VARCHAR), 8, '0') AS body FROM _org),
       c AS (SELECT org_idx, head || body || orgcode_check(body) AS u17 FROM b)
       SELECT org_idx, u17 || uscc_check(u17) AS uscc FROM c`,
      `INSERT INTO organization
       SELECT o.org_id,
         us.uscc,
         n.name, n.name AS name_norm, o.org_type,
         ${pid('o.org_idx')} AS legal_rep_person_id,
         CASE WHEN o.seg IN ('supplier', 'agency', 'other') THEN round(exp(ln(5e6) + 1.0 * nrm('cap', o.org_idx)) / 10000) * 10000 END AS reg_capital_cny,
         CASE WHEN o.seg IN ('supplier', 'agency', 'other') THEN round(exp(ln(5e6) + 1.0 * nrm('cap', o.org_idx)) / 10000 * (0.2 + 0.8 * u('paid', o.org_idx))) * 10000 END,
         DATE '1992-01-01' + CAST(ui('est', o.org_idx, 0, 10400) AS INTEGER) AS established_date,
         CASE WHEN o.seg = 'other' AND u('stat', o.org_idx) < 0.05 THEN 'revoked' ELSE 'active' END AS status, NULL AS status_date,
         o.city_name || o.county_name || pick(roads(), 'road', o.org_idx) || CAST(1 + o.org_idx % 1999 AS VARCHAR) || '号' AS reg_address,
         pick(roads(), 'road', o.org_idx) || CAST(1 + o.org_idx % 1999 AS VARCHAR) || '号' || CAST(100 + (o.org_idx // 1999) % 900 AS VARCHAR) || '室' AS address_norm,
         o.region_code,
         CASE o.category WHEN 'works' THEN pick(['E4710', 'E4812', 'E4813', 'E4822', 'E5011'], 'ind', o.org_idx)
           WHEN 'goods' THEN pick(['F5176', 'F5178', 'C3911', 'I6510'], 'ind', o.org_idx)
           WHEN 'services' THEN pick(['K7020', 'M7481', 'M7482', 'O8011', 'L7241'], 'ind', o.org_idx) END AS industry_code,
         CASE o.category WHEN 'works' THEN '房屋建筑工程、市政公用工程、水利水电工程施工；园林绿化工程施工'
           WHEN 'goods' THEN '计算机软硬件及辅助设备、办公设备、电子产品、医疗器械销售；技术服务'
           WHEN 'services' THEN '物业管理；工程管理服务；信息技术咨询服务；工程造价咨询'
           ELSE CASE WHEN o.seg = 'agency' THEN '招标代理服务；政府采购代理服务；工程咨询' END END AS business_scope,
         o.area_code || '8' || lpad(CAST((o.org_idx * 7907) % 9999991 AS VARCHAR), 7, '0') AS phone,
         'c' || CAST(o.org_idx AS VARCHAR) || '@' || pick(['163.com', '126.com', 'qq.com', 'aliyun.com', 'sina.com'], 'mail', o.org_idx) AS email,
         o.org_type IN ('soe') AS is_state_owned, NULL AS parent_org_id,
         CASE WHEN o.seg = 'supplier' THEN ui('staff', o.org_idx, 8, 260) END AS insured_staff_count,
         'synthetic' AS source, DATE '${p.asOf}' AS as_of
       FROM _org o JOIN _org_name n USING (org_idx) JOIN _uscc us USING (org_idx)`,
      `INSERT INTO org_contact
       SELECT org_id, 'phone', phone, established_date, NULL, '企业年报' FROM organization
       UNION ALL SELECT org_id, 'address', address_norm, established_date, NULL, '企业年报' FROM organization
       UNION ALL SELECT org_id, 'email', email, established_date, NULL, '企业年报' FROM organization WHERE org_type NOT IN ('gov_agency', 'village_collective')`,
    ],
  }, {
    zh: '生成人员', en: 'persons',
    sql: [
      // The person plan: who each synthetic person is (segment, organisation, role number).
      `CREATE OR REPLACE TEMP TABLE _pp AS
       SELECT CAST(range + 1 AS BIGINT) AS person_idx, 'legal_rep' AS seg, CAST(range + 1 AS BIGINT) AS org_idx, 0 AS role_no FROM range(${int(q.legal_rep.count)})
       UNION ALL SELECT ${int(q.supplier_staff.start)} + range, 'supplier_staff', ${int(o.supplier.start)} + range // 4, CAST(range % 4 + 1 AS INTEGER) FROM range(${int(q.supplier_staff.count)})
       UNION ALL SELECT ${int(q.buyer_staff.start)} + range, 'buyer_staff', ${int(o.buyer.start)} + range // 3, CAST(range % 3 + 1 AS INTEGER) FROM range(${int(q.buyer_staff.count)})
       UNION ALL SELECT ${int(q.agency_staff.start)} + range, 'agency_staff', ${int(o.agency.start)} + range // 2, CAST(range % 2 + 1 AS INTEGER) FROM range(${int(q.agency_staff.count)})
       UNION ALL SELECT ${int(q.official.start)} + range, 'official', NULL, 0 FROM range(${int(q.official.count)})
       UNION ALL SELECT ${int(q.expert.start)} + range, 'expert', ${int(o.other.start)} + ui('expert_org', range, 0, ${int(o.other.count - 1)}), 0 FROM range(${int(q.expert.count)})
       UNION ALL SELECT ${int(q.cadre.start)} + range, 'cadre', ${int(o.collective.start)} + range // 2, CAST(range % 2 + 1 AS INTEGER) FROM range(${int(q.cadre.count)})
       UNION ALL SELECT ${int(q.villager.start)} + range, 'villager', ${int(o.collective.start)} + range // 6, CAST(range % 6 + 1 AS INTEGER) FROM range(${int(q.villager.count)})
       UNION ALL SELECT ${int(q.investor.start)} + range, 'investor', ${int(o.supplier.start)} + range, 0 FROM range(${int(q.investor.count)})`,
      // Spouses (and some siblings) of people whose family ties matter to the models.
      `CREATE OR REPLACE TEMP TABLE _kin_plan AS
       WITH anchors AS (
         SELECT person_idx, seg FROM _pp
         WHERE (seg = 'legal_rep' AND org_idx >= ${int(o.supplier.start)} AND org_idx < ${int(o.collective.start)} AND u('kin?', person_idx) < 0.30)
            OR (seg IN ('buyer_staff', 'agency_staff') AND u('kin?', person_idx) < 0.25)
            OR (seg IN ('official', 'cadre') AND u('kin?', person_idx) < 0.60)),
       rels AS (
         SELECT person_idx AS anchor_idx, 'spouse' AS relation, 1 AS degree FROM anchors
         UNION ALL SELECT person_idx, 'sibling', 2 FROM anchors WHERE seg IN ('official', 'cadre') AND u('sib?', person_idx) < 0.4)
       SELECT ${int(q.end)} + row_number() OVER (ORDER BY anchor_idx, relation) AS person_idx, anchor_idx, relation, degree FROM rels`,
      `INSERT INTO _pp SELECT person_idx, 'kin', NULL, 0 FROM _kin_plan`,
      // Birth dates: a firm's legal representative was 24–50 when the firm was founded (and born 1950 or later);
      // everyone else 1960–1997. ID numbers (GB 11643: county, birth date, sequence odd for men and even for
      // women, check character) are unique and kept only as keyed hashes.
      `INSERT INTO person
       WITH b AS (
         SELECT pp.person_idx, pp.seg, o.org_type,
           c.code AS hukou,
           -- A spouse is of the other gender than the person they are married to.
           CASE WHEN kp.relation = 'spouse' THEN CASE gender_of(kp.anchor_idx) WHEN 'M' THEN 'F' ELSE 'M' END ELSE gender_of(pp.person_idx) END AS gender,
           CASE WHEN pp.seg = 'legal_rep' AND o.seg IN ('supplier', 'agency', 'other')
                THEN greatest(DATE '1950-01-01', org.established_date - CAST(365.25 * (24 + ui('lra', pp.person_idx, 0, 26)) AS INTEGER))
                ELSE DATE '1960-01-01' + CAST(ui('birth', pp.person_idx, 0, 13800) AS INTEGER) END AS birth
         FROM _pp pp
         LEFT JOIN _org o ON o.org_idx = pp.org_idx
         LEFT JOIN organization org ON org.org_id = o.org_id
         LEFT JOIN _kin_plan kp ON kp.person_idx = pp.person_idx
         JOIN _county c ON c.idx = CASE WHEN o.county_idx IS NOT NULL AND u('local', pp.person_idx) < 0.8 THEN o.county_idx
                                        ELSE ui('hk', pp.person_idx, 1, n_counties()) END),
       n AS (SELECT b.*, row_number() OVER (PARTITION BY hukou, birth, gender ORDER BY person_idx) AS rn FROM b),
       id17 AS (SELECT n.*, hukou || strftime(birth, '%Y%m%d')
                  || lpad(CAST(CASE gender WHEN 'M' THEN 2 * rn - 1 ELSE 2 * rn END AS VARCHAR), 3, '0') AS s17 FROM n)
       SELECT ${pid('person_idx')}, id_hash(s17 || idcard_check(s17)), person_name_g(person_idx, gender), gender, birth, NULL,
         mobile('ph', person_idx),
         pick(roads(), 'hroad', person_idx) || CAST(ui('hno', person_idx, 1, 399) AS VARCHAR) || '号'
           || CAST(ui('hb', person_idx, 1, 30) AS VARCHAR) || '幢' || CAST(ui('hr', person_idx, 101, 2802) AS VARCHAR) || '室',
         hukou, seg IN ('official', 'cadre') OR (seg = 'buyer_staff' AND org_type = 'gov_agency')
       FROM id17`,
      `INSERT INTO kinship SELECT ${pid('anchor_idx')}, ${pid('person_idx')}, relation, degree, '户籍信息' FROM _kin_plan`,
    ],
  }, {
    zh: '生成任职、股权与账户', en: 'roles, shareholdings and accounts',
    sql: [
      `INSERT INTO org_role
       SELECT ${orgIdSql('pp.org_idx')}, ${pid('pp.person_idx')},
         CASE pp.seg WHEN 'legal_rep' THEN 'legal_rep'
           WHEN 'supplier_staff' THEN 'employee'
           WHEN 'buyer_staff' THEN CASE pp.role_no WHEN 1 THEN 'manager' WHEN 2 THEN 'finance_head' ELSE 'procurement' END
           WHEN 'agency_staff' THEN CASE pp.role_no WHEN 1 THEN 'manager' ELSE 'employee' END
           WHEN 'cadre' THEN 'cadre' END,
         CASE pp.seg WHEN 'legal_rep' THEN CASE WHEN o.seg = 'collective' THEN '理事长' WHEN o.org_type IN ('gov_agency', 'public_institution') THEN '负责人' ELSE '执行董事' END
           WHEN 'supplier_staff' THEN CASE WHEN pp.role_no <= 3 THEN '项目经理' ELSE '技术负责人' END
           WHEN 'buyer_staff' THEN CASE pp.role_no WHEN 1 THEN '分管负责人' WHEN 2 THEN '财务负责人' ELSE '采购经办人' END
           WHEN 'agency_staff' THEN CASE pp.role_no WHEN 1 THEN '总经理' ELSE '项目负责人' END
           WHEN 'cadre' THEN CASE pp.role_no WHEN 1 THEN '村党组织书记' ELSE '村委会主任' END END,
         CASE WHEN pp.seg = 'legal_rep' THEN org.established_date ELSE DATE '2015-01-01' + CAST(ui('rs', pp.person_idx, 0, 2000) AS INTEGER) END,
         NULL, '工商登记'
       FROM _pp pp JOIN _org o ON o.org_idx = pp.org_idx JOIN organization org ON org.org_id = o.org_id
       WHERE pp.seg IN ('legal_rep', 'supplier_staff', 'buyer_staff', 'agency_staff', 'cadre')`,
      // Suppliers and other firms are owned by their legal representative, some with a second investor.
      `INSERT INTO shareholding
       SELECT org.org_id, 'person', org.legal_rep_person_id,
         CASE WHEN u('inv?', o.org_idx) < 0.4 THEN round(0.51 + 0.39 * u('share', o.org_idx), 4) ELSE 1 END,
         org.reg_capital_cny * CASE WHEN u('inv?', o.org_idx) < 0.4 THEN round(0.51 + 0.39 * u('share', o.org_idx), 4) ELSE 1 END,
         org.established_date, NULL
       FROM _org o JOIN organization org USING (org_id) WHERE o.seg IN ('supplier', 'agency', 'other')
       UNION ALL
       SELECT org.org_id, 'person', ${pid(`${int(q.investor.start)} + o.seg_idx - 1`)},
         1 - round(0.51 + 0.39 * u('share', o.org_idx), 4), org.reg_capital_cny * (1 - round(0.51 + 0.39 * u('share', o.org_idx), 4)),
         org.established_date, NULL
       FROM _org o JOIN organization org USING (org_id) WHERE o.seg = 'supplier' AND u('inv?', o.org_idx) < 0.4`,
      // Government bodies by city, so that owners and overseers are local.
      `CREATE OR REPLACE TEMP TABLE _gov AS
       SELECT org_id, city_code, row_number() OVER (PARTITION BY city_code ORDER BY org_idx) AS rn, count(*) OVER (PARTITION BY city_code) AS n
       FROM _org WHERE org_type = 'gov_agency'`,
      // State-owned enterprises are wholly owned by a government body of their city.
      `INSERT INTO shareholding
       SELECT s.org_id, 'org', g.org_id, 1, org.reg_capital_cny, org.established_date, NULL
       FROM _org s JOIN organization org USING (org_id) JOIN _gov g ON g.city_code = s.city_code AND g.rn = 1 + s.org_idx % g.n
       WHERE s.org_type = 'soe'`,
      // Each official oversees four buyers, taken in order of city, and works for a government body of that city.
      `INSERT INTO official_duty
       WITH b AS (SELECT org_id, org_idx, city_code, (row_number() OVER (ORDER BY city_code, org_idx) - 1) // 4 AS k FROM _org WHERE seg = 'buyer'),
       o AS (SELECT k, min(city_code) AS city_code FROM b GROUP BY k)
       SELECT ${pid(`${int(q.official.start)} + b.k`)}, COALESCE(g.org_id, b.org_id),
         pick(['副县（市、区）长', '局长', '副局长', '乡镇党委书记', '办公室主任'], 'pos', b.k),
         pick(['正处', '副处', '正科', '副科'], 'rank', b.k), b.org_id, '分管', DATE '2019-01-01' + CAST(ui('ods', b.k, 0, 700) AS INTEGER), NULL
       FROM b JOIN o USING (k) LEFT JOIN _gov g ON g.city_code = o.city_code AND g.rn = 1 + b.k % g.n`,
      `INSERT INTO bank_account
       SELECT 'AC' || lpad(CAST(org_idx AS VARCHAR), 7, '0') || 'B', sha256('acct:' || org_id || ':basic'),
         pick(['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '浙江农商银行', '杭州银行', '宁波银行', '浙商银行'], 'bank', org_idx) || county_name || '支行',
         'org', org_id, 'basic' FROM _org
       UNION ALL
       SELECT 'AC' || lpad(CAST(org_idx AS VARCHAR), 7, '0') || 'G', sha256('acct:' || org_id || ':general'),
         pick(['中国工商银行', '中国建设银行', '招商银行', '中信银行'], 'bank2', org_idx) || county_name || '支行', 'org', org_id, 'general'
       FROM _org WHERE u('gen?', org_idx) < 0.3
       UNION ALL
       SELECT 'AP' || lpad(CAST(person_idx AS VARCHAR), 8, '0'), sha256('acct:' || ${pid('person_idx')} || ':personal'),
         pick(['中国农业银行', '浙江农商银行', '中国邮政储蓄银行'], 'bank3', person_idx), 'person', ${pid('person_idx')}, 'personal'
       FROM _pp WHERE seg IN ('villager', 'cadre') OR (seg = 'legal_rep' AND org_idx >= ${int(o.supplier.start)} AND org_idx < ${int(o.collective.start)})`,
      `INSERT INTO person_asset
       SELECT ${pid('person_idx')}, CASE WHEN u('asset', person_idx) < 0.7 THEN 'vehicle' ELSE 'property' END,
         DATE '2012-01-01' + CAST(ui('ard', person_idx, 0, 4000) AS INTEGER),
         CASE WHEN seg = 'villager' AND role_no <= 3 THEN round(20000 + 60000 * u('av', person_idx), -2)
              ELSE round(80000 + 1500000 * u('av', person_idx), -2) END, '车辆、不动产登记'
       FROM _pp WHERE seg IN ('villager', 'legal_rep', 'buyer_staff', 'cadre') AND u('asset?', person_idx) < 0.35`,
    ],
  }];
}
