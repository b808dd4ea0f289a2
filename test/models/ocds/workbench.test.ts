// The OCDS models in the workbench like any other: releases imported through the OCDS importer, warnings
// listed, a drill-down that explains the warning in Chinese with labelled evidence and finds its tender.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TablePage, WarningGridPage } from '../../../electron/contract/api.ts';
import type { Result } from '../../../electron/contract/result.ts';
import type { WarningDetail, WarningTimeline } from '../../../electron/contract/warnings.ts';
import { ApiService } from '../../../electron/engine/api/service.ts';
import { importFiles } from '../../../electron/engine/import/import.ts';
import { runModels } from '../../../electron/engine/models/runner.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

const value = <T>(r: Result<unknown>): T => { assert.ok(r.ok, JSON.stringify(r)); return r.value as T; };

const release = {
  ocid: 'ocds-zj0001-2024-0101', date: '2024-06-01T00:00:00+08:00',
  parties: [{ id: 'W', name: '浙江丙建筑有限公司', roles: ['tenderer', 'supplier'] }, { id: 'D', name: '浙江丁建设有限公司', roles: ['tenderer'] }],
  tender: { id: 'T', title: '某中学改扩建工程', procurementMethod: 'open', numberOfTenderers: 2,
    tenderPeriod: { startDate: '2024-05-01T09:00:00+08:00', endDate: '2024-05-08T09:00:00+08:00' } },
  bids: { details: [
    { id: '1', status: 'valid', date: '2024-05-08T10:00:00+08:00', value: { amount: 1000000, currency: 'CNY' }, tenderers: [{ id: 'W' }] },
    { id: '2', status: 'disqualified', date: '2024-05-07T10:00:00+08:00', value: { amount: 900000, currency: 'CNY' }, tenderers: [{ id: 'D' }] },
  ] },
  awards: [{ id: 'A', status: 'active', suppliers: [{ id: 'W' }], value: { amount: 1000000, currency: 'CNY' } }],
};

describe('OCDS models in the workbench', () => {
  let ws: Workspace;
  let api: ApiService;
  before(async () => {
    ws = await Workspace.init(tempDir(), { memoryLimit: '1GB', threads: 2 });
    const file = join(tempDir(), 'releases.jsonl');
    writeFileSync(file, `${JSON.stringify(release)}\n`);
    await ws.tasks.run('import', (t) => importFiles(ws, { paths: [file], format: 'ocds' }, t));
    const run = await ws.tasks.run('run', (t) => runModels(ws, { domain: 'OCDS' }, t));
    assert.deepEqual(run.models.filter((m) => m.status !== 'ok'), []);
    api = new ApiService(ws);
  });
  after(async () => { api.close(); await ws.close(); });

  // R025 flags W too: over a sample of one tenderer, its ratio is its own fence, as in Cardinal.
  test('imported releases raise warnings: short period, late bid won, all but the winner disqualified, lowest bid disqualified', async () => {
    const page = value<WarningGridPage>(await api.call('warningPage', { startRow: 0, endRow: 100, filters: { domain: ['OCDS'] } }));
    const got = page.rows.map((r) => `${r.model_id} ${r.subject_type} ${r.subject_id}`).sort();
    assert.deepEqual(got, [
      'OCDS-R003 tender ocds-zj0001-2024-0101', 'OCDS-R025 tenderer W', 'OCDS-R030 tender ocds-zj0001-2024-0101', 'OCDS-R030 tenderer W',
      'OCDS-R035 tender ocds-zj0001-2024-0101', 'OCDS-R035 tenderer W', 'OCDS-R036 tender ocds-zj0001-2024-0101',
    ]);
    assert.ok(page.rows.filter((r) => r.subject_type === 'tender').every((r) => r.subject_name === '某中学改扩建工程'));
  });

  test('the drill-down explains a warning in Chinese, labels its evidence and shows its tender', async () => {
    const page = value<WarningGridPage>(await api.call('warningPage', { startRow: 0, endRow: 10, filters: { model: ['OCDS-R030'] } }));
    const id = page.rows.find((r) => r.subject_type === 'tender')!.alert_id;
    const d = value<WarningDetail>(await api.call('warningDetail', { alertId: id }));
    assert.equal(d.explanation.zh, '项目 ocds-zj0001-2024-0101：投标截止 2024-05-08T09:00:00+08:00，中标人 W 的有效投标递交于 2024-05-08T10:00:00+08:00，晚于截止时间');
    assert.ok(d.evidence.length > 0 && d.evidence.every((e) => /[\u4e00-\u9fff]/.test(e.label_zh)), JSON.stringify(d.evidence));
    assert.ok(d.records.some((s) => JSON.stringify(s).includes('某中学改扩建工程')), 'the tender is among the records');
    value<WarningTimeline>(await api.call('warningTimeline', { alertId: id }));
  });

  test('the Data screen pages the OCDS views', async () => {
    for (const table of ['v_ocds_process', 'v_ocds_bid', 'v_ocds_award']) {
      const p = value<TablePage>(await api.call('tablePage', { table, startRow: 0, endRow: 10 }));
      assert.equal(p.rows.length, { v_ocds_process: 1, v_ocds_bid: 2, v_ocds_award: 1 }[table], table);
    }
  });
});
