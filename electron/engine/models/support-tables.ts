import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rowsOf } from '../db/rows.ts';
import { inTransaction, retryingInterrupt } from '../db/serial-connection.ts';
import { debugTiming } from '../debug-timing.ts';
import { quoteIdent } from '../db/sql.ts';
import { macroBodies, namesWord, readsWholeRow, viewDefinitions, withMacroBodies, type SharedView } from './shared-views.ts';

/** How a run came by one shared view. */
export interface ProvidedView {
  view: string;
  /**
   * The time it took: building the support table, or only checking that the kept one is current. The first
   * view's time also holds the checksums of every view's data, computed together (one scan of each table).
   */
  seconds: number;
  /** Whether the support table kept from an earlier run was current and read as it was. */
  reused: boolean;
}

/**
 * Model support tables (模型支撑表): a derived view the models read is computed into a table of
 * the workspace's `support` schema and kept there (migration 18). A later run reads it again as long as its
 * stamp holds, which covers the view definitions it was computed from and a checksum (row count and sum of
 * row hashes) of every column of the canonical tables those definitions name: any change of that data, by
 * import or by hand, makes the run compute it again. The checksum of a table costs about 0.5 s per 10
 * million rows; computing the views cost 12 s per run at bench scale.
 *
 * For the run, each view is then shadowed by a temporary view of the same name over its support table, which
 * the models' unqualified references (and the views built on it) resolve to; dropSharedViews removes them. A
 * workspace opened read-only computes them as temporary tables, as before.
 */
export async function provideSharedViews(c: DuckDBConnection, plan: SharedView[],
  onEach?: (done: number) => void): Promise<ProvidedView[]> {
  const readOnly = (await rowsOf<{ r: boolean }>(c, `SELECT readonly AS r FROM duckdb_databases() WHERE database_name = current_database()`))[0]?.r === true;
  const stamps = readOnly ? null : new Stamps(c);
  let t0 = Date.now();
  await stamps?.prepare(plan.map((s) => s.view));
  debugTiming(t0, 'checksums of the shared views\' data');
  const out: ProvidedView[] = [];
  for (const s of plan) {
    if (out.length > 0) t0 = Date.now();
    let reused = false;
    if (stamps === null) {
      const cols = s.columns === null || s.columns.length === 0 ? '*' : s.columns.map(quoteIdent).join(', ');
      await c.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(s.view)} AS SELECT ${cols} FROM main.${quoteIdent(s.view)}`);
    } else {
      const stamp = await stamps.of(s.view);
      const kept = (await rowsOf<{ stamp: string; columns: string[] | null }>(c,
        `SELECT stamp, columns FROM support.registry WHERE view_name = $1`, [s.view]))[0];
      const current = kept?.stamp === stamp;
      reused = current && (kept.columns === null || (s.columns !== null && s.columns.every((x) => kept.columns!.includes(x))));
      if (!reused) {
        // Still current but short of a column this run's models name: keep the old columns too, so that runs of
        // different models do not take turns rebuilding it.
        const columns = s.columns === null || (current && kept.columns === null) ? null
          : [...new Set([...(current ? kept.columns! : []), ...s.columns])];
        await build(c, s.view, columns, stamp, t0);
      }
      await c.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(s.view)} AS SELECT * FROM support.${quoteIdent(s.view)}`);
    }
    out.push({ view: s.view, seconds: (Date.now() - t0) / 1000, reused });
    debugTiming(t0, `shared view ${s.view}${reused ? ' (support table kept)' : ''}`);
    onEach?.(out.length);
  }
  return out;
}

/** Remove what provideSharedViews put in the run's way: the temporary view or table of each shared view. */
export async function dropSharedViews(c: DuckDBConnection, views: string[]): Promise<void> {
  // Both kinds, each statement again if a cancel's interrupt hits it (no catalog query first: it could be
  // interrupted too, and leave them). Dropping the kind a name is not fails, and is let be.
  for (const v of views) {
    await retryingInterrupt(() => c.run(`DROP VIEW IF EXISTS temp.${quoteIdent(v)}`));
    await retryingInterrupt(() => c.run(`DROP TABLE IF EXISTS temp.${quoteIdent(v)}`));
  }
}

/** Forget every support table, so that the next run computes each again (the bench measures that run). */
export async function clearSupportTables(c: DuckDBConnection): Promise<void> {
  await inTransaction(c, async () => {
    for (const r of await rowsOf<{ v: string }>(c, `SELECT view_name AS v FROM support.registry`)) {
      await c.run(`DROP TABLE IF EXISTS support.${quoteIdent(r.v)}`);
    }
    await c.run(`DELETE FROM support.registry`);
  });
}

async function build(c: DuckDBConnection, view: string, columns: string[] | null, stamp: string, t0: number): Promise<void> {
  const cols = columns === null || columns.length === 0 ? '*' : columns.map(quoteIdent).join(', ');
  await inTransaction(c, async () => {
    await c.run(`CREATE OR REPLACE TABLE support.${quoteIdent(view)} AS SELECT ${cols} FROM main.${quoteIdent(view)}`);
    await c.run(`INSERT OR REPLACE INTO support.registry VALUES ($1, $2, $3::VARCHAR[], (SELECT count(*) FROM support.${quoteIdent(view)}),
      now()::TIMESTAMP, $4)`, [view, stamp, columns === null ? null : JSON.stringify(columns), (Date.now() - t0) / 1000]);
  });
}

/**
 * The stamps of the views of one run. A view's stamp hashes its definition and those of the views it reads,
 * and the checksum of the columns of each canonical table their text names: each column named as a word
 * there or among the view's own columns, every column when the text may read the table's whole row. (An
 * over-estimate: a column named only as another table's costs a little more checksum, never a stale table.)
 */
