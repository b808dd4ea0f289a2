import type { DuckDBConnection } from '@duckdb/node-api';
import {
  relationGraphRequestSchema, type DeviceType, type GraphEdge, type GraphEdgeKind, type GraphNode, type GraphNodeKind, type RelationGraph,
} from '../../contract/warnings.ts';
import { ClearsightError } from '../errors.ts';
import { maskValue } from '../privacy/redact-text.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { boundRows, type NamedParams } from './bound-query.ts';

const DEVICE_TYPES: readonly DeviceType[] = ['ip', 'mac', 'cpu', 'disk', 'machine', 'file_id', 'lock', 'doc', 'phone', 'email', 'address'];
/** Contact values identify persons: their node ids carry a hash, their labels are masked unless revealed. */
const HASHED = new Set<DeviceType>(['phone', 'email', 'address']);
const DEVICE_LABEL: Record<DeviceType, [string, string]> = {
  ip: ['IP', 'IP'], mac: ['MAC', 'MAC'], cpu: ['CPU', 'CPU'], disk: ['硬盘', 'disk'], machine: ['机器码', 'machine code'],
  file_id: ['文件创建码', 'file creation id'], lock: ['加密锁', 'software lock'], doc: ['投标文件', 'bid file'],
  phone: ['电话', 'phone'], email: ['邮箱', 'e-mail'], address: ['地址', 'address'],
};
const KIND_ORDER: GraphNodeKind[] = ['org', 'person', 'tender', 'account', 'device'];
const HASH = (col: string) => `left(sha256(${col}), 16)`;
const MAC = (col: string) => `upper(translate(trim(${col}), '-:. ', ''))`;
const IN = (list: string) => `IN (SELECT unnest($${list}))`;
const DEVICE_ZH = `CASE t WHEN 'ip' THEN 'IP' WHEN 'mac' THEN 'MAC' WHEN 'cpu' THEN 'CPU' WHEN 'disk' THEN '硬盘' WHEN 'machine' THEN '机器码'
  WHEN 'file_id' THEN '文件创建码' WHEN 'lock' THEN '加密锁' WHEN 'doc' THEN '投标文件' WHEN 'phone' THEN '联系电话' ELSE '联系邮箱' END`;
const ROLE_ZH = `CASE r.role WHEN 'legal_rep' THEN '法定代表人' WHEN 'director' THEN '董事' WHEN 'supervisor' THEN '监事' WHEN 'manager' THEN '经理'
  WHEN 'finance_head' THEN '财务负责人' WHEN 'employee' THEN '员工' WHEN 'agent' THEN '代理人' WHEN 'cadre' THEN '村干部' WHEN 'procurement' THEN '采购人员'
  WHEN 'project_lead' THEN '项目负责人' ELSE COALESCE(r.role, '任职') END`;
const KIN_ZH = `CASE k.relation WHEN 'spouse' THEN '配偶' WHEN 'parent' THEN '父母' WHEN 'child' THEN '子女' WHEN 'sibling' THEN '兄弟姐妹'
  WHEN 'grandparent' THEN '祖父母' WHEN 'grandchild' THEN '孙子女' WHEN 'in_law' THEN '姻亲' ELSE '亲属' END`;
const PARTY = (type: string, id: string) => `CASE ${type} WHEN 'person' THEN 'person:' ELSE 'org:' END || ${id}`;

/** One expansion query: the frontier lists it reads, and the edges it returns (source, target, kind, labels, raw device values). */
interface Expansion { needs: string[]; sql: string }

