import { quoteIdent } from '../db/sql.ts';

/**
 * Columns that identify a natural person. Exports mask them unless the user asks for them: a phone keeps
 * its first three and last four digits, an address its first two characters, a birth date its year;
 * hashes of ID and account numbers are withheld altogether.
 */
const PERSONAL_BY_TABLE: Readonly<Record<string, readonly string[]>> = {
  person: ['id_no_hash', 'phone', 'address_norm', 'birth_date'],
  bank_account: ['account_no_hash'],
  bid: ['contact_phone', 'contact_email'],
  // Quarantined rows are raw source rows: they may hold anything.
  quarantine: ['value', 'raw_row'],
};

/** Tables a query may not read for an export unless personal data is asked for. */
export const PERSONAL_TABLES: ReadonlySet<string> = new Set(['person', 'bank_account', 'quarantine', 'kinship', 'person_asset', 'social_insurance', 'benefit_payment']);
/** For query results, where a column's table is unknown: mask by name, erring on the side of masking. */
const PERSONAL_NAMES = new Set(['id_no_hash', 'account_no_hash', 'phone', 'address_norm', 'birth_date']);

function mask(col: string): string {
  const c = quoteIdent(col);
  switch (col) {
    case 'phone': return `CASE WHEN ${c} IS NULL THEN NULL ELSE left(CAST(${c} AS VARCHAR), 3) || '****' || right(CAST(${c} AS VARCHAR), 4) END`;
    case 'address_norm': return `CASE WHEN ${c} IS NULL THEN NULL ELSE left(CAST(${c} AS VARCHAR), 2) || '***' END`;
    case 'birth_date': return `CAST(year(${c}) AS VARCHAR)`;
    case 'contact_phone': return `CASE WHEN ${c} IS NULL THEN NULL ELSE left(${c}, 3) || '****' || right(${c}, 4) END`;
    default: return `CASE WHEN ${c} IS NULL THEN NULL ELSE '（已脱敏 redacted）' END`;
  }
}

/** Wrap a query so that the personal columns it returns are masked; columns lists what it returns. */
export function redactedSql(source: string, columns: string[], table: string | null): string {
  const personal = columns.filter((c) => (table === null ? PERSONAL_NAMES.has(c) : (PERSONAL_BY_TABLE[table] ?? []).includes(c)));
  if (personal.length === 0) return source;
  return `SELECT * REPLACE (${personal.map((c) => `${mask(c)} AS ${quoteIdent(c)}`).join(', ')}) FROM (${source})`;
}
