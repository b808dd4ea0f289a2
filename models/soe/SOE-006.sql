/*
id: SOE-006
name_zh: 化整为零规避公开招标（拆分采购）
name_en: Purchase splitting below the open-tender threshold
domain: SOE
category: C7
kind: regulatory
severity: orange
escalation: 合计达到限额两倍为红色 / red when the total reaches twice the threshold
subject_type: buyer_class_year
requires:
  contract: [buyer_org_id, class_code, sign_date, value_cny, procurement_method]
params:
  - name: threshold_cny
    type: number
    default: 2000000
    unit: 元 / CNY
    label_zh: 公开招标限额
    label_en: Open-tender threshold
  - name: methods
    type: text_list
    default: [limited, direct]
    label_zh: 计入的非公开方式
    label_en: Non-open methods counted
explain:
  zh: "{org_id} 在 {year} 年以非公开方式签订 {n_contracts} 份 {class4} 类合同，每份均低于 {threshold_cny} 元，合计 {total_cny} 元"
  en: "{org_id} signed {n_contracts} {class4} contracts by non-open methods in {year}, each below CNY {threshold_cny}, together CNY {total_cny}"
source: 《政府采购法实施条例》第二十八条；《必须招标的工程项目规定》
*/
-- One buyer, one 4-digit class, one fiscal year: several non-open contracts each under the threshold
-- that together reach it.
SELECT 'buyer_class_year' AS subject_type,
  buyer_org_id || '|' || substr(class_code, 1, 4) || '|' || CAST(year(sign_date) AS VARCHAR) AS subject_id,
  buyer_org_id AS org_id, buyer_org_id, sum(value_cny) AS amount_cny, max(sign_date) AS occurred_on,
  CASE WHEN sum(value_cny) >= 2 * $threshold_cny THEN 'red' ELSE 'orange' END AS severity,
  {'year': year(sign_date), 'class4': substr(class_code, 1, 4), 'n_contracts': count(*), 'total_cny': sum(value_cny),
   'max_cny': max(value_cny), 'threshold_cny': $threshold_cny, 'contracts': list(contract_id ORDER BY sign_date)} AS evidence
FROM contract
WHERE list_contains($methods, procurement_method) AND value_cny < $threshold_cny
GROUP BY buyer_org_id, substr(class_code, 1, 4), year(sign_date)
HAVING count(*) >= 2 AND sum(value_cny) >= $threshold_cny