// Every query returns: source, target, kind, label_zh, label_en, raw (the plain value of a device endpoint).
const EXPANSIONS: readonly Expansion[] = [
  { needs: ['orgs', 'persons'], sql: `SELECT ${PARTY('s.holder_type', 's.holder_id')} AS source, 'org:' || s.org_id AS target, 'shareholder' AS kind,
      '持股 ' || COALESCE(round(s.share_ratio * 100, 1)::VARCHAR || '%', '') AS label_zh, 'holds ' || COALESCE(round(s.share_ratio * 100, 1)::VARCHAR || '%', '') AS label_en, NULL AS raw
    FROM shareholding s WHERE s.org_id ${IN('orgs')} OR s.holder_id ${IN('orgs')} OR s.holder_id ${IN('persons')}` },
  { needs: ['orgs', 'persons'], sql: `SELECT 'person:' || r.person_id, 'org:' || r.org_id, CASE r.role WHEN 'legal_rep' THEN 'legal_rep' ELSE 'officer' END,
      ${ROLE_ZH}, COALESCE(replace(r.role, '_', ' '), 'officer'), NULL
    FROM org_role r WHERE r.org_id ${IN('orgs')} OR r.person_id ${IN('persons')}
    UNION ALL SELECT 'person:' || o.legal_rep_person_id, 'org:' || o.org_id, 'legal_rep', '法定代表人', 'legal representative', NULL
    FROM organization o WHERE o.legal_rep_person_id IS NOT NULL AND (o.org_id ${IN('orgs')} OR o.legal_rep_person_id ${IN('persons')})` },
  { needs: ['persons'], sql: `SELECT 'person:' || k.person_id_a, 'person:' || k.person_id_b, 'kin', ${KIN_ZH}, COALESCE(replace(k.relation, '_', ' '), 'relative'), NULL
    FROM kinship k WHERE k.person_id_a ${IN('persons')} OR k.person_id_b ${IN('persons')}` },
  { needs: ['persons'], sql: `SELECT DISTINCT 'person:' || si.person_id, 'org:' || si.employer_org_id, 'employee', '社保缴纳单位', 'insured by', NULL
    FROM social_insurance si WHERE si.person_id ${IN('persons')}` },
  { needs: ['orgs', 'phones', 'emails', 'addresses'], sql: `SELECT 'org:' || c.org_id, 'device:' || c.contact_type || ':' || ${HASH('c.value_norm')}, 'contact',
      CASE c.contact_type WHEN 'phone' THEN '联系电话' WHEN 'email' THEN '联系邮箱' ELSE '地址' END, c.contact_type, c.value_norm
    FROM org_contact c WHERE c.contact_type IN ('phone', 'email', 'address') AND c.value_norm IS NOT NULL AND (c.org_id ${IN('orgs')}
      OR (c.contact_type = 'phone' AND ${HASH('c.value_norm')} ${IN('phones')}) OR (c.contact_type = 'email' AND ${HASH('c.value_norm')} ${IN('emails')})
      OR (c.contact_type = 'address' AND ${HASH('c.value_norm')} ${IN('addresses')}))` },
  { needs: ['persons', 'phones', 'addresses'], sql: `SELECT 'person:' || p.person_id, 'device:phone:' || ${HASH('p.phone')}, 'contact', '电话', 'phone', p.phone
    FROM person p WHERE p.phone IS NOT NULL AND (p.person_id ${IN('persons')} OR ${HASH('p.phone')} ${IN('phones')})
    UNION ALL SELECT 'person:' || p.person_id, 'device:address:' || ${HASH('p.address_norm')}, 'contact', '地址', 'address', p.address_norm
    FROM person p WHERE p.address_norm IS NOT NULL AND (p.person_id ${IN('persons')} OR ${HASH('p.address_norm')} ${IN('addresses')})` },
  { needs: ['orgs', 'persons', 'accounts'], sql: `SELECT ${PARTY('a.holder_type', 'a.holder_id')}, 'account:' || a.account_id, 'account_holder', '开户', 'holds', NULL
    FROM bank_account a WHERE a.holder_id ${IN('orgs')} OR a.holder_id ${IN('persons')} OR a.account_id ${IN('accounts')}
    UNION ALL SELECT 'account:' || b.deposit_account_id, 'org:' || b.org_id, 'deposit_from', '投标保证金（' || b.tender_id || '）', 'bid deposit (' || b.tender_id || ')', NULL
    FROM bid b WHERE b.deposit_account_id IS NOT NULL AND (b.tender_id ${IN('tenders')} OR b.deposit_account_id ${IN('accounts')})` },
  { needs: ['orgs', 'tenders'], sql: `SELECT 'org:' || b.org_id, 'tender:' || b.tender_id, 'bid',
      '投标' || COALESCE(' ' || b.price_cny::VARCHAR || ' 元', ''), 'bid' || COALESCE(' CNY ' || b.price_cny::VARCHAR, ''), NULL
    FROM bid b WHERE b.tender_id ${IN('tenders')} OR b.org_id ${IN('orgs')}
    UNION ALL SELECT 'org:' || a.supplier_org_id, 'tender:' || a.tender_id, 'won', '中标' || COALESCE(' ' || a.award_value_cny::VARCHAR || ' 元', ''),
      'won' || COALESCE(' CNY ' || a.award_value_cny::VARCHAR, ''), NULL
    FROM award a WHERE a.supplier_org_id IS NOT NULL AND (a.tender_id ${IN('tenders')} OR a.supplier_org_id ${IN('orgs')})
    UNION ALL SELECT 'tender:' || t.tender_id, 'org:' || t.buyer_org_id, 'buyer', '采购人', 'buyer', NULL
    FROM tender t WHERE t.buyer_org_id IS NOT NULL AND (t.tender_id ${IN('tenders')} OR t.buyer_org_id ${IN('orgs')})
    UNION ALL SELECT 'tender:' || t.tender_id, 'org:' || t.agency_org_id, 'agency', '招标代理', 'agency', NULL
    FROM tender t WHERE t.agency_org_id IS NOT NULL AND (t.tender_id ${IN('tenders')} OR t.agency_org_id ${IN('orgs')})` },
  { needs: ['persons', 'tenders'], sql: `SELECT 'person:' || e.person_id, 'tender:' || e.tender_id, 'expert', '评标专家', 'evaluator', NULL
    FROM eval_committee e WHERE e.tender_id ${IN('tenders')} OR e.person_id ${IN('persons')}` },
  // The devices and files of a tender's bids that two or more of its bidders share: a bidder's own IP is
  // noise, a shared one is the link.
  { needs: ['tenders'], sql: `WITH d AS (
      SELECT tender_id, org_id, 'ip' AS t, trim(upload_ip) AS v FROM bid WHERE tender_id ${IN('tenders')} AND upload_ip IS NOT NULL
      UNION ALL SELECT tender_id, org_id, 'mac', ${MAC('upload_mac')} FROM bid WHERE tender_id ${IN('tenders')} AND upload_mac IS NOT NULL
      UNION ALL SELECT tender_id, org_id, 'cpu', upper(trim(cpu_serial)) FROM bid WHERE tender_id ${IN('tenders')} AND cpu_serial IS NOT NULL
      UNION ALL SELECT tender_id, org_id, 'disk', upper(trim(disk_serial)) FROM bid WHERE tender_id ${IN('tenders')} AND disk_serial IS NOT NULL
      UNION ALL SELECT tender_id, org_id, 'machine', machine_code FROM bid WHERE tender_id ${IN('tenders')} AND machine_code IS NOT NULL
      UNION ALL SELECT tender_id, org_id, 'file_id', file_create_id FROM bid WHERE tender_id ${IN('tenders')} AND file_create_id IS NOT NULL
      UNION ALL SELECT tender_id, org_id, 'lock', cost_sw_lock_id FROM bid WHERE tender_id ${IN('tenders')} AND cost_sw_lock_id IS NOT NULL
      UNION ALL SELECT b.tender_id, b.org_id, 'doc', d.sha256 FROM bid_document d JOIN bid b USING (bid_id) WHERE b.tender_id ${IN('tenders')} AND d.sha256 IS NOT NULL
      UNION ALL SELECT tender_id, org_id, 'phone', contact_phone FROM bid WHERE tender_id ${IN('tenders')} AND contact_phone IS NOT NULL
      UNION ALL SELECT tender_id, org_id, 'email', contact_email FROM bid WHERE tender_id ${IN('tenders')} AND contact_email IS NOT NULL),
    shared AS (SELECT tender_id, t, v FROM d WHERE v <> '' GROUP BY ALL HAVING count(DISTINCT org_id) >= 2)
    SELECT DISTINCT 'org:' || org_id, 'device:' || t || ':' || CASE WHEN t IN ('phone', 'email') THEN ${HASH('v')} ELSE v END, 'device',
      ${DEVICE_ZH} || '（' || tender_id || '）', t || ' (' || tender_id || ')', v
    FROM d JOIN shared USING (tender_id, t, v)` },
  // Every bidder that used a device, in any tender.
  { needs: ['ips', 'macs', 'cpus', 'disks', 'machines', 'file_ids', 'locks', 'docs', 'phones', 'emails'], sql: `WITH d AS (
      SELECT tender_id, org_id, 'ip' AS t, trim(upload_ip) AS v FROM bid WHERE trim(upload_ip) ${IN('ips')}
      UNION ALL SELECT tender_id, org_id, 'mac', ${MAC('upload_mac')} FROM bid WHERE ${MAC('upload_mac')} ${IN('macs')}
      UNION ALL SELECT tender_id, org_id, 'cpu', upper(trim(cpu_serial)) FROM bid WHERE upper(trim(cpu_serial)) ${IN('cpus')}
      UNION ALL SELECT tender_id, org_id, 'disk', upper(trim(disk_serial)) FROM bid WHERE upper(trim(disk_serial)) ${IN('disks')}
      UNION ALL SELECT tender_id, org_id, 'machine', machine_code FROM bid WHERE machine_code ${IN('machines')}
      UNION ALL SELECT tender_id, org_id, 'file_id', file_create_id FROM bid WHERE file_create_id ${IN('file_ids')}
      UNION ALL SELECT tender_id, org_id, 'lock', cost_sw_lock_id FROM bid WHERE cost_sw_lock_id ${IN('locks')}
      UNION ALL SELECT b.tender_id, b.org_id, 'doc', d.sha256 FROM bid_document d JOIN bid b USING (bid_id) WHERE d.sha256 ${IN('docs')}
      UNION ALL SELECT tender_id, org_id, 'phone', contact_phone FROM bid WHERE len($phones) > 0 AND ${HASH('contact_phone')} ${IN('phones')}
      UNION ALL SELECT tender_id, org_id, 'email', contact_email FROM bid WHERE len($emails) > 0 AND ${HASH('contact_email')} ${IN('emails')})
    SELECT DISTINCT 'org:' || org_id, 'device:' || t || ':' || CASE WHEN t IN ('phone', 'email') THEN ${HASH('v')} ELSE v END, 'device',
      ${DEVICE_ZH} || '（' || tender_id || '）', t || ' (' || tender_id || ')', v FROM d` },
];

