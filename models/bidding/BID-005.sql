/*
id: BID-005
name_zh: 投标保证金从同一账户或非本单位账户转出
name_en: Bid deposits from the same or a third-party account
domain: BID
category: C1
categories: [C1, C2]
kind: regulatory
severity: red
escalation: 同一账户为红色；他人账户为橙色；依法必须招标项目从非基本账户缴纳为黄色 / red for one account paying for several bidders, orange for an account the bidder does not hold, yellow for a must-tender bid paid from the bidder's non-basic account
subject_type: org_pair
requires:
  bid: [tender_id, lot_id, org_id, deposit_account_id]
  bank_account: [account_id, holder_type, holder_id]
  tender: [tender_id, must_tender]
explain:
  zh: "项目 {tender_id} 标段 {lot_id}：{pattern_zh}（账户 {account_id}）"
  en: "Tender {tender_id} lot {lot_id}: {pattern_en} (account {account_id})"
source: 《招标投标法实施条例》第四十条第（六）项、第二十六条
*/
-- (a) one account pays the deposits of two bidders in the same lot → red;
-- (b) the account that paid is not held by the bidder (a person or another organisation) → orange;
-- (c) a must-tender project's deposit paid from the bidder's own account that is not its basic account → yellow.
-- Accounts that paid for two or more different bidders of one lot (v_lot_shared_account), and deposits
-- not paid from the bidder's own basic account with who holds the account (v_deposit_payer): both kept as
-- support tables.
WITH same AS (
  SELECT s.tender_id, s.lot_id, a.org_id AS org_a, b.org_id AS org_b, s.deposit_account_id AS account_id,
    'red' AS severity, a.org_id || ' 与 ' || b.org_id || ' 的投标保证金从同一账户转出' AS pattern_zh,
    'the deposits of ' || a.org_id || ' and ' || b.org_id || ' came from the same account' AS pattern_en
  FROM v_lot_shared_account s, unnest(s.orgs) AS a(org_id), unnest(s.orgs) AS b(org_id)
  WHERE a.org_id < b.org_id
),
paid AS (   -- every other such deposit
  SELECT p.* FROM v_deposit_payer p
  ANTI JOIN v_lot_shared_account s ON s.tender_id = p.tender_id AND s.lot_id = p.lot_id AND s.deposit_account_id = p.deposit_account_id
),
third AS (
  SELECT tender_id, lot_id, least(org_id, holder_id) AS org_a, greatest(org_id, holder_id) AS org_b, deposit_account_id,
    'orange', org_id || ' 的投标保证金由他人账户（持有人 ' || holder_id || '）转出', 'the deposit of ' || org_id || ' was paid from an account held by ' || holder_id
  FROM paid WHERE NOT (holder_type = 'org' AND holder_id = org_id)
),
own_non_basic AS (
  SELECT p.tender_id, p.lot_id, p.org_id AS org_a, NULL AS org_b, p.deposit_account_id,
    'yellow', p.org_id || ' 的投标保证金从本单位非基本账户（' || p.account_kind || '）转出',
    'the deposit of ' || p.org_id || ' came from its ' || p.account_kind || ' account, not its basic account'
  FROM paid p JOIN tender t ON t.tender_id = p.tender_id
  WHERE t.must_tender AND p.holder_type = 'org' AND p.holder_id = p.org_id AND p.account_kind <> 'basic'
)
SELECT CASE WHEN h.org_b IS NULL THEN 'org' ELSE 'org_pair' END AS subject_type, h.org_a || COALESCE('|' || h.org_b, '') AS subject_id,
  h.tender_id, h.lot_id, h.org_a AS org_id, h.severity,
  t.buyer_org_id, t.region_code, CAST(t.bid_deadline AS DATE) AS occurred_on, t.deposit_cny AS amount_cny,
  {'org_id_b': h.org_b, 'account_id': h.account_id, 'pattern_zh': h.pattern_zh, 'pattern_en': h.pattern_en} AS evidence
FROM (SELECT * FROM same UNION ALL SELECT * FROM third UNION ALL SELECT * FROM own_non_basic) h JOIN tender t USING (tender_id)
