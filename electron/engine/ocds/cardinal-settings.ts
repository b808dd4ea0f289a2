import type { ParamValue } from '../../contract/models.ts';
import { ClearsightError } from '../errors.ts';
import type { IniDocument, IniEntry } from './ini.ts';

/** Cardinal's indicators, in its order; each is the library model OCDS-<code>. */
export const CARDINAL_INDICATORS = ['R003', 'R018', 'R024', 'R025', 'R028', 'R030', 'R035', 'R036', 'R038', 'R048', 'R058'] as const;
export type CardinalIndicator = typeof CARDINAL_INDICATORS[number];

export const modelIdOf = (code: CardinalIndicator) => `OCDS-${code}`;

/** The indicators a settings file enables, and the model parameters its settings set ('OCDS-R024.threshold' → value). */
export interface CardinalSettings {
  indicators: CardinalIndicator[];
  params: Record<string, ParamValue>;
  /** Settings Cardinal accepts but ignores, said on stderr. */
  warnings: string[];
}

type Kind = 'text' | 'list' | 'integer' | 'count' | 'number' | 'boolean';

// Cardinal's settings (ocdscardinal 0.0.8): each key, its type, and the model parameter it sets (null for
// the `prepare` command's settings, which the indicators do not read). usize settings are counts (≥ 0).
const TOP: Record<string, Kind> = { currency: 'text', no_price_comparison_procurement_methods: 'list', price_comparison_procurement_methods: 'list' };
const INDICATOR_KEYS: Record<CardinalIndicator, Record<string, Kind>> = {
  R003: { threshold: 'integer', procurement_methods: 'list' },
  R018: { procurement_methods: 'list' },
  R024: { threshold: 'number' },
  R025: { percentile: 'count', threshold: 'number' },
  R028: {},
  R030: {},
  R035: { threshold: 'count' },
  R036: {},
  R038: { threshold: 'number', minimum_submitted_bids: 'count', minimum_contracting_processes: 'count' },
  R048: { digits: 'count', threshold: 'count', minimum_contracting_processes: 'count' },
  R058: { threshold: 'number' },
};
const PREPARE_SECTIONS: Record<string, Record<string, Kind> | null> = {
  defaults: { currency: 'text', item_classification_scheme: 'text', bid_status: 'text', award_status: 'text', party_roles: 'boolean' },
  redactions: { amount: 'text', organization_id: 'text' },
  corrections: { award_status_by_contract_status: 'boolean' },
  modifications: { move_auctions: 'boolean', prefix_buyer_or_procuring_entity_id: 'text', prefix_tenderer_or_supplier_id: 'text', split_procurement_method_details: 'text' },
  'codelists.bid_status': null, // any code = code
  'codelists.award_status': null,
};
const PRICE_COMPARISON: CardinalIndicator[] = ['R024', 'R028', 'R036', 'R058'];
const MAIN_CURRENCY: CardinalIndicator[] = ['R024', 'R036', 'R058'];

/**
 * Read Cardinal's settings: an indicator runs only if its section exists (`[R024]`, even empty, or a
 * subsection such as `[R003.procurement_method_details]`); unknown sections and keys, and values of the
 * wrong type, are errors naming the line; lists are pipe-separated.
 */
