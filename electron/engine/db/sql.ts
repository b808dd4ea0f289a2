/** Quote an identifier for DuckDB (table or column names that come from the catalog or the database). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
