// `npm run bench`: bench-scale figures as one JSON report (stdout); progress on stderr.
// Synthetic-province generation at bench scale, rows per table, a raw DuckDB scan baseline, and import speed
// against DuckDB's own read_csv (see import-bench.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProvince } from '../../electron/engine/generator/index.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { importBench } from './import-bench.ts';

const scale = process.env.BENCH_SCALE ?? 'bench';
const dir = process.env.BENCH_WORKSPACE ?? mkdtempSync(join(tmpdir(), 'clearsight-bench-'));
const keep = process.env.BENCH_KEEP === '1' || process.env.BENCH_WORKSPACE !== undefined;

const ws = await Workspace.init(dir);
try {
  ws.tasks.subscribe((e) => { if (e.state === 'running' && e.done === 0) process.stderr.write(`… ${e.step.en}\n`); });
  const gen = await ws.tasks.run('generate', (t) => generateProvince(ws, { scale, seed: 7, replace: true }, t));

  // Raw baseline: DuckDB scanning and aggregating the bid table, the figure later speeds are compared with.
  const t0 = performance.now();
  const scan = await ws.conn.one<{ n: number; s: string }>(
    `SELECT count(*) AS n, sum(price_cny)::VARCHAR AS s FROM bid WHERE status = 'valid'`);
  const scanMs = performance.now() - t0;
  const t1 = performance.now();
  await ws.conn.one(`SELECT count(*) FROM (SELECT tender_id, lot_id, stddev_samp(price_cny) / avg(price_cny) AS cv FROM bid GROUP BY 1, 2)`);
  const groupMs = performance.now() - t1;

  const report = {
    generated_at: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version },
    generation: { scale: gen.scale, seed: gen.seed, seconds: gen.seconds, bids: gen.rows.bid, tenders: gen.rows.tender, truth: gen.truth },
    rows: gen.rows,
    baseline: { bid_scan_ms: Math.round(scanMs), bid_scan_rows: Number(scan?.n ?? 0), lot_cv_groupby_ms: Math.round(groupMs) },
    import: process.env.BENCH_SKIP_IMPORT === '1' ? null : await importBench(ws, mkdtempSync(join(tmpdir(), 'clearsight-bench-import-'))),
    // The bar for the bench scale: about 8,000,000 bids, at least 7,500,000.
    checks: scale === 'bench' ? { bids_at_least_7_5M: (gen.rows.bid ?? 0) >= 7_500_000 } : {},
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (Object.values(report.checks).includes(false)) {
    process.stderr.write('bench: a check failed (see "checks")\n');
    process.exitCode = 1;
  }
} finally {
  await ws.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
