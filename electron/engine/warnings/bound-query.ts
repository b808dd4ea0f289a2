import { INTEGER, LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

export type NamedParams = Record<string, string | number | string[] | null>;

/**
 * Rows of a query with named parameters ($name), binding only the names the SQL uses (DuckDB refuses
 * unused ones) and typing lists explicitly (an empty list has no type to infer). Values are always bound.
 */
export async function boundRows<T = Record<string, unknown>>(c: DuckDBConnection, sql: string, params: NamedParams): Promise<T[]> {
  const used = new Set([...sql.matchAll(/\$([a-z][a-z0-9_]*)/g)].map((m) => m[1]!));
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const name of used) {
    if (!(name in params)) throw new Error(`query parameter $${name} not given`);
    const v = params[name]!;
    if (Array.isArray(v)) { values[name] = listValue(v); types[name] = LIST(VARCHAR); }
    else if (typeof v === 'number') { values[name] = v; types[name] = INTEGER; }
    else { values[name] = v; types[name] = VARCHAR; }
  }
  return (await c.runAndReadAll(sql, values, types)).getRowObjectsJson() as unknown as T[];
}
