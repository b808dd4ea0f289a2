/*
id: VIL-003
name_zh: 超长期发包、出租集体资产
name_en: Over-long lease term
domain: VIL
category: K4
kind: regulatory
severity: orange
subject_type: lease
requires:
  lease_contract: [lease_id, asset_id, collective_org_id, start_date, end_date]
  village_asset: [asset_id, asset_class]
params:
  - name: max_years
    type: integer
    default: 20
    unit: 年 / years
    label_zh: 房屋、设备等租赁最长期限
    label_en: Longest lease term for buildings and equipment
  - name: capped_classes
    type: text_list
    default: [building, shop, equipment]
    label_zh: 适用该最长期限的资产类别
    label_en: Asset classes the longest term applies to
  - name: max_years_other
    type: integer
    default: 0
    unit: 年 / years
    label_zh: 其他资产（土地、林地、水面等）最长期限（按本省规定；0 为不检查）
    label_en: Longest term for other assets (land, forest, water) under provincial rules (0 = not checked)
explain:
  zh: "租赁合同 {lease_id}（{asset_class}，承租人 {lessee_name}）期限 {start_date} 至 {end_date}，共 {term_years} 年，超过 {max_years} 年上限或超出承包经营权到期日 {right_end_date}"
  en: "Lease {lease_id} ({asset_class}, lessee {lessee_name}) runs from {start_date} to {end_date}, {term_years} years: beyond the {max_years}-year limit or past the end of the land contract right ({right_end_date})"
source: 《民法典》第七百零五条（租赁期限不得超过二十年）；《农村土地承包法》第三十八条（流转期限不得超过承包期的剩余期限）；福建平和县农村集体“三资”清理（超期合同）
*/
-- A lease is over-long when it runs to or past the day its term reaches the limit for its asset class
-- (a 20-year building lease ends the day before its 20th anniversary), or when it ends after the
-- collective's own right in the asset (the remaining term of the land contract right).
WITH l AS (
  SELECT l.lease_id, l.collective_org_id, l.lessee_type, l.lessee_id, l.lessee_name, l.sign_date, l.start_date, l.end_date,
    l.annual_rent_cny, a.asset_id, a.asset_class, a.right_end_date,
    CASE WHEN list_contains($capped_classes, a.asset_class) THEN $max_years
         WHEN $max_years_other > 0 THEN $max_years_other END AS cap_years
  FROM lease_contract l JOIN village_asset a ON a.asset_id = l.asset_id
  WHERE l.start_date IS NOT NULL AND l.end_date IS NOT NULL
),
f AS (
  SELECT *,
    COALESCE(cap_years IS NOT NULL AND end_date >= start_date + to_years(cap_years), FALSE) AS over_term,
    COALESCE(end_date > right_end_date, FALSE) AS beyond_right
  FROM l
)
SELECT 'lease' AS subject_type, f.lease_id AS subject_id, f.lease_id, f.collective_org_id AS org_id,
  CASE WHEN f.lessee_type = 'person' THEN f.lessee_id END AS person_id,
  f.annual_rent_cny AS amount_cny, COALESCE(f.sign_date, f.start_date) AS occurred_on, o.region_code,
  {'lessee_name': f.lessee_name, 'asset_id': f.asset_id, 'asset_class': f.asset_class,
   'start_date': f.start_date::VARCHAR, 'end_date': f.end_date::VARCHAR,
   'term_years': round(date_diff('day', f.start_date, f.end_date + 1) / 365.25, 2),
   'max_years': f.cap_years, 'over_term': f.over_term,
   'right_end_date': f.right_end_date::VARCHAR, 'beyond_right': f.beyond_right,
   'days_beyond_right': CASE WHEN f.beyond_right THEN date_diff('day', f.right_end_date, f.end_date) END} AS evidence
FROM f LEFT JOIN organization o ON o.org_id = f.collective_org_id
WHERE f.over_term OR f.beyond_right
