import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { fileURLToPath } from 'node:url';
import { importFiles, type ImportRequest } from '../../../electron/engine/import/import.ts';
import { builtinProfiles } from '../../../electron/engine/import/mapping.ts';
import { orgIdFor } from '../../../electron/engine/import/org-identity.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

const fx = (p: string) => fileURLToPath(new URL(`../../fixtures/import/${p}`, import.meta.url));

describe('importing files with their own headings through mapping profiles', () => {
  let ws: Workspace;
  const imp = (req: ImportRequest) => ws.tasks.run('import', (t) => importFiles(ws, req, t));
  before(async () => { ws = await Workspace.init(tempDir()); });
  after(async () => { await ws.close(); });

  test('the built-in profiles are valid', () => {
    assert.deepEqual(builtinProfiles().map((p) => p.table).sort(), ['award', 'bid', 'organization']);
  });

  test('a registry extract: Chinese headings, 万元 capital, Chinese dates, status labels; an impossible date is quarantined', async () => {
    const s = await imp({ paths: [fx('mapped/registry.csv')], table: 'organization' });
    const f = s.files[0]!;
    assert.deepEqual([f.rowsRead, f.rowsLoaded, f.rowsQuarantined, f.mapping], [3, 2, 1, '工商登记信息 / business registry extract']);
    const org = await ws.conn.one<Record<string, string>>(`SELECT org_id, reg_capital_cny::VARCHAR AS cap, established_date::VARCHAR AS est, status, org_type, phone
      FROM organization WHERE uscc = '91330784MA2HX0001K'`);
    assert.deepEqual(org, { org_id: orgIdFor('91330784MA2HX0001K', null), cap: '50000000.00', est: '2015-03-02', status: 'active', org_type: 'company', phone: '057987123456' });
    const q = await ws.conn.one<{ row_no: number; reason: string }>(`SELECT row_no, reason FROM quarantine WHERE table_name = 'organization'`);
    assert.equal(Number(q!.row_no), 3);
    assert.match(q!.reason, /no such date: 2018\/2\/30/);
  });

  test('a GBK bid-opening record: bidders resolved by USCC, then by normalised name, new ones created', async () => {
    const s = await imp({ paths: [fx('mapped/开标记录.csv')], table: 'bid' });
    const f = s.files[0]!;
    // 正德 appears only on quarantined rows, so it is not created.
    assert.deepEqual([f.encoding, f.rowsRead, f.rowsLoaded, f.rowsQuarantined, f.orgsCreated], ['gb18030', 5, 3, 2, 1]);
    const bids = await ws.conn.all<{ org_id: string; price: string; at: string; status: string; phone: string }>(
      `SELECT org_id, price_cny::VARCHAR AS price, submit_time::VARCHAR AS at, status, contact_phone AS phone FROM bid ORDER BY price_cny`);
    assert.deepEqual(bids.map((b) => [b.price, b.at, b.status, b.phone]), [
      ['3655000.00', '2024-03-27 09:12:00', 'valid', '057987123456'],
      ['3712500.00', '2024-03-27 08:55:00', 'valid', '13805790001'],
      ['3800000.00', '2024-03-26 00:00:00', 'disqualified', '13905790002'],
    ]);
    // 华鑫 by its USCC and 恒泰 by its name (the registry wrote "永康 市…" with a space) are the registry's organisations.
    assert.equal(bids[0]!.org_id, orgIdFor('91330784MA2HX0001K', null));
    assert.equal(bids[1]!.org_id, orgIdFor(null, '永康市恒泰建筑工程有限公司'));
    const created = await ws.conn.all<{ name_norm: string }>(`SELECT name_norm FROM organization WHERE source LIKE '导入时新建%' ORDER BY 1`);
    assert.deepEqual(created.map((o) => o.name_norm), ['永康市(金城)市政工程有限公司']);
    const reasons = await ws.conn.all<{ row_no: number; column_name: string }>(`SELECT row_no, column_name FROM quarantine WHERE table_name = 'bid' ORDER BY row_no`);
    assert.deepEqual(reasons.map((r) => `${r.row_no}:${r.column_name}`), ['4:price_cny', '5:status']);
  });

  test('a registry extract after the bid records fills in the organisations they created, without duplicates', async () => {
    const fresh = await Workspace.init(tempDir());
    try {
      const run = (req: ImportRequest) => fresh.tasks.run('import', (t) => importFiles(fresh, req, t));
      await run({ paths: [fx('mapped/开标记录.csv')], table: 'bid' });
      const before = await fresh.conn.one<{ n: number }>(`SELECT count(*) AS n FROM organization`);
      const s = await run({ paths: [fx('mapped/registry.csv')], table: 'organization' });
      assert.deepEqual([s.files[0]!.rowsLoaded, s.files[0]!.rowsUpdated, s.files[0]!.rowsQuarantined], [2, 2, 1]);
      const after = await fresh.conn.one<{ n: number }>(`SELECT count(*) AS n FROM organization`);
      assert.equal(Number(after!.n), Number(before!.n), 'no organisation is added twice');
      const hengtai = await fresh.conn.one<Record<string, string>>(`SELECT reg_capital_cny::VARCHAR AS cap, org_type FROM organization WHERE org_id = $1`,
        [orgIdFor(null, '永康市恒泰建筑工程有限公司')]);
      assert.deepEqual(hengtai, { cap: '12005000.00', org_type: 'company' });
    } finally {
      await fresh.close();
    }
  });

  test('an award notice workbook: rows with an error cell or an uncalculated formula are quarantined, and create no organisation', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('中标公告');
    sheet.addRow(['项目编号', '中标人', '中标金额（元）', '公告日期']);
    sheet.addRow(['XT-2025-001', '金华市明远建设有限公司', 1234567.5, '2025年3月5日']);
    sheet.addRow(['XT-2025-002', '金华市错值建材有限公司', { error: '#N/A' }, '2025年3月6日']);
    sheet.addRow(['XT-2025-003', '金华市公式建材有限公司', { formula: 'B4*2' }, '2025年3月7日']);
    const path = join(tempDir(), '中标公告.xlsx');
    await book.xlsx.writeFile(path);
    const orgs0 = Number((await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM organization`))!.n);
    const s = await imp({ paths: [path], table: 'award' });
    const f = s.files[0]!;
    assert.deepEqual([f.rowsRead, f.rowsLoaded, f.rowsQuarantined, f.orgsCreated], [3, 1, 2, 1]);
    assert.equal(Number((await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM organization`))!.n), orgs0 + 1);
    const q = await ws.conn.all<{ row_no: number; column_name: string; reason: string }>(
      `SELECT row_no, column_name, reason FROM quarantine WHERE file = $1 ORDER BY row_no`, [path]);
    assert.deepEqual(q.map((r) => [Number(r.row_no), r.column_name]), [[3, '中标金额（元）'], [4, '中标金额（元）']]);
    assert.match(q[0]!.reason, /the cell has no value: #N\/A/);
  });

  test('a broken or wrong mapping profile is refused with the field named', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{"name": "x", "table": "bid", "columns": [{"from": [], "to": "price_cny"}]}');
    await assert.rejects(imp({ paths: [fx('mapped/开标记录.csv')], mapping: join(dir, 'bad.json'), force: true }), /columns\.0\.from/);
    writeFileSync(join(dir, 'wrong.json'), '{"name": "x", "table": "bid", "columns": [{"from": ["投标人名称"], "to": "bidder_name"}]}');
    await assert.rejects(imp({ paths: [fx('mapped/开标记录.csv')], mapping: join(dir, 'wrong.json'), force: true }), /bidder_name/);
    writeFileSync(join(dir, 'notjson.json'), '{name:');
    await assert.rejects(imp({ paths: [fx('mapped/开标记录.csv')], mapping: join(dir, 'notjson.json'), force: true }), /not valid JSON/);
  });
});
