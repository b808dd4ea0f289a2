import { readdirSync, readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { quoteIdent } from '../db/sql.ts';
import { ClearsightError } from '../errors.ts';
import { idNoHash } from '../privacy/id-hash.ts';
import { VOCABULARY } from '../schema/vocabulary.ts';
import { normalizeOrgName, orgIdFor, USCC } from './org-identity.ts';
import { amountCny, chineseDate, phone, TransformError } from './transforms.ts';

/**
 * A mapping profile (JSON, saved and reusable) turns a file with its own headings into a canonical table:
 * each rule takes the first heading of `from` the file has, transforms or maps the value, and writes `to`.
 * Several rules may fill one column: the first that yields a value wins (put the USCC before the name).
 */
const Rule = z.object({
  from: z.array(z.string().min(1)).min(1),
  to: z.string().min(1),
  transform: z.enum(['trim', 'upper', 'lower', 'date', 'amount', 'phone', 'id_hash']).optional(),
  unit: z.enum(['元', '万元', '亿元']).optional(),
  map: z.record(z.string(), z.string()).optional(),
  /** The value names an organisation (by USCC or name): store its org_id, creating the organisation if new. */
  resolve: z.literal('org').optional(),
}).strict();

export const MappingProfileSchema = z.object({
  name: z.string().min(1),
  table: z.string().min(1),
  columns: z.array(Rule).min(1),
  defaults: z.record(z.string(), z.string()).optional(),
  /** A key the source lacks: a hash of other columns, or (org: true) the organisation id rule. */
  derive: z.object({ column: z.string(), from: z.array(z.string()).optional(), prefix: z.string().optional(), org: z.boolean().optional() }).strict().optional(),
}).strict();

export type MappingProfile = z.infer<typeof MappingProfileSchema>;

export function parseProfile(json: unknown, source: string): MappingProfile {
  const r = MappingProfileSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ClearsightError('bad_input', `映射配置无效 / invalid mapping profile: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file: source });
  }
  return r.data;
}

export function loadProfile(path: string): MappingProfile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ClearsightError('bad_input', `映射配置不是有效的 JSON / the mapping profile is not valid JSON: ${(e as Error).message}`, { file: path });
  }
  return parseProfile(json, path);
}

/** The built-in profiles for the common Chinese headings (bid-opening records, award notices, registry extracts). */
export function builtinProfiles(): MappingProfile[] {
  const dir = new URL('./profiles/', import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => loadProfile(new URL(f, dir).pathname));
}

/** The built-in profile for a table that matches the most headings of a file (at least two), if any. */
export function matchBuiltin(table: string, headings: string[]): MappingProfile | null {
  let best: { p: MappingProfile; n: number } | null = null;
  for (const p of builtinProfiles().filter((x) => x.table === table)) {
    const n = p.columns.filter((r) => r.from.some((h) => headings.includes(h))).length;
    if (n >= 2 && (!best || n > best.n)) best = { p, n };
  }
  return best?.p ?? null;
}

export interface MappingProblem { row_no: number; column_name: string; value: string | null; reason: string }

/**
 * Apply a profile to the staged source rows, writing `_import_mapped` (canonical columns as text, plus
 * row_no). Values a rule cannot convert are returned as problems and their rows left out. Organisations
 * named by USCC or name are resolved to org_id, new ones created.
 */
export async function applyMapping(c: DuckDBConnection, profile: MappingProfile, table: string, stage: string, idKey: Buffer,
  onRows: (n: number) => void): Promise<{ problems: MappingProblem[]; orgsCreated: number }> {
  const tableCols = new Map((await c.runAndReadAll(`SELECT column_name FROM duckdb_columns()
    WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1`, [table])).getRows().map((r) => [String(r[0]), true]));
  if (profile.table !== table) throw new ClearsightError('bad_input', `映射配置针对 ${profile.table}，不是 ${table} / the profile maps to ${profile.table}, not ${table}`);
  for (const r of profile.columns) {
    if (!tableCols.has(r.to)) throw new ClearsightError('bad_input', `映射目标列不存在 / the profile writes a column ${table} does not have: ${r.to}`);
    const vocab = VOCABULARY[`${table}.${r.to}`];
    const wrong = r.map ? Object.values(r.map).find((v) => vocab && !vocab.includes(v)) : undefined;
    if (wrong) throw new ClearsightError('bad_input', `映射值不在取值范围内 / the profile maps to '${wrong}', not a value of ${table}.${r.to}`);
  }
  const headings = (await c.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = $1 AND column_name <> 'row_no'`,
    [stage.replace(/^temp\./, '')])).getRows().map((r) => String(r[0]));
  const rules = profile.columns.map((r) => ({ ...r, source: r.from.find((h) => headings.includes(h)) })).filter((r) => r.source !== undefined);
  if (rules.length === 0) {
    throw new ClearsightError('bad_input', `文件中没有映射配置“${profile.name}”认识的列 / none of the headings of profile '${profile.name}' are in the file`);
  }
  // An organisation's name_norm follows from its name unless the file gives one.
  const normName = table === 'organization' && rules.some((r) => r.to === 'name');
  const targets = [...new Set([...rules.map((r) => r.to), ...Object.keys(profile.defaults ?? {}),
    ...(profile.derive ? [profile.derive.column] : []), ...(normName ? ['name_norm'] : [])])];
  await c.run(`CREATE OR REPLACE TEMP TABLE _import_mapped (${targets.map((t) => `${quoteIdent(t)} VARCHAR`).join(', ')}, row_no BIGINT)`);
  const sources = [...new Set(rules.map((r) => r.source!))];
  const problems: MappingProblem[] = [];
  const orgValues = new Set<string>();
  const orgNames = new Map<string, string>();
  let after = -1;
  let done = 0;
  for (;;) {
    const page = (await c.runAndReadAll(`SELECT row_no, ${sources.map(quoteIdent).join(', ')} FROM ${stage} WHERE row_no > $1 ORDER BY row_no LIMIT 20000`,
      [after])).getRows();
    if (page.length === 0) break;
    const app = await c.createAppender('_import_mapped', 'main', 'temp');
    for (const row of page) {
      const rowNo = Number(row[0]);
      const src = Object.fromEntries(sources.map((s, i) => [s, row[i + 1] === null ? null : String(row[i + 1])]));
      const out: Record<string, string | null> = {};
      const orgsHere: Array<[string, string | null]> = [];
      let bad = false;
      for (const r of rules) {
        const raw = src[r.source!] ?? null;
        if (r.resolve === 'org') {
          // Every org rule of a column is read, so a USCC can be created together with the name beside it.
          const v = orgValue(raw);
          if (v === null) continue;
          const chosen = out[r.to];
          if (chosen == null) { out[r.to] = v; orgsHere.push([v, USCC.test(v) ? null : v]); }
          else if (!USCC.test(v)) { const o = orgsHere.find(([x]) => x === chosen); if (o && o[1] === null) o[1] = v; }
          continue;
        }
        if (out[r.to] != null) continue;
        try {
          out[r.to] = convert(r, raw, idKey);
        } catch (e) {
          if (!(e instanceof TransformError)) throw e;
          problems.push({ row_no: rowNo, column_name: r.to, value: raw, reason: e.message });
          bad = true;
        }
      }
      if (bad) continue;
      // Only rows that load may create organisations.
      for (const [v, name] of orgsHere) {
        orgValues.add(v);
        if (name && !orgNames.has(v)) orgNames.set(v, name);
      }
      for (const [k, v] of Object.entries(profile.defaults ?? {})) if (out[k] == null) out[k] = v;
      if (profile.derive?.org) out[profile.derive.column] = orgIdFor(out.uscc ?? null, out.name ?? null);
      if (normName && out.name_norm == null && out.name != null) out.name_norm = normalizeOrgName(out.name);
      for (const t of targets) {
        const v = out[t];
        if (v == null) app.appendNull();
        else app.appendVarchar(v);
      }
      app.appendBigInt(BigInt(rowNo));
      app.endRow();
    }
    app.closeSync();
    after = Number(page[page.length - 1]![0]);
    done += page.length;
    onRows(done);
  }
  const orgsCreated = await resolveOrgs(c, rules.filter((r) => r.resolve === 'org').map((r) => r.to), [...orgValues], orgNames);
  const d = profile.derive;
  if (d?.org && targets.includes('uscc') && targets.includes('name_norm')) {
    // An organisation the workspace already knows keeps its org_id: matched by USCC, else by name when
    // one side has no USCC (a bid record may have named it before the registry extract arrives).
    const col = quoteIdent(d.column);
    await c.run(`UPDATE temp._import_mapped m SET ${col} = o.org_id FROM organization o WHERE m.uscc IS NOT NULL AND o.uscc = m.uscc`);
    await c.run(`UPDATE temp._import_mapped m SET ${col} = o.org_id FROM organization o
      WHERE m.name_norm IS NOT NULL AND o.name_norm = m.name_norm AND (o.uscc IS NULL OR m.uscc IS NULL)
        AND NOT EXISTS (SELECT 1 FROM organization x WHERE x.org_id = m.${col})`);
  }
  if (d?.from) {
    const concat = d.from.map((f) => `COALESCE(${quoteIdent(f)}, '')`).join(` || '|' || `);
    await c.run(`UPDATE temp._import_mapped SET ${quoteIdent(d.column)} = $1 || upper(substr(sha256(${concat}), 1, 16))
      WHERE ${quoteIdent(d.column)} IS NULL`, [d.prefix ?? '']);
  }
  return { problems, orgsCreated };
}

