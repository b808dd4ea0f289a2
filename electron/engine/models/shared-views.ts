import type { DuckDBConnection } from '@duckdb/node-api';
import { rowsOf } from '../db/rows.ts';
import { quoteIdent } from '../db/sql.ts';

export interface SharedView {
  view: string;
  /** The view's columns its readers can name; null when one of them may read the whole row. */
  columns: string[] | null;
}

/**
 * The derived views the models read, and the views those are built on, to compute once for them all
 * (support-tables.ts keeps them; a view built on another reads the kept one). Each keeps only
 * the columns some reader names: v_bid_valid is every column of bid, and copying all of them costs three
 * times what the window functions do. A reader is a model or another view built on this one; a column
 * counts as named when its name appears as a word in a reader's text (an over-estimate, which is safe).
 * A reader that may take the whole row (`*`, `alias.*`, NATURAL JOIN, BY NAME, COLUMNS(...), the alias
 * used as a value) keeps every column. A macro a model calls (ocds_processes(...)) is read as part of the
 * model: the views and columns its body names count as the model's.
 */
export async function planSharedViews(c: DuckDBConnection, models: string[]): Promise<SharedView[]> {
  const defs = await viewDefinitions(c);
  const macros = await macroBodies(c);
  const modelSql = models.map((sql) => withMacroBodies(sql, macros));
  const wanted = new Set(modelSql.flatMap((sql) => [...viewsNamed(sql)]).filter((v) => defs.has(v)));
  for (const v of wanted) for (const w of viewsNamed(defs.get(v)!)) if (w !== v && defs.has(w)) wanted.add(w);
  // Each after the views it is built on, so that its support table is computed from theirs.
  const depth = new Map<string, number>();
  const depthOf = (v: string): number => {
    if (!depth.has(v)) depth.set(v, Math.max(-1, ...[...viewsNamed(defs.get(v)!)].filter((w) => w !== v && defs.has(w)).map(depthOf)) + 1);
    return depth.get(v)!;
  };
  const shared = [...wanted].sort((a, b) => depthOf(a) - depthOf(b) || a.localeCompare(b));
  const out: SharedView[] = [];
  for (const view of shared) {
    const readers = [...modelSql, ...[...defs].filter(([v]) => v !== view).map(([, sql]) => sql)]
      .filter((sql) => viewsNamed(sql).has(view));
    const cols = (await rowsOf<{ n: string }>(c, `SELECT column_name AS n FROM duckdb_columns()
      WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1 ORDER BY column_index`, [view])).map((r) => r.n);
    const wholeRow = readers.some((sql) => readsWholeRow(sql, view));
    out.push({ view, columns: wholeRow ? null : cols.filter((col) => readers.some((sql) => namesWord(sql, col))) });
  }
  return out;
}

/** The workspace's derived views (schema main of its database, not the run's temporary ones): name → SQL. */
export async function viewDefinitions(c: DuckDBConnection): Promise<Map<string, string>> {
  return new Map((await rowsOf<{ v: string; sql: string }>(c, `SELECT view_name AS v, sql FROM duckdb_views()
    WHERE NOT internal AND database_name = current_database() AND schema_name = 'main'`)).map((r) => [r.v, r.sql]));
}

/** The bodies of the workspace's macros, by lower-case name (a macro with overloads: its bodies joined). */
export async function macroBodies(c: DuckDBConnection): Promise<Map<string, string>> {
  return new Map((await rowsOf<{ f: string; body: string }>(c, `SELECT function_name AS f, string_agg(macro_definition, ' ') AS body
    FROM duckdb_functions() WHERE function_type IN ('macro', 'table_macro') AND NOT internal AND macro_definition IS NOT NULL
    GROUP BY function_name`)).map((r) => [r.f.toLowerCase(), r.body]));
}

/** A model's text followed by the bodies of the macros it calls, and of the macros those call. */
export function withMacroBodies(sql: string, macros: Map<string, string>): string {
  const seen = new Set<string>();
  const queue = [sql];
  let out = sql;
  while (queue.length > 0) {
    for (const m of queue.pop()!.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) {
      const name = m[1]!.toLowerCase();
      const body = macros.get(name);
      if (body === undefined || seen.has(name)) continue;
      seen.add(name);
      out += `\n${body}`;
      queue.push(body);
    }
  }
  return out;
}

