import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateProvince } from '../../../electron/engine/generator/index.ts';
import { evaluateModels } from '../../../electron/engine/models/evaluate.ts';
import { runModels, workspaceModelsDir, type RunRequest } from '../../../electron/engine/models/runner.ts';
import type { Task } from '../../../electron/engine/tasks.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { lines, runCli } from '../../helpers/cli.ts';
import { hitsAsOneTable } from '../../helpers/older-schema.ts';
import { tempDir } from '../../helpers/temp.ts';

const TEN = ['BID-001', 'BID-005', 'BID-008', 'BID-039', 'BID-043', 'BID-049', 'SOE-001', 'SOE-006', 'FUND-001', 'VIL-001'];

function model(id: string, severity: string, sql: string): string {
  return `/*
id: ${id}
name_zh: 测试 ${id}
name_en: Test ${id}
domain: BID
category: C1
kind: regulatory
severity: ${severity}
subject_type: tender
requires:
  tender: [tender_id]
explain:
  zh: "项目 {tender_id}"
  en: "Tender {tender_id}"
source: test
*/
${sql}
`;
}

describe('running models on the demo province', () => {
  let ws: Workspace;
  let dir: string;
  const run = (req: RunRequest) => ws.tasks.run('run', (t) => runModels(ws, req, t));
  before(async () => {
    dir = tempDir();
    ws = await Workspace.init(dir);
    await ws.tasks.run('generate', (t) => generateProvince(ws, { scale: 'demo', seed: 7 }, t));
  });
  let open = true;
  after(async () => { if (open) await ws.close(); });

  test('every rule model finds every planted case and stays silent on the near misses (screens are reported)', async () => {
    const r = await ws.tasks.run('run', (t) => evaluateModels(ws, [], t));
    for (const m of r.models.filter((x) => !x.screen)) {
      assert.ok(m.planted >= 3, `${m.model_id}: planted ${m.planted}`);
      assert.equal(m.recall, 1, `${m.model_id}: recall`);
      assert.equal(m.near_miss_hits, 0, `${m.model_id}: near-miss hits`);
      assert.ok((m.precision ?? 0) >= 0.95, `${m.model_id}: precision ${m.precision}`);
      assert.equal(m.meets_target, true);
    }
    assert.ok(TEN.every((id) => r.models.some((m) => m.model_id === id)), 'the ten most valuable models have planted cases');
  });

  test('hits carry their subject, severity, evidence and a stable fingerprint; a rerun updates warnings instead of duplicating', async () => {
    const first = await run({ models: ['VIL-001', 'SOE-001'] });
    const hits = await ws.conn.all<{ model_id: string; severity: string; evidence_json: string; subject_id: string; amount_cny: string }>(
      `SELECT model_id, severity, evidence_json, subject_id, amount_cny::VARCHAR AS amount_cny FROM hit WHERE analysis_run_id = $1 ORDER BY model_id, subject_id`, [first.run_id]);
    assert.ok(hits.length > 0);
    const vil = hits.find((h) => h.model_id === 'VIL-001')!;
    const ev = JSON.parse(vil.evidence_json) as { overdue_cny: number; overdue_days: number };
    assert.ok(ev.overdue_days > 90 && Number(vil.amount_cny) >= 10000);
    // Each model's hits are numbered 1…n (from the rowids of the model's result table).
    const numbering = await ws.conn.all<{ lo: number; hi: number; n: number; distinct_n: number }>(`SELECT min(hit_no) AS lo, max(hit_no) AS hi,
      count(*) AS n, count(DISTINCT hit_no) AS distinct_n FROM hit WHERE analysis_run_id = $1 GROUP BY model_id`, [first.run_id]);
    assert.equal(numbering.length, 2);
    for (const x of numbering) assert.deepEqual([Number(x.lo), Number(x.hi), Number(x.distinct_n)], [1, Number(x.n), Number(x.n)]);
    const before = await ws.conn.all<{ fingerprint: string; first_seen: string; times_seen: number }>(
      `SELECT fingerprint, first_seen::VARCHAR AS first_seen, times_seen FROM alert WHERE model_id IN ('VIL-001', 'SOE-001') ORDER BY fingerprint`);
    const contents = async () => Number((await ws.conn.one<{ n: number }>('SELECT count(*) AS n FROM hit_content'))!.n);
    const contentsBefore = await contents();
    const second = await run({ models: ['VIL-001', 'SOE-001'] });
    assert.equal(second.warnings.new, 0);
    assert.equal(second.warnings.seen_again, before.length);
    // The rerun found the same: its hits are records of the contents the first run stored, none stored twice,
    // and each run's hits read back whole. (Compared as sets: a model's rows, and so its hit numbers, may come
    // in another order on another run.)
    assert.equal(await contents(), contentsBefore);
    const cols = `model_id, severity, subject_type, subject_id, tender_id, lot_id, org_id, person_id, contract_id, lease_id,
      buyer_org_id, amount_cny::VARCHAR, score, occurred_on::VARCHAR, region_code, evidence_json, fingerprint::VARCHAR`;
    const [a, b] = await Promise.all([first, second].map((r) => ws.conn.all(`SELECT ${cols} FROM hit WHERE analysis_run_id = $1 ORDER BY ALL`, [r.run_id])));
    assert.equal(a!.length, hits.length);
    assert.deepEqual(b, a);
    const afterRows = await ws.conn.all<{ fingerprint: string; first_seen: string; times_seen: number }>(
      `SELECT fingerprint, first_seen::VARCHAR AS first_seen, times_seen FROM alert WHERE model_id IN ('VIL-001', 'SOE-001') ORDER BY fingerprint`);
    assert.deepEqual(afterRows.map((a) => a.fingerprint), before.map((b) => b.fingerprint));
    assert.deepEqual(afterRows.map((a) => a.first_seen), before.map((b) => b.first_seen));
    assert.ok(afterRows.every((a, i) => Number(a.times_seen) === Number(before[i]!.times_seen) + 1));
    const runs = await ws.conn.all<{ status: string; data_fingerprint: string; params_json: string }>(
      `SELECT status, data_fingerprint, params_json FROM model_run WHERE analysis_run_id = $1 ORDER BY model_id`, [second.run_id]);
    assert.deepEqual(runs.map((x) => x.status), ['ok', 'ok']);
    assert.match(runs[1]!.params_json, /"min_days":90/);
  });

  test('views several models read are kept as support tables: a second run reads them as kept and finds the same', async () => {
    const models = ['BID-004', 'BID-010', 'BID-043'];
    const hitsOf = (runId: string) => ws.conn.all(`SELECT model_id, subject_id, evidence_json FROM hit WHERE analysis_run_id = $1 ORDER BY ALL`, [runId]);
    const first = await run({ models });
    const second = await run({ models });
    // The pre-aggregations BID-010 and BID-043 read are built on the two views they share, which are kept too.
    const views = ['v_bid_person', 'v_insurance_span', 'v_bid_staff_insurance', 'v_foreign_insurance'];
    assert.deepEqual(first.shared_views.map((v) => v.view), views);
    assert.deepEqual(second.shared_views.map((v) => [v.view, v.reused]), views.map((v) => [v, true]));
    const a = await hitsOf(first.run_id);
    assert.ok(a.length > 0);
    assert.deepEqual(await hitsOf(second.run_id), a);
    const kept = await ws.conn.all<{ v: string; n: number }>(`SELECT view_name AS v, row_count AS n FROM support.registry ORDER BY v`);
    assert.ok(kept.some((k) => k.v === 'v_bid_person' && Number(k.n) > 0));
  });

  test('a warning found again with other evidence (a later as-of date) takes the new evidence and keeps its first sighting', async () => {
    const first = await run({ models: ['VIL-001'] });
    const later = new Date(Date.parse(`${first.as_of}T00:00:00Z`) + 30 * 86400000).toISOString().slice(0, 10);
    const before = new Map((await ws.conn.all<{ fingerprint: string; first_seen: string; evidence_json: string }>(
      `SELECT fingerprint::VARCHAR AS fingerprint, first_seen::VARCHAR AS first_seen, evidence_json FROM alert WHERE model_id = 'VIL-001'`)).map((a) => [a.fingerprint, a]));
    const second = await run({ models: ['VIL-001'], asOf: later });
    assert.ok(second.warnings.seen_again > 0);
    const now = await ws.conn.all<{ fingerprint: string; first_seen: string; alert_evidence: string; hit_evidence: string; amount: string; hit_amount: string }>(
      `SELECT a.fingerprint::VARCHAR AS fingerprint, a.first_seen::VARCHAR AS first_seen, a.evidence_json AS alert_evidence, h.evidence_json AS hit_evidence,
         a.amount_cny::VARCHAR AS amount, h.amount_cny::VARCHAR AS hit_amount
       FROM alert a JOIN hit h ON h.fingerprint = a.fingerprint AND h.analysis_run_id = $1`, [second.run_id]);
    const again = now.filter((a) => before.has(a.fingerprint));
    assert.equal(again.length, second.warnings.seen_again);
    for (const a of again) {
      assert.equal(a.alert_evidence, a.hit_evidence);
      assert.notEqual(a.alert_evidence, before.get(a.fingerprint)!.evidence_json);
      assert.equal(JSON.parse(a.alert_evidence).as_of, later);
      assert.equal(a.amount, a.hit_amount);
      assert.equal(a.first_seen, before.get(a.fingerprint)!.first_seen);
    }
    // The tests after this one count on the warnings of the usual date alone.
    await ws.conn.run(`DELETE FROM alert WHERE run_id = $1`, [second.run_id]);
  });

  test('warnings raised while fingerprints were text (schema 12) are found again after the upgrade to numbers', async () => {
    const key = `concat_ws('|', model_id, subject_type, subject_id, COALESCE(tender_id, ''), COALESCE(lot_id, ''))`;
    const list = () => ws.conn.all<{ alert_id: string; times_seen: number }>(
      `SELECT alert_id, times_seen FROM alert WHERE model_id IN ('VIL-001', 'SOE-001') ORDER BY alert_id`);
    const before = await list();
    assert.ok(before.length > 0);
    // The workspace as schema 12 left it: a table of whole hits, SHA-256 text keys.
    const stored = await ws.conn.one<{ n: number }>('SELECT count(*) AS n FROM hit');
    await hitsAsOneTable(ws);
    await ws.conn.run(`ALTER TABLE hit ALTER fingerprint TYPE VARCHAR USING sha256(${key})`);
    await ws.conn.run(`ALTER TABLE alert ALTER fingerprint TYPE VARCHAR USING sha256(${key})`);
    await ws.conn.run('UPDATE alert SET content_hash = NULL');
    await ws.conn.run('DELETE FROM schema_version WHERE version >= 13');
    await ws.close();
    ws = await Workspace.open(dir);
    const types = await ws.conn.all<{ t: string }>(`SELECT DISTINCT data_type AS t FROM duckdb_columns() WHERE table_name IN ('hit', 'alert') AND column_name = 'fingerprint'`);
    assert.deepEqual(types.map((x) => x.t), ['UHUGEINT']);
    // Stored keys depend on md5_number staying what it is: a DuckDB that changed it would raise every warning anew.
    assert.equal((await ws.conn.one<{ n: string }>(`SELECT md5_number('abc')::VARCHAR AS n`))?.n, '152195979970564155685860391459828531600');
    // Migration 17 keeps every hit, as a record of a content stored once.
    assert.deepEqual(await ws.conn.all<{ table_type: string }>(`SELECT table_type FROM information_schema.tables WHERE table_name = 'hit'`), [{ table_type: 'VIEW' }]);
    assert.equal(Number((await ws.conn.one<{ n: number }>('SELECT count(*) AS n FROM hit'))!.n), Number(stored!.n));
    // Migrations 16 and 17 give every warning the runner's hash of its content: a run that finds the same
    // content leaves the warning as it is, and stores no content again.
    const hash = (t: string) => `hash(${['subject_type', 'subject_id', 'tender_id', 'lot_id', 'org_id', 'person_id', 'contract_id', 'lease_id',
      'buyer_org_id', 'amount_cny', 'score', 'occurred_on', 'region_code', 'evidence_json'].map((c) => `${t}.${c}`).join(', ')})`;
    const unhashed = await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM alert a WHERE content_hash IS DISTINCT FROM ${hash('a')}`);
    assert.equal(Number(unhashed!.n), 0);
    const contents = Number((await ws.conn.one<{ n: number }>('SELECT count(*) AS n FROM hit_content'))!.n);
    const again = await run({ models: ['VIL-001', 'SOE-001'] });
    assert.equal(again.warnings.new, 0);
    assert.equal(Number((await ws.conn.one<{ n: number }>('SELECT count(*) AS n FROM hit_content'))!.n), contents);
    const hits = await ws.conn.one<{ n: number; same: number }>(`SELECT count(*) AS n, count(*) FILTER (WHERE a.content_hash = r.content_hash) AS same
      FROM hit_record r JOIN alert a USING (fingerprint) WHERE r.analysis_run_id = $1`, [again.run_id]);
    assert.ok(Number(hits!.n) > 0);
    assert.equal(Number(hits!.same), Number(hits!.n));
    const after = await list();
    assert.deepEqual(after.map((a) => a.alert_id), before.map((b) => b.alert_id));
    assert.ok(after.every((a, i) => Number(a.times_seen) === Number(before[i]!.times_seen) + 1));
  });

  test('a model that returns one subject twice makes one warning, from its most severe hit', async () => {
    const wsModels = workspaceModelsDir(ws);
    mkdirSync(wsModels, { recursive: true });
    writeFileSync(join(wsModels, 'BID-903.sql'), model('BID-903', 'yellow', `SELECT tender_id AS subject_id, tender_id, s AS severity, a AS amount_cny
      FROM (SELECT tender_id FROM tender ORDER BY tender_id LIMIT 2) t, (VALUES ('yellow', 1), ('orange', 2), ('yellow', 3)) v(s, a)`));
    try {
      const r = await run({ models: ['BID-903'] });
      assert.equal(r.models[0]!.hits, 6);
      assert.equal(r.warnings.new, 2);
      const w = await ws.conn.all<{ severity: string; amount_cny: string }>(`SELECT severity, amount_cny::INTEGER::VARCHAR AS amount_cny FROM alert WHERE model_id = 'BID-903'`);
      assert.deepEqual(w.map((x) => [x.severity, x.amount_cny]), [['orange', '2'], ['orange', '2']]);
    } finally {
      rmSync(join(wsModels, 'BID-903.sql'));
    }
  });

  test('parameters are bound from ID.name=value, checked by type and name', async () => {
    const r = await run({ models: ['VIL-001'], params: { 'VIL-001.min_days': '100000' } });
    assert.equal(r.models[0]!.hits, 0);
    await assert.rejects(run({ models: ['VIL-001'], params: { 'VIL-001.min_dayz': '1' } }), /has no parameter 'min_dayz'/);
    await assert.rejects(run({ models: ['VIL-001'], params: { 'VIL-001.min_days': 'ninety' } }), /must be integer/);
    await assert.rejects(run({ models: ['VIL-001'], params: { 'BID-001.generic_authors': 'x' } }), /of a selected model/);
  });

  test('workspace models: a failing one is reported and the rest still run; a write is refused; two orange models on one lot escalate to red', async () => {
    const mdir = workspaceModelsDir(ws);
    mkdirSync(mdir, { recursive: true });
    writeFileSync(join(mdir, 'BID-901.sql'), model('BID-901', 'orange', `SELECT tender_id AS subject_id, tender_id, '-' AS lot_id FROM tender WHERE tender_id = (SELECT min(tender_id) FROM tender)`));
    writeFileSync(join(mdir, 'BID-902.sql'), model('BID-902', 'orange', `SELECT tender_id AS subject_id, tender_id, '-' AS lot_id FROM tender WHERE tender_id = (SELECT min(tender_id) FROM tender)`));
    writeFileSync(join(mdir, 'BID-903.sql'), model('BID-903', 'yellow', `SELECT no_such_column AS subject_id FROM tender`));
    writeFileSync(join(mdir, 'BID-904.sql'), model('BID-904', 'yellow', `SELECT tender_id AS subject_id FROM tender; DELETE FROM tender`));
    // Two that fail while running, which aborts a transaction: an error raised by a row, and an amount that
    // does not fit the hit table's DECIMAL(18,2).
    writeFileSync(join(mdir, 'BID-900.sql'), model('BID-900', 'yellow', `SELECT tender_id AS subject_id, error('boom ' || tender_id) AS x FROM tender`));
    writeFileSync(join(mdir, 'BID-905.sql'), model('BID-905', 'yellow', `SELECT tender_id AS subject_id, 1e30 AS amount_cny FROM tender`));
    const n0 = await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM tender`);
    const r = await run({ models: ['BID-900', 'BID-901', 'BID-902', 'BID-903', 'BID-904', 'BID-905'] });
    assert.deepEqual(r.models.map((m) => m.status), ['failed', 'ok', 'ok', 'failed', 'failed', 'failed']);
    assert.match(r.models[0]!.error!, /boom/);
    assert.match(r.models[3]!.error!, /no_such_column/);
    assert.match(r.models[4]!.error!, /exactly one query/);
    assert.match(r.models[5]!.error!, /DECIMAL|out of range/i);
    assert.equal(Number((await ws.conn.one<{ n: number }>(`SELECT count(*) AS n FROM tender`))!.n), Number(n0!.n));
    assert.equal(r.warnings.escalated, 2);
    const esc = await ws.conn.all<{ severity: string; base_severity: string; escalation: string }>(
      `SELECT severity, base_severity, escalation FROM alert WHERE model_id IN ('BID-901', 'BID-902')`);
    assert.ok(esc.every((a) => a.severity === 'red' && a.base_severity === 'orange' && /BID-901, BID-902/.test(a.escalation)));
    for (const f of ['BID-900', 'BID-901', 'BID-902', 'BID-903', 'BID-904', 'BID-905']) rmSync(join(mdir, `${f}.sql`));
  });

  test('power escalation: a red collusion hit and an officials\' model on one tender make the officials\' warning red', async () => {
    const mdir = workspaceModelsDir(ws);
    const one = `SELECT tender_id || '|x' AS subject_id, tender_id FROM tender WHERE tender_id = (SELECT max(tender_id) FROM tender)`;
    writeFileSync(join(mdir, 'BID-024.sql'), model('BID-024', 'red', one));
    writeFileSync(join(mdir, 'BID-040.sql'), model('BID-040', 'orange', one));
    try {
      await run({ models: ['BID-024', 'BID-040'] });
      const a = await ws.conn.one<{ severity: string; escalation: string }>(`SELECT severity, escalation FROM alert WHERE model_id = 'BID-040'`);
      assert.equal(a!.severity, 'red');
      assert.match(a!.escalation, /bidder collusion and an officials' model on the same tender: BID-024, BID-040/);
    } finally {
      for (const f of ['BID-024', 'BID-040']) rmSync(join(mdir, `${f}.sql`));
    }
  });

  test('a statistical screen and a structural link on one lot escalate both; a later run without the link takes it back', async () => {
    const mdir = workspaceModelsDir(ws);
    const lot = `SELECT tender_id || '/-' AS subject_id, tender_id, '-' AS lot_id FROM tender WHERE tender_id = (SELECT min(tender_id) FROM tender)`;
    writeFileSync(join(mdir, 'BID-011.sql'), model('BID-011', 'yellow', lot));
    writeFileSync(join(mdir, 'BID-003.sql'), model('BID-003', 'yellow', lot));
    const get = () => ws.conn.all<{ model_id: string; severity: string; base_severity: string; escalation: string | null }>(
      `SELECT model_id, severity, base_severity, escalation FROM alert WHERE model_id IN ('BID-003', 'BID-011') AND subject_type = 'tender' ORDER BY model_id`);
    try {
      const r = await run({ models: ['BID-011', 'BID-003'] });
      assert.equal(r.warnings.escalated, 2);
      for (const a of await get()) {
        assert.equal(a.severity, 'red');
        assert.equal(a.base_severity, 'yellow');
        assert.match(a.escalation!, /a statistical screen and a structural link on the same lot: BID-003, BID-011/);
      }
      const again = await run({ models: ['BID-011'] });
      assert.equal(again.warnings.escalated, 0);
      assert.equal(again.warnings.seen_again, 1);
      const [link, screen] = await get();
      assert.equal(screen!.severity, 'yellow');
      assert.equal(screen!.escalation, null);
      assert.equal(link!.severity, 'red', 'a warning this run did not see keeps what the last run said');
    } finally {
      for (const f of ['BID-011', 'BID-003']) rmSync(join(mdir, `${f}.sql`));
    }
  });

  test('a cancelled run records nothing and leaves no temporary table behind', async () => {
    const count = async () => Number((await ws.conn.one<{ n: number }>(`SELECT (SELECT count(*) FROM analysis_run) + (SELECT count(*) FROM hit) AS n`))!.n);
    // A computed shared view left behind would stand in for the view in every later query.
    const temps = async () => (await ws.conn.all<{ t: string }>(`SELECT table_name AS t FROM duckdb_tables() WHERE temporary
      UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal`)).map((r) => r.t);
    const before = await count();
    // Cancelled while the models run, and once they have all run (every model's hits and the shared views
    // computed, before the run is recorded).
    const runs: Array<(t: Task) => Promise<unknown>> = [
      (t) => { setTimeout(() => t.cancel(), 100); return runModels(ws, {}, t); },
      (t) => runModels(ws, { after: { sql: [], read: async () => { t.cancel(); } } }, t),
    ];
    // The run computes without keeping insertion order; a cancelled one must not leave it so.
    const ordered = async () => String((await ws.conn.one<{ v: unknown }>(`SELECT current_setting('preserve_insertion_order') AS v`))!.v);
    for (const r of runs) {
      await assert.rejects(ws.tasks.run('run', r), (e: Error & { code?: string }) => e.code === 'cancelled');
      assert.equal(await count(), before);
      assert.deepEqual(await temps(), []);
      assert.equal(await ordered(), 'true');
    }
    await run({ models: ['BID-011', 'FUND-001'] });
    assert.deepEqual(await temps(), []);
  });

  test('CLI: run, hits as JSON lines and CSV, models', async () => {
    await ws.close();
    open = false;
    const ok = await runCli(['run', '--workspace', dir, '--model', 'FUND-001', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    const s = JSON.parse(ok.stdout) as { run_id: string; models: Array<{ hits: number }> };
    const jl = await runCli(['hits', '--workspace', dir, '--format', 'jsonl']);
    assert.equal(jl.code, 0, jl.stderr);
    const rows = lines(jl.stdout).map((l) => JSON.parse(l) as { model_id: string; analysis_run_id: string; evidence: { payee_name: string } });
    assert.equal(rows.length, s.models[0]!.hits);
    assert.ok(rows.every((h) => h.model_id === 'FUND-001' && h.analysis_run_id === s.run_id && typeof h.evidence.payee_name === 'string'));
    const csv = await runCli(['hits', '--workspace', dir, '--run', s.run_id, '--format', 'csv']);
    assert.equal(lines(csv.stdout).length, rows.length + 1);
    assert.match(lines(csv.stdout)[0]!, /^analysis_run_id,model_id,severity,subject_type,subject_id/);
    const bad = await runCli(['run', '--workspace', dir, '--model', 'BID-999']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no such model: BID-999/);
    const lib = await runCli(['models', '--json']);
    const models = JSON.parse(lib.stdout) as Array<{ id: string; params: unknown[]; requires: Record<string, string[]> }>;
    assert.ok(TEN.every((id) => models.some((m) => m.id === id)));
  });
});

describe('a workspace without the data', () => {
  test('every model is "not applicable" and names what is missing', async () => {
    const ws = await Workspace.init(tempDir());
    try {
      const r = await ws.tasks.run('run', (t) => runModels(ws, { models: ['VIL-001', 'BID-043'] }, t));
      assert.deepEqual(r.models.map((m) => [m.model_id, m.status, m.missing]), [
        ['BID-043', 'not_applicable', ['bid_personnel', 'social_insurance']],
        ['VIL-001', 'not_applicable', ['lease_contract', 'rent_schedule']],
      ]);
    } finally {
      await ws.close();
    }
  });
});
