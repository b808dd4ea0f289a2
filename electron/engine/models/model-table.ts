import type { DuckDBConnection } from '@duckdb/node-api';
import type { ModelDefinition } from './model-file.ts';

/**
 * Copy the library's metadata into the catalog's `model` table. Model files are the source of truth; the
 * copy lets views (v_warning_list) and analysts' SQL show model names with a join. Refreshed on every run,
 * so a renamed or workspace-overridden model shows as it last ran.
 */
export async function recordLibrary(c: DuckDBConnection, library: ModelDefinition[]): Promise<void> {
  for (const m of library) {
    await c.run(`INSERT OR REPLACE INTO model (model_id, name_en, name_cn, domain, category, kind, default_severity, version, sql_text, source, enabled)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, true)`,
    [m.id, m.name_en, m.name_zh, m.domain, m.category, m.kind, m.severity, m.sha256.slice(0, 16), m.sql, m.source]);
  }
}
