import { warningTimelineRequestSchema, type TimelineEvent, type WarningTimeline } from '../../contract/warnings.ts';
import { ClearsightError } from '../errors.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { boundRows, type NamedParams } from './bound-query.ts';
import { warningSubjects, type AlertKeys, type WarningSubjects } from './subjects.ts';

const IN = (list: string) => `IN (SELECT unnest($${list}))`;
/** An organisation's name; col must be qualified or not a column of organization, or it would bind to o. */
const ORG = (col: string) => `COALESCE((SELECT o.name FROM organization o WHERE o.org_id = ${col}), ${col})`;
const AT = (col: string) => `strftime(${col}, '%Y-%m-%d %H:%M:%S')`;
const DAY = (col: string) => `strftime(${col}, '%Y-%m-%d')`;
const CONTRACTS = `(SELECT contract_id FROM contract WHERE contract_id ${IN('contracts')} OR tender_id ${IN('tenders')})`;

/** One source of events: the subject lists it needs and a query returning at, kind, title_zh, title_en, ref, amount_cny. */
interface Source { needs: Array<Exclude<keyof WarningSubjects, 'lot'>>; sql: string }

const SOURCES: readonly Source[] = [
  { needs: ['orgs'], sql: `SELECT ${DAY('established_date')}, 'org_established', COALESCE(name, org_id) || ' 成立', COALESCE(name, org_id) || ' founded', 'org:' || org_id, NULL
      FROM organization WHERE org_id ${IN('orgs')} AND established_date IS NOT NULL
    UNION ALL SELECT ${DAY('status_date')}, 'org_status', name || ' 状态变更为 ' || status, name || ' became ' || status, 'org:' || org_id, NULL
      FROM organization WHERE org_id ${IN('orgs')} AND status_date IS NOT NULL AND status <> 'active'` },
  { needs: ['tenders'], sql: `SELECT ${AT('publish_date')}, 'tender_published', '招标公告发布：' || COALESCE(title, tender_id), 'Tender published: ' || COALESCE(title, tender_id), 'tender:' || tender_id, est_value_cny::VARCHAR
      FROM tender WHERE tender_id ${IN('tenders')} AND publish_date IS NOT NULL
    UNION ALL SELECT ${AT('docs_start')}, 'docs_period', '开始发售招标文件（' || tender_id || '）', 'Tender documents issued (' || tender_id || ')', 'tender:' || tender_id, NULL
      FROM tender WHERE tender_id ${IN('tenders')} AND docs_start IS NOT NULL
    UNION ALL SELECT ${AT('bid_deadline')}, 'bid_deadline', '投标截止（' || tender_id || '）', 'Bid deadline (' || tender_id || ')', 'tender:' || tender_id, NULL
      FROM tender WHERE tender_id ${IN('tenders')} AND bid_deadline IS NOT NULL
    UNION ALL SELECT ${AT('open_date')}, 'opening', '开标（' || tender_id || '）', 'Bids opened (' || tender_id || ')', 'tender:' || tender_id, NULL
      FROM tender WHERE tender_id ${IN('tenders')} AND open_date IS NOT NULL
    UNION ALL SELECT ${AT('amend_date')}, 'tender_amended', '招标文件澄清或更正：' || COALESCE(amend_type, '') || COALESCE(' ' || description, ''),
        'Tender amended: ' || COALESCE(amend_type, '') || COALESCE(' ' || description, ''), 'tender:' || tender_id, NULL
      FROM tender_amendment WHERE tender_id ${IN('tenders')} AND amend_date IS NOT NULL
    UNION ALL SELECT ${AT('draw_time')}, 'expert_drawn', '抽取评标专家 ' || count(*) || ' 名（' || tender_id || '）', count(*) || ' evaluators drawn (' || tender_id || ')', 'tender:' || tender_id, NULL
      FROM eval_committee WHERE tender_id ${IN('tenders')} AND draw_time IS NOT NULL GROUP BY tender_id, draw_time
    UNION ALL SELECT ${DAY('complaint_date')}, 'complaint', ${ORG('complainant_org_id')} || ' 提出质疑投诉：' || COALESCE(subject, ''),
        'Complaint by ' || ${ORG('complainant_org_id')} || ': ' || COALESCE(subject, ''), 'tender:' || tender_id, NULL
      FROM complaint WHERE tender_id ${IN('tenders')} AND complaint_date IS NOT NULL` },
  { needs: ['tenders'], sql: `SELECT ${AT('d.download_time')}, 'doc_download', ${ORG('d.org_id')} || ' 下载招标文件' || COALESCE('（IP ' || d.ip || '）', ''),
        ${ORG('d.org_id')} || ' downloaded the documents' || COALESCE(' (IP ' || d.ip || ')', ''), 'org:' || d.org_id, NULL
      FROM doc_download d WHERE d.tender_id ${IN('tenders')} AND d.download_time IS NOT NULL AND ($lot IS NULL OR $lot = '-' OR d.lot_id = $lot)
    UNION ALL SELECT ${AT('b.submit_time')}, 'bid_submitted', ${ORG('b.org_id')} || ' 递交投标文件' || COALESCE('，报价 ' || b.price_cny::VARCHAR || ' 元', '') || COALESCE('（IP ' || b.upload_ip || '）', ''),
        ${ORG('b.org_id')} || ' submitted a bid' || COALESCE(' of CNY ' || b.price_cny::VARCHAR, '') || COALESCE(' (IP ' || b.upload_ip || ')', ''), 'org:' || b.org_id, b.price_cny::VARCHAR
      FROM bid b WHERE b.tender_id ${IN('tenders')} AND b.submit_time IS NOT NULL AND ($lot IS NULL OR $lot = '-' OR b.lot_id = $lot)
    UNION ALL SELECT ${AT('b.deposit_paid_time')}, 'deposit_paid', ${ORG('b.org_id')} || ' 缴纳投标保证金' || COALESCE('（账户 ' || b.deposit_account_id || '）', ''),
        ${ORG('b.org_id')} || ' paid the bid deposit' || COALESCE(' (account ' || b.deposit_account_id || ')', ''), 'org:' || b.org_id, NULL
      FROM bid b WHERE b.tender_id ${IN('tenders')} AND b.deposit_paid_time IS NOT NULL AND ($lot IS NULL OR $lot = '-' OR b.lot_id = $lot)
    UNION ALL SELECT ${AT('a.notice_date')}, 'award', '中标公告：' || ${ORG('a.supplier_org_id')} || COALESCE('，' || a.award_value_cny::VARCHAR || ' 元', ''),
        'Award notice: ' || ${ORG('a.supplier_org_id')} || COALESCE(', CNY ' || a.award_value_cny::VARCHAR, ''), 'org:' || a.supplier_org_id, a.award_value_cny::VARCHAR
      FROM award a WHERE a.tender_id ${IN('tenders')} AND a.notice_date IS NOT NULL
    UNION ALL SELECT ${AT('a.publicity_start')}, 'publicity', '中标候选人公示（至 ' || COALESCE(${DAY('a.publicity_end')}, '—') || '）',
        'Candidates published (until ' || COALESCE(${DAY('a.publicity_end')}, '—') || ')', 'tender:' || a.tender_id, NULL
      FROM award a WHERE a.tender_id ${IN('tenders')} AND a.publicity_start IS NOT NULL` },
  { needs: ['contracts', 'tenders'], sql: `SELECT ${DAY('sign_date')}, 'contract_signed', '签订合同 ' || contract_id || '：' || ${ORG('supplier_org_id')},
        'Contract ' || contract_id || ' signed with ' || ${ORG('supplier_org_id')}, 'org:' || supplier_org_id, value_cny::VARCHAR
      FROM contract WHERE contract_id IN ${CONTRACTS} AND sign_date IS NOT NULL
    UNION ALL SELECT ${DAY('acceptance_date')}, 'contract_accepted', '合同 ' || contract_id || ' 验收', 'Contract ' || contract_id || ' accepted', NULL, settlement_value_cny::VARCHAR
      FROM contract WHERE contract_id IN ${CONTRACTS} AND acceptance_date IS NOT NULL
    UNION ALL SELECT ${DAY('amend_date')}, 'contract_amended', '合同 ' || contract_id || ' 变更：' || COALESCE(amend_type, '') || COALESCE(' ' || reason, ''),
        'Contract ' || contract_id || ' amended: ' || COALESCE(amend_type, '') || COALESCE(' ' || reason, ''), NULL, value_delta_cny::VARCHAR
      FROM contract_amendment WHERE contract_id IN ${CONTRACTS} AND amend_date IS NOT NULL` },
  { needs: ['payments', 'contracts', 'tenders'], sql: `SELECT ${AT('pay_time')}, 'payment', ${ORG('payer_org_id')} || ' 向 ' || COALESCE(payee_name, payee_id, '—') || ' 付款' || COALESCE('（' || purpose || '）', ''),
        ${ORG('payer_org_id')} || ' paid ' || COALESCE(payee_name, payee_id, '—') || COALESCE(' (' || purpose || ')', ''), NULL, amount_cny::VARCHAR
      FROM payment WHERE (payment_id ${IN('payments')} OR contract_id IN ${CONTRACTS}) AND pay_time IS NOT NULL` },
  { needs: ['leases'], sql: `SELECT ${DAY('sign_date')}, 'lease_signed', '签订租赁合同 ' || lease_id || '（承租方 ' || COALESCE(lessee_name, lessee_id, '—') || '）',
        'Lease ' || lease_id || ' signed with ' || COALESCE(lessee_name, lessee_id, '—'), NULL, annual_rent_cny::VARCHAR
      FROM lease_contract WHERE lease_id ${IN('leases')} AND sign_date IS NOT NULL
    UNION ALL SELECT ${DAY('due_date')}, 'rent_due', '租金到期应收（' || lease_id || '）', 'Rent due (' || lease_id || ')', NULL, amount_due_cny::VARCHAR
      FROM rent_schedule WHERE lease_id ${IN('leases')} AND due_date IS NOT NULL
    UNION ALL SELECT ${DAY('receipt_date')}, 'rent_received', '收到租金（' || lease_id || '）', 'Rent received (' || lease_id || ')', NULL, amount_cny::VARCHAR
      FROM rent_receipt WHERE lease_id ${IN('leases')} AND receipt_date IS NOT NULL
    UNION ALL SELECT ${DAY('meeting_date')}, 'decision', '集体决策：' || COALESCE(subject, decision_id), 'Decision: ' || COALESCE(subject, decision_id), NULL, amount_cny::VARCHAR
      FROM decision WHERE ref_lease_id ${IN('leases')} AND meeting_date IS NOT NULL` },
  { needs: ['orgs', 'persons'], sql: `SELECT ${DAY('c.filing_date')}, 'court_case', '立案：' || COALESCE(c.case_no, c.case_id) || '（' || COALESCE(cp.party_name, cp.party_id) || '，' || COALESCE(cp.party_role, '') || '，' || COALESCE(c.cause, '') || '）',
        'Case filed: ' || COALESCE(c.case_no, c.case_id) || ' (' || COALESCE(cp.party_name, cp.party_id) || ', ' || COALESCE(cp.party_role, '') || ', ' || COALESCE(c.cause, '') || ')',
        CASE cp.party_type WHEN 'person' THEN 'person:' ELSE 'org:' END || cp.party_id, c.subject_amount_cny::VARCHAR
      FROM case_party cp JOIN court_case c USING (case_id) WHERE (cp.party_id ${IN('orgs')} OR cp.party_id ${IN('persons')}) AND c.filing_date IS NOT NULL
    UNION ALL SELECT ${DAY('decision_date')}, 'penalty', '行政处罚：' || COALESCE(penalty_type, '') || COALESCE('（' || authority || '）', ''),
        'Penalty: ' || COALESCE(penalty_type, '') || COALESCE(' (' || authority || ')', ''), CASE subject_type WHEN 'person' THEN 'person:' ELSE 'org:' END || subject_id, fine_cny::VARCHAR
      FROM admin_penalty WHERE (subject_id ${IN('orgs')} OR subject_id ${IN('persons')}) AND decision_date IS NOT NULL
    UNION ALL SELECT ${DAY('listed_date')}, 'credit_listed', '列入信用名单：' || COALESCE(list_type, ''), 'Listed: ' || COALESCE(list_type, ''),
        CASE subject_type WHEN 'person' THEN 'person:' ELSE 'org:' END || subject_id, NULL
      FROM credit_list WHERE (subject_id ${IN('orgs')} OR subject_id ${IN('persons')}) AND listed_date IS NOT NULL` },
];

