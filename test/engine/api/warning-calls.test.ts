import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { TaskProgress, WarningExport, WarningGridPage } from '../../../electron/contract/api.ts';
import type { Result } from '../../../electron/contract/result.ts';
import type { RelationGraph, WarningCounts, WarningDetail, WarningTimeline } from '../../../electron/contract/warnings.ts';
import { ApiService } from '../../../electron/engine/api/service.ts';
import { runModels } from '../../../electron/engine/models/runner.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { insertFixture } from '../../helpers/model-fixture.ts';
import { tempDir } from '../../helpers/temp.ts';
import { fixture, MODELS } from '../warnings/fixture.ts';

const value = <T>(r: Result<unknown>): T => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.value as T;
};
const error = (r: Result<unknown>) => {
  assert.ok(!r.ok, `expected an Err, got ${JSON.stringify(r).slice(0, 200)}`);
  return r.error;
};

describe('ApiService: the Warnings and Drill-down calls on a planted collusion case', () => {
  let ws: Workspace;
  let api: ApiService;
  const page = async (req: Record<string, unknown>) => value<WarningGridPage>(await api.call('warningPage', { startRow: 0, endRow: 100, ...req }));
  const idOf = async (model: string) => (await page({ filters: { model: [model] } })).rows[0]!.alert_id;

  before(async () => {
    ws = await Workspace.init(tempDir(), { memoryLimit: '1GB', threads: 2 });
    await insertFixture(ws, fixture);
    await ws.tasks.run('run', (t) => runModels(ws, { models: MODELS, asOf: '2025-12-31' }, t));
    api = new ApiService(ws);
  });
  after(async () => {
    api.close();
    await ws.close();
  });

  test('the grid pages v_warning_list most severe first, with names resolved and counts as numbers', async () => {
    const p = await page({});
    assert.equal(p.totalRows, 4);
    assert.deepEqual(p.rows.map((r) => r.severity), ['red', 'red', 'orange', 'yellow']);
    const w = p.rows.find((r) => r.model_id === 'BID-001')!;
    assert.equal(w.subject_name, '浙江甲建设有限公司 / 浙江乙工程有限公司');
    assert.equal(w.buyer_name, '杭州市西湖区城市建设局');
    assert.equal(w.times_seen, 1);
    assert.equal(w.is_new, true);
    const sorted = await page({ sortModel: [{ colId: 'model_id', sort: 'desc' }] });
    assert.deepEqual(sorted.rows.map((r) => r.model_id), ['VIL-001', 'BID-046', 'BID-002', 'BID-001']);
    const second = await page({ startRow: 1, endRow: 3, sortModel: [{ colId: 'model_id', sort: 'desc' }] });
    assert.deepEqual(second.rows.map((r) => r.model_id), ['BID-046', 'BID-002']);
  });

  test('quick filters and the grid\'s own filters combine; counts by severity agree with the grid', async () => {
    const red = await page({ filters: { severity: ['red'] } });
    assert.deepEqual(red.rows.map((r) => r.model_id).sort(), ['BID-001', 'BID-002']);
    const counts = value<WarningCounts>(await api.call('warningCounts', { filters: { severity: ['red'] } }));
    assert.deepEqual(counts, { red: 2, orange: 0, yellow: 0, total: 2, new: 2 });
    assert.equal(red.totalRows, counts.total);
    assert.deepEqual(value<WarningCounts>(await api.call('warningCounts', {})), { red: 2, orange: 1, yellow: 1, total: 4, new: 4 });
    // A grid filter on another column narrows further; a quick filter wins on its own column.
    const both = await page({ filters: { regionPrefix: '3301', text: '浙江' }, filterModel: { model_id: { filterType: 'text', type: 'equals', filter: 'bid-002' } } });
    assert.deepEqual(both.rows.map((r) => r.model_id), ['BID-002']);
    const quickWins = await page({ filters: { severity: ['yellow'] }, filterModel: { severity: { filterType: 'text', type: 'equals', filter: 'red' } } });
    assert.deepEqual(quickWins.rows.map((r) => r.model_id), ['BID-046']);
    const dated = await page({ filters: { from: '2024-05-20', to: '2024-05-20', newOnly: true, domain: ['BID'] } });
    assert.deepEqual(dated.rows.map((r) => r.model_id).sort(), ['BID-001', 'BID-002']);
  });

  test('an injection attempt in a filter value is a value; in a column name it is refused', async () => {
    const evil = "'; DROP TABLE alert; --";
    assert.equal((await page({ filters: { text: evil } })).totalRows, 0);
    assert.equal((await page({ filters: { model: [evil] } })).totalRows, 0);
    assert.equal((await page({ filterModel: { subject_name: { filterType: 'text', type: 'contains', filter: evil } } })).totalRows, 0);
    assert.equal(value<WarningCounts>(await api.call('warningCounts', { filters: { text: evil } })).total, 0);
    const e = error(await api.call('warningPage', { startRow: 0, endRow: 10, filterModel: { 'severity" OR 1=1 --': { filterType: 'text', type: 'equals', filter: 'x' } } }));
    assert.equal(e.code, 'bad_input');
    assert.equal(error(await api.call('warningPage', { startRow: 0, endRow: 10, sortModel: [{ colId: 'alert_id; DROP TABLE alert', sort: 'asc' }] })).code, 'bad_input');
    assert.equal(error(await api.call('warningCounts', { filters: { regionPrefix: "33' OR 1=1" } })).code, 'usage');
    assert.equal(error(await api.call('warningCounts', { filters: { nope: 1 } })).code, 'usage', 'unknown filters are refused, not ignored');
    assert.equal((await page({})).totalRows, 4, 'the alert table is still there');
  });

  test('detail: explanation, evidence and records; masked unless reveal is asked for explicitly', async () => {
    const id = await idOf('BID-001');
    const d = value<WarningDetail>(await api.call('warningDetail', { alertId: id }));
    assert.match(d.explanation.text, /^项目 T1 标段 -：浙江甲建设有限公司（O1） 与 浙江乙工程有限公司（O2）/);
    assert.ok(d.evidence.some((e) => e.key === 'org_id_b' && e.text === '浙江乙工程有限公司（O2）'));
    const bids = d.records.find((r) => r.id === 'bids')!;
    assert.equal(bids.rows.find((r) => r.org_name === '浙江甲建设有限公司')!.contact_phone, '138****5678');
    assert.equal(d.redacted, true);
    assert.deepEqual(d.graphSeeds, ['org:O1', 'org:O2', 'tender:T1']);
    const en = value<WarningDetail>(await api.call('warningDetail', { alertId: id, lang: 'en', reveal: true }));
    assert.match(en.explanation.text, /^Tender T1 lot -: the bid files of/);
    assert.equal(en.records.find((r) => r.id === 'bids')!.rows.find((r) => r.org_name === '浙江甲建设有限公司')!.contact_phone, '13812345678');
    assert.equal(en.redacted, false);
    assert.equal(error(await api.call('warningDetail', { alertId: id, reveal: 'yes' })).code, 'usage', 'reveal is a boolean, nothing else');
  });

  test('a bad alert id is a clear not_found Err for the detail and the timeline', async () => {
    for (const method of ['warningDetail', 'warningTimeline']) {
      const e = error(await api.call(method, { alertId: "W-nope' OR '1'='1" }));
      assert.equal(e.code, 'not_found', method);
      assert.match(e.message, /没有这条预警 \/ no such warning: W-nope' OR '1'='1/);
    }
    assert.equal(error(await api.call('warningDetail', { alertId: '' })).code, 'usage');
  });

  test('graph: the seeds of a BID-001 warning link both bidders to the shared devices; a node expands by one hop', async () => {
    const d = value<WarningDetail>(await api.call('warningDetail', { alertId: await idOf('BID-001') }));
    const g = value<RelationGraph>(await api.call('relationGraph', { seeds: d.graphSeeds }));
    assert.ok(g.nodes.some((n) => n.id === 'org:O1') && g.nodes.some((n) => n.id === 'org:O2'));
    assert.ok(['org:O1', 'org:O2'].every((o) => g.edges.some((e) => e.source === o && e.target === 'device:machine:MC-777' && e.kind === 'device')));
    const phone = g.nodes.find((n) => n.device === 'phone')!;
    assert.equal(phone.label, '电话 139****1111');
    const open = value<RelationGraph>(await api.call('relationGraph', { seeds: d.graphSeeds, reveal: true }));
    assert.equal(open.nodes.find((n) => n.id === phone.id)!.label, '电话 13900001111');
    const ip = value<RelationGraph>(await api.call('relationGraph', { seeds: ['device:ip:115.192.1.1'], hops: 1 }));
    assert.deepEqual(ip.nodes.map((n) => n.id).sort(), ['device:ip:115.192.1.1', 'org:O1', 'org:O2']);
    const small = value<RelationGraph>(await api.call('relationGraph', { seeds: ['tender:T1'], hops: 2, limit: 4 }));
    assert.deepEqual([small.nodes.length, small.truncated], [4, true]);
    assert.equal(error(await api.call('relationGraph', { seeds: [] })).code, 'usage');
    assert.match(error(await api.call('relationGraph', { seeds: ["org'; DROP TABLE bid; --"] })).message, /node id/);
  });

  test('timeline: the tender procedure and the warning, oldest first', async () => {
    const t = value<WarningTimeline>(await api.call('warningTimeline', { alertId: await idOf('BID-001') }));
    const kinds = t.events.map((e) => e.kind);
    assert.ok(kinds.indexOf('tender_published') < kinds.indexOf('award') && kinds.includes('warning_first_seen'));
    assert.deepEqual(t.events.map((e) => e.at), t.events.map((e) => e.at).sort());
  });

  test('export: the filtered list in the grid\'s order as CSV (UTF-8 with BOM) and .xlsx in exports/, progress under the task id', async () => {
    const events: TaskProgress[] = [];
    const stop = api.onProgress((e) => events.push(e));
    const csv = value<WarningExport>(await api.call('exportWarnings', { taskId: 'x1', format: 'csv', filters: { severity: ['red'] },
      sortModel: [{ colId: 'model_id', sort: 'desc' }] }));
    stop();
    assert.equal(dirname(csv.path), ws.layout.exports);
    assert.match(csv.path, /预警清单-\d{8}-\d{6}-\d+\.csv$/);
    assert.equal(csv.rows, 2);
    const text = readFileSync(csv.path, 'utf8');
    assert.ok(text.startsWith('\ufeff预警编号,预警等级,模型编号,模型名称'), text.slice(0, 60));
    const lines = text.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[2]), ['BID-002', 'BID-001']);
    assert.match(lines[1]!, /,红色,/);
    assert.ok(events.length > 0 && events.every((e) => e.taskId === 'x1'));

    // The selection, still under the filters: a selected yellow warning is not exported with the red filter.
    const ids = [await idOf('BID-001'), await idOf('BID-046')];
    const xlsx = value<WarningExport>(await api.call('exportWarnings', { taskId: 'x2', format: 'xlsx', filters: { severity: ['red'] }, alertIds: ids }));
    assert.equal(xlsx.rows, 1);
    assert.ok(existsSync(xlsx.path) && xlsx.path.endsWith('.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.path);
    const sheet = wb.worksheets[0]!;
    assert.equal(sheet.rowCount, 2);
    assert.equal(sheet.getRow(2).getCell(3).value, 'BID-001');
    assert.equal(sheet.getRow(1).getCell(1).value, '预警编号');

    const evil = value<WarningExport>(await api.call('exportWarnings', { taskId: 'x3', format: 'csv', filters: { text: "'; DROP TABLE alert; --" } }));
    assert.equal(evil.rows, 0);
    assert.equal(error(await api.call('exportWarnings', { taskId: 'x4', format: 'pdf' })).code, 'usage');
    assert.equal(error(await api.call('exportWarnings', { taskId: 'x5', format: 'csv', alertIds: [] })).code, 'usage', 'an empty selection is not "all"');
    assert.equal((await page({})).totalRows, 4);
  });

  // Last: it runs the models again, which changes what the tests above read.
  test('the grid reads a snapshot taken again after a run through the service: times seen and new-ness follow', async () => {
    assert.equal((await page({ filters: { model: ['BID-001'] } })).rows[0]!.times_seen, 1);
    value(await api.call('runModels', { taskId: 'again', models: ['BID-001'], asOf: '2025-12-31' }));
    const after = (await page({ filters: { model: ['BID-001'] } })).rows[0]!;
    assert.deepEqual([after.times_seen, after.is_new], [2, false]);
    const counts = value<WarningCounts>(await api.call('warningCounts', { filters: {} }));
    assert.equal(counts.new, 0);
  });
});
