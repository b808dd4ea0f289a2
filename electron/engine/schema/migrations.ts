import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ClearsightError } from '../errors.ts';

/**
 * Versioned schema migrations. A workspace records each applied version in schema_version;
 * opening it applies the missing ones in order, each in its own transaction. Never edit a
 * released migration: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  file: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'canonical tables (catalog Appendix A)', file: '001_canonical_tables.sql' },
  { version: 2, name: 'derived views (catalog Appendix B)', file: '002_derived_views.sql' },
  { version: 3, name: 'workbench tables (synthetic truth)', file: '003_workbench.sql' },
  { version: 4, name: 'import log and quarantine', file: '004_import_log.sql' },
  { version: 5, name: 'raw OCDS releases', file: '005_ocds_release.sql' },
  { version: 6, name: 'model runs, hits and warnings', file: '006_model_runs.sql' },
  { version: 7, name: 'v_person_org_link by equi-joins', file: '007_person_org_link_equijoin.sql' },
  { version: 8, name: 'warning list view and region names', file: '008_warning_list.sql' },
  { version: 9, name: 'warning list: org pairs by hash join', file: '009_warning_list_pair_join.sql' },
  { version: 10, name: 'canonical keys checked by imports, without an index', file: '010_canonical_keys_without_index.sql' },
  { version: 11, name: 'OCDS red flags: views of the raw releases, quantiles and fences', file: '011_ocds_indicators.sql' },
  { version: 12, name: 'insurance spans per person and employer', file: '012_insurance_span.sql' },
  { version: 13, name: 'warning fingerprints as 128-bit numbers', file: '013_fingerprint_number.sql' },
  { version: 14, name: 'organisation links computed once per reading', file: '014_org_link_once.sql' },
  { version: 15, name: 'price statistics without ranking every bid', file: '015_price_stats_without_rank.sql' },
  { version: 16, name: 'warning content hash', file: '016_alert_content_hash.sql' },
  { version: 17, name: 'hits as records of contents stored once', file: '017_hit_content.sql' },
  { version: 18, name: 'model support tables; staff of each bid', file: '018_support_tables.sql' },
  { version: 19, name: 'OCDS tenderer count read without a failing cast', file: '019_ocds_tenderer_count.sql' },
  { version: 20, name: 'pre-aggregations for the slowest models', file: '020_model_preaggregations.sql' },
  { version: 21, name: 'OCDS bid amounts read without a failing cast', file: '021_ocds_bid_amount.sql' },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

function migrationSql(m: Migration): string {
  return readFileSync(new URL(`./migrations/${m.file}`, import.meta.url), 'utf8');
}

async function scalar(c: DuckDBConnection, sql: string): Promise<unknown> {
  const r = await c.runAndReadAll(sql);
  return r.getRows()[0]?.[0];
}

/** Bring the schema to LATEST_SCHEMA_VERSION; refuse a workspace written by a newer build. */
export async function migrate(c: DuckDBConnection, appVersion: string): Promise<{ from: number; to: number }> {
  await c.run(`CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, name VARCHAR, app_version VARCHAR, applied_at TIMESTAMP)`);
  const current = Number((await scalar(c, 'SELECT COALESCE(MAX(version), 0) FROM schema_version')) ?? 0);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new ClearsightError('version',
      `工作区架构版本 ${current} 高于本程序支持的 ${LATEST_SCHEMA_VERSION}，请升级明鉴后再打开 / ` +
      `workspace schema version ${current} is newer than this build supports (${LATEST_SCHEMA_VERSION}); upgrade Clearsight to open it`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    await c.run('BEGIN TRANSACTION');
    try {
      await c.run(migrationSql(m));
      const stmt = await c.prepare('INSERT INTO schema_version VALUES ($1, $2, $3, now()::TIMESTAMP)');
      stmt.bindInteger(1, m.version);
      stmt.bindVarchar(2, m.name);
      stmt.bindVarchar(3, appVersion);
      await stmt.run();
      await c.run('COMMIT');
    } catch (e) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw new ClearsightError('internal', `migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
    }
  }
  return { from: current, to: LATEST_SCHEMA_VERSION };
}
