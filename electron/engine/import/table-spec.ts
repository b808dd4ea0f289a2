import type { DuckDBConnection } from '@duckdb/node-api';
import { rowsOf } from '../db/rows.ts';
import { CANONICAL_KEYS } from '../schema/canonical-keys.ts';
import type { ColumnSpec } from './validate.ts';

/** A canonical table's columns in order, with their types, and its primary-key column if it has one. */
export interface TableSpec { columns: ColumnSpec[]; key: string | null }

export async function tableSpec(c: DuckDBConnection, table: string): Promise<TableSpec> {
  const columns = await rowsOf<ColumnSpec>(c, `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
    WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1 ORDER BY column_index`, [table]);
  const key = CANONICAL_KEYS[table] ?? (await rowsOf<{ k: string }>(c, `SELECT unnest(constraint_column_names) AS k FROM duckdb_constraints()
    WHERE database_name = current_database() AND table_name = $1 AND constraint_type = 'PRIMARY KEY'`, [table]))[0]?.k ?? null;
  return { columns, key };
}
