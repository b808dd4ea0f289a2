import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/**
 * Rows of a query on a raw connection the caller already holds (inside SerialConnection.exclusive or a
 * transaction), as JSON-friendly objects, with bound parameters.
 */
export async function rowsOf<T = Record<string, unknown>>(c: DuckDBConnection, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await c.runAndReadAll(sql, params as DuckDBValue[])).getRowObjectsJson() as unknown as T[];
}