/** An organisation reference as written: trimmed, and a USCC in capitals (registries print them so). */
function orgValue(raw: string | null): string | null {
  const v = raw?.trim() ?? '';
  if (v === '') return null;
  return USCC.test(v.toUpperCase()) ? v.toUpperCase() : v;
}

function convert(r: z.infer<typeof Rule>, raw: string | null, idKey: Buffer): string | null {
  if (raw === null || raw.trim() === '') return null;
  if (r.map) {
    const v = r.map[raw.trim()];
    if (v === undefined) throw new TransformError(`没有对应的规范值 / no canonical value for '${raw}'`);
    return v;
  }
  switch (r.transform) {
    case 'date': return chineseDate(raw);
    case 'amount': {
      const withUnit = r.unit && !/[元万亿]$/.test(raw.trim()) ? `${raw.trim()}${r.unit}` : raw;
      return amountCny(withUnit);
    }
    case 'phone': return phone(raw);
    case 'id_hash': return idNoHash(idKey, raw);
    case 'upper': return raw.trim().toUpperCase();
    case 'lower': return raw.trim().toLowerCase();
    default: return raw.trim();
  }
}

/**
 * Replace USCCs and names in the mapped org columns by org_ids: an existing organisation matched by USCC,
 * then by normalised name; otherwise a new organisation with that USCC or name.
 */
