import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ClearsightError } from '../errors.ts';
import { normalizeOrgName, orgIdFor, USCC } from './org-identity.ts';
import { existingOrg, stageRows, type Row } from './staging.ts';

// OCDS → canonical tables, following the catalog's mapping (model-catalog.md §5.4). OCDS has no field for
// bid fingerprints, panels, kinship or village data; those stay local.

type J = Record<string, unknown>;
interface Release { json: J; line: number }


/**
 * The releases in a file: JSON lines of releases, compiled releases, release packages or record packages
 * (a record contributes its compiledRelease, else its releases), or one JSON document of the same.
 */
export async function readOcds(path: string, format: 'jsonl' | 'json', signal?: AbortSignal): Promise<Release[]> {
  const out: Release[] = [];
  const take = (o: unknown, line: number) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ClearsightError('bad_input', '不是 OCDS 对象 / not an OCDS object', { file: path, row: line });
    const j = o as J;
    if (Array.isArray(j.releases)) for (const r of j.releases) out.push({ json: r as J, line });
    else if (Array.isArray(j.records)) {
      for (const rec of j.records as J[]) {
        if (rec.compiledRelease) out.push({ json: rec.compiledRelease as J, line });
        else for (const r of (rec.releases as J[] | undefined) ?? []) out.push({ json: r, line });
      }
    } else if (typeof j.ocid === 'string') out.push({ json: j, line });
    else throw new ClearsightError('bad_input', '不是 OCDS 发布或数据包（缺少 ocid / releases / records）/ not an OCDS release or package (no ocid, releases or records)', { file: path, row: line });
  };
  if (format === 'json') {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new ClearsightError('bad_input', `JSON 格式错误 / malformed JSON: ${(e as Error).message}`, { file: path });
    }
    if (Array.isArray(doc)) doc.forEach((r, i) => take(r, i + 1));
    else take(doc, 1);
    return out;
  }
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8', signal }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (text.trim() === '') continue;
    let o: unknown;
    try {
      o = JSON.parse(text);
    } catch (e) {
      throw new ClearsightError('bad_input', `JSON 格式错误 / malformed JSON: ${(e as Error).message}`, { file: path, row: n });
    }
    take(o, n);
  }
  return out;
}

const obj = (v: unknown): J => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as J) : {});
const arr = (v: unknown): J[] => (Array.isArray(v) ? (v as J[]) : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
/**
 * OCDS dates carry a zone; the canonical columns hold China Standard Time (UTC+8), so a time given in
 * another zone is converted, and one without a zone is kept as written.
 */
const ts = (v: unknown) => {
  const s = str(v);
  if (!s || !/^\d{4}-\d{2}-\d{2}/.test(s)) return s;
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(s)) return s.slice(0, 19).replace('T', ' ');
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? s : new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
};
const day = (v: unknown) => ts(v)?.slice(0, 10) ?? null;
/**
 * An amount in CNY. A value in another currency is not converted: it is passed on as "150000 USD", which
 * validation quarantines with the row, so nothing is altered silently.
 */
const cny = (v: unknown) => { const o = obj(v); const c = str(o.currency); const a = str(o.amount); return a === null || c === null || c === 'CNY' ? a : `${a} ${c}`; };

export interface OcdsStaged { table: string; rows: number }

/**
 * Stage the releases as canonical rows. Several releases of one ocid are applied in date order, a later
 * one updating the fields it states in rows with the same key (a simple compilation: use compiled
 * releases where the publisher offers them). Parties become organisations, matched to existing ones by
 * USCC or name.
 */
