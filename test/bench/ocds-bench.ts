// OCDS figures for `npm run bench`: the synthetic province exported as OCDS compiled releases (one per
// tender, streamed to a file), then Cardinal's eleven indicators over that file as `clearsight ocds-flags`
// runs them (a fresh temporary workspace): loading, the indicators, each indicator's own query, and the
// process's memory. BENCH_OCDS_RELEASES sets the number of releases (default 1,000,000; at most one per tender).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportOcdsReleases } from '../../electron/engine/generator/ocds-export.ts';
import { defaultCardinalSettings } from '../../electron/engine/ocds/cardinal-settings.ts';
import { ocdsFlags } from '../../electron/engine/ocds/flags.ts';
import { TaskHub } from '../../electron/engine/tasks.ts';
import type { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { peakRssMb, resetPeakRss, rssMb } from './import-bench.ts';

const round = (x: number) => Math.round(x * 1000) / 1000;

export async function ocdsBench(ws: Workspace) {
  const wanted = Number(process.env.BENCH_OCDS_RELEASES ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'clearsight-bench-ocds-'));
  try {
    const file = join(dir, 'releases.jsonl');
    process.stderr.write(`… OCDS bench: exporting up to ${wanted.toLocaleString('en-US')} compiled releases\n`);
    const t0 = performance.now();
    const releases = await exportOcdsReleases(ws.conn, file, wanted);
    const exportS = (performance.now() - t0) / 1000;
    process.stderr.write(`… OCDS bench: the eleven indicators over ${releases.toLocaleString('en-US')} releases\n`);
    resetPeakRss();
    const before = rssMb();
    const t1 = performance.now();
    const run = await new TaskHub().run('run', (t) => ocdsFlags(file, defaultCardinalSettings(), t, () => undefined));
    const total = (performance.now() - t1) / 1000;
    const flagged = Object.fromEntries(run.indicators.map((code) => [code, Object.fromEntries(Object.entries(run.results)
      .map(([group, ids]) => [group, Object.values(ids).filter((codes) => code in codes).length]).filter(([, n]) => n !== 0))]));
    return {
      releases,
      file_mb: Math.round(statSync(file).size / 2 ** 20),
      export_s: round(exportS),
      load_s: round(run.seconds.load),
      indicators_s: round(run.seconds.indicators),
      total_s: round(total),
      releases_per_s: Math.round(releases / total),
      per_indicator_s: Object.fromEntries(Object.entries(run.seconds.each).map(([k, v]) => [k, round(v!)])),
      flagged,
      memory_mb: { before, peak: peakRssMb() },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