async function resolveOrgs(c: DuckDBConnection, columns: string[], values: string[], names: Map<string, string>): Promise<number> {
  if (columns.length === 0 || values.length === 0) return 0;
  await c.run(`CREATE OR REPLACE TEMP TABLE _import_orgref (value VARCHAR, uscc VARCHAR, name VARCHAR, name_norm VARCHAR, new_id VARCHAR)`);
  const app = await c.createAppender('_import_orgref', 'main', 'temp');
  for (const v of values) {
    const isUscc = USCC.test(v);
    const name = isUscc ? names.get(v) ?? null : v;
    for (const x of [v, isUscc ? v : null, name, name === null ? null : normalizeOrgName(name), orgIdFor(isUscc ? v : null, isUscc ? null : v)]) {
      if (x === null) app.appendNull();
      else app.appendVarchar(x);
    }
    app.endRow();
  }
  app.closeSync();
  await c.run(`CREATE OR REPLACE TEMP TABLE _import_orgmatch AS
    SELECT r.value, COALESCE(
      (SELECT min(o.org_id) FROM organization o WHERE r.uscc IS NOT NULL AND o.uscc = r.uscc),
      (SELECT min(o.org_id) FROM organization o WHERE r.name_norm IS NOT NULL AND o.name_norm = r.name_norm),
      r.new_id) AS org_id, r.uscc, r.name, r.name_norm,
      NOT EXISTS (SELECT 1 FROM organization o WHERE (r.uscc IS NOT NULL AND o.uscc = r.uscc) OR (r.name_norm IS NOT NULL AND o.name_norm = r.name_norm)) AS is_new
    FROM temp._import_orgref r`);
  const inserted = await c.runAndReadAll(`INSERT INTO organization (org_id, uscc, name, name_norm, source)
    SELECT org_id, max(uscc), max(name), max(name_norm), '导入时新建 / created on import' FROM temp._import_orgmatch
    WHERE is_new AND org_id NOT IN (SELECT org_id FROM organization) GROUP BY org_id`);
  const created = Number(inserted.getRows()[0]?.[0] ?? 0);
  for (const col of columns) {
    await c.run(`UPDATE temp._import_mapped m SET ${quoteIdent(col)} = x.org_id FROM temp._import_orgmatch x WHERE m.${quoteIdent(col)} = x.value`);
  }
  return created;
}