/** The views a text reads: named outside comments (a model's comment may mention a view it does not read). */
function viewsNamed(sql: string): Set<string> {
  return new Set([...withoutComments(sql).matchAll(/\bv_[a-z_]+\b/g)].map((x) => x[0]));
}

/** The text with its comments blanked; string literals and quoted names are kept whole (a '--' in them is no comment). */
function withoutComments(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, (m) => (m.startsWith("'") || m.startsWith('"') ? m : ' '));
}

export function namesWord(sql: string, word: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${word.replace(/[^A-Za-z0-9_]/g, '\\$&')}($|[^A-Za-z0-9_])`, 'i').test(sql);
}

/** Whether a reader might take every column of the view, rather than the ones it names. */
export function readsWholeRow(sql: string, view: string): boolean {
  const text = withoutComments(sql).replace(/'(?:[^']|'')*'/g, "''");
  if (/\bNATURAL\b|\bBY\s+NAME\b|\bCOLUMNS\s*\(/i.test(text)) return true;
  // `SELECT *` over the view itself (a star over a CTE only passes on the columns the CTE names).
  for (const m of text.matchAll(/(\bSELECT\s+(?:DISTINCT\s+)?|,\s*)\*/gi)) {
    if (namesWord(fromClause(text.slice(m.index + m[0].length)), view)) return true;
  }
  const aliases = new Set([view]);
  for (const m of text.matchAll(new RegExp(`\\b${view}\\s+(?:AS\\s+)?([A-Za-z_][A-Za-z0-9_]*)`, 'gi'))) {
    if (!/^(ON|USING|WHERE|JOIN|LEFT|RIGHT|INNER|FULL|CROSS|SEMI|ANTI|GROUP|ORDER|LIMIT|UNION|EXCEPT|INTERSECT|WINDOW|QUALIFY|HAVING)$/i.test(m[1]!)) aliases.add(m[1]!);
  }
  for (const a of aliases) {
    if (new RegExp(`\\b${a}\\s*\\.\\s*\\*`, 'i').test(text)) return true;
    if (a !== view && usedAsValue(text, a)) return true;
  }
  return false;
}

/**
 * Whether a name stands alone as a value (`to_json(v)`, `SELECT v`): not qualifying a column (`v.x`), and
 * not being declared (`FROM bid v`, `x AS v`, `(...) v`), which is when a table name, AS or `)` precede it.
 */
function usedAsValue(text: string, name: string): boolean {
  for (const m of text.matchAll(new RegExp(`(^|[^A-Za-z0-9_.])${name}(?![A-Za-z0-9_])(?!\\s*\\.)`, 'gi'))) {
    const before = text.slice(0, m.index + m[1]!.length).trimEnd();
    const prev = /([A-Za-z_][A-Za-z0-9_]*|\S)$/.exec(before)?.[1] ?? '';
    const declares = prev === ')' || /^AS$/i.test(prev) || (/^[A-Za-z_]/.test(prev) && !VALUE_KEYWORDS.has(prev.toUpperCase()));
    if (!declares) return true;
  }
  return false;
}

const VALUE_KEYWORDS = new Set(['SELECT', 'DISTINCT', 'BY', 'ON', 'AND', 'OR', 'NOT', 'WHEN', 'THEN', 'ELSE', 'CASE', 'IN', 'IS',
  'LIKE', 'BETWEEN', 'WHERE', 'HAVING', 'QUALIFY', 'RETURN', 'ALL', 'ANY', 'SOME', 'EXISTS']);

/** The FROM clause of the SELECT whose select list the text starts inside (up to its WHERE, GROUP, ..., or its closing parenthesis). */
function fromClause(rest: string): string {
  let depth = 0;
  let from = -1;
  for (const m of rest.matchAll(/\(|\)|\b(FROM|WHERE|GROUP|HAVING|ORDER|LIMIT|QUALIFY|WINDOW|UNION|EXCEPT|INTERSECT)\b/gi)) {
    if (m[0] === '(') { depth++; continue; }
    if (m[0] === ')') { if (depth-- === 0) return from < 0 ? '' : rest.slice(from, m.index); continue; }
    if (depth > 0) continue;
    if (m[0].toUpperCase() === 'FROM') { if (from < 0) from = m.index; continue; }
    if (from >= 0) return rest.slice(from, m.index);
  }
  return from < 0 ? '' : rest.slice(from);
}
