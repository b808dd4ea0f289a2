/*
id: BID-024
name_zh: 中标款项快速转付第三方（卖标、挂靠、转包）
name_en: Contract proceeds forwarded to a third party
domain: BID
category: C2
categories: [C2, C5]
kind: regulatory
severity: orange
subject_type: payment_counterparty
requires:
  payment: [payment_id, payee_type, payee_id, amount_cny, pay_time, contract_id]
  bank_txn: [from_account_id, to_account_id, amount_cny, txn_time]
  bank_account: [account_id, holder_type, holder_id]
params:
  - name: days
    type: integer
    default: 7
    unit: 天 / days
    label_zh: 收款后转出的天数
    label_en: Days after the receipt
  - name: fwd
    type: number
    default: 0.8
    unit: 比例 / share
    label_zh: 转出金额占收款的比例下限
    label_en: Least share of the receipt forwarded
explain:
  zh: "合同 {contract_id}：{org_id} 于 {pay_date} 收到采购人付款 {payment_amount_cny} 元，{days} 天内向 {counterparty_id}（{counterparty_type}）转出 {amount_cny} 元（{forwarded_share}），留存比例仅 {retention_ratio}；对方不是该合同的分包商或材料供应商"
  en: "Contract {contract_id}: {org_id} received CNY {payment_amount_cny} from the buyer on {pay_date} and within {days} days sent CNY {amount_cny} ({forwarded_share}) on to {counterparty_id} ({counterparty_type}), keeping only {retention_ratio}; the recipient is not a subcontractor or material supplier of the contract"
source: 《建筑工程施工发包与承包违法行为认定查处管理办法》（建市规〔2019〕1号）第八条、第十条；监督执纪办案实践（管理费模式）
*/
-- Each buyer payment on a contract, and the supplier's transfers from its own accounts in the days after
-- it, summed by recipient. A recipient that is a contracted subcontractor or material supplier of the
-- contract is ordinary; a natural person never is. Moves between the supplier's own accounts do not count.
WITH pay AS (
  SELECT p.payment_id, p.payer_org_id, p.payee_id AS supplier, p.amount_cny, p.pay_time, p.contract_id
  FROM payment p
  WHERE p.payee_type = 'org' AND p.contract_id IS NOT NULL AND p.amount_cny > 0
),
outflow AS (
  SELECT x.txn_id, x.amount_cny, x.txn_time, x.to_account_id, fa.holder_id AS supplier,
    COALESCE(ta.holder_type, 'account') AS cp_type, COALESCE(ta.holder_id, x.to_account_id) AS cp_id
  FROM bank_txn x
  JOIN bank_account fa ON fa.account_id = x.from_account_id AND fa.holder_type = 'org'
  LEFT JOIN bank_account ta ON ta.account_id = x.to_account_id
  WHERE x.amount_cny > 0 AND NOT (ta.holder_type IS NOT DISTINCT FROM 'org' AND ta.holder_id IS NOT DISTINCT FROM fa.holder_id)
),
fwd AS (
  SELECT p.payment_id, p.payer_org_id, p.supplier, p.amount_cny AS received, p.pay_time, p.contract_id, o.cp_type, o.cp_id,
    sum(o.amount_cny) AS forwarded, count(*) AS n_txn, min(o.txn_time) AS first_txn, max(o.txn_time) AS last_txn,
    string_agg(o.txn_id, ', ' ORDER BY o.txn_time, o.txn_id) AS txn_ids
  FROM pay p
  JOIN outflow o ON o.supplier = p.supplier AND o.txn_time >= p.pay_time AND o.txn_time <= p.pay_time + to_days($days)
  GROUP BY ALL
  HAVING sum(o.amount_cny) >= $fwd * p.amount_cny
)
SELECT 'payment_counterparty' AS subject_type, f.payment_id || '|' || f.cp_id AS subject_id, c.tender_id, a.lot_id, f.contract_id,
  f.supplier AS org_id, CASE WHEN f.cp_type = 'person' THEN f.cp_id END AS person_id, COALESCE(c.buyer_org_id, f.payer_org_id) AS buyer_org_id,
  t.region_code, CAST(f.pay_time AS DATE) AS occurred_on, f.forwarded AS amount_cny, round(f.forwarded / f.received, 4) AS score,
  {'payment_id': f.payment_id, 'pay_date': CAST(f.pay_time AS DATE)::VARCHAR, 'payment_amount_cny': f.received,
   'counterparty_type': f.cp_type, 'counterparty_id': f.cp_id, 'forwarded_cny': f.forwarded,
   'forwarded_share': round(f.forwarded / f.received, 4), 'retention_ratio': round(1 - f.forwarded / f.received, 4),
   'transfers': f.n_txn, 'txn_ids': f.txn_ids, 'first_transfer': f.first_txn::VARCHAR, 'last_transfer': f.last_txn::VARCHAR,
   'days': $days} AS evidence
FROM fwd f
LEFT JOIN contract c ON c.contract_id = f.contract_id
LEFT JOIN award a ON a.award_id = c.award_id
LEFT JOIN tender t ON t.tender_id = c.tender_id
WHERE f.cp_type = 'person'
   OR (NOT EXISTS (SELECT 1 FROM subcontract s WHERE s.contract_id = f.contract_id AND s.sub_org_id = f.cp_id)
       AND NOT EXISTS (SELECT 1 FROM contract m WHERE m.parent_contract_id = f.contract_id AND m.supplier_org_id = f.cp_id))
