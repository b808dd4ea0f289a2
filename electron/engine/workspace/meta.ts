import type { DuckDBConnection } from '@duckdb/node-api';

/** Set workspace facts (key → value) on a connection the caller holds, e.g. inside a transaction. */
export async function writeMeta(c: DuckDBConnection, values: Record<string, string>): Promise<void> {
  for (const [k, v] of Object.entries(values)) {
    await c.run('INSERT OR REPLACE INTO workspace_meta VALUES ($1, $2)', [k, v]);
  }
}
