import { quoteIdent } from '../db/sql.ts';
import { VOCABULARY } from '../schema/vocabulary.ts';

export interface ColumnSpec { name: string; type: string }

/**
 * SQL that lists every problem of the staged rows: one row (row_no, column_name, value, reason) per bad
 * value. Values are checked against the column's type and vocabulary; keys must be present and unique
 * both in the file and against the workspace. Nothing is rounded or coerced silently: an amount with
 * more decimals than its column keeps is a problem, not a rounding.
 */
export function problemsSql(table: string, cols: ColumnSpec[], stage: string, key: string | null, enrich = false): string {
  const parts: string[] = [];
  const checks = valueChecksSql(table, cols, 's', key);
  if (checks) {
    parts.push(`SELECT row_no, p.column_name, p.value, p.reason FROM (
      SELECT s.row_no, ${checks.list} AS probs FROM ${stage} s) t, unnest(t.probs) AS u(p) WHERE t.probs IS NOT NULL`);
  }
  if (key) {
    const k = quoteIdent(key);
    parts.push(`SELECT s.row_no, '${key}' AS column_name, s.${k} AS value, ${duplicateReasonSql('first_row')} AS reason
      FROM (SELECT row_no, ${k}, min(row_no) OVER (PARTITION BY trim(${k})) AS first_row FROM ${stage}) s
      WHERE s.${k} IS NOT NULL AND s.row_no > first_row`);
    // When enriching (a registry extract over organisations already known), an existing key is an update.
    if (!enrich) {
      parts.push(`SELECT s.row_no, '${key}' AS column_name, s.${k} AS value, '${EXISTING_KEY_REASON}' AS reason
        FROM ${stage} s SEMI JOIN ${quoteIdent(table)} t ON t.${k} = trim(s.${k})`);
    }
  }
  if (parts.length === 0) return `SELECT NULL::BIGINT AS row_no, NULL AS column_name, NULL AS value, NULL AS reason WHERE FALSE`;
  return parts.join('\nUNION ALL\n');
}

export const EXISTING_KEY_REASON = '主键已存在于工作区 / the key is already in the workspace';

/** The quarantine reason of a row whose key an earlier row of the file already has. */
export function duplicateReasonSql(firstRow: string): string {
  return `'主键在文件中重复（首次出现于第 ' || CAST(${firstRow} AS VARCHAR) || ' 行）/ duplicate key in the file (first at row ' || CAST(${firstRow} AS VARCHAR) || ')'`;
}

/**
 * The value checks of a row (alias.column): `bad`, true when any value fails its column's type or
 * vocabulary (or the key is empty), and `list`, one {column_name, value, reason} per failing value, NULL
 * for a good row. Null when nothing is checked. The list is built only for rows `bad` selects: building
 * it for every row would cost more than reading the file.
 */
export function valueChecksSql(table: string, cols: ColumnSpec[], alias: string, key: string | null): { bad: string; list: string } | null {
  const checks: Array<{ bad: string; item: string }> = [];
  for (const c of cols) {
    const v = `${alias}.${quoteIdent(c.name)}`;
    const check = typeCheck(c.type, v);
    if (check) checks.push(problem(c.name, v, `${v} IS NOT NULL AND NOT (${check.ok})`, check.reason));
    const vocab = VOCABULARY[`${table}.${c.name}`];
    if (vocab) {
      const list = vocab.map((x) => `'${x}'`).join(', ');
      checks.push(problem(c.name, v, `${v} IS NOT NULL AND ${v} NOT IN (${list})`, `不在取值范围内 / not one of: ${vocab.join(', ')}`));
    }
  }
  if (key) {
    const k = `${alias}.${quoteIdent(key)}`;
    checks.push(problem(key, k, `${k} IS NULL OR ${k} = '' OR (${mayNeedTrim(k)} AND trim(${k}) = '')`, '主键为空 / the key is empty'));
  }
  if (checks.length === 0) return null;
  const bad = `(${checks.map((x) => `COALESCE(${x.bad}, TRUE)`).join(' OR ')})`;
  return { bad, list: `CASE WHEN ${bad} THEN list_filter([${checks.map((x) => x.item).join(', ')}], x -> x IS NOT NULL) END` };

  function problem(col: string, value: string, bad: string, reason: string) {
    return { bad: `(${bad})`, item: `CASE WHEN ${bad} THEN {'column_name': '${col}', 'value': ${value}, 'reason': '${reason.replaceAll("'", "''")}'} END` };
  }
}