export function cardinalSettings(doc: IniDocument, file?: string): CardinalSettings {
  const warnings: string[] = [];
  const fail = (e: IniEntry | { line: number }, message: string) =>
    new ClearsightError('bad_input', `设置文件错误 / bad settings: ${message}`, { file, row: e.line });
  const read = (key: string, e: IniEntry, kind: Kind): ParamValue => {
    const v = e.value;
    switch (kind) {
      case 'list': return pipeList(v);
      case 'boolean': if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true'; break;
      case 'integer': if (/^[+-]?\d+$/.test(v) && Math.abs(Number(v)) <= 2 ** 31 - 1) return Number(v); break;
      case 'count': if (/^\+?\d+$/.test(v) && Number(v) <= 2 ** 31 - 1) return Number(v); break;
      case 'number': if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return Number(v); break;
      default: return v;
    }
    const what = { boolean: 'true or false', integer: 'a whole number', count: 'a whole number ≥ 0', number: 'a number' }[kind];
    throw fail(e, `${key} 的值应为 ${what} / ${key} must be ${what} (got '${v}')`);
  };

  const indicators = new Set<CardinalIndicator>();
  const perIndicator: Partial<Record<CardinalIndicator, Record<string, ParamValue>>> = {};
  for (const [key, e] of doc.top) {
    if (!(key in TOP)) throw fail(e, `未知设置 / unknown setting '${key}' (known: ${Object.keys(TOP).join(', ')})`);
  }
  let excluded: ParamValue | undefined;
  for (const [name, section] of doc.sections) {
    const [head, sub, ...rest] = name.split('.');
    const code = CARDINAL_INDICATORS.find((c) => c === head);
    if (code && sub === undefined) {
      indicators.add(code);
      const values = (perIndicator[code] ??= {});
      for (const [key, e] of section.keys) {
        const kind = INDICATOR_KEYS[code][key];
        if (!kind) throw fail(e, `[${code}] 没有设置 ${key} / unknown setting '${key}' in [${code}]${Object.keys(INDICATOR_KEYS[code]).length ? ` (known: ${Object.keys(INDICATOR_KEYS[code]).join(', ')})` : ''}`);
        values[key] = read(key, e, kind);
      }
    } else if (code === 'R003' && sub === 'procurement_method_details' && rest.length === 0) {
      indicators.add(code);
      const days: Record<string, number> = {};
      for (const [key, e] of section.keys) days[key] = read(key, e, 'integer') as number;
      (perIndicator.R003 ??= {}).procurement_method_details = days;
    } else if (name === 'exclusions') {
      for (const [key, e] of section.keys) {
        if (key !== 'procurement_method_details') throw fail(e, `[exclusions] 没有设置 ${key} / unknown setting '${key}' in [exclusions] (known: procurement_method_details)`);
        excluded = read(key, e, 'list');
      }
    } else if (name in PREPARE_SECTIONS) {
      const known = PREPARE_SECTIONS[name];
      for (const [key, e] of section.keys) {
        if (known && !known[key]) throw fail(e, `[${name}] 没有设置 ${key} / unknown setting '${key}' in [${name}]`);
        if (known) read(key, e, known[key]!);
      }
      if (section.keys.size > 0) warnings.push(`[${name}] 属于 prepare 命令，这里不起作用 / [${name}] is a setting of Cardinal's prepare command and has no effect on the indicators`);
    } else {
      throw fail(section, `未知的节 / unknown section [${name}]`);
    }
  }

  const top = Object.fromEntries([...doc.top].map(([k, e]) => [k, read(k, e, TOP[k]!)]));
  if (top.no_price_comparison_procurement_methods !== undefined && top.price_comparison_procurement_methods !== undefined) {
    warnings.push('设置了 price_comparison_procurement_methods 时 no_price_comparison_procurement_methods 不起作用 / no_price_comparison_procurement_methods has no effect if price_comparison_procurement_methods is set');
  }
  const order = CARDINAL_INDICATORS.filter((c) => indicators.has(c));
  const params: Record<string, ParamValue> = {};
  for (const code of order) {
    const id = modelIdOf(code);
    for (const [key, v] of Object.entries(perIndicator[code] ?? {})) params[`${id}.${key}`] = v;
    if (excluded !== undefined) params[`${id}.excluded_procurement_method_details`] = excluded;
    if (PRICE_COMPARISON.includes(code)) {
      for (const key of ['no_price_comparison_procurement_methods', 'price_comparison_procurement_methods']) {
        if (top[key] !== undefined) params[`${id}.${key}`] = top[key]!;
      }
    }
    if (MAIN_CURRENCY.includes(code) && top.currency !== undefined) params[`${id}.currency`] = top.currency;
  }
  return { indicators: order, params, warnings };
}

/** The settings of a run without a settings file: every indicator, with its defaults. */
export function defaultCardinalSettings(): CardinalSettings {
  return { indicators: [...CARDINAL_INDICATORS], params: {}, warnings: [] };
}

/** A pipe-separated list as Cardinal splits it: a final empty item is dropped ('a|b|' is a, b), others are kept. */
export function pipeList(v: string): string[] {
  const parts = v.split('|');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}