export async function stageOcds(c: DuckDBConnection, releases: Release[], batchId: string): Promise<OcdsStaged[]> {
  const tables: Record<string, Map<string, Row>> = {
    organization: new Map(), tender: new Map(), lot: new Map(), bid: new Map(), award: new Map(), contract: new Map(),
    contract_amendment: new Map(), payment: new Map(),
  };
  // A later release updates the fields it states and keeps the rest (a simple compilation).
  const put = (t: string, key: string, row: Row) => {
    const prev = tables[t]!.get(key);
    if (!prev) { tables[t]!.set(key, row); return; }
    for (const [k, v] of Object.entries(row)) if (v !== null && k !== 'row_no') prev[k] = v;
  };
  const sorted = [...releases].sort((a, b) => String(a.json.date ?? '').localeCompare(String(b.json.date ?? '')) || a.line - b.line);
  const orgCache = new Map<string, string>();
  for (const { json: r, line } of sorted) {
    const ocid = str(r.ocid);
    if (!ocid) throw new ClearsightError('bad_input', '发布缺少 ocid / a release without an ocid', { row: line });
    await c.run(`INSERT INTO ocds_release VALUES ($1, $2, $3, $4, $5)`, [ocid, str(r.id), str(r.date), batchId, JSON.stringify(r)]);
    const partyOrg = new Map<string, string>();
    for (const p of arr(r.parties)) {
      const ident = obj(p.identifier);
      const uscc = [str(ident.id), ...arr(p.additionalIdentifiers).map((x) => str(x.id))].find((x) => x && USCC.test(x)) ?? null;
      const name = str(p.name) ?? str(ident.legalName);
      const key = uscc ?? `name:${name}`;
      let orgId = orgCache.get(key);
      if (!orgId) {
        orgId = (await existingOrg(c, uscc, name)) ?? orgIdFor(uscc, name) ?? `OCDS-${ocid}-${str(p.id)}`;
        orgCache.set(key, orgId);
        const exists = (await c.runAndReadAll(`SELECT 1 FROM organization WHERE org_id = $1`, [orgId])).getRows().length > 0;
        const addr = obj(p.address);
        const cp = obj(p.contactPoint);
        if (!exists) {
          put('organization', orgId, { row_no: line, org_id: orgId, uscc, name, name_norm: name ? normalizeOrgName(name) : null,
            reg_address: [addr.region, addr.locality, addr.streetAddress].map(str).filter(Boolean).join('') || null,
            phone: str(cp.telephone)?.replace(/[\s\-()]/g, '') ?? null, email: str(cp.email)?.toLowerCase() ?? null, source: `OCDS ${ocid}` });
        }
      }
      if (str(p.id)) partyOrg.set(str(p.id)!, orgId);
    }
    const ref = (v: unknown) => { const id = str(obj(v).id); return id ? partyOrg.get(id) ?? null : null; };
    const t = obj(r.tender);
    const method = str(t.procurementMethod);
    const buyer = ref(r.buyer);
    if (Object.keys(t).length > 0 || buyer) {
      const period = obj(t.tenderPeriod);
      put('tender', ocid, { row_no: line, tender_id: ocid, ocid, title: str(t.title), buyer_org_id: buyer, agency_org_id: ref(t.procuringEntity),
        procurement_method: method, method_detail: str(t.procurementMethodDetails), category: str(t.mainProcurementCategory),
        est_value_cny: cny(obj(obj(r.planning).budget).amount), max_price_cny: cny(t.value), publish_date: ts(t.datePublished) ?? ts(r.date),
        docs_start: ts(period.startDate), bid_deadline: ts(period.endDate), award_criteria: str(t.awardCriteria), status: str(t.status) });
      const lots = arr(t.lots);
      if (lots.length === 0) put('lot', `${ocid}/-`, { row_no: line, lot_id: '-', tender_id: ocid, title: str(t.title), max_price_cny: cny(t.value) });
      for (const l of lots) put('lot', `${ocid}/${str(l.id)}`, { row_no: line, lot_id: str(l.id), tender_id: ocid, title: str(l.title), max_price_cny: cny(l.value) });
    }
    for (const b of arr(obj(r.bids).details)) {
      const lot = str(arr(b.relatedLots)[0]) ?? '-';
      put('bid', `${ocid}/${str(b.id)}`, { row_no: line, bid_id: `${ocid}/${str(b.id)}`, tender_id: ocid, lot_id: lot, org_id: ref(arr(b.tenderers)[0]),
        price_cny: cny(b.value), status: str(b.status) === 'invited' ? 'pending' : str(b.status), submit_time: ts(b.date) });
    }
    const supplierOfAward = new Map<string, string | null>();
    for (const a of arr(r.awards)) {
      const supplier = ref(arr(a.suppliers)[0]);
      supplierOfAward.set(str(a.id) ?? '', supplier);
      const bid = str(arr(a.relatedBids)[0]);
      put('award', `${ocid}/${str(a.id)}`, { row_no: line, award_id: `${ocid}/${str(a.id)}`, tender_id: ocid, lot_id: str(arr(a.relatedLots)[0]) ?? '-',
        bid_id: bid ? `${ocid}/${bid}` : null, supplier_org_id: supplier, award_value_cny: cny(a.value), notice_date: ts(a.date), status: str(a.status) });
    }
    for (const k of arr(r.contracts)) {
      const id = `${ocid}/${str(k.id)}`;
      const period = obj(k.period);
      put('contract', id, { row_no: line, contract_id: id, tender_id: ocid, award_id: str(k.awardID) ? `${ocid}/${str(k.awardID)}` : null,
        buyer_org_id: buyer, supplier_org_id: supplierOfAward.get(str(k.awardID) ?? '') ?? null, procurement_method: method,
        method_detail: str(t.procurementMethodDetails), category: str(t.mainProcurementCategory),
        value_cny: cny(k.value), sign_date: day(k.dateSigned), start_date: day(period.startDate), planned_end_date: day(period.endDate), status: str(k.status) });
      arr(k.amendments).forEach((m, i) => put('contract_amendment', `${id}/${i}`, { row_no: line, amend_id: `${id}/${str(m.id) ?? i + 1}`, contract_id: id,
        amend_date: day(m.date), reason: str(m.rationale) ?? str(m.description) }));
      for (const x of arr(obj(k.implementation).transactions)) {
        put('payment', `${id}/${str(x.id)}`, { row_no: line, payment_id: `${id}/${str(x.id)}`, payer_org_id: ref(x.payer), payee_type: 'org', payee_id: ref(x.payee),
          payee_name: str(obj(x.payee).name), amount_cny: cny(x.value ?? x.amount), pay_time: ts(x.date), contract_id: id });
      }
    }
  }
  const out: OcdsStaged[] = [];
  for (const [table, rows] of Object.entries(tables)) {
    if (rows.size === 0) continue;
    await stageRows(c, `_import_ocds_${table}`, [...rows.values()]);
    out.push({ table, rows: rows.size });
  }
  return out;
}
