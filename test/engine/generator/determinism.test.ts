// The generator's determinism, in a file of its own: three generations take a minute at demo scale, which
// with the demo province's other checks came close to the per-file time limit. A province of 3,000 tenders
// still spreads every table over many chunks, so that one thread and two split the work differently.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateProvince } from '../../../electron/engine/generator/index.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

async function generate(seed: number, threads?: number): Promise<Workspace> {
  const ws = await Workspace.init(tempDir(), { threads });
  await ws.tasks.run('generate', (t) => generateProvince(ws, { scale: '3000', seed }, t));
  return ws;
}

/** Fingerprints of the data tables (the system tables carry timestamps and have none). */
const fingerprints = async (ws: Workspace) =>
  Object.fromEntries((await ws.tables({ fingerprint: true })).filter((t) => t.fingerprint !== undefined).map((t) => [t.name, t.fingerprint]));

describe('synthetic province: determinism', () => {
  test('the same seed gives the same data on one thread as on all; another seed gives different data', async () => {
    const [a, b, c] = [await generate(7), await generate(7, 1), await generate(8)];
    try {
      const fa = await fingerprints(a);
      assert.ok(Object.keys(fa).length > 20);
      assert.deepEqual(await fingerprints(b), fa);
      const fc = await fingerprints(c);
      assert.notDeepEqual(fc.bid, fa.bid);
      assert.notDeepEqual(fc.organization, fa.organization);
    } finally {
      for (const ws of [a, b, c]) await ws.close();
    }
  });
});
