import type { DuckDBConnection } from '@duckdb/node-api';
import type { Severity } from '../../contract/models.ts';
import {
  warningDetailRequestSchema, type EvidenceItem, type Lang, type RecordSection, type WarningAction, type WarningDetail, type WarningDetailRequest,
} from '../../contract/warnings.ts';
import { loadLibrary } from '../models/library.ts';
import { workspaceModelsDir } from '../models/runner.ts';
import { maskAddress, maskPersonalText, maskValue } from '../privacy/redact-text.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { boundRows, type NamedParams } from './bound-query.ts';
import { labelOf } from './labels.ts';
import { warningRow } from './list.ts';
import { SECTIONS, type SectionSpec } from './sections.ts';
import { graphSeeds, warningSubjects, type WarningSubjects } from './subjects.ts';

/** The hit columns a template may name besides its evidence ({tender_id}, {amount_cny}, {as_of}...). */
interface AlertFacts {
  subject_id: string; tender_id: string | null; lot_id: string | null; org_id: string | null; person_id: string | null;
  contract_id: string | null; lease_id: string | null; buyer_org_id: string | null; amount_cny: string | null;
  occurred_on: string | null; region_code: string | null; evidence_json: string | null; as_of: string | null;
}

/**
 * Everything the Drill-down screen shows of one warning: the explanation (the model's template filled from
 * the evidence, ids followed by the names they stand for), the evidence as labelled values, the records
 * behind it and its handling history. Personal identifiers are masked unless `reveal`.
 */
export async function warningDetail(ws: Workspace, alertId: string, lang: Lang = 'zh',
  opts: Omit<WarningDetailRequest, 'alertId' | 'lang'> = {}): Promise<WarningDetail> {
  const req = warningDetailRequestSchema.parse({ ...opts, alertId, lang });
  const warning = await warningRow(ws, req.alertId);
  const model = loadLibrary(workspaceModelsDir(ws)).find((m) => m.id === warning.model_id);
  return ws.conn.exclusive(async (c) => {
    const [facts] = await boundRows<AlertFacts>(c, `SELECT a.subject_id, a.tender_id, a.lot_id, a.org_id, a.person_id, a.contract_id, a.lease_id,
        a.buyer_org_id, a.amount_cny::VARCHAR AS amount_cny, a.occurred_on::VARCHAR AS occurred_on, a.region_code, a.evidence_json,
        r.as_of::VARCHAR AS as_of
      FROM alert a LEFT JOIN analysis_run r ON r.run_id = a.last_run_id WHERE a.alert_id = $id`, { id: req.alertId });
    const evidence = parseEvidence(facts!.evidence_json);
    const subjects = await warningSubjects(c, facts!, evidence);
    const names = await namesOf(c, subjects);
    const context: Record<string, unknown> = { ...facts, evidence_json: undefined, ...evidence };
    const fill = (template: string, lang: Lang) => {
      const text = fillTemplate(template, context, names, lang);
      return req.reveal ? text : maskPersonalText(text);
    };
    const zh = model ? fill(model.explain.zh, 'zh') : `${warning.model_name_zh}：${warning.subject_name}`;
    const en = model ? fill(model.explain.en, 'en') : `${warning.model_name_en}: ${warning.subject_name}`;
    const records: RecordSection[] = [];
    for (const spec of SECTIONS) {
      if (!spec.needs.some((k) => subjects[k].length > 0)) continue;
      const section = await runSection(c, spec, subjects, req.rowLimit, req.reveal);
      if (section.total > 0) records.push(section);
    }
    const actions = await boundRows<WarningAction>(c, `SELECT strftime(action_time, '%Y-%m-%d %H:%M:%S') AS action_time, actor, action, from_status, to_status, comment
      FROM alert_action WHERE alert_id = $id ORDER BY action_time`, { id: req.alertId });
    return {
      warning,
      model: model
        ? { id: model.id, name_zh: model.name_zh, name_en: model.name_en, domain: model.domain, category: model.category, kind: model.kind,
          severity: model.severity, escalation: model.escalation ?? null, source: model.source, found: true }
        : { id: warning.model_id, name_zh: warning.model_name_zh, name_en: warning.model_name_en, domain: warning.domain, category: warning.category ?? '',
          kind: warning.kind ?? '', severity: warning.base_severity as Severity, escalation: null, source: '', found: false },
      explanation: { zh, en, text: req.lang === 'zh' ? zh : en },
      evidence: evidenceItems(evidence, names, req.lang, req.reveal),
      records,
      graphSeeds: graphSeeds(subjects),
      actions,
      redacted: !req.reveal,
    };
  });
}

