-- The warning list (issue 5): one view with plain columns that the generic grid pages, sorts and filters,
-- and the names it resolves. Model names live in the model files; the runner copies the library's
-- metadata into the catalog's `model` table on every run, so the view can read them with a join.

-- Administrative divisions (GB/T 2260): names for region codes, and the county → prefecture → province
-- roll-up of the study. Zhejiang as shipped; imports of other provinces may add rows.
CREATE TABLE region (region_code VARCHAR PRIMARY KEY, name VARCHAR, parent_code VARCHAR, level VARCHAR);
INSERT INTO region VALUES
  ('330000', '浙江省', NULL, 'province'), ('330100', '杭州市', '330000', 'prefecture'), ('330102', '上城区', '330100', 'county'), ('330105', '拱墅区', '330100', 'county'),
  ('330106', '西湖区', '330100', 'county'), ('330108', '滨江区', '330100', 'county'), ('330109', '萧山区', '330100', 'county'), ('330110', '余杭区', '330100', 'county'),
  ('330111', '富阳区', '330100', 'county'), ('330112', '临安区', '330100', 'county'), ('330113', '临平区', '330100', 'county'), ('330114', '钱塘区', '330100', 'county'),
  ('330122', '桐庐县', '330100', 'county'), ('330127', '淳安县', '330100', 'county'), ('330182', '建德市', '330100', 'county'), ('330200', '宁波市', '330000', 'prefecture'),
  ('330203', '海曙区', '330200', 'county'), ('330205', '江北区', '330200', 'county'), ('330206', '北仑区', '330200', 'county'), ('330211', '镇海区', '330200', 'county'),
  ('330212', '鄞州区', '330200', 'county'), ('330213', '奉化区', '330200', 'county'), ('330225', '象山县', '330200', 'county'), ('330226', '宁海县', '330200', 'county'),
  ('330281', '余姚市', '330200', 'county'), ('330282', '慈溪市', '330200', 'county'), ('330300', '温州市', '330000', 'prefecture'), ('330302', '鹿城区', '330300', 'county'),
  ('330303', '龙湾区', '330300', 'county'), ('330304', '瓯海区', '330300', 'county'), ('330305', '洞头区', '330300', 'county'), ('330324', '永嘉县', '330300', 'county'),
  ('330326', '平阳县', '330300', 'county'), ('330327', '苍南县', '330300', 'county'), ('330328', '文成县', '330300', 'county'), ('330329', '泰顺县', '330300', 'county'),
  ('330381', '瑞安市', '330300', 'county'), ('330382', '乐清市', '330300', 'county'), ('330383', '龙港市', '330300', 'county'), ('330400', '嘉兴市', '330000', 'prefecture'),
  ('330402', '南湖区', '330400', 'county'), ('330411', '秀洲区', '330400', 'county'), ('330421', '嘉善县', '330400', 'county'), ('330424', '海盐县', '330400', 'county'),
  ('330481', '海宁市', '330400', 'county'), ('330482', '平湖市', '330400', 'county'), ('330483', '桐乡市', '330400', 'county'), ('330500', '湖州市', '330000', 'prefecture'),
  ('330502', '吴兴区', '330500', 'county'), ('330503', '南浔区', '330500', 'county'), ('330521', '德清县', '330500', 'county'), ('330522', '长兴县', '330500', 'county'),
  ('330523', '安吉县', '330500', 'county'), ('330600', '绍兴市', '330000', 'prefecture'), ('330602', '越城区', '330600', 'county'), ('330603', '柯桥区', '330600', 'county'),
  ('330604', '上虞区', '330600', 'county'), ('330624', '新昌县', '330600', 'county'), ('330681', '诸暨市', '330600', 'county'), ('330683', '嵊州市', '330600', 'county'),
  ('330700', '金华市', '330000', 'prefecture'), ('330702', '婺城区', '330700', 'county'), ('330703', '金东区', '330700', 'county'), ('330723', '武义县', '330700', 'county'),
  ('330726', '浦江县', '330700', 'county'), ('330727', '磐安县', '330700', 'county'), ('330781', '兰溪市', '330700', 'county'), ('330782', '义乌市', '330700', 'county'),
  ('330783', '东阳市', '330700', 'county'), ('330784', '永康市', '330700', 'county'), ('330800', '衢州市', '330000', 'prefecture'), ('330802', '柯城区', '330800', 'county'),
  ('330803', '衢江区', '330800', 'county'), ('330822', '常山县', '330800', 'county'), ('330824', '开化县', '330800', 'county'), ('330825', '龙游县', '330800', 'county'),
  ('330881', '江山市', '330800', 'county'), ('330900', '舟山市', '330000', 'prefecture'), ('330902', '定海区', '330900', 'county'), ('330903', '普陀区', '330900', 'county'),
  ('330921', '岱山县', '330900', 'county'), ('330922', '嵊泗县', '330900', 'county'), ('331000', '台州市', '330000', 'prefecture'), ('331002', '椒江区', '331000', 'county'),
  ('331003', '黄岩区', '331000', 'county'), ('331004', '路桥区', '331000', 'county'), ('331022', '三门县', '331000', 'county'), ('331023', '天台县', '331000', 'county'),
  ('331024', '仙居县', '331000', 'county'), ('331081', '温岭市', '331000', 'county'), ('331082', '临海市', '331000', 'county'), ('331083', '玉环市', '331000', 'county'),
  ('331100', '丽水市', '330000', 'prefecture'), ('331102', '莲都区', '331100', 'county'), ('331121', '青田县', '331100', 'county'), ('331122', '缙云县', '331100', 'county'),
  ('331123', '遂昌县', '331100', 'county'), ('331124', '松阳县', '331100', 'county'), ('331125', '云和县', '331100', 'county'), ('331126', '庆元县', '331100', 'county'),
  ('331127', '景宁畲族自治县', '331100', 'county'), ('331181', '龙泉市', '331100', 'county');

