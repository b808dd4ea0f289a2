// Grid page time at bench scale, through the same ApiService the UI calls: pages of 100 bids at the start,
// the middle and the end, plain, sorted, filtered, and both. Each figure is the median of several reads of
// the page (the count is asked once per filter, as the grid does, and reported apart). A sort's first deep
// page builds its kept order (grid-page.ts): that one request is first_sorted_ms, apart from the medians;
// start_ms is read before it (the top-N path), middle_ms and end_ms after (the kept order).
import type { TablePage } from '../../electron/contract/api.ts';
import { ApiService } from '../../electron/engine/api/service.ts';
import type { Workspace } from '../../electron/engine/workspace/workspace.ts';

const REPEAT = 5;
const TARGET_MS = 100;

const CASES = {
  plain: { sortModel: [], filterModel: {} },
  sorted: { sortModel: [{ colId: 'price_cny', sort: 'desc' }], filterModel: {} },
  filtered: { sortModel: [], filterModel: { status: { filterType: 'text', type: 'equals', filter: 'valid' } } },
  sorted_filtered: { sortModel: [{ colId: 'price_cny', sort: 'desc' }], filterModel: { price_cny: { filterType: 'number', type: 'greaterThan', filter: 1_000_000 } } },
} as const;

export async function gridBench(ws: Workspace) {
  const api = new ApiService(ws);
  try {
    const out: Record<string, { rows: number; count_ms: number; start_ms: number; middle_ms: number; end_ms: number; first_sorted_ms?: number }> = {};
    for (const [name, c] of Object.entries(CASES)) {
      const call = async (startRow: number) => {
        const t0 = performance.now();
        const r = await api.call('tablePage', { table: 'bid', startRow, endRow: startRow + 100, ...c });
        if (!r.ok) throw new Error(`grid bench ${name}: ${r.error.message}`);
        return { ms: performance.now() - t0, page: r.value as TablePage };
      };
      // The first call counts the matching rows (once per filter), then reads its page.
      const first = await call(0);
      const total = first.page.totalRows;
      const firstPageOnly = (await call(0)).ms;
      const median = async (startRow: number) => {
        const ms: number[] = [];
        for (let i = 0; i < REPEAT; i++) {
          const r = await call(startRow);
          if (r.page.rows.length !== Math.min(100, total - startRow)) throw new Error(`grid bench ${name}: ${r.page.rows.length} rows at ${startRow}`);
          ms.push(r.ms);
        }
        return Math.round(ms.sort((a, b) => a - b)[Math.floor(REPEAT / 2)]! * 10) / 10;
      };
      const middle = Math.floor(total / 200) * 100;
      const end = Math.max(0, total - 100);
      const start_ms = await median(0);
      const first_sorted_ms = c.sortModel.length > 0 ? Math.round((await call(middle)).ms) : undefined;
      out[name] = {
        rows: total, count_ms: Math.round(first.ms - firstPageOnly), start_ms, middle_ms: await median(middle), end_ms: await median(end),
        ...(first_sorted_ms === undefined ? {} : { first_sorted_ms }),
      };
      process.stderr.write(`… grid ${name}: ${JSON.stringify(out[name])}\n`);
    }
    const all = Object.values(out).flatMap((x) => [x.start_ms, x.middle_ms, x.end_ms]);
    return {
      table: 'bid', page_rows: 100, repeat: REPEAT, target_ms: TARGET_MS, cases: out,
      checks: {
        grid_plain_pages_le_100ms: [out.plain!.start_ms, out.plain!.middle_ms, out.plain!.end_ms].every((x) => x <= TARGET_MS),
        grid_first_sorted_filtered_page_le_100ms: out.sorted_filtered!.start_ms <= TARGET_MS,
        grid_sorted_pages_le_100ms: [out.sorted!, out.sorted_filtered!].every((x) => [x.start_ms, x.middle_ms, x.end_ms].every((ms) => ms <= TARGET_MS)),
      },
      worst_ms: Math.max(...all),
    };
  } finally {
    api.close();
  }
}