class Stamps {
  private defs?: Map<string, string>;
  private macros?: Map<string, string>;
  private tables?: Map<string, string[]>;
  private version?: string;
  private sums = new Map<string, string>();
  private trees = new Map<string, string>();

  constructor(private c: DuckDBConnection) {}

  /** Compute the checksums the views' stamps need: one scan of each table for all of them. */
  async prepare(views: string[]): Promise<void> {
    const wanted = new Map<string, string[][]>();
    for (const v of views) {
      for (const [table, cols] of (await this.inputs(v)).tables) {
        const sets = wanted.get(table) ?? [];
        if (!sets.some((x) => x.join(',') === cols.join(',')) && !this.sums.has(key(table, cols))) sets.push(cols);
        wanted.set(table, sets);
      }
    }
    for (const [table, sets] of wanted) if (sets.length > 0) await this.sum(table, sets);
  }

  async of(view: string): Promise<string> {
    const { text, tables } = await this.inputs(view);
    // text: the views' syntax trees and the macro bodies they call; tables: the columns read of each table.
    const h = createHash('sha256').update(this.version!).update(`\n${text}`);
    for (const [table, cols] of tables) h.update(`\n${key(table, cols)}=${await this.checksum(table, cols)}`);
    return h.digest('hex');
  }

  /** The views a view is built from (itself included), and the columns of each canonical table they read. */
  private async inputs(view: string): Promise<{ text: string; tables: Array<[string, string[]]> }> {
    if (this.defs === undefined) await this.load();
    const defs = this.defs!;
    // Every view named in the text, whatever its name, and the bodies of the macros it calls.
    const chain = new Set([view]);
    for (const v of chain) for (const w of defs.keys()) if (!chain.has(w) && namesWord(defs.get(v) ?? '', w)) chain.add(w);
    const order = [...chain].sort();
    const views = order.map((v) => defs.get(v) ?? '').join('\n');
    const text = withMacroBodies(views, this.macros!);
    const trees: string[] = [];
    for (const v of order) trees.push(await this.parsed(v));
    // The stamp's text: the trees, then the bodies of the macros the views call.
    const stamped = `${trees.join('\n')}${text.slice(views.length)}`;
    const own = (await rowsOf<{ n: string }>(this.c, `SELECT column_name AS n FROM duckdb_columns()
      WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1`, [view])).map((r) => r.n);
    const tables: Array<[string, string[]]> = [];
    for (const [table, all] of [...this.tables!].sort(([a], [b]) => a.localeCompare(b))) {
      if (!namesWord(text, table)) continue;
      const cols = readsWholeRow(text, table) ? all : all.filter((x) => namesWord(text, x) || own.includes(x));
      // A view that reads rowid (the order rows came in: v_ocds_process) depends on it too.
      tables.push([table, namesWord(text, 'rowid') ? [...cols, 'rowid'] : cols]);
    }
    return { text: stamped, tables };
  }

  /**
   * A view's definition as DuckDB parses it (its syntax tree, without positions in the text), for the stamp:
   * the text DuckDB gives back for a view is the one written in the process that created it, and its own
   * rendering after the workspace is opened again, which would make every view a migration creates look
   * changed once. Falls back to the text if it does not parse on its own.
   */
  private async parsed(view: string): Promise<string> {
    const cached = this.trees.get(view);
    if (cached !== undefined) return cached;
    const sql = this.defs!.get(view) ?? '';
    const body = sql.replace(/^\s*CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+\S+\s+AS\s+/i, '').replace(/;\s*$/, '');
    const tree = (await rowsOf<{ j: string }>(this.c, `SELECT json_serialize_sql($1::VARCHAR) AS j`, [body]))[0]!.j;
    const out = /"error"\s*:\s*true/.test(tree) ? sql : tree.replace(/"query_location":\d+,?/g, '');
    this.trees.set(view, out);
    return out;
  }

  private async load(): Promise<void> {
    this.defs = await viewDefinitions(this.c);
    this.macros = await macroBodies(this.c);
    this.tables = new Map((await rowsOf<{ t: string; cols: string[] }>(this.c, `SELECT table_name AS t, list(column_name ORDER BY column_index) AS cols
      FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'
        AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main')
      GROUP BY table_name`)).map((r) => [r.t, r.cols]));
    this.version = (await rowsOf<{ v: string }>(this.c, `SELECT version() AS v`))[0]!.v;
  }

  /** The checksum of the columns: row count and sum of row hashes (prepare computes a run's at once). */
  private async checksum(table: string, cols: string[]): Promise<string> {
    if (!this.sums.has(key(table, cols))) await this.sum(table, [cols]);
    return this.sums.get(key(table, cols))!;
  }

  /** Row count and the sum of row hashes of each set of columns, in one scan of the table. */
  private async sum(table: string, sets: string[][]): Promise<void> {
    const row = (await rowsOf<Record<string, string>>(this.c, `SELECT count(*)::VARCHAR AS n,
      ${sets.map((cols, i) => `COALESCE(${cols.length === 0 ? 'NULL' : `sum(hash(${cols.map((x) => (x === 'rowid' ? 'rowid' : quoteIdent(x))).join(', ')}))`}::VARCHAR, '') AS s${i}`).join(', ')}
      FROM main.${quoteIdent(table)}`))[0]!;
    sets.forEach((cols, i) => this.sums.set(key(table, cols), `${row.n}:${row[`s${i}`]}`));
  }
}

const key = (table: string, cols: string[]) => `${table}(${cols.join(',')})`;
