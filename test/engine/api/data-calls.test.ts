// The Data screen's calls through ApiService on a real workspace: preview, file chooser, import with progress
// and its quarantine, batches, mapping profiles, export of the grid's view.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TablePage, TaskProgress } from '../../../electron/contract/api.ts';
import type { DirListing, ExportResult, ImportBatchInfo, ImportPreview, ImportResult, SavedProfile } from '../../../electron/contract/data.ts';
import type { Result } from '../../../electron/contract/result.ts';
import { ApiService } from '../../../electron/engine/api/service.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { REPO_ROOT } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';

const FIX = join(REPO_ROOT, 'test', 'fixtures', 'import');
const value = <T>(r: Result<unknown>): T => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.value as T;
};
const error = (r: Result<unknown>) => {
  assert.ok(!r.ok, `expected an Err, got ${JSON.stringify(r).slice(0, 300)}`);
  return r.error;
};

describe('ApiService: Data screen calls', () => {
  let ws: Workspace;
  let api: ApiService;
  let dir: string;

  before(async () => {
    ws = await Workspace.init(tempDir(), { memoryLimit: '1GB', threads: 2 });
    api = new ApiService(ws);
    dir = tempDir();
  });
  after(async () => {
    api.close();
    await ws.close();
  });

  test('preview of a GBK CSV: Chinese headings decoded, the bid-opening profile suggested, rows mapped (nothing written)', async () => {
    const orgsBefore = (await ws.conn.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM organization'))!.n;
    const p = value<ImportPreview>(await api.call('importPreview', { path: join(FIX, 'mapped', '开标记录.csv') }));
    assert.equal(p.format, 'csv');
    assert.equal(p.encoding, 'gb18030');
    assert.equal(p.delimiter, ',');
    assert.equal(p.headerRow, 1);
    assert.ok(p.headings.includes('项目编号') && p.headings.includes('投标人名称'), p.headings.join(','));
    assert.equal(p.table, 'bid');
    assert.equal(p.canonical, false);
    assert.match(p.profile!.name, /开标记录/);
    assert.ok(p.rows.length > 0 && p.rows[0]![0] === 'ZJ2024-0001', JSON.stringify(p.rows[0]));
    assert.ok(p.mapped && p.mapped.columns.includes('price_cny') && p.mapped.rows.length > 0, JSON.stringify(p.mapped));
    // 365.5 万元 → 3,655,000 yuan.
    assert.ok(p.mapped!.rows.some((r) => r[p.mapped!.columns.indexOf('price_cny')] === '3655000.00' || r[p.mapped!.columns.indexOf('price_cny')] === '3655000'),
      JSON.stringify(p.mapped!.rows.map((r) => r[p.mapped!.columns.indexOf('price_cny')])));
    assert.equal((await ws.conn.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM organization'))!.n, orgsBefore, 'the preview created no organisation');
  });

  test('preview of a malformed file: an Err naming the file', async () => {
    const e = error(await api.call('importPreview', { path: join(FIX, 'malformed.jsonl') }));
    assert.equal(e.code, 'bad_input');
    assert.match(e.message, /malformed\.jsonl/);
    assert.equal(e.file, join(FIX, 'malformed.jsonl'));
    const truncated = error(await api.call('importPreview', { path: join(FIX, 'xlsx', 'truncated.xlsx') }));
    assert.match(truncated.message, /truncated\.xlsx/);
    const missing = error(await api.call('importPreview', { path: join(dir, 'nope.csv') }));
    assert.match(missing.message, /找不到文件 \/ no such file: .*nope\.csv/);
  });

  test('preview of a file with the wrong delimiter warns before the import fails', async () => {
    const p = value<ImportPreview>(await api.call('importPreview', { path: join(FIX, 'wrong-delimiter.csv'), table: 'organization' }));
    assert.equal(p.sniffedDelimiter, ';');
    assert.ok(p.warnings.some((w) => /分隔符/.test(w)), p.warnings.join('\n'));
  });

  test('file chooser: folders first with sizes; a path that does not exist is refused clearly', async () => {
    writeFileSync(join(dir, 'b.csv'), 'x\n1\n');
    const l = value<DirListing>(await api.call('listDirectory', { path: FIX }));
    assert.equal(l.path, FIX);
    assert.equal(l.entries[0]!.kind, 'dir');
    const f = l.entries.find((x) => x.name === 'malformed.jsonl')!;
    assert.equal(f.kind, 'file');
    assert.ok(f.size! > 0);
    assert.equal(value<DirListing>(await api.call('listDirectory', {})).path, ws.layout.root, 'starts at the workspace');
    const e = error(await api.call('listDirectory', { path: join(dir, 'no-such-folder') }));
    assert.equal(e.code, 'not_found');
    assert.match(e.message, /找不到文件夹 \/ no such folder: .*no-such-folder/);
    assert.match(error(await api.call('listDirectory', { path: join(dir, 'b.csv') })).message, /不是文件夹 \/ not a folder/);
    assert.equal(error(await api.call('listDirectory', { path: 'relative/../x'.repeat(0) })).code, 'usage', 'an empty path is malformed');
  });

  let batch = '';
  test('run an import: progress under the client task id, one bad row quarantined with its row number and reason', async () => {
    const csv = join(dir, 'tender.csv');
    writeFileSync(csv, 'tender_id,title,est_value_cny\nT1,道路工程,1000.50\nT2,学校改造,abc\nT3,河道整治,3000\n');
    const events: TaskProgress[] = [];
    const stop = api.onProgress((e) => events.push(e));
    const r = value<ImportResult>(await api.call('runImport', { taskId: 'imp-1', paths: [csv] }));
    stop();
    assert.deepEqual(r.files.map((f) => [f.table, f.rowsRead, f.rowsLoaded, f.rowsQuarantined]), [['tender', 3, 2, 1]]);
    assert.ok(events.length > 0 && events.every((e) => e.taskId === 'imp-1' && e.kind === 'import'));
    assert.equal(events.at(-1)!.state, 'done');
    batch = r.batchId;
    const q = value<TablePage>(await api.call('quarantinePage', { batchId: batch, startRow: 0, endRow: 100 }));
    assert.equal(q.totalRows, 1);
    assert.equal(Number(q.rows[0]!.row_no), 2);
    assert.equal(q.rows[0]!.column_name, 'est_value_cny');
    assert.equal(q.rows[0]!.value, 'abc');
    assert.ok(String(q.rows[0]!.reason).length > 0);
    assert.equal(value<TablePage>(await api.call('quarantinePage', { batchId: 'imp-other', startRow: 0, endRow: 100 })).totalRows, 0);
    const batches = value<ImportBatchInfo[]>(await api.call('listImportBatches', {}));
    assert.deepEqual([batches[0]!.batchId, batches[0]!.tables, batches[0]!.rowsLoaded, batches[0]!.rowsQuarantined], [batch, ['tender'], 2, 1]);
    // The table browser sees the new rows (its cached count was dropped).
    assert.equal(value<TablePage>(await api.call('tablePage', { table: 'tender', startRow: 0, endRow: 10 })).totalRows, 2);
    // The same file again is refused, and changes nothing.
    assert.match(error(await api.call('runImport', { taskId: 'imp-2', paths: [csv] })).message, /already imported/);
    assert.equal(value<TablePage>(await api.call('tablePage', { table: 'tender', startRow: 0, endRow: 10 })).totalRows, 2);
  });

  test('run an import with a mapping profile from the editor, and save/list profiles', async () => {
    const profile = { name: '我的开标记录', table: 'bid', columns: [
      { from: ['项目编号'], to: 'tender_id', transform: 'trim' }, { from: ['投标人名称'], to: 'org_id', resolve: 'org' },
      { from: ['投标报价（万元）'], to: 'price_cny', transform: 'amount', unit: '万元' }], defaults: { lot_id: '-' },
      derive: { column: 'bid_id', from: ['tender_id', 'lot_id', 'org_id'], prefix: 'B-' } };
    const saved = value<{ file: string }>(await api.call('saveMappingProfile', { profile }));
    assert.ok(existsSync(saved.file) && saved.file.startsWith(join(ws.layout.root, 'mappings')));
    const list = value<SavedProfile[]>(await api.call('listMappingProfiles', {}));
    assert.ok(list.some((p) => p.name === '我的开标记录' && !p.builtin) && list.some((p) => p.builtin));
    assert.match(error(await api.call('saveMappingProfile', { profile: { name: 'x', table: 'bid', columns: [] } })).message, /columns/);
    const r = value<ImportResult>(await api.call('runImport', { taskId: 'imp-3', paths: [join(FIX, 'mapped', '开标记录.csv')], profile }));
    assert.equal(r.files[0]!.mapping, '我的开标记录');
    assert.ok(r.files[0]!.rowsLoaded > 0);
  });

  test('export a table, and the grid view (filtered, sorted) to CSV with a BOM, GB18030 and .xlsx in exports/', async () => {
    const all = value<ExportResult>(await api.call('exportTable', { taskId: 'e1', table: 'tender', format: 'csv' }));
    assert.ok(all.path.startsWith(ws.layout.exports) && existsSync(all.path));
    assert.equal(all.rows, 2);
    const text = readFileSync(all.path, 'utf8');
    assert.ok(text.startsWith('\ufeff'));
    assert.equal(text.trim().split('\n').length, 3);
    const view = value<ExportResult>(await api.call('exportTable', { taskId: 'e2', table: 'tender', format: 'csv', csvEncoding: 'gb18030',
      sortModel: [{ colId: 'est_value_cny', sort: 'desc' }], filterModel: { title: { filterType: 'text', type: 'contains', filter: '河道' } } }));
    assert.equal(view.rows, 1);
    assert.match(new TextDecoder('gb18030').decode(readFileSync(view.path)), /T3,,,河道整治/);
    const xlsx = value<ExportResult>(await api.call('exportTable', { taskId: 'e3', table: 'tender', format: 'xlsx', sortModel: [{ colId: 'tender_id', sort: 'desc' }] }));
    assert.ok(xlsx.path.endsWith('.xlsx') && existsSync(xlsx.path) && xlsx.rows === 2);
    assert.equal(error(await api.call('exportTable', { taskId: 'e4', table: 'tender; DROP TABLE x', format: 'csv' })).code, 'not_found');
  });

  test('open/create a workspace is the host\'s work: the in-process service says so', async () => {
    assert.equal(error(await api.call('openWorkspace', { dir })).code, 'usage');
  });
});
