import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importFiles, type ImportRequest } from '../../../electron/engine/import/import.ts';
import { orgIdFor } from '../../../electron/engine/import/org-identity.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

const fx = (p: string) => fileURLToPath(new URL(`../../fixtures/import/ocds/${p}`, import.meta.url));

describe('importing OCDS', () => {
  let ws: Workspace;
  const imp = (req: ImportRequest) => ws.tasks.run('import', (t) => importFiles(ws, req, t));
  before(async () => { ws = await Workspace.init(tempDir()); });
  after(async () => { await ws.close(); });

  test('a release package maps parties, tender, bids, award, contract, amendment and payment; raw releases are kept', async () => {
    const s = await imp({ paths: [fx('release-package.json')], format: 'ocds' });
    assert.deepEqual(Object.fromEntries(s.files.map((f) => [f.table, [f.rowsRead, f.rowsLoaded, f.rowsQuarantined]])), {
      organization: [4, 4, 0], tender: [1, 1, 0], lot: [1, 1, 0], bid: [2, 2, 0], award: [1, 1, 0], contract: [1, 1, 0],
      contract_amendment: [1, 1, 0], payment: [1, 1, 0],
    });
    const huaxin = orgIdFor('91330784MA2HX0001K', null);
    const t = await ws.conn.one<Record<string, string>>(`SELECT tender_id, title, procurement_method AS m, max_price_cny::VARCHAR AS max, bid_deadline::VARCHAR AS dl,
      buyer_org_id AS buyer, agency_org_id AS agency FROM tender`);
    assert.deepEqual(t, { tender_id: 'ocds-zj0001-2024-0007', title: '永康市第一中学改扩建工程', m: 'open', max: '3800000.00', dl: '2024-03-27 09:30:00',
      buyer: orgIdFor('11330784002617999X', null), agency: orgIdFor(null, '金华市正德招标代理有限公司') });
    const a = await ws.conn.one<Record<string, string>>(`SELECT supplier_org_id AS s, bid_id, award_value_cny::VARCHAR AS v FROM award`);
    assert.deepEqual(a, { s: huaxin, bid_id: 'ocds-zj0001-2024-0007/1', v: '3655000.00' });
    const k = await ws.conn.one<Record<string, string>>(`SELECT supplier_org_id AS s, sign_date::VARCHAR AS d FROM contract`);
    assert.deepEqual(k, { s: huaxin, d: '2024-04-20' });
    const raw = await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM ocds_release`);
    assert.equal(Number(raw!.n), 2);
  });

  test('compiled releases and record packages; a foreign currency and an unknown method are quarantined, not dropped', async () => {
    const s = await imp({ paths: [fx('compiled.jsonl'), fx('record-package.json')], format: 'ocds' });
    const by = Object.fromEntries(s.files.map((f) => [`${f.file.endsWith('.jsonl') ? 'jsonl' : 'json'}:${f.table}`, [f.rowsRead, f.rowsLoaded, f.rowsQuarantined]]));
    assert.deepEqual(by, { 'jsonl:tender': [2, 1, 1], 'jsonl:lot': [3, 2, 1], 'json:tender': [1, 1, 0], 'json:lot': [1, 1, 0] });
    for (const f of s.files) assert.equal(f.rowsRead, f.rowsLoaded + f.rowsQuarantined, `${f.file} ${f.table}`);
    const q = await ws.conn.all<{ row_no: number; value: string }>(`SELECT row_no, value FROM quarantine ORDER BY value`);
    assert.deepEqual(q.map((r) => `${r.row_no}:${r.value}`), ['1:150000 USD', '2:auction']);
  });

  test('the peer project\'s OCDS fixtures import (skipped: peer fixtures absent)', async (t) => {
    // Cardinal's indicator fixtures are OCDS compiled releases (its coverage fixtures are deliberately not OCDS).
    const dir = fileURLToPath(new URL('../../../../shared/peer-data/cardinal/tests/fixtures/indicators/', import.meta.url));
    if (!existsSync(dir)) return t.skip('skipped: peer fixtures absent');
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.jsonl'));
    if (files.length === 0) return t.skip('skipped: peer fixtures absent');
    const fresh = await Workspace.init(tempDir());
    let imported = 0;
    try {
      for (const f of files) {
        try {
          const s = await fresh.tasks.run('import', (task) => importFiles(fresh, { paths: [join(dir, f)], format: 'ocds', force: true }, task));
          for (const x of s.files) assert.equal(x.rowsRead, x.rowsLoaded + x.rowsQuarantined, `${f} ${x.table}`);
          imported++;
        } catch (e) {
          // Some fixtures hold deliberately invalid lines: those files are refused whole, naming the line.
          assert.ok((e as { code?: string; where?: { row?: number } }).code === 'bad_input' && (e as { where: { row?: number } }).where.row! > 0, String(e));
        }
      }
      assert.equal(imported, files.length, `${imported} of ${files.length} fixture files imported`);
    } finally {
      await fresh.close();
    }
  });
});
