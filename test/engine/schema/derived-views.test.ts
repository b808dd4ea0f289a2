// The derived views the models share (catalog Appendix B, as later migrations compute them), on lots and
// organisations small enough to work out by hand.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

/** The sample standard deviation, and the catalog's skewness and excess kurtosis, computed in two passes. */
function moments(xs: number[]) {
  const n = xs.length;
  const mu = xs.reduce((a, x) => a + x, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mu) ** 2, 0) / (n - 1));
  const m3 = xs.reduce((a, x) => a + ((x - mu) / sd) ** 3, 0);
  const m4 = xs.reduce((a, x) => a + ((x - mu) / sd) ** 4, 0);
  return {
    sd, skew: (n / ((n - 1) * (n - 2))) * m3,
    kurt: ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * m4 - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)),
  };
}

const close = (a: number | null, b: number, what: string) => assert.ok(a !== null && Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} ≠ ${b}`);

describe('derived views', () => {
  let ws: Workspace;
  before(async () => { ws = await Workspace.init(tempDir()); });
  after(async () => { await ws.close(); });

  test('v_tender_price_stats: valid bids only, the lowest by price then submission time, the losing bids\' spread without it', async () => {
    await ws.conn.run(`INSERT INTO bid (bid_id, tender_id, lot_id, org_id, price_cny, status, submit_time) VALUES
      -- L1: two bids tie at the lowest price; B submitted first, so B is the lowest bidder and A's 100 is a losing bid.
      ('b1', 'T1', 'L1', 'A', 100, 'valid', '2025-03-01 10:00:00'),
      ('b2', 'T1', 'L1', 'B', 100, 'valid', '2025-03-01 09:00:00'),
      ('b3', 'T1', 'L1', 'C', 110, 'valid', '2025-03-01 08:00:00'),
      ('b4', 'T1', 'L1', 'D', 130, 'valid', '2025-03-01 08:30:00'),
      ('b5', 'T1', 'L1', 'E', 90, 'disqualified', '2025-03-01 08:00:00'),
      ('b6', 'T1', 'L1', 'F', 0, 'valid', '2025-03-01 08:00:00'),
      -- L4: the cheapest bid names no bidder: the lowest bidder named is the next one.
      ('b11', 'T2', 'L4', NULL, 50, 'valid', '2025-03-01 08:00:00'),
      ('b12', 'T2', 'L4', 'C', 60, 'valid', '2025-03-01 08:00:00'),
      -- L2: one bid. L3: three equal bids.
      ('b7', 'T1', 'L2', 'A', 500, 'valid', '2025-03-01 08:00:00'),
      ('b8', 'T2', 'L3', 'A', 70, 'valid', '2025-03-01 08:00:00'),
      ('b9', 'T2', 'L3', 'B', 70, 'valid', '2025-03-01 08:01:00'),
      ('b10', 'T2', 'L3', 'C', 70, 'valid', '2025-03-01 08:02:00')`);
    const rows = await ws.conn.all<Record<string, number | string | null>>(`SELECT lot_id, CAST(n AS INTEGER) AS n, CAST(b1 AS DOUBLE) AS b1, CAST(b2 AS DOUBLE) AS b2,
        CAST(bn AS DOUBLE) AS bn, sd, sd_losing, low_org_id, cv, rd, rd_alt, skew, kurt FROM v_tender_price_stats ORDER BY lot_id`);
    const [l1, l2, l3, l4] = rows;
    assert.deepEqual([l4!.b1, l4!.low_org_id], [50, 'C']);
    const all = moments([100, 100, 110, 130]);
    assert.deepEqual([l1!.n, l1!.b1, l1!.b2, l1!.bn, l1!.low_org_id], [4, 100, 100, 130, 'B']);
    close(l1!.sd as number, all.sd, 'sd');
    close(l1!.sd_losing as number, moments([100, 110, 130]).sd, 'sd_losing');
    close(l1!.skew as number, all.skew, 'skew');
    close(l1!.kurt as number, all.kurt, 'kurt');
    assert.equal(l1!.rd, 0);
    assert.deepEqual([l2!.n, l2!.b1, l2!.b2, l2!.sd, l2!.sd_losing, l2!.rd, l2!.skew, l2!.low_org_id], [1, 500, null, null, null, null, null, 'A']);
    assert.deepEqual([l3!.n, l3!.b2, l3!.sd, l3!.sd_losing, l3!.cv, l3!.rd, l3!.rd_alt, l3!.skew], [3, 70, 0, 0, 0, null, null, null]);
  });

  test('v_org_link_sym: each link once in each direction', async () => {
    await ws.conn.run(`INSERT INTO organization (org_id, legal_rep_person_id) VALUES ('O1', 'P1'), ('O2', 'P1'), ('O3', 'P2')`);
    await ws.conn.run(`INSERT INTO org_role (org_id, person_id, role) VALUES ('O3', 'P1', 'director')`);
    const rows = await ws.conn.all<{ a: string; b: string; t: string }>(`SELECT org_a AS a, org_b AS b, link_type AS t FROM v_org_link_sym ORDER BY ALL`);
    assert.deepEqual(rows.map((r) => `${r.a}-${r.b} ${r.t}`), [
      'O1-O2 SAME_LEGAL_REP', 'O1-O3 COMMON_PERSON', 'O2-O1 SAME_LEGAL_REP', 'O2-O3 COMMON_PERSON', 'O3-O1 COMMON_PERSON', 'O3-O2 COMMON_PERSON',
    ]);
  });
});
