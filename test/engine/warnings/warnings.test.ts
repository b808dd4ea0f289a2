import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runModels } from '../../../electron/engine/models/runner.ts';
import { warningDetail } from '../../../electron/engine/warnings/detail.ts';
import { relationGraph } from '../../../electron/engine/warnings/graph.ts';
import { warningCounts, warningFilterModel, warningList, warningWhere } from '../../../electron/engine/warnings/list.ts';
import { warningTimeline } from '../../../electron/engine/warnings/timeline.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { insertFixture } from '../../helpers/model-fixture.ts';
import { tempDir } from '../../helpers/temp.ts';
import { fixture, MODELS } from './fixture.ts';

describe('warning list, detail, graph and timeline on a planted collusion case', () => {
  let ws: Workspace;
  const idOf = async (model: string) => (await warningList(ws, { filters: { model: [model] } })).rows[0]!.alert_id;
  before(async () => {
    ws = await Workspace.init(tempDir());
    await insertFixture(ws, fixture);
    const run = await ws.tasks.run('run', (t) => runModels(ws, { models: MODELS, asOf: '2025-12-31' }, t));
    assert.deepEqual(run.models.map((m) => [m.model_id, m.status, m.hits]), MODELS.map((m) => [m, 'ok', 1]));
  });
  after(async () => { await ws.close(); });

  test('the list view resolves model, subject, buyer and region names', async () => {
    const page = await warningList(ws, { sort: [{ colId: 'severity_rank', sort: 'asc' }, { colId: 'model_id', sort: 'asc' }] });
    assert.equal(page.total, 4);
    assert.deepEqual(page.rows.map((r) => [r.model_id, r.severity]), [['BID-001', 'red'], ['BID-002', 'red'], ['VIL-001', 'orange'], ['BID-046', 'yellow']]);
    const w = page.rows[0]!;
    assert.equal(w.model_name_zh, '投标文件由同一单位或个人编制（机器码、文件创建标识码、加密锁、作者相同）');
    assert.equal(w.model_name_en, 'Same bid-file fingerprint');
    assert.equal(w.domain, 'BID');
    assert.equal(w.subject_name, '浙江甲建设有限公司 / 浙江乙工程有限公司');
    assert.equal(w.buyer_name, '杭州市西湖区城市建设局');
    assert.equal(w.region_name, '杭州市 西湖区');
    assert.equal(w.tender_title, '西湖区道路改造工程');
    assert.equal(w.times_seen, 1);
    assert.equal(w.is_new, true);
    assert.equal(w.status, 'new');
    const lease = page.rows.find((r) => r.model_id === 'VIL-001')!;
    assert.equal(lease.subject_name, '王五');
    assert.equal(lease.buyer_name, '西湖区龙井村股份经济合作社', 'a lease warning is the collective\'s');
    const cols = await ws.conn.all<{ n: string }>(`SELECT column_name AS n FROM duckdb_columns() WHERE table_name = 'v_warning_list'`);
    assert.ok(cols.length >= 40, 'one view with plain columns for the generic grid');
  });

  test('counts by severity match the list, under filters too', async () => {
    assert.deepEqual(await warningCounts(ws), { red: 2, orange: 1, yellow: 1, total: 4, new: 4 });
    assert.deepEqual(await warningCounts(ws, { domain: ['VIL'] }), { red: 0, orange: 1, yellow: 0, total: 1, new: 1 });
    const counts = await ws.conn.all<{ severity: string; n: string }>(`SELECT severity, count(*) AS n FROM alert GROUP BY ALL ORDER BY 1`);
    assert.deepEqual(counts.map((c) => [c.severity, Number(c.n)]), [['orange', 1], ['red', 2], ['yellow', 1]]);
  });

  test('filters by severity, model, region, date, text and new-since-last-run', async () => {
    const ids = async (filters: Parameters<typeof warningCounts>[1]) => (await warningList(ws, { filters, sort: [{ colId: 'model_id', sort: 'asc' }] })).rows.map((r) => r.model_id);
    assert.deepEqual(await ids({ severity: ['red'] }), ['BID-001', 'BID-002']);
    assert.deepEqual(await ids({ severity: ['orange', 'yellow'] }), ['BID-046', 'VIL-001']);
    assert.deepEqual(await ids({ model: ['bid-002'] }), ['BID-002']);
    assert.deepEqual(await ids({ regionPrefix: '3301' }), ['BID-001', 'BID-002', 'BID-046', 'VIL-001']);
    assert.deepEqual(await ids({ regionPrefix: '3302' }), []);
    assert.deepEqual(await ids({ from: '2024-05-20', to: '2024-05-20' }), ['BID-001', 'BID-002'], 'both ends inclusive');
    assert.deepEqual(await ids({ from: '2025-01-01' }), ['VIL-001']);
    assert.deepEqual(await ids({ text: '浙江乙' }), ['BID-001', 'BID-002']);
    assert.deepEqual(await ids({ text: '龙井村' }), ['VIL-001'], 'the buyer name is searched');
    assert.deepEqual(await ids({ severity: ['red'], text: '王五' }), []);
    assert.deepEqual(await ids({ newOnly: true }), ['BID-001', 'BID-002', 'BID-046', 'VIL-001']);
  });

  test('filter values are bound parameters: quotes and injected SQL are just text', async () => {
    const where = warningWhere({ model: ["BID-001'; DROP TABLE alert; --"], text: "O'Brien%_" });
    assert.ok(!where.sql.includes('DROP') && !where.sql.includes("O'Brien"), where.sql);
    assert.deepEqual(where.params, ["BID-001'; DROP TABLE ALERT; --", "o'brien%_"]);
    assert.equal((await warningList(ws, { filters: { model: ["BID-001'; DROP TABLE alert; --"] } })).total, 0);
    assert.equal((await warningCounts(ws, { text: "'; DROP TABLE alert; --" })).total, 0);
    assert.equal((await warningCounts(ws, { text: '%' })).total, 0, 'a % is a character, not a wildcard');
    assert.equal((await warningCounts(ws)).total, 4, 'the alert table is still there');
    assert.throws(() => warningWhere({ regionPrefix: "33' OR 1=1" } as never), /region/i);
    await assert.rejects(warningList(ws, { sort: [{ colId: 'severity; DROP TABLE alert' as never, sort: 'asc' }] }));
  });

  test('the same quick filters as an ag-grid filter model', () => {
    assert.deepEqual(warningFilterModel({ severity: ['red', 'orange'], regionPrefix: '3301', from: '2024-01-01', to: '2024-12-31', newOnly: true, text: ' 浙江 ' }), {
      severity: { filterType: 'text', operator: 'OR', conditions: [{ filterType: 'text', type: 'equals', filter: 'red' }, { filterType: 'text', type: 'equals', filter: 'orange' }] },
      region_code: { filterType: 'text', type: 'startsWith', filter: '3301' },
      occurred_on: { filterType: 'date', type: 'inRange', dateFrom: '2024-01-01', dateTo: '2024-12-31' },
      is_new: { filterType: 'text', type: 'equals', filter: 'true' },
      search_text: { filterType: 'text', type: 'contains', filter: '浙江' },
    });
    assert.deepEqual(warningFilterModel({ model: ['BID-001'] }), { model_id: { filterType: 'text', type: 'equals', filter: 'BID-001' } });
  });

  test('the detail explains the warning with its evidence values, names and the records behind it', async () => {
    const d = await warningDetail(ws, await idOf('BID-001'), 'zh');
    assert.equal(d.explanation.zh, '项目 T1 标段 -：浙江甲建设有限公司（O1） 与 浙江乙工程有限公司（O2） 的投标文件有相同的 doc_author, machine_code');
    assert.match(d.explanation.en, /^Tender T1 lot -: the bid files of 浙江甲建设有限公司 \(O1\) and 浙江乙工程有限公司 \(O2\) share doc_author, machine_code$/);
    assert.equal(d.explanation.text, d.explanation.zh);
    const ev = Object.fromEntries(d.evidence.map((e) => [e.key, e]));
    assert.equal(ev.org_id_b!.label_zh, '另一单位');
    assert.equal(ev.org_id_b!.text, '浙江乙工程有限公司（O2）');
    assert.match(ev.fingerprints!.text, /MC-777/);
    const sections = Object.fromEntries(d.records.map((r) => [r.id, r]));
    assert.deepEqual(Object.keys(sections), ['tender', 'bids', 'awards', 'eval_committee', 'organizations', 'shareholders', 'officers', 'contacts',
      'accounts', 'contracts', 'payments']);
    const bids = sections.bids!;
    assert.deepEqual(bids.rows.map((r) => [r.org_name, r.price_cny, r.rank, r.upload_ip, r.is_subject]), [
      ['浙江丙建筑有限公司', '1200000.00', 1, '60.12.1.1', false],
      ['浙江甲建设有限公司', '1350000.00', 2, '115.192.1.1', true],
      ['浙江乙工程有限公司', '1360000.00', 3, '115.192.1.1', true]]);
    assert.equal(bids.rows[1]!.doc_hashes, `${'a1'.repeat(8)}（张工）`);
    assert.equal(bids.rows[1]!.contact_phone, '138****5678', 'a phone is masked unless revealed');
    assert.equal(bids.columns.find((c) => c.name === 'upload_mac')!.label_zh, '网卡MAC');
    assert.deepEqual(sections.shareholders!.rows.map((r) => [r.org_name, r.holder_name, r.share_ratio]), [
      ['浙江甲建设有限公司', '张三', '0.600000'], ['浙江乙工程有限公司', '张三', '0.300000']]);
    assert.equal(sections.contacts!.rows[0]!.value_norm, '139****1111');
    assert.ok(!JSON.stringify(d).includes('f'.repeat(64)) && !JSON.stringify(d).includes('e'.repeat(64)), 'ID and account hashes are never shown');
    assert.ok(d.redacted);
    assert.deepEqual(d.graphSeeds, ['org:O1', 'org:O2', 'tender:T1']);

    const open = await warningDetail(ws, await idOf('BID-001'), 'en', { reveal: true, rowLimit: 2 });
    const openBids = open.records.find((r) => r.id === 'bids')!;
    assert.equal(openBids.rows[1]!.contact_phone, '13812345678');
    assert.deepEqual([openBids.rows.length, openBids.total, openBids.truncated], [2, 3, true]);
    assert.equal(open.explanation.text, open.explanation.en);
    assert.equal(open.records[0]!.title_zh, '招标项目');
  });

  test('a lease warning shows the lease with its rent schedule and receipts', async () => {
    const d = await warningDetail(ws, await idOf('VIL-001'));
    assert.equal(d.explanation.zh, '租赁合同 L1（王五）截至 2025-12-31 欠缴租金 120000 元，最早一笔逾期 305 天');
    const s = Object.fromEntries(d.records.map((r) => [r.id, r]));
    assert.deepEqual(s.rent_schedule!.rows.map((r) => [r.due_date, r.amount_due_cny]), [['2024-01-01', '120000.00'], ['2025-03-01', '120000.00']]);
    assert.deepEqual(s.rent_receipts!.rows.map((r) => r.receipt_date), ['2024-01-05']);
    assert.equal(s.persons!.rows[0]!.phone, '139****0000');
    await assert.rejects(warningDetail(ws, 'W-nope'), /no such warning/);
  });

  test('the graph of a BID-001 case links the two bidders through the shared IP, MAC, machine and file', async () => {
    const seeds = (await warningDetail(ws, await idOf('BID-001'))).graphSeeds;
    const g = await relationGraph(ws, seeds, 1, 100);
    assert.equal(g.truncated, false);
    const linked = (device: string) => ['org:O1', 'org:O2'].every((o) => g.edges.some((e) => e.source === o && e.target === device && e.kind === 'device'));
    for (const d of ['device:ip:115.192.1.1', 'device:mac:3C5AB4112233', 'device:machine:MC-777', `device:doc:${'a1'.repeat(32)}`]) assert.ok(linked(d), d);
    assert.ok(!g.nodes.some((n) => n.id === 'device:ip:60.12.1.1'), "a bidder's own IP is not a link");
    const node = (id: string) => g.nodes.find((n) => n.id === id);
    assert.equal(node('org:O1')!.label, '浙江甲建设有限公司');
    assert.equal(node('device:ip:115.192.1.1')!.label, 'IP 115.192.1.1');
    assert.ok(g.edges.some((e) => e.source === 'person:P1' && e.target === 'org:O2' && e.kind === 'shareholder' && e.label_zh === '持股 30.0%'));
    assert.ok(g.edges.some((e) => e.source === 'org:O3' && e.target === 'tender:T1' && e.kind === 'won'));
    const phone = g.nodes.find((n) => n.device === 'phone')!;
    assert.equal(phone.label, '电话 139****1111', 'a phone node is labelled masked');
    assert.ok(!phone.id.includes('13900001111'), 'and identified by a hash');
    assert.ok(g.nodes.filter((n) => n.seed).every((n) => n.depth === 0));

    // Expanding the shared IP by one hop finds its users in any tender; a phone node expands through its hash.
    const ip = await relationGraph(ws, ['device:ip:115.192.1.1']);
    assert.deepEqual(ip.nodes.map((n) => n.id).sort(), ['device:ip:115.192.1.1', 'org:O1', 'org:O2']);
    const ph = await relationGraph(ws, [phone.id]);
    assert.deepEqual(ph.nodes.map((n) => n.id).sort(), [phone.id, 'org:O1', 'org:O2']);
    await assert.rejects(relationGraph(ws, ["org'; DROP TABLE bid; --"]), /node id/);
    assert.equal((await relationGraph(ws, ["org:O1'; DROP TABLE bid; --"])).nodes.length, 1, 'an unknown id is a lone node');
  });

  test('the node limit truncates the graph', async () => {
    const g = await relationGraph(ws, ['tender:T1'], 2, 4);
    assert.equal(g.nodes.length, 4);
    assert.equal(g.truncated, true);
    for (const e of g.edges) assert.ok(g.nodes.some((n) => n.id === e.source) && g.nodes.some((n) => n.id === e.target), 'no edge to a left-out node');
    const two = await relationGraph(ws, ['tender:T1'], 2, 500);
    assert.ok(two.nodes.some((n) => n.id === 'person:P1' && n.depth === 2), 'two hops reach the shareholder');
    const kin = await relationGraph(ws, ['org:O1', 'org:O2'], 2);
    assert.ok(kin.edges.some((e) => e.source === 'person:P1' && e.target === 'person:P2' && e.kind === 'kin' && e.label_zh === '兄弟姐妹'), 'the second hop links the legal representatives as siblings');
  });

  test('the timeline is sorted and holds the procedure from publication to payment, and the warning', async () => {
    const t = await warningTimeline(ws, await idOf('BID-001'));
    const at = t.events.map((e) => e.at);
    assert.deepEqual(at, [...at].sort());
    const kinds = t.events.map((e) => e.kind);
    for (const k of ['org_established', 'tender_published', 'tender_amended', 'bid_submitted', 'expert_drawn', 'opening', 'award', 'contract_signed', 'payment', 'warning_first_seen']) {
      assert.ok(kinds.includes(k as never), k);
    }
    assert.ok(kinds.indexOf('tender_published') < kinds.indexOf('award'));
    assert.equal(t.events.find((e) => e.kind === 'award')!.title_zh, '中标公告：浙江丙建筑有限公司，1200000.00 元');
    assert.equal(t.events.find((e) => e.kind === 'tender_published')!.at, '2024-04-01 09:00:00');
    assert.equal(t.truncated, false);
    const short = await warningTimeline(ws, await idOf('BID-001'), 3);
    assert.deepEqual([short.events.length, short.truncated], [3, true]);
    const lease = await warningTimeline(ws, await idOf('VIL-001'));
    assert.deepEqual(lease.events.map((e) => e.kind), ['lease_signed', 'rent_due', 'rent_received', 'rent_due', 'warning_first_seen']);
  });

  test('a second run: seen again is no longer new; is_new follows the latest run', async () => {
    await ws.tasks.run('run', (t) => runModels(ws, { models: ['BID-001'], asOf: '2025-12-31' }, t));
    const w = (await warningList(ws, { filters: { model: ['BID-001'] } })).rows[0]!;
    assert.deepEqual([w.times_seen, w.is_new], [2, false]);
    assert.deepEqual(await warningCounts(ws, { newOnly: true }), { red: 0, orange: 0, yellow: 0, total: 0, new: 0 });
    const t = await warningTimeline(ws, w.alert_id);
    assert.equal(t.events.at(-1)!.kind, 'warning_last_seen');
  });
});
