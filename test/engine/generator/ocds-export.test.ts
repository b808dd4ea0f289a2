import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateProvince } from '../../../electron/engine/generator/index.ts';
import { exportOcdsReleases } from '../../../electron/engine/generator/ocds-export.ts';
import { defaultCardinalSettings } from '../../../electron/engine/ocds/cardinal-settings.ts';
import { ocdsFlags } from '../../../electron/engine/ocds/flags.ts';
import { TaskHub } from '../../../electron/engine/tasks.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('the synthetic province as OCDS compiled releases', () => {
  let ws: Workspace;
  before(async () => {
    ws = await Workspace.init(tempDir(), { memoryLimit: '1GB', threads: 2 });
    await ws.tasks.run('generate', (t) => generateProvince(ws, { scale: '5000', seed: 7 }, t));
  });
  after(async () => { await ws.close(); });

  test('one release per tender, with its parties, tender period, bids and awards, as Cardinal reads them', async () => {
    const file = join(tempDir(), 'releases.jsonl');
    assert.equal(await exportOcdsReleases(ws.conn, file, 200), 200);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    assert.equal(lines.length, 200);
    const t = await ws.conn.one<{ tender_id: string; bids: number }>(`SELECT t.tender_id, count(b.bid_id) AS bids FROM tender t
      LEFT JOIN bid b USING (tender_id) GROUP BY t.tender_id ORDER BY t.tender_id LIMIT 1`);
    const first = lines[0]!;
    assert.equal(first.tender.id, t!.tender_id);
    assert.equal(first.bids.details.length, Number(t!.bids));
    assert.match(first.tender.tenderPeriod.endDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    assert.ok(lines.every((r) => typeof r.ocid === 'string' && Array.isArray(r.parties) && Array.isArray(r.awards)));

    const run = await new TaskHub().run('run', (task) => ocdsFlags(file, defaultCardinalSettings(), task, () => assert.fail('no line is skipped')));
    assert.equal(run.releases.releases, 200);
    assert.ok(Object.keys(run.results.OCID ?? {}).length > 0, 'the province raises some OCDS red flags');

    // Written in batches of tenders (a bench province at once does not fit in memory): the same file.
    const batched = join(tempDir(), 'batched.jsonl');
    assert.equal(await exportOcdsReleases(ws.conn, batched, 200, 64), 200);
    assert.equal(readFileSync(batched, 'utf8'), readFileSync(file, 'utf8'));
  });
});
