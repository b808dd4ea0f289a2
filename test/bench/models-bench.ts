// Model figures for `npm run bench`: each model's time in the runner (median of three library runs), the
// whole library's time, and the runner's overhead against the same SQL run raw in the same process. The
// support tables are forgotten first, so the first library run computes them as a run after an import does;
// the next two find them current, as every run does until the data changes. Both are reported.
import { loadLibrary } from '../../electron/engine/models/library.ts';
import { bindingsFor, resolveParams, runModels, workspaceModelsDir } from '../../electron/engine/models/runner.ts';
import { planSharedViews } from '../../electron/engine/models/shared-views.ts';
import { clearSupportTables, dropSharedViews, provideSharedViews } from '../../electron/engine/models/support-tables.ts';
import type { Workspace } from '../../electron/engine/workspace/workspace.ts';

const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 1000) / 1000;

export async function modelsBench(ws: Workspace) {
  const library = loadLibrary(workspaceModelsDir(ws));
  const asOf = (await ws.meta()).data_as_of ?? '2025-12-31';
  const perModel = new Map<string, number[]>();
  const perView = new Map<string, number[]>();
  const built: Record<string, number> = {};
  const totals: number[] = [];
  let status: Record<string, string> = {};
  await ws.conn.exclusive((c) => clearSupportTables(c));
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`… models bench: library run ${i + 1} of ${RUNS}\n`);
    const t0 = performance.now();
    const s = await ws.tasks.run('run', (t) => runModels(ws, { asOf }, t));
    totals.push((performance.now() - t0) / 1000);
    for (const m of s.models) perModel.set(m.model_id, [...(perModel.get(m.model_id) ?? []), m.seconds]);
    for (const v of s.shared_views) {
      if (v.reused) perView.set(v.view, [...(perView.get(v.view) ?? []), v.seconds]);
      else built[v.view] = round(v.seconds);
    }
    status = Object.fromEntries(s.models.map((m) => [m.model_id, m.status]));
  }
  // Raw: the same SQL with the same bound values and settings, materialised the same way, without the
  // runner's checks, stored hits or warnings.
  process.stderr.write('… models bench: raw SQL\n');
  const { bound } = resolveParams(library, {});
  const applicable = library.filter((x) => status[x.id] === 'ok');
  const rawRun = async (shareViews: boolean) => {
    const t0 = performance.now();
    await ws.conn.exclusive(async (c) => {
      await c.run('SET preserve_insertion_order = false');
      const shared = shareViews ? await planSharedViews(c, applicable.map((m) => m.sql)) : [];
      await provideSharedViews(c, shared);
      for (const m of applicable) {
        const b = bindingsFor(m, bound.get(m.id)!, asOf);
        await c.run(`CREATE OR REPLACE TEMP TABLE _raw_hits AS ${m.sql}`, b.values, b.types);
        await c.run('DROP TABLE temp._raw_hits');
      }
      await dropSharedViews(c, shared.map((s) => s.view));
      await c.run('RESET preserve_insertion_order');
    });
    return (performance.now() - t0) / 1000;
  };
  // Twice: each model's SQL alone, and the same SQL reading the shared views as the runner does (their
  // support tables current), so that the overhead ratio is the runner's own work (checks, hits, warnings).
  const raw: number[] = [];
  const rawShared: number[] = [];
  for (let i = 0; i < RUNS; i++) rawShared.push(await rawRun(true));
  raw.push(await rawRun(false)); // for reference only: once
  const models = Object.fromEntries([...perModel].map(([id, xs]) => [id, { status: status[id], median_s: round(median(xs)), runs_s: xs.map(round) }]));
  const slowest = Object.entries(models).sort((a, b) => b[1].median_s - a[1].median_s)[0];
  const library_s = median(totals);
  const raw_s = median(rawShared);
  return {
    models: Object.keys(models).length,
    applicable: Object.values(models).filter((m) => m.status === 'ok').length,
    library_median_s: round(library_s),
    library_runs_s: totals.map(round),
    // The first run computed the support tables (built_s); the others only checked they were current.
    library_first_run_after_data_change_s: round(totals[0]!),
    raw_sql_without_shared_views_s: round(raw[0]!),
    raw_sql_median_s: round(raw_s),
    runner_overhead_ratio: round((library_s - raw_s) / raw_s),
    slowest_model: slowest ? { id: slowest[0], median_s: slowest[1].median_s } : null,
    // Each model's seconds are its own query's; the derived views it shares with others are computed once
    // before the models into support tables (built_s, in the first run), which later runs check and read.
    shared_views: { built_s: built, checked_median_s: Object.fromEntries([...perView].map(([v, xs]) => [v, round(median(xs))])) },
    per_model: models,
    checks: {
      library_at_most_60s: library_s <= 60,
      every_model_at_most_3s_median: Object.values(models).every((m) => m.median_s <= 3),
      runner_overhead_at_most_10pct: (library_s - raw_s) / raw_s <= 0.10,
    },
  };
}