interface Candidate { source: string; target: string; kind: GraphEdgeKind; label_zh: string; label_en: string; raw: string | null }

/** A node id split into its kind and key ('device:ip:1.2.3.4' → device, ip, 1.2.3.4). */
function parseNodeId(id: string): { kind: GraphNodeKind; device?: DeviceType; key: string } {
  const m = /^(org|person|tender|account):(.+)$/.exec(id);
  if (m) return { kind: m[1] as GraphNodeKind, key: m[2]! };
  const d = /^device:([a-z_]+):(.+)$/.exec(id);
  if (d && (DEVICE_TYPES as readonly string[]).includes(d[1]!)) return { kind: 'device', device: d[1] as DeviceType, key: d[2]! };
  throw new ClearsightError('usage', `图节点编号无效 / not a graph node id: ${id}`);
}

/**
 * The relation graph around seed nodes: companies, persons, accounts, devices and tenders, linked by
 * shareholding, office, kinship, contacts, accounts, shared bid devices and files, bids and awards, from
 * the canonical tables. Grows breadth-first for `hops`; stops adding nodes at `limit` (truncated).
 * Expanding a node by one hop is another call with that node as the seed.
 */
export async function relationGraph(ws: Workspace, seeds: string[], hops = 1, limit = 150, opts: { reveal?: boolean } = {}): Promise<RelationGraph> {
  const req = relationGraphRequestSchema.parse({ seeds, hops, limit, reveal: opts.reveal ?? false });
  const parsed = req.seeds.map((id) => ({ id, ...parseNodeId(id) }));
  return ws.conn.exclusive(async (c) => {
    const nodes = new Map<string, GraphNode>();
    const raw = new Map<string, string>();
    const edges = new Map<string, GraphEdge>();
    let truncated = false;
    for (const s of parsed) {
      if (nodes.size >= req.limit) { truncated = true; break; }
      nodes.set(s.id, { id: s.id, kind: s.kind, device: s.device, label: s.key, depth: 0, seed: true });
    }
    let frontier = [...nodes.keys()];
    for (let hop = 1; hop <= req.hops && frontier.length > 0; hop++) {
      const found = await expand(c, frontier, req.limit * 4);
      const added: string[] = [];
      // Edges among known nodes first, then new neighbours in a stable order (kind, then id).
      found.sort((a, b) => Number(isNew(a, nodes)) - Number(isNew(b, nodes)) || order(other(a, nodes)) - order(other(b, nodes))
        || other(a, nodes).localeCompare(other(b, nodes)) || a.kind.localeCompare(b.kind));
      for (const e of found) {
        const key = `${e.kind}:${e.source}->${e.target}`;
        if (edges.has(key) || e.source === e.target) continue;
        const fresh = !nodes.has(e.source) ? e.source : !nodes.has(e.target) ? e.target : null;
        if (fresh) {
          if (!nodes.has(e.source) && !nodes.has(e.target)) continue;
          if (nodes.size >= req.limit) { truncated = true; continue; }
          const p = parseNodeId(fresh);
          nodes.set(fresh, { id: fresh, kind: p.kind, device: p.device, label: p.key, depth: hop, seed: false });
          added.push(fresh);
        }
        if (e.raw !== null) raw.set(e.target.startsWith('device:') ? e.target : e.source, e.raw);
        edges.set(key, { id: key, source: e.source, target: e.target, kind: e.kind, label_zh: e.label_zh, label_en: e.label_en });
      }
      frontier = added;
    }
    await labelNodes(c, [...nodes.values()], raw, req.reveal);
    return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
  });
}

