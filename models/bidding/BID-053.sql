/*
id: BID-053
name_zh: 投标人业绩、项目经历弄虚作假（声明业绩无对应合同或与合同不符）
name_en: False track-record claims
domain: BID
category: C6
kind: regulatory
severity: red
escalation: 找不到对应合同为红色；找到合同但金额相差超过 tol 或实际完成晚于声明为橙色 / red when no matching contract is found; orange when one is found but its value differs by more than tol or it was completed later than claimed
subject_type: bid_claim
requires:
  bid_claim: [bid_id, claimed_buyer_name, claimed_completion]
  bid: [bid_id, org_id]
  contract: [buyer_org_id, supplier_org_id]
  organization: [org_id, name]
params:
  - name: window_days
    type: integer
    default: 180
    unit: 天 / days
    label_zh: 合同完成日期与声明完成日期相差不超过
    label_en: Contract completion at most this far from the claimed completion
  - name: tol
    type: number
    default: 0.2
    label_zh: 声明金额与合同金额的允许相对偏差
    label_en: Relative difference allowed between the claimed and the contract value
  - name: control_ratio
    type: number
    default: 0.5
    label_zh: 计入子公司业绩的最低持股比例
    label_en: Share that makes a subsidiary's contracts count as the bidder's
  - name: claim_types
    type: text_list
    default: [performance]
    label_zh: 核查的声明类型（未填类型的声明也核查）
    label_en: Claim types checked (claims without a type are checked too)
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{org_id} 声明的业绩（{claimed_buyer_name}，{claimed_contract_ref}，{claimed_value_cny} 元，{claimed_completion} 完成）{finding_zh}"
  en: "Tender {tender_id} lot {lot_id}: the track record {org_id} claimed ({claimed_buyer_name}, {claimed_contract_ref}, CNY {claimed_value_cny}, completed {claimed_completion}) {finding_en}"
source: 《招标投标法实施条例》第四十二条第二款第（三）项（提供虚假的业绩）；《招标投标法》第三十三条
*/
-- Each claim is looked up among the contracts of the bidder (or of organisations it controlled at the bid)
-- with the claimed buyer (matched by name, brackets and spaces normalised) completed within window_days of
-- the claimed completion (its completion or acceptance; its planned end while it is open). None: red. Found,
-- but none agrees on the value (contract or settlement value, within tol) and was completed by the claimed
-- date: orange, with the closest contract as evidence. Claims without a buyer name or a completion date are
-- not checked.
WITH claims AS MATERIALIZED (
  SELECT c.bid_id, c.claim_type, c.claimed_buyer_name, c.claimed_contract_ref, c.claimed_value_cny, c.claimed_completion,
    b.tender_id, b.lot_id, b.org_id, CAST(COALESCE(t.bid_deadline, b.submit_time) AS DATE) AS bid_date,
    c.bid_id || '|' || COALESCE(c.claimed_contract_ref, c.claimed_buyer_name || '@' || CAST(c.claimed_completion AS VARCHAR)) AS claim_key,
    replace(replace(replace(replace(trim(c.claimed_buyer_name), '(', '（'), ')', '）'), ' ', ''), '　', '') AS buyer_key
  FROM bid_claim c JOIN bid b USING (bid_id) LEFT JOIN tender t ON t.tender_id = b.tender_id
  WHERE c.claimed_buyer_name IS NOT NULL AND c.claimed_completion IS NOT NULL
    AND (c.claim_type IS NULL OR list_contains($claim_types, c.claim_type))
),
buyer_names AS (
  SELECT DISTINCT org_id, replace(replace(replace(replace(trim(n), '(', '（'), ')', '）'), ' ', ''), '　', '') AS buyer_key
  FROM (SELECT org_id, name AS n FROM organization UNION ALL SELECT org_id, name_norm FROM organization) WHERE n IS NOT NULL
),
claim_buyer AS (
  SELECT DISTINCT cl.claim_key, bn.org_id AS buyer_org_id FROM claims cl JOIN buyer_names bn ON bn.buyer_key = cl.buyer_key
),
claim_supplier AS (
  SELECT claim_key, org_id AS supplier_org_id, FALSE AS via_subsidiary FROM claims
  UNION
  SELECT cl.claim_key, s.org_id, TRUE FROM claims cl JOIN shareholding s ON s.holder_type = 'org' AND s.holder_id = cl.org_id
  WHERE s.org_id <> cl.org_id AND s.share_ratio >= $control_ratio
    AND COALESCE(s.start_date, DATE '1900-01-01') <= cl.bid_date AND COALESCE(s.end_date, DATE '9999-12-31') >= cl.bid_date
),
found AS (
  SELECT cl.claim_key, k.contract_id, k.supplier_org_id, cs.via_subsidiary, k.value_cny, k.settlement_value_cny,
    COALESCE(k.actual_end_date, k.acceptance_date) AS completed_on, k.planned_end_date,
    (cl.claimed_value_cny IS NULL
      OR COALESCE(abs(cl.claimed_value_cny - k.value_cny) <= $tol * k.value_cny, FALSE)
      OR COALESCE(abs(cl.claimed_value_cny - k.settlement_value_cny) <= $tol * k.settlement_value_cny, FALSE)) AS value_ok,
    COALESCE(COALESCE(k.actual_end_date, k.acceptance_date) <= cl.claimed_completion, FALSE) AS completion_ok,
    k.contract_id = cl.claimed_contract_ref AS is_ref
  FROM claims cl
  JOIN claim_buyer cb ON cb.claim_key = cl.claim_key
  JOIN claim_supplier cs ON cs.claim_key = cl.claim_key
  JOIN contract k ON k.buyer_org_id = cb.buyer_org_id AND k.supplier_org_id = cs.supplier_org_id
  WHERE COALESCE(k.actual_end_date, k.acceptance_date, k.planned_end_date)
        BETWEEN cl.claimed_completion - to_days($window_days) AND cl.claimed_completion + to_days($window_days)
),
best AS (
  SELECT claim_key, count(*) AS n_found, bool_or(value_ok AND completion_ok) AS any_ok,
    arg_min({'contract_id': contract_id, 'supplier_org_id': supplier_org_id, 'via_subsidiary': via_subsidiary, 'value_cny': value_cny,
             'settlement_value_cny': settlement_value_cny, 'completed_on': CAST(completed_on AS VARCHAR), 'planned_end_date': CAST(planned_end_date AS VARCHAR),
             'value_ok': value_ok, 'completion_ok': completion_ok},
            [CASE WHEN is_ref THEN 0 ELSE 1 END, CASE WHEN value_ok THEN 0 ELSE 1 END, CASE WHEN completion_ok THEN 0 ELSE 1 END]) AS closest
  FROM found GROUP BY claim_key
),
judged AS (
  SELECT cl.*, b.n_found, b.closest,
    CASE WHEN b.claim_key IS NULL THEN 'red' ELSE 'orange' END AS severity,
    CASE WHEN b.claim_key IS NULL THEN 'not_found' WHEN NOT b.closest.value_ok THEN 'value_mismatch' ELSE 'completed_later' END AS finding
  FROM claims cl LEFT JOIN best b ON b.claim_key = cl.claim_key
  WHERE b.claim_key IS NULL OR NOT b.any_ok
)
SELECT DISTINCT ON (j.claim_key) 'bid_claim' AS subject_type, j.claim_key AS subject_id, j.tender_id, j.lot_id, j.org_id, j.severity,
  j.closest.contract_id AS contract_id, t.buyer_org_id, t.region_code, j.bid_date AS occurred_on, j.claimed_value_cny AS amount_cny,
  {'finding': j.finding,
   'finding_zh': CASE j.finding WHEN 'not_found' THEN '在该采购人处找不到投标人（或其控股子公司）完成时间相近的合同'
                 WHEN 'value_mismatch' THEN '找到合同 ' || j.closest.contract_id || '，但金额不符（合同 ' || CAST(j.closest.value_cny AS VARCHAR) || ' 元）'
                 ELSE '找到合同 ' || j.closest.contract_id || '，但实际完成晚于声明（' || COALESCE(j.closest.completed_on, '尚未完成') || '）' END,
   'finding_en': CASE j.finding WHEN 'not_found' THEN 'has no contract of the bidder (or a subsidiary it controls) with that buyer completed near that date'
                 WHEN 'value_mismatch' THEN 'matches contract ' || j.closest.contract_id || ' whose value differs (CNY ' || CAST(j.closest.value_cny AS VARCHAR) || ')'
                 ELSE 'matches contract ' || j.closest.contract_id || ', completed later than claimed (' || COALESCE(j.closest.completed_on, 'not yet completed') || ')' END,
   'claim_type': j.claim_type, 'claimed_buyer_name': j.claimed_buyer_name, 'claimed_contract_ref': j.claimed_contract_ref,
   'claimed_value_cny': j.claimed_value_cny, 'claimed_completion': CAST(j.claimed_completion AS VARCHAR),
   'buyer_known': EXISTS (SELECT 1 FROM buyer_names bn WHERE bn.buyer_key = j.buyer_key),
   'ref_contract': (SELECT {'contract_id': k.contract_id, 'buyer_org_id': k.buyer_org_id, 'supplier_org_id': k.supplier_org_id, 'value_cny': k.value_cny}
                    FROM contract k WHERE k.contract_id = j.claimed_contract_ref LIMIT 1),
   'contracts_found': COALESCE(j.n_found, 0), 'closest_contract': j.closest, 'tol': $tol, 'window_days': $window_days} AS evidence
FROM judged j LEFT JOIN tender t ON t.tender_id = j.tender_id
ORDER BY j.claim_key, j.severity DESC