function parseEvidence(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : { value: v };
  } catch {
    return { value: json };
  }
}

/** Names of the organisations and persons a warning mentions, by id. */
async function namesOf(c: DuckDBConnection, s: WarningSubjects): Promise<Map<string, string>> {
  const rows = await boundRows<{ id: string; name: string | null }>(c, `SELECT org_id AS id, name FROM organization WHERE org_id IN (SELECT unnest($orgs))
    UNION ALL SELECT person_id, name FROM person WHERE person_id IN (SELECT unnest($persons))`, { orgs: s.orgs, persons: s.persons });
  return new Map(rows.filter((r) => r.name).map((r) => [r.id, r.name!]));
}

/** An id with the name it stands for: 浙江甲建设有限公司（O1） / Zhejiang Jia Construction (O1). */
function named(id: string, names: Map<string, string>, lang: Lang): string {
  const name = names.get(id);
  if (!name) return id;
  return lang === 'zh' ? `${name}（${id}）` : `${name} (${id})`;
}

/** A value as text: lists joined, records as key: value, ids (also inside pair keys 'A|B') named. */
export function valueText(v: unknown, names: Map<string, string>, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => valueText(x, names, lang)).join(lang === 'zh' ? '；' : '; ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${lang === 'zh' ? labelOf(k).zh : labelOf(k).en}: ${valueText(x, names, lang)}`).join(', ');
  }
  const s = String(v);
  if (names.has(s)) return named(s, names, lang);
  if (s.includes('|') && s.split('|').every((p) => names.has(p))) return s.split('|').map((p) => named(p, names, lang)).join(lang === 'zh' ? ' 与 ' : ' and ');
  return s;
}

/** The template with each {key} replaced: evidence first, then the hit's columns; unknown keys show '—'. */
export function fillTemplate(template: string, context: Record<string, unknown>, names: Map<string, string>, lang: Lang): string {
  return template.replace(/\{([a-z_0-9]+)\}/g, (_, k: string) => valueText(context[k], names, lang));
}

/** x_zh / x_en twins: keep the one of the language asked for. */
function isOtherLanguage(key: string, keys: Set<string>, lang: Lang): boolean {
  const other = lang === 'zh' ? '_en' : '_zh';
  const mine = lang === 'zh' ? '_zh' : '_en';
  if (!key.endsWith(other)) return false;
  const base = key.slice(0, -3);
  return keys.has(base + mine) || keys.has(base);
}

function evidenceItems(evidence: Record<string, unknown>, names: Map<string, string>, lang: Lang, reveal: boolean): EvidenceItem[] {
  const keys = new Set(Object.keys(evidence));
  return Object.entries(evidence).filter(([k]) => !isOtherLanguage(k, keys, lang)).map(([key, raw]) => {
    const value = reveal ? raw : maskDeep(raw, key);
    const label = labelOf(key);
    return { key, label_zh: label.zh, label_en: label.en, value, text: valueText(value, names, lang) };
  });
}

/** Phones and e-mails masked wherever they appear; whole values under address keys masked. */
function maskDeep(v: unknown, key: string): unknown {
  if (typeof v === 'string') return /address/.test(key) ? maskAddress(v) : maskPersonalText(v);
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, key));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, maskDeep(x, k)]));
  return v;
}

async function runSection(c: DuckDBConnection, spec: SectionSpec, s: WarningSubjects, limit: number, reveal: boolean): Promise<RecordSection> {
  const params: NamedParams = {
    tenders: s.tenders, lot: s.lot, orgs: s.orgs, persons: s.persons, contracts: s.contracts, leases: s.leases,
    payments: s.payments, accounts: s.accounts, vouchers: s.vouchers, row_limit: limit,
  };
  const [count] = await boundRows<{ n: string }>(c, `SELECT count(*) AS n FROM (${spec.sql})`, params);
  const total = Number(count?.n ?? 0);
  const rows = total === 0 ? [] : await boundRows<Record<string, string | number | boolean | null>>(c, `${spec.sql} LIMIT $row_limit`, params);
  const names = rows.length > 0 ? Object.keys(rows[0]!) : [];
  if (!reveal && spec.mask) {
    for (const row of rows) {
      for (const [col, kind] of Object.entries(spec.mask)) {
        const v = row[col];
        if (typeof v === 'string') row[col] = kind === 'text' ? maskPersonalText(v) : maskValue(kind, v);
      }
    }
  }
  return {
    id: spec.id, title_zh: spec.title[0], title_en: spec.title[1], table: spec.table,
    columns: names.map((name) => ({ name, label_zh: labelOf(name).zh, label_en: labelOf(name).en })),
    rows, total, truncated: total > rows.length,
  };
}