const other = (e: Candidate, nodes: Map<string, GraphNode>) => (nodes.has(e.source) ? e.target : e.source);
const isNew = (e: Candidate, nodes: Map<string, GraphNode>) => !(nodes.has(e.source) && nodes.has(e.target));
const order = (id: string) => KIND_ORDER.indexOf(id.split(':')[0] as GraphNodeKind);

async function expand(c: DuckDBConnection, frontier: string[], cap: number): Promise<Candidate[]> {
  const lists: Record<string, string[]> = {
    orgs: [], persons: [], tenders: [], accounts: [], ips: [], macs: [], cpus: [], disks: [], machines: [], file_ids: [], locks: [], docs: [],
    phones: [], emails: [], addresses: [],
  };
  const listOf: Record<string, string> = { org: 'orgs', person: 'persons', tender: 'tenders', account: 'accounts', ip: 'ips', mac: 'macs', cpu: 'cpus',
    disk: 'disks', machine: 'machines', file_id: 'file_ids', lock: 'locks', doc: 'docs', phone: 'phones', email: 'emails', address: 'addresses' };
  for (const id of frontier) {
    const p = parseNodeId(id);
    lists[listOf[p.device ?? p.kind]!]!.push(p.key);
  }
  const params: NamedParams = { ...lists, cap };
  const out: Candidate[] = [];
  for (const x of EXPANSIONS) {
    if (!x.needs.some((n) => lists[n]!.length > 0)) continue;
    // The cap bounds what one query can bring back (a buyer with ten thousand tenders); the node limit decides the rest.
    out.push(...await boundRows<Candidate>(c, `SELECT * FROM (${x.sql}) AS e(source, target, kind, label_zh, label_en, raw)
      WHERE source IS NOT NULL AND target IS NOT NULL ORDER BY source, target LIMIT $cap`, params));
  }
  return out;
}