/**
 * How a staged text value of column `name` becomes the column's type (only for rows that passed
 * problemsSql). Identifiers (the key and every *_id column) lose surrounding spaces, which spreadsheets
 * add and which would stop them joining; other text is kept exactly.
 */
export function castSql(type: string, v: string, name: string): string {
  // The common spellings first: lower(trim()) on every value costs a tenth of a large import.
  if (type === 'BOOLEAN') return `CASE ${v} WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE ELSE lower(trim(${v})) = 'true' END`;
  // Only values trim() could change are trimmed: trimming every identifier copies every one.
  if (type === 'VARCHAR') return isIdentifier(name) ? `CASE WHEN ${mayNeedTrim(v)} THEN trim(${v}) ELSE ${v} END` : v;
  // DuckDB's casts to numbers, dates and times pass over surrounding spaces themselves; a trim() first
  // would copy every value (a sixth of a large import).
  return `CAST(${v} AS ${type})`;
}

/**
 * Whether trim() might change a value, tested without copying it. trim() removes every Unicode space
 * (U+0020, U+00A0, U+3000 and the other Zs characters), so only an all-ASCII value (as many bytes as
 * characters) without a space at either end is known to be left as it is.
 */
const mayNeedTrim = (v: string) => `NOT (strlen(${v}) = length(${v}) AND NOT starts_with(${v}, ' ') AND NOT ends_with(${v}, ' '))`;

/** The value, spaces around it allowed (as trim would remove them, without copying the value). */
const spaced = (pattern: string) => `' *${pattern} *'`;

function typeCheck(type: string, v: string): { ok: string; reason: string } | null {
  const t = type.toUpperCase();
  const dec = /^DECIMAL\((\d+),(\d+)\)$/.exec(t);
  if (dec) {
    // A pattern, not a cast: a cast would round extra decimals away (and casting to a wide DECIMAL is slow).
    const whole = Number(dec[1]) - Number(dec[2]);
    return {
      ok: `regexp_full_match(${v}, ${spaced(`[-+]?[0-9]{1,${whole}}(\\.[0-9]{1,${dec[2]}})?`)})`,
      reason: `不是金额（最多 ${dec[2]} 位小数）/ not a plain decimal with at most ${dec[2]} decimals`,
    };
  }
  switch (t) {
    case 'VARCHAR': return null;
    case 'DATE': return { ok: `regexp_full_match(${v}, ${spaced('\\d{4}-\\d{2}-\\d{2}')}) AND TRY_CAST(${v} AS DATE) IS NOT NULL`, reason: '不是日期 YYYY-MM-DD / not a date (YYYY-MM-DD)' };
    // No zone offsets (they would be dropped silently) and no 24:00 (it would roll over to the next day).
    case 'TIMESTAMP': return { ok: `regexp_full_match(${v}, ${spaced('\\d{4}-\\d{2}-\\d{2}([ T]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?)?')}) AND TRY_CAST(${v} AS TIMESTAMP) IS NOT NULL`,
      reason: '不是时间 YYYY-MM-DD HH:MM:SS（不带时区）/ not a date-time (YYYY-MM-DD HH:MM:SS, no zone)' };
    case 'BOOLEAN': return { ok: `${v} IN ('true', 'false') OR lower(trim(${v})) IN ('true', 'false')`, reason: '不是 true/false / not true or false' };
    // Integers by pattern: a cast would round '1.5' to 2 and read '0x10' or '1e3'.
    case 'INTEGER': case 'BIGINT': case 'UBIGINT':
      return { ok: `regexp_full_match(${v}, ${spaced('[-+]?[0-9]+')}) AND TRY_CAST(${v} AS ${t}) IS NOT NULL`, reason: `不是整数 / not an integer (${t})` };
    case 'DOUBLE':
      return { ok: `regexp_full_match(${v}, ${spaced('[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?')})`, reason: '不是数值 / not a number' };
    default: return { ok: `TRY_CAST(trim(${v}) AS ${t}) IS NOT NULL`, reason: `不是 ${t} / not a ${t}` };
  }
}

/** Identifier columns: the tables' keys and references all end in _id. */
export function isIdentifier(column: string): boolean {
  return column.endsWith('_id');
}
