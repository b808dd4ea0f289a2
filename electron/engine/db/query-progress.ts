import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Run one long statement while reporting DuckDB's estimate of how far it has got (0–1), a few times a
 * second. The workspace enables the estimate (enable_progress_bar, without printing); statements DuckDB
 * cannot estimate simply report nothing until they finish.
 */
export async function withQueryProgress<T>(c: DuckDBConnection, onFraction: (f: number) => void, fn: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    const p = c.progress.percentage;
    // A cancelled task throws from its progress callback; the statement itself is interrupted elsewhere.
    try {
      if (p >= 0) onFraction(Math.min(1, p / 100));
    } catch { /* cancelled */ }
  }, 250);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}