/** Readable labels: names of companies and persons, titles of tenders, banks of accounts, device values (masked if personal). */
async function labelNodes(c: DuckDBConnection, nodes: GraphNode[], raw: Map<string, string>, reveal: boolean): Promise<void> {
  const keys = (kind: GraphNodeKind) => nodes.filter((n) => n.kind === kind).map((n) => parseNodeId(n.id).key);
  const rows = await boundRows<{ id: string; label: string | null; detail: string | null }>(c, `
    SELECT 'org:' || org_id AS id, name AS label, COALESCE(uscc, org_type) AS detail FROM organization WHERE org_id IN (SELECT unnest($orgs))
    UNION ALL SELECT 'person:' || person_id, name, CASE WHEN is_public_official THEN '公职人员' END FROM person WHERE person_id IN (SELECT unnest($persons))
    UNION ALL SELECT 'tender:' || tender_id, title, tender_id FROM tender WHERE tender_id IN (SELECT unnest($tenders))
    UNION ALL SELECT 'account:' || account_id, COALESCE(bank_name, account_id), account_kind FROM bank_account WHERE account_id IN (SELECT unnest($accounts))`,
  { orgs: keys('org'), persons: keys('person'), tenders: keys('tender'), accounts: keys('account') });
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const n of nodes) {
    if (n.kind === 'device') {
      const p = parseNodeId(n.id);
      const value = raw.get(n.id) ?? p.key;
      const shown = HASHED.has(p.device!) && !reveal ? maskValue(p.device === 'phone' ? 'phone' : p.device === 'email' ? 'email' : 'address', value) : value;
      n.label = `${DEVICE_LABEL[p.device!][0]} ${p.device === 'doc' ? shown.slice(0, 16) : shown}`;
      continue;
    }
    const r = byId.get(n.id);
    if (r?.label) n.label = r.label;
    if (r?.detail) n.detail = r.detail;
  }
}
