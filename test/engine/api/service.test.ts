import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConsoleResult, TaskProgress } from '../../../electron/contract/api.ts';
import type { ModelInfo, RunSummary } from '../../../electron/contract/models.ts';
import type { Result } from '../../../electron/contract/result.ts';
import type { TableInfo, WorkspaceInfo } from '../../../electron/contract/workspace.ts';
import { ApiService } from '../../../electron/engine/api/service.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

const value = <T>(r: Result<unknown>): T => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.value as T;
};
const error = (r: Result<unknown>) => {
  assert.ok(!r.ok, `expected an Err, got ${JSON.stringify(r).slice(0, 200)}`);
  return r.error;
};

describe('ApiService: the contract against a real workspace', () => {
  let ws: Workspace;
  let api: ApiService;

  before(async () => {
    ws = await Workspace.init(tempDir(), { memoryLimit: '1GB', threads: 2 });
    await ws.conn.run(`INSERT INTO tender (tender_id, title, est_value_cny) SELECT printf('T%03d', i), '项目 ' || i, 1000 * i FROM range(50) t(i)`);
    api = new ApiService(ws);
  });
  after(async () => {
    api.close();
    await ws.close();
  });

  test('workspace info, tables with Chinese labels and counts, the model library', async () => {
    const info = value<WorkspaceInfo>(await api.call('workspaceInfo', {}));
    assert.equal(info.dir, ws.layout.root);
    const tables = value<TableInfo[]>(await api.call('listTables', {}));
    const tender = tables.find((t) => t.name === 'tender');
    assert.equal(tender?.rows, 50);
    assert.equal(tender?.labelZh, '招标项目');
    assert.ok(tables.some((t) => t.kind === 'view'), 'views by default');
    assert.ok(value<TableInfo[]>(await api.call('listTables', { views: false })).every((t) => t.kind === 'table'));
    const models = value<ModelInfo[]>(await api.call('listModels', {}));
    assert.ok(models.length >= 40);
    assert.ok(models.every((m) => !('sql' in m)), 'the SQL stays in the engine');
  });

  test('an unknown call or a malformed request is a usage Err, not a throw', async () => {
    assert.equal(error(await api.call('dropEverything', {})).code, 'usage');
    const e = error(await api.call('consoleQuery', { sql: 'SELECT 1' }));
    assert.equal(e.code, 'usage');
    assert.match(e.message, /taskId/);
  });

  test('console: a read returns rows and column types, up to the limit', async () => {
    const r = value<ConsoleResult>(await api.call('consoleQuery', { taskId: 'q1', sql: 'SELECT tender_id, est_value_cny FROM tender ORDER BY tender_id', limit: 10 }));
    assert.equal(r.rows.length, 10);
    assert.equal(r.truncated, true);
    assert.deepEqual(r.columns, [{ name: 'tender_id', type: 'VARCHAR' }, { name: 'est_value_cny', type: 'DECIMAL(18,2)' }]);
    assert.deepEqual(r.rows[1], { tender_id: 'T001', est_value_cny: '1000.00' });
    const all = value<ConsoleResult>(await api.call('consoleQuery', { taskId: 'q2', sql: 'SELECT count(*) AS n FROM tender;' }));
    assert.equal(all.truncated, false);
    assert.deepEqual(all.rows, [{ n: '50' }]);
    // Two columns of one name keep both values.
    const twin = value<ConsoleResult>(await api.call('consoleQuery', { taskId: 'q3', sql: 'SELECT 1 AS x, 2 AS x' }));
    assert.deepEqual(twin.rows, [{ x: 1, x_2: 2 }]);
  });

  test('console: a write is refused in Chinese and English, and nothing changes', async () => {
    for (const sql of ['DELETE FROM tender', 'DROP TABLE tender', `UPDATE tender SET title = 'x'`, 'SELECT 1; DELETE FROM tender',
      `CREATE TABLE x AS SELECT 1`, `COPY tender TO '/tmp/x.csv'`, `INSERT INTO tender (tender_id) VALUES ('X')`]) {
      const e = error(await api.call('consoleQuery', { taskId: 'w', sql }));
      assert.equal(e.code, 'bad_input', sql);
      assert.match(e.message, /只|只允许只读查询|exactly one query|only read-only/, sql);
    }
    const e = error(await api.call('consoleQuery', { taskId: 'w', sql: 'DELETE FROM tender' }));
    assert.equal(e.message, '只允许只读查询（SELECT）/ only read-only queries (SELECT) are allowed');
    assert.equal(value<ConsoleResult>(await api.call('consoleQuery', { taskId: 'w', sql: 'SELECT count(*) AS n FROM tender' })).rows[0]!.n, '50');
  });

  test('console: a syntax error says so', async () => {
    const e = error(await api.call('consoleQuery', { taskId: 's', sql: 'SELEC 1' }));
    assert.match(e.message, /SQL 语法错误 \/ SQL syntax error/);
  });

  test('console: a long query is cancelled by its task id, and the connection works on', async () => {
    const running = api.call('consoleQuery', { taskId: 'long', sql: 'SELECT count(*) FROM range(200000) a, range(200000) b WHERE a.range + b.range = 7' });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    assert.deepEqual(value(await api.call('cancel', { taskId: 'long' })), { cancelled: true });
    assert.equal(error(await running).code, 'cancelled');
    assert.ok(Date.now() - t0 < 5000, 'cancelled promptly');
    assert.deepEqual(value(await api.call('cancel', { taskId: 'long' })), { cancelled: false });
    assert.equal(value<ConsoleResult>(await api.call('consoleQuery', { taskId: 'after', sql: 'SELECT 42 AS x' })).rows[0]!.x, 42);
  });

  test('run models: progress names each model under the client task id; the summary comes back', async () => {
    const events: TaskProgress[] = [];
    const stop = api.onProgress((e) => events.push(e));
    const s = value<RunSummary>(await api.call('runModels', { taskId: 'run-a', models: ['BID-001', 'BID-005'] }));
    stop();
    assert.deepEqual(s.models.map((m) => [m.model_id, m.status]), [['BID-001', 'not_applicable'], ['BID-005', 'not_applicable']]);
    assert.ok(events.length > 0 && events.every((e) => e.taskId === 'run-a'));
    assert.deepEqual([...new Set(events.filter((e) => e.item).map((e) => e.item))], ['BID-001', 'BID-005']);
    assert.equal(events.at(-1)!.state, 'done');
  });

  test('run models: unknown ids and foreign parameters are refused by name', async () => {
    assert.match(error(await api.call('runModels', { taskId: 'r2', models: ['BID-999'] })).message, /BID-999/);
    assert.match(error(await api.call('runModels', { taskId: 'r3', models: ['BID-001'], params: { 'BID-001.nope': '1' } })).message, /nope/);
  });

  test('run models: cancelled before it starts, nothing is recorded', async () => {
    const before = value<ConsoleResult>(await api.call('consoleQuery', { taskId: 'c0', sql: 'SELECT count(*) AS n FROM analysis_run' })).rows[0]!.n;
    // Queue a long console query first, so the run is still waiting for the connection when it is cancelled.
    const long = api.call('consoleQuery', { taskId: 'blocker', sql: 'SELECT count(*) FROM range(100000) a, range(100000) b WHERE a.range + b.range = 7' });
    const run = api.call('runModels', { taskId: 'run-c' });
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(value(await api.call('cancel', { taskId: 'run-c' })), { cancelled: true });
    await api.call('cancel', { taskId: 'blocker' });
    await long;
    assert.equal(error(await run).code, 'cancelled');
    const afterRuns = value<ConsoleResult>(await api.call('consoleQuery', { taskId: 'c1', sql: 'SELECT count(*) AS n FROM analysis_run' })).rows[0]!.n;
    assert.equal(afterRuns, before);
  });
});
