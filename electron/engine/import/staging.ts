import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from '../db/sql.ts';
import { normalizeOrgName } from './org-identity.ts';

/** A staged row: canonical column → text, plus row_no (where in the source file it came from). */
export type Row = Record<string, string | number | null>;

/** An organisation already in the workspace with this USCC (preferred) or normalised name. */
export async function existingOrg(c: DuckDBConnection, uscc: string | null, name: string | null): Promise<string | null> {
  const r = await c.runAndReadAll(`SELECT org_id FROM organization WHERE ($1::VARCHAR IS NOT NULL AND uscc = $1) OR ($2::VARCHAR IS NOT NULL AND name_norm = $2)
    ORDER BY (uscc = $1) DESC NULLS LAST, org_id LIMIT 1`, [uscc, name ? normalizeOrgName(name) : null]);
  const v = r.getRows()[0]?.[0];
  return v === undefined || v === null ? null : String(v);
}

/**
 * Write rows into a temporary staging table, every column as text, plus a unique row_no and src_row, the
 * line of the source file the row came from (several rows may come from one line).
 */
export async function stageRows(c: DuckDBConnection, table: string, rows: Row[]): Promise<void> {
  const cols = Object.keys(rows[0]!).filter((k) => k !== 'row_no');
  await c.run(`CREATE OR REPLACE TEMP TABLE ${table} (${cols.map((k) => `${quoteIdent(k)} VARCHAR`).join(', ')}, row_no BIGINT, src_row BIGINT)`);
  const app = await c.createAppender(table, 'main', 'temp');
  let seq = 0;
  for (const r of rows) {
    for (const k of cols) {
      const v = r[k];
      if (v === null || v === undefined) app.appendNull();
      else app.appendVarchar(String(v));
    }
    app.appendBigInt(BigInt(++seq));
    app.appendBigInt(BigInt(r.row_no as number));
    app.endRow();
  }
  app.closeSync();
}
