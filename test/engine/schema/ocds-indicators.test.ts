// The statistics of migration 011 that Cardinal's indicators depend on to the last bit: Hyndman–Fan type 8
// quantiles (statrs) and fences rounded once (Rust's mul_add).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DOUBLE, LIST, listValue } from '@duckdb/node-api';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

/** x = m · 2^e exactly. */
function exact(x: number): { m: bigint; e: number } {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const bits = v.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return exp === 0 ? { m: sign * frac, e: -1074 } : { m: sign * ((1n << 52n) | frac), e: exp - 1075 };
}

/** c + 1.5·d computed exactly, then rounded once to the nearest double (ties to even): what fma gives. */
function fusedReference(d: number, c: number): number {
  const a = exact(d); const b = exact(c);
  const e = Math.min(a.e - 1, b.e);
  let n = (3n * a.m << BigInt(a.e - 1 - e)) + (b.m << BigInt(b.e - e));
  if (n === 0n) return 0;
  const neg = n < 0n;
  if (neg) n = -n;
  const shift = n.toString(2).length - 53;
  let exponent = e;
  if (shift > 0) {
    let q = n >> BigInt(shift);
    const r = n - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
    n = q;
    exponent += shift;
  }
  const out = Number(n) * 2 ** exponent;
  return neg ? -out : out;
}

describe('OCDS statistics (migration 011)', () => {
  let ws: Workspace;
  before(async () => { ws = await Workspace.init(tempDir()); });
  after(async () => { await ws.close(); });

  test('quantile_type8 is statrs\' quantile: h = (n + 1/3)·tau + 1/3', async () => {
    // statrs' own documented values for this data.
    const data = [-1, 5, 0, -3, 10, -0.5, 4, 0.2, 1, 6];
    const r = await ws.conn.exclusive(async (c) => (await c.runAndReadAll(`SELECT quantile_type8(x, 0) AS q0, quantile_type8(x, 1) AS q100,
        quantile_type8(x, 0.5) AS q50, quantile_type8(x, 0.2) AS q20, quantile_type8(x, 0.7) AS q70, quantile_type8(x, 0.01) AS q1,
        quantile_type8(x, 0.99) AS q99, quantile_type8(x, 0.52) AS q52, quantile_type8(x, 0.325) AS q325,
        quantile_type8([]::DOUBLE[], 0.5) AS empty, quantile_type8(x, 1.5) AS outside
      FROM (SELECT list_sort($x::DOUBLE[]) AS x)`, { x: listValue(data) }, { x: LIST(DOUBLE) })).getRowObjectsJS()[0] as Record<string, number | null>);
    assert.equal(r!.q0, -3);
    assert.equal(r!.q100, 10);
    assert.equal(r!.q70, 137 / 30);
    assert.equal(r!.q1, -3);
    assert.equal(r!.q99, 10);
    for (const [k, v] of [['q50', 3 / 5], ['q20', -4 / 5], ['q52', 287 / 375], ['q325', -37 / 240]] as const) assert.ok(Math.abs(r![k]! - v) < 1e-15, k);
    assert.equal(r!.empty, null);
    assert.equal(r!.outside, null);
  });

  test('the fences round c + 1.5·d once, as a fused multiply-add does (two roundings differ on some values)', async () => {
    let seed = 7;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const ds: number[] = []; const cs: number[] = [];
    for (let i = 0; i < 5000; i++) {
      ds.push((rnd() - 0.5) * 10 ** Math.floor(rnd() * 8 - 4));
      cs.push(i % 3 === 0 ? Math.round(rnd() * 100) / 100 : rnd() * 10 ** Math.floor(rnd() * 6 - 3));
    }
    const rows = await ws.conn.exclusive(async (c) => (await c.runAndReadAll(
      `SELECT fused_add_1_5(d, c) AS f, c + 1.5 * d AS naive FROM (SELECT unnest($d) AS d, unnest($c) AS c)`,
      { d: listValue(ds), c: listValue(cs) }, { d: LIST(DOUBLE), c: LIST(DOUBLE) })).getRowObjectsJS()) as Array<{ f: number; naive: number }>;
    let naiveDiffers = 0;
    rows.forEach((r, i) => {
      const want = fusedReference(ds[i]!, cs[i]!);
      assert.equal(r.f, want, `d=${ds[i]} c=${cs[i]}`);
      if (r.naive !== want) naiveDiffers++;
    });
    assert.ok(naiveDiffers > 0, 'the sample has values where two roundings differ');
    const f = await ws.conn.one<{ u: number; l: number }>(`SELECT iqr_upper_fence(0.1, 0.2) AS u, iqr_lower_fence(0.1, 0.2) AS l`);
    assert.deepEqual([f!.u, f!.l], [fusedReference(0.2 - 0.1, 0.2), fusedReference(0.1 - 0.2, 0.1)]);
  });
});