/** Order of events at the same moment: the procedure's own order. */
const KIND_RANK = ['org_established', 'tender_published', 'docs_period', 'doc_download', 'tender_amended', 'deposit_paid', 'bid_submitted', 'bid_deadline',
  'opening', 'expert_drawn', 'publicity', 'award', 'complaint', 'contract_signed', 'contract_amended', 'payment', 'contract_accepted',
  'decision', 'lease_signed', 'rent_due', 'rent_received', 'court_case', 'penalty', 'credit_listed', 'org_status', 'warning_first_seen', 'warning_last_seen'];

/**
 * The dated events of a warning's subjects, oldest first: the tender's procedure (published, amended,
 * documents downloaded, bids submitted, opened, evaluated, awarded), the contract (signed, amended, paid),
 * the lease (signed, rent due and received), the companies (founded, court cases, penalties, listings),
 * and the warning itself (first and last seen). At most `limit` events; each source at most that many.
 */
export async function warningTimeline(ws: Workspace, alertId: string, limit = 300): Promise<WarningTimeline> {
  const req = warningTimelineRequestSchema.parse({ alertId, limit });
  return ws.conn.exclusive(async (c) => {
    const [alert] = await boundRows<AlertKeys & { evidence_json: string | null; first_seen: string; last_seen: string; times_seen: number }>(c,
      `SELECT subject_id, tender_id, lot_id, org_id, person_id, contract_id, lease_id, evidence_json,
        ${AT('first_seen')} AS first_seen, ${AT('last_seen')} AS last_seen, times_seen FROM alert WHERE alert_id = $id`, { id: req.alertId });
    if (!alert) throw new ClearsightError('not_found', `没有这条预警 / no such warning: ${req.alertId}`);
    let evidence: unknown = null;
    try { evidence = alert.evidence_json ? JSON.parse(alert.evidence_json) : null; } catch { evidence = null; }
    const s = await warningSubjects(c, alert, evidence);
    const params: NamedParams = { ...s, lot: s.lot, cap: req.limit + 1 };
    let truncated = false;
    const events: TimelineEvent[] = [];
    for (const src of SOURCES) {
      if (!src.needs.some((k) => s[k].length > 0)) continue;
      const rows = await boundRows<{ ts: string | null; kind: string; title_zh: string | null; title_en: string | null; ref: string | null; amount_cny: string | null }>(c,
        `SELECT * FROM (${src.sql}) AS e(ts, kind, title_zh, title_en, ref, amount_cny) WHERE ts IS NOT NULL ORDER BY ts LIMIT $cap`, params);
      if (rows.length > req.limit) truncated = true;
      for (const r of rows.slice(0, req.limit)) {
        events.push({ at: trimMidnight(r.ts!), kind: r.kind as TimelineEvent['kind'], title_zh: r.title_zh ?? r.kind, title_en: r.title_en ?? r.kind,
          ...(r.ref ? { ref: r.ref } : {}), ...(r.amount_cny !== null ? { amount_cny: r.amount_cny } : {}) });
      }
    }
    events.push({ at: alert.first_seen, kind: 'warning_first_seen', title_zh: '预警首次发现', title_en: 'Warning first raised' });
    if (Number(alert.times_seen) > 1) {
      events.push({ at: alert.last_seen, kind: 'warning_last_seen', title_zh: `预警第 ${alert.times_seen} 次发现`, title_en: `Warning raised for the ${alert.times_seen}th time` });
    }
    events.sort((a, b) => a.at.localeCompare(b.at) || KIND_RANK.indexOf(a.kind) - KIND_RANK.indexOf(b.kind) || a.title_zh.localeCompare(b.title_zh));
    if (events.length > req.limit) truncated = true;
    return { events: events.slice(0, req.limit), truncated };
  });
}

/** '2024-05-20 00:00:00' is a date: events given by day show as one. */
function trimMidnight(at: string): string {
  return at.endsWith(' 00:00:00') ? at.slice(0, 10) : at;
}