-- One row per warning, names resolved. Keys the model left empty are completed from the tender, contract
-- or lease they hang on (a lease warning's buyer is the collective that let it). is_new: first seen by the
-- latest finished run. search_text: what the quick search matches (subject, buyer, ids), lower-cased.
CREATE VIEW v_warning_list AS
WITH latest AS (
  SELECT run_id FROM analysis_run WHERE status = 'done' ORDER BY finished_at DESC, run_id DESC LIMIT 1
),
keyed AS (
  SELECT a.*,
    COALESCE(a.buyer_org_id, t.buyer_org_id, c.buyer_org_id, l.collective_org_id) AS buyer_key,
    COALESCE(a.region_code, t.region_code) AS region_key,
    t.title AS tender_title, l.lessee_name
  FROM alert a
  LEFT JOIN tender t ON t.tender_id = a.tender_id
  LEFT JOIN contract c ON c.contract_id = a.contract_id
  LEFT JOIN lease_contract l ON l.lease_id = a.lease_id
)
SELECT
  k.alert_id, k.fingerprint, k.severity,
  CASE k.severity WHEN 'red' THEN 0 WHEN 'orange' THEN 1 ELSE 2 END AS severity_rank,
  k.base_severity, k.escalation, k.model_id,
  COALESCE(m.name_cn, k.model_id) AS model_name_zh, COALESCE(m.name_en, k.model_id) AS model_name_en,
  COALESCE(m.domain, split_part(k.model_id, '-', 1)) AS domain, m.category, m.kind,
  k.subject_type, k.subject_id,
  COALESCE(CASE
      WHEN k.subject_type = 'org_pair' THEN COALESCE(pa.name, split_part(k.subject_id, '|', 1)) || ' / ' || COALESCE(pb.name, split_part(k.subject_id, '|', 2))
      WHEN k.subject_type IN ('lot', 'tender') THEN k.tender_title
      WHEN k.subject_type = 'lease' THEN k.lessee_name
      WHEN k.subject_type IN ('person', 'bid_person', 'person_contract_pair') OR k.subject_type LIKE 'expert%' THEN p.name
    END, o.name, p.name, k.tender_title, k.lessee_name, k.subject_id) AS subject_name,
  k.tender_id, k.tender_title, k.lot_id, k.org_id, o.name AS org_name, k.person_id, p.name AS person_name,
  k.contract_id, k.lease_id,
  k.buyer_key AS buyer_org_id, bo.name AS buyer_name,
  COALESCE(k.region_key, bo.region_code) AS region_code,
  CASE WHEN r.level = 'county' AND rp.name IS NOT NULL THEN rp.name || ' ' || r.name ELSE r.name END AS region_name,
  k.amount_cny, k.score, k.occurred_on, k.first_seen, k.last_seen, k.times_seen, k.last_run_id,
  (k.times_seen = 1 AND k.last_run_id IS NOT DISTINCT FROM (SELECT run_id FROM latest)) AS is_new,
  k.status, k.assignee, k.due_date,
  lower(concat_ws(' ', k.subject_id, pa.name, pb.name, o.name, p.name, k.tender_title, k.lessee_name, bo.name,
    k.tender_id, k.contract_id, k.lease_id, k.alert_id)) AS search_text
FROM keyed k
LEFT JOIN model m ON m.model_id = k.model_id
LEFT JOIN organization o ON o.org_id = k.org_id
LEFT JOIN organization pa ON k.subject_type = 'org_pair' AND pa.org_id = split_part(k.subject_id, '|', 1)
LEFT JOIN organization pb ON k.subject_type = 'org_pair' AND pb.org_id = split_part(k.subject_id, '|', 2)
LEFT JOIN person p ON p.person_id = k.person_id
LEFT JOIN organization bo ON bo.org_id = k.buyer_key
LEFT JOIN region r ON r.region_code = COALESCE(k.region_key, bo.region_code)
LEFT JOIN region rp ON rp.region_code = r.parent_code;
