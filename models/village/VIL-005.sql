/*
id: VIL-005
name_zh: 应进场未进场交易（协议发包）
name_en: Off-market award of collective assets
domain: VIL
category: K5
kind: regulatory
severity: orange
subject_type: lease
requires:
  lease_contract: [lease_id, collective_org_id, annual_rent_cny, start_date, end_date, award_method]
params:
  - name: a
    type: number
    default: 50000
    unit: 元/年 / CNY a year
    label_zh: 应进场交易的年租金（承包费）标准
    label_en: Annual rent from which the award must go to the market
  - name: tv
    type: number
    default: 200000
    unit: 元 / CNY
    label_zh: 应进场交易的合同总额标准（年租金 × 年限）
    label_en: Total value (annual rent × years) from which the award must go to the market
  - name: market_methods
    type: text_list
    default: [public_bidding, exchange]
    label_zh: 算作进场交易的方式（公开招标竞价、农村产权交易平台）
    label_en: Award methods that count as on the market (public bidding, rural property-rights exchange)
explain:
  zh: "租赁合同 {lease_id}（承租人 {lessee_name}）年租金 {annual_rent_cny} 元、期限 {term_years} 年、总额 {total_cny} 元，达到进场标准，却以 {award_method} 方式发包"
  en: "Lease {lease_id} (lessee {lessee_name}): CNY {annual_rent_cny} a year for {term_years} years, CNY {total_cny} in all, above the market threshold, awarded by {award_method}"
source: 各地农村产权流转交易管理办法（如中山市黄圃镇2025年、长治市2025年农村集体经济合同管理规定）
*/
-- The term is counted in years of 365.25 days (a lease from 1 March 2024 to 28 February 2027 is 3.00
-- years); the total is the annual rent times the term. A lease whose award method is not recorded is
-- not judged.
WITH l AS (
  SELECT l.*, round(date_diff('day', l.start_date, l.end_date + 1) / 365.25, 2) AS term_years
  FROM lease_contract l
  WHERE l.annual_rent_cny IS NOT NULL AND l.start_date IS NOT NULL AND l.end_date IS NOT NULL
    AND l.award_method IS NOT NULL AND NOT list_contains($market_methods, l.award_method)
)
SELECT 'lease' AS subject_type, l.lease_id AS subject_id, l.lease_id, l.collective_org_id AS org_id,
  CASE WHEN l.lessee_type = 'person' THEN l.lessee_id END AS person_id,
  round(l.annual_rent_cny * l.term_years, 2) AS amount_cny, COALESCE(l.sign_date, l.start_date) AS occurred_on, o.region_code,
  {'lessee_name': l.lessee_name, 'award_method': l.award_method, 'annual_rent_cny': l.annual_rent_cny,
   'start_date': l.start_date::VARCHAR, 'end_date': l.end_date::VARCHAR, 'term_years': l.term_years,
   'total_cny': round(l.annual_rent_cny * l.term_years, 2), 'a': $a, 'tv': $tv,
   'over_annual': l.annual_rent_cny >= $a, 'over_total': l.annual_rent_cny * l.term_years >= $tv} AS evidence
FROM l LEFT JOIN organization o ON o.org_id = l.collective_org_id
WHERE l.annual_rent_cny >= $a OR l.annual_rent_cny * l.term_years >= $tv
