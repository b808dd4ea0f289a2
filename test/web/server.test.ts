import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import type { ServerMessage, TaskProgress } from '../../electron/contract/api.ts';
import type { Result } from '../../electron/contract/result.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { startServer, type RunningServer } from '../../electron/web/server.ts';
import { tempDir } from '../helpers/temp.ts';

/** A GET with full control of the Host header; resolves with status, headers and body. */
function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A WebSocket client that speaks the contract: call() → Result, progress events collected. */
async function connect(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const progress: TaskProgress[] = [];
  const notices: string[] = [];
  socket.on('message', (data) => {
    const m = JSON.parse(data.toString()) as ServerMessage;
    if (m.type === 'result') { pending.get(m.id)?.(m.result); pending.delete(m.id); }
    if (m.type === 'progress') progress.push(m.event);
    if (m.type === 'notice') notices.push(m.code);
  });
  let seq = 0;
  return {
    socket, progress, notices,
    call(method: string, params: unknown): Promise<Result<unknown>> {
      const id = ++seq;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'call', id, method, params }));
      });
    },
    raw(text: string): Promise<Result<unknown>> {
      return new Promise((resolve) => {
        pending.set(-1, resolve);
        pending.set(7, resolve);
        socket.send(text);
      });
    },
    close: () => socket.close(),
  };
}

describe('browser mode server (real engine in a child process)', () => {
  let server: RunningServer;
  let base: string;

  before(async () => {
    const dir = join(tempDir(), 'ws');
    const ws = await Workspace.init(dir, { memoryLimit: '512MB', threads: 1 });
    await ws.conn.run(`INSERT INTO tender (tender_id, title) VALUES ('T1', '测试项目')`);
    await ws.close();
    const site = join(tempDir(), 'site');
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>明鉴</title>');
    writeFileSync(join(site, 'assets', 'app.js'), 'console.log(1)');
    server = await startServer({ workspace: dir, rendererDir: site });
    base = `http://127.0.0.1:${server.port}`;
  });
  after(async () => {
    await server?.close();
  });

  test('the URL is loopback, random port, token in the path', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}\/$/);
    assert.notEqual(server.port, 0);
  });

  test('static files need the token; without it or with a wrong one: 403', async () => {
    const ok = await get(server.port, `/${server.token}/`);
    assert.equal(ok.status, 200);
    assert.match(ok.body, /明鉴/);
    assert.match(String(ok.headers['content-security-policy']), /default-src 'self'/);
    assert.equal((await get(server.port, `/${server.token}/assets/app.js`)).status, 200);
    for (const path of ['/', '/index.html', '/assets/app.js', `/${'x'.repeat(32)}/`, `/${server.token.slice(0, -1)}/`, '/favicon.ico']) {
      const r = await get(server.port, path);
      assert.equal(r.status, 403, path);
      assert.match(r.body, /token/);
    }
    assert.equal((await get(server.port, `/${server.token}`)).status, 302);
    assert.equal((await get(server.port, `/${server.token}/nothing.js`)).status, 404);
    assert.equal((await get(server.port, `/${server.token}/../../etc/passwd`)).status, 404);
  });

  test('a foreign Host header (DNS rebinding) is refused even with the token', async () => {
    assert.equal((await get(server.port, `/${server.token}/`, `evil.example:${server.port}`)).status, 403);
  });

  test('the WebSocket needs the token, a loopback host and our own origin', async () => {
    await assert.rejects(connect(`ws://127.0.0.1:${server.port}/api`), /403/);
    await assert.rejects(connect(`ws://127.0.0.1:${server.port}/${'y'.repeat(32)}/api`), /403/);
    await assert.rejects(connect(`ws://127.0.0.1:${server.port}/${server.token}/api`, { Origin: 'http://evil.example' }), /403/);
    const c = await connect(`ws://127.0.0.1:${server.port}/${server.token}/api`, { Origin: base });
    c.close();
  });

  test('calls go through to the engine; bad messages get a usage Err', async () => {
    const c = await connect(`ws://127.0.0.1:${server.port}/${server.token}/api`);
    try {
      const tables = await c.call('listTables', {});
      assert.ok(tables.ok);
      assert.equal((tables.value as { name: string; rows: number }[]).find((t) => t.name === 'tender')?.rows, 1);
      const page = await c.call('tablePage', { table: 'tender', startRow: 0, endRow: 10 });
      assert.ok(page.ok);
      assert.equal((page.value as { rows: { title: string }[] }).rows[0]?.title, '测试项目');
      const refused = await c.call('consoleQuery', { taskId: 'w1', sql: 'DROP TABLE tender' });
      assert.ok(!refused.ok);
      assert.match(refused.error.message, /只允许只读查询.*only read-only/);
      const unknown = await c.call('shutdown', {});
      assert.ok(!unknown.ok && unknown.error.code === 'usage');
      const garbage = await c.raw('not json');
      assert.ok(!garbage.ok && garbage.error.code === 'usage');
      const badParams = await c.raw(JSON.stringify({ type: 'call', id: 7, method: 'tablePage', params: { table: 'tender', startRow: -1, endRow: 5 } }));
      assert.ok(!badParams.ok && badParams.error.code === 'usage' && /startRow/.test(badParams.error.message));
    } finally {
      c.close();
    }
  });

  test('progress events of a run are pushed; a long query does not block the server', async () => {
    const c = await connect(`ws://127.0.0.1:${server.port}/${server.token}/api`);
    try {
      const run = await c.call('runModels', { taskId: 'run-ws', domain: 'VIL' });
      assert.ok(run.ok, JSON.stringify(run));
      assert.ok(c.progress.some((e) => e.taskId === 'run-ws' && e.item?.startsWith('VIL-')));
      assert.equal(c.progress.filter((e) => e.taskId === 'run-ws').at(-1)?.state, 'done');

      const long = c.call('consoleQuery', { taskId: 'slow', sql: 'SELECT count(*) FROM range(200000) a, range(200000) b WHERE a.range + b.range = 7' });
      const t0 = Date.now();
      assert.equal((await get(server.port, `/${server.token}/`)).status, 200);
      assert.ok(Date.now() - t0 < 1000, 'the HTTP server answers while the engine is busy');
      assert.deepEqual(await c.call('cancel', { taskId: 'slow' }), { ok: true, value: { cancelled: true } });
      const r = await long;
      assert.ok(!r.ok && r.error.code === 'cancelled');
    } finally {
      c.close();
    }
  });

  test('if the engine process dies, calls in flight fail clearly, it is restarted and clients are told', async () => {
    const c = await connect(`ws://127.0.0.1:${server.port}/${server.token}/api`);
    try {
      const pid = server.engine.pid!;
      const inFlight = c.call('consoleQuery', { taskId: 'doomed', sql: 'SELECT count(*) FROM range(200000) a, range(200000) b WHERE a.range + b.range = 7' });
      await new Promise((r) => setTimeout(r, 200));
      process.kill(pid, 'SIGKILL');
      const r = await inFlight;
      assert.ok(!r.ok);
      assert.match(r.error.message, /引擎进程意外退出.*restarted/);
      for (let i = 0; i < 100 && !c.notices.includes('engine_restarted'); i++) await new Promise((res) => setTimeout(res, 100));
      assert.ok(c.notices.includes('engine_restarted'));
      assert.notEqual(server.engine.pid, pid);
      const again = await c.call('workspaceInfo', {});
      assert.ok(again.ok);
    } finally {
      c.close();
    }
  });
});
