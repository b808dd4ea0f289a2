/*
id: SOE-010
name_zh: 合同变更、结算增幅过大
name_en: Contract value growth through amendments or settlement
domain: SOE
category: C9
kind: supervisory
severity: orange
escalation: 任一变更没有决策编号（未经集体决策或审批）为红色 / red when any amendment of the contract has no decision_id (not approved)
subject_type: contract
requires:
  contract: [contract_id, value_cny]
params:
  - name: growth_goods_services
    type: number
    default: 0.10
    unit: 比例 / ratio
    label_zh: 货物、服务类合同增幅阈值
    label_en: Growth threshold for goods and services
  - name: growth_works
    type: number
    default: 0.20
    unit: 比例 / ratio
    label_zh: 工程类合同增幅阈值
    label_en: Growth threshold for works
  - name: n_amend
    type: integer
    default: 3
    unit: 次 / amendments
    label_zh: 变更次数阈值
    label_en: Number of amendments that flags a contract
  - name: counted_types
    type: text_list
    default: [price, scope, quantity]
    label_zh: 计入次数的变更类型
    label_en: Amendment types counted
explain:
  zh: "合同 {contract_id}（{category}，原值 {value_cny} 元）：正向变更合计 {positive_delta_cny} 元，结算 {settlement_value_cny} 元，增幅 {growth}（阈值 {growth_threshold}）；价格、范围、数量类变更 {n_counted} 次；无决策编号的变更 {n_unapproved} 次"
  en: "Contract {contract_id} ({category}, CNY {value_cny}): positive amendments CNY {positive_delta_cny}, settlement CNY {settlement_value_cny}, growth {growth} (threshold {growth_threshold}); {n_counted} price, scope or quantity amendments; {n_unapproved} amendments without a decision"
source: World Bank INT red flags 8–9；CRI / ProACT cost overrun；Prozorro ari-1-1/1-2；《政府投资条例》第二十三条
*/
-- growth = max(Σ positive amendments, settlement − original value) / original value. The category decides the
-- threshold (works 20%, goods and services 10%); many price, scope or quantity amendments flag a contract too.
WITH am AS (
  SELECT contract_id,
    COALESCE(sum(value_delta_cny) FILTER (WHERE value_delta_cny > 0), 0) AS positive_delta,
    count(*) FILTER (WHERE list_contains($counted_types, amend_type)) AS n_counted,
    count(*) FILTER (WHERE decision_id IS NULL) AS n_unapproved
  FROM contract_amendment
  GROUP BY contract_id
),
g AS (
  SELECT c.contract_id, c.tender_id, c.buyer_org_id, c.supplier_org_id, c.category, c.value_cny, c.settlement_value_cny, c.sign_date,
    COALESCE(am.positive_delta, 0) AS positive_delta, COALESCE(am.n_counted, 0) AS n_counted, COALESCE(am.n_unapproved, 0) AS n_unapproved,
    greatest(COALESCE(am.positive_delta, 0), COALESCE(c.settlement_value_cny - c.value_cny, 0)) / c.value_cny AS growth,
    CASE WHEN c.category = 'works' THEN $growth_works ELSE $growth_goods_services END AS threshold
  FROM contract c LEFT JOIN am USING (contract_id)
  WHERE c.value_cny > 0 AND (am.contract_id IS NOT NULL OR c.settlement_value_cny > c.value_cny)
),
flagged AS (SELECT * FROM g WHERE growth >= threshold OR n_counted >= $n_amend),
listed AS (   -- the amendments of the flagged contracts only, as evidence
  SELECT a.contract_id, list({'amend_id': a.amend_id, 'amend_date': CAST(a.amend_date AS VARCHAR), 'amend_type': a.amend_type,
                              'value_delta_cny': a.value_delta_cny, 'decision_id': a.decision_id} ORDER BY a.amend_date, a.amend_id) AS amendments
  FROM contract_amendment a JOIN flagged f ON f.contract_id = a.contract_id
  GROUP BY a.contract_id
)
SELECT 'contract' AS subject_type, g.contract_id AS subject_id, g.contract_id, g.tender_id, g.supplier_org_id AS org_id, g.buyer_org_id,
  g.value_cny AS amount_cny, round(g.growth, 4) AS score, g.sign_date AS occurred_on, b.region_code,
  CASE WHEN g.n_unapproved > 0 THEN 'red' ELSE 'orange' END AS severity,
  {'category': g.category, 'value_cny': g.value_cny, 'positive_delta_cny': g.positive_delta, 'settlement_value_cny': g.settlement_value_cny,
   'growth': round(g.growth, 4), 'growth_threshold': g.threshold, 'n_counted': g.n_counted, 'n_amend': $n_amend,
   'n_unapproved': g.n_unapproved, 'amendments': l.amendments} AS evidence
FROM flagged g LEFT JOIN listed l ON l.contract_id = g.contract_id LEFT JOIN organization b ON b.org_id = g.buyer_org_id
