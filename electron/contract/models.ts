// The model library and its runs, as the UI and the CLI see them.

export type Severity = 'red' | 'orange' | 'yellow';
export type ModelDomain = 'BID' | 'SOE' | 'FUND' | 'VIL' | 'OCDS';
export type ParamType = 'integer' | 'number' | 'text' | 'date' | 'boolean' | 'text_list' | 'integer_map';

/**
 * A parameter's value: integer_map is text → integer (e.g. a number of days per procurement method);
 * null is "not set" for an integer or number whose model then decides by its own rule (e.g. a fence).
 */
export type ParamValue = number | string | boolean | string[] | Record<string, number> | null;

export interface ModelParam {
  name: string;
  type: ParamType;
  default: ParamValue;
  unit?: string;
  label_zh: string;
  label_en: string;
}

export interface ModelInfo {
  id: string;
  name_zh: string;
  name_en: string;
  domain: ModelDomain;
  /** The primary category of the catalog taxonomy (C1–C9, K1–K7, OPR), then any secondary ones. */
  category: string;
  categories: string[];
  kind: 'regulatory' | 'supervisory';
  severity: Severity;
  /** How a hit's severity can rise above the default, in words (per-hit severity comes from the SQL). */
  escalation?: string;
  subject_type: string;
  /** table → columns the model reads. */
  requires: Record<string, string[]>;
  params: ModelParam[];
  explain: { zh: string; en: string };
  source: string;
  /** Where the model came from: the built-in library or the workspace's own folder (which overrides). */
  origin: 'builtin' | 'workspace';
  file: string;
}

export interface ModelRunSummary {
  model_id: string;
  status: 'ok' | 'not_applicable' | 'failed';
  hits: number;
  seconds: number;
  /** For not_applicable: what the workspace lacks, as table or table.column. */
  missing?: string[];
  error?: string;
}

export interface RunSummary {
  run_id: string;
  as_of: string;
  seconds: number;
  data_fingerprint: string;
  models: ModelRunSummary[];
  /** The derived views two or more of the models read, computed once before them (not in any model's seconds). */
  /** Each shared view's seconds, and whether its support table was kept from an earlier run (not computed again). */
  shared_views: Array<{ view: string; seconds: number; reused: boolean }>;
  warnings: { new: number; seen_again: number; escalated: number };
}

/**
 * A parameter value as typed on the command line and in the UI: lists as a,b,c; maps as key=value,key=value;
 * "not set" as an empty text.
 */
export function paramText(v: ParamValue): string {
  if (v === null) return '';
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'object') return Object.entries(v).map(([k, n]) => `${k}=${n}`).join(',');
  return String(v);
}
