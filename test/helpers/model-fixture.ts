import type { DuckDBValue } from '@duckdb/node-api';
import { runModels } from '../../electron/engine/models/runner.ts';
import { quoteIdent } from '../../electron/engine/db/sql.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { tempDir } from './temp.ts';

/** Rows to put in a fresh workspace: table → rows as { column: value } (other columns stay NULL). */
export type Fixture = Record<string, Array<Record<string, string | number | boolean | null>>>;

export interface FixtureHit {
  subject_type: string; subject_id: string; severity: string; tender_id: string | null; lot_id: string | null;
  org_id: string | null; person_id: string | null; amount_cny: string | null; evidence: Record<string, unknown> | null;
}

/**
 * Run one model of the library on a small hand-made fixture in a real, fresh workspace, and return its
 * hits. Values are bound, as text, and DuckDB casts them to the column types.
 */
export async function fixtureHits(modelId: string, fixture: Fixture, opts: { params?: Record<string, string>; asOf?: string } = {}): Promise<FixtureHit[]> {
  const ws = await Workspace.init(tempDir());
  try {
    await insertFixture(ws, fixture);
    const run = await ws.tasks.run('run', (t) => runModels(ws, { models: [modelId], params: opts.params, asOf: opts.asOf ?? '2025-12-31' }, t));
    const m = run.models[0]!;
    if (m.status !== 'ok') throw new Error(`${modelId} ${m.status}: ${m.error ?? (m.missing ?? []).join(', ')}`);
    const hits = await ws.conn.all<FixtureHit & { evidence_json: string | null }>(`SELECT subject_type, subject_id, severity, tender_id, lot_id, org_id, person_id,
      amount_cny::VARCHAR AS amount_cny, evidence_json FROM hit WHERE analysis_run_id = $1 ORDER BY subject_id, hit_no`, [run.run_id]);
    return hits.map(({ evidence_json, ...h }) => ({ ...h, evidence: evidence_json ? JSON.parse(evidence_json) as Record<string, unknown> : null }));
  } finally {
    await ws.close();
  }
}

/** Insert fixture rows into a workspace's tables; values bound as text, cast by DuckDB to the column types. */
export async function insertFixture(ws: Workspace, fixture: Fixture): Promise<void> {
  for (const [table, rows] of Object.entries(fixture)) {
    for (const row of rows) {
      const cols = Object.keys(row);
      await ws.conn.run(`INSERT INTO ${quoteIdent(table)} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((c) => { const v = row[c]; return v === null || v === undefined ? null : String(v); }) as DuckDBValue[]);
    }
  }
}

/** OCDS compiled releases as the rows of ocds_release (in this order), for the OCDS models' fixtures. */
export function ocdsReleases(releases: Array<Record<string, unknown> & { ocid: string }>): Fixture {
  return { ocds_release: releases.map((r) => ({ ocid: r.ocid, batch_id: 'fixture', release_json: JSON.stringify(r) })) };
}
