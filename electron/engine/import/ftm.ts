import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ClearsightError } from '../errors.ts';
import { idNoHash } from '../privacy/id-hash.ts';
import { normalizeOrgName, orgIdFor, USCC } from './org-identity.ts';
import { existingOrg, stageRows, type Row } from './staging.ts';

/** One FollowTheMoney entity after its fragments are merged: every property a set of strings. */
interface Entity { id: string; schema: string; line: number; props: Map<string, string[]>; topics: string[] }

const ORG_SCHEMAS = new Set(['Company', 'Organization', 'LegalEntity', 'PublicBody']);
const FULL_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Read an FtM entity stream (JSON lines of {id, schema, properties}), merging fragments that share an id,
 * as FtM consumers must. A line that is not an entity fails the file with its line number.
 */
export async function readFtm(path: string, signal?: AbortSignal): Promise<Map<string, Entity>> {
  const entities = new Map<string, Entity>();
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8', signal }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (text.trim() === '') continue;
    let o: { id?: unknown; schema?: unknown; properties?: unknown };
    try {
      o = JSON.parse(text) as typeof o;
    } catch (e) {
      throw new ClearsightError('bad_input', `JSON 格式错误 / malformed JSON: ${(e as Error).message}`, { file: path, row: n });
    }
    if (typeof o.id !== 'string' || typeof o.schema !== 'string' || (o.properties !== undefined && typeof o.properties !== 'object')) {
      throw new ClearsightError('bad_input', '不是 FtM 实体（需要 id、schema、properties）/ not an FtM entity (needs id, schema, properties)', { file: path, row: n });
    }
    const e = entities.get(o.id) ?? { id: o.id, schema: o.schema, line: n, props: new Map<string, string[]>(), topics: [] };
    for (const [k, v] of Object.entries((o.properties ?? {}) as Record<string, unknown>)) {
      const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      const set = new Set([...(e.props.get(k) ?? []), ...values]);
      e.props.set(k, [...set]);
    }
    e.topics = e.props.get('topics') ?? [];
    entities.set(o.id, e);
  }
  return entities;
}

const first = (e: Entity, ...keys: string[]) => keys.map((k) => e.props.get(k)?.[0]).find((v) => v !== undefined && v !== '') ?? null;
const date = (v: string | null) => (v && FULL_DATE.test(v) ? v.slice(0, 10) : null);

export interface FtmStaged { table: string; rows: number }

/**
 * Stage the entities as canonical rows, one staging table per target: organisations (Company, Organization,
 * LegalEntity, PublicBody), persons, and credit_list entries (each Sanction, and entities whose topics
 * include debarment or sanction without a Sanction of their own). Organisations already in the workspace
 * (same USCC or normalised name) are not staged again; their listings point to the existing org_id.
 */
export async function stageFtm(c: DuckDBConnection, entities: Map<string, Entity>, idKey: Buffer): Promise<FtmStaged[]> {
  const subject = new Map<string, { type: 'org' | 'person'; id: string }>();
  const orgs: Row[] = [];
  const persons: Row[] = [];
  for (const e of entities.values()) {
    if (ORG_SCHEMAS.has(e.schema)) {
      const reg = [...(e.props.get('registrationNumber') ?? []), ...(e.props.get('taxNumber') ?? [])].find((x) => USCC.test(x)) ?? null;
      const name = first(e, 'name');
      const existing = await existingOrg(c, reg, name);
      const id = existing ?? orgIdFor(reg, name) ?? `ORG-FTM-${e.id}`;
      subject.set(e.id, { type: 'org', id });
      if (existing) continue;
      orgs.push({ row_no: e.line, org_id: id, uscc: reg, name, name_norm: name ? normalizeOrgName(name) : null,
        org_type: e.schema === 'PublicBody' ? 'gov_agency' : e.schema === 'Company' ? 'company' : null,
        reg_address: first(e, 'address'), established_date: date(first(e, 'incorporationDate')), phone: first(e, 'phone'), email: first(e, 'email'),
        source: `FtM ${e.id}` });
    } else if (e.schema === 'Person') {
      const id = `P-FTM-${e.id}`;
      subject.set(e.id, { type: 'person', id });
      const idNo = first(e, 'idNumber', 'passportNumber');
      persons.push({ row_no: e.line, person_id: id, id_no_hash: idNo ? idNoHash(idKey, idNo) : null, name: first(e, 'name'),
        gender: first(e, 'gender') === 'male' ? 'M' : first(e, 'gender') === 'female' ? 'F' : null, birth_date: date(first(e, 'birthDate')) });
    }
  }
  const listings: Row[] = [];
  const listed = new Set<string>();
  for (const e of entities.values()) {
    if (e.schema !== 'Sanction') continue;
    for (const target of e.props.get('entity') ?? []) {
      const s = subject.get(target);
      if (!s) continue;
      listed.add(target);
      listings.push({ row_no: e.line, subject_type: s.type, subject_id: s.id, list_type: 'debarment', authority: first(e, 'authority'),
        listed_date: date(first(e, 'listingDate', 'startDate')), removed_date: date(first(e, 'endDate')), decision_no: first(e, 'authorityId', 'programId') });
    }
  }
  for (const e of entities.values()) {
    const s = subject.get(e.id);
    if (!s || listed.has(e.id) || !e.topics.some((t) => t === 'debarment' || t === 'sanction')) continue;
    listings.push({ row_no: e.line, subject_type: s.type, subject_id: s.id, list_type: 'debarment', authority: first(e, 'publisher', 'program'),
      listed_date: null, removed_date: null, decision_no: null });
  }
  const out: FtmStaged[] = [];
  for (const [table, rows] of [['organization', orgs], ['person', persons], ['credit_list', listings]] as const) {
    if (rows.length === 0) continue;
    await stageRows(c, `_import_ftm_${table}`, rows);
    out.push({ table, rows: rows.length });
  }
  return out;
}
