import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ModelInfo, ParamType } from '../../contract/models.ts';
import { ClearsightError } from '../errors.ts';

/**
 * A model file: a SQL file whose opening block comment holds the model's metadata in YAML, followed by
 * one SELECT that returns its hits. Parameters are referenced as $name and bound, never spliced;
 * $as_of (the data's "today") is always available.
 *
 *   /*
 *   id: BID-001
 *   name_zh: 投标文件由同一单位或个人编制
 *   ...
 *   *\/
 *   SELECT ... FROM bid ...
 */
export interface ModelDefinition extends ModelInfo {
  sql: string;
  sha256: string;
}

const CATEGORY = /^(C[1-9]|K[1-7]|OPR)$/;
const PARAM_NAME = /^[a-z][a-z0-9_]*$/;

const paramSchema = z.object({
  name: z.string().regex(PARAM_NAME, 'lower_snake_case'),
  type: z.enum(['integer', 'number', 'text', 'date', 'boolean', 'text_list', 'integer_map']),
  default: z.union([z.number(), z.string(), z.boolean(), z.array(z.string()), z.record(z.string(), z.number()), z.null()]),
  unit: z.string().optional(),
  label_zh: z.string().min(1),
  label_en: z.string().min(1),
}).strict().superRefine((p, ctx) => {
  if (!paramValueFits(p.type, p.default)) ctx.addIssue({ code: 'custom', path: ['default'], message: `not a ${p.type}` });
});

/** Whether a value is one of a parameter type's: null ("not set") only for integer and number. */
export function paramValueFits(type: ParamType, v: unknown): boolean {
  switch (type) {
    case 'integer': return v === null || Number.isInteger(v);
    case 'number': return v === null || (typeof v === 'number' && Number.isFinite(v));
    case 'boolean': return typeof v === 'boolean';
    case 'text_list': return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'integer_map': return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => Number.isInteger(x));
    case 'date': return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    default: return typeof v === 'string';
  }
}

const headerSchema = z.object({
  id: z.string().regex(/^(BID|SOE|FUND|VIL|OCDS)-[0-9A-Z]{3,}$/, 'like BID-001'),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  domain: z.enum(['BID', 'SOE', 'FUND', 'VIL', 'OCDS']),
  category: z.string().regex(CATEGORY, 'C1–C9, K1–K7 or OPR'),
  categories: z.array(z.string().regex(CATEGORY, 'C1–C9, K1–K7 or OPR')).optional(),
  kind: z.enum(['regulatory', 'supervisory']),
  severity: z.enum(['red', 'orange', 'yellow']),
  escalation: z.string().optional(),
  subject_type: z.string().regex(/^[a-z_]+$/),
  requires: z.record(z.string().regex(/^[a-z_]+$/), z.array(z.string().regex(/^[a-z_0-9]+$/))),
  params: z.array(paramSchema).default([]),
  explain: z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict(),
  source: z.string().min(1),
}).strict();

/** Read and validate one model file; every problem names the file and the field. */
export function loadModelFile(file: string, origin: ModelInfo['origin']): ModelDefinition {
  const text = readFileSync(file, 'utf8');
  const m = /^\s*\/\*([\s\S]*?)\*\/([\s\S]*)$/.exec(text);
  if (!m) throw invalid(file, '(header)', 'the file must start with a /* ... */ block holding the model metadata in YAML');
  let header: unknown;
  try {
    header = parseYaml(m[1]!);
  } catch (e) {
    throw invalid(file, '(header)', `not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = headerSchema.safeParse(header);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(file, issue.path.join('.') || '(header)', issue.message);
  }
  const h = parsed.data;
  const expectedDomain = h.id.split('-')[0];
  if (h.domain !== expectedDomain) throw invalid(file, 'domain', `${h.id} belongs to domain ${expectedDomain}`);
  const base = file.split(/[\\/]/).pop()!.replace(/\.sql$/i, '');
  if (base !== h.id) throw invalid(file, 'id', `the file must be named ${h.id}.sql`);
  const sql = m[2]!.trim().replace(/;\s*$/, '');
  if (!/^(WITH|SELECT|FROM)\b/i.test(sql.replace(/^(\s*--[^\n]*\n)+/, '').trim())) throw invalid(file, '(sql)', 'the model body must be one SELECT (or WITH ... SELECT) query');
  const names = new Set(h.params.map((p) => p.name));
  for (const ref of sql.matchAll(/\$([a-z][a-z0-9_]*)/g)) {
    if (ref[1] !== 'as_of' && !names.has(ref[1]!)) throw invalid(file, 'params', `the SQL uses $${ref[1]} but no such parameter is declared`);
  }
  if (names.has('as_of')) throw invalid(file, 'params', '$as_of is built in (the data date); do not declare it');
  return {
    ...h, categories: h.categories ?? [h.category], origin, file, sql,
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}

function invalid(file: string, field: string, message: string): ClearsightError {
  return new ClearsightError('bad_input', `模型文件无效 / invalid model file: ${field}: ${message}`, { file, column: field });
}
