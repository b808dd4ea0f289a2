// The engine supervisor of the main process, driving the real engine host. Electron's utilityProcess is not
// available here, so the host is started with child_process.fork, which speaks the same host protocol.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import type { Notice } from '../../electron/contract/api.ts';
import type { HostMessage } from '../../electron/engine/api/host-protocol.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { DEFAULT_RESTART_POLICY, decideRestart } from '../../electron/main/engine-restart-policy.ts';
import { EngineSupervisor, type EngineLink, type SpawnEngine } from '../../electron/main/engine-supervisor.ts';
import { tempDir } from '../helpers/temp.ts';

const HOST = fileURLToPath(new URL('../../electron/engine/api/host.ts', import.meta.url));

const pids: number[] = [];
const forkEngine: SpawnEngine = (target) => {
  const child = fork(HOST, [target.dir, ...(target.create ? ['--create'] : [])], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  pids.push(child.pid!);
  child.on('error', () => undefined); // a send racing the child's exit (EPIPE); the exit is what counts
  const link: EngineLink = {
    post: (m) => { if (child.connected) child.send(m); },
    onMessage: (l) => { child.on('message', (m) => l(m as HostMessage)); },
    onExit: (l) => { if (child.exitCode !== null || child.signalCode !== null) l(child.exitCode); else child.once('exit', (code) => l(code)); },
    kill: () => { child.kill('SIGKILL'); },
  };
  return link;
};

const until = async (cond: () => boolean, ms = 20_000) => {
  for (const end = Date.now() + ms; !cond() && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
  assert.ok(cond(), 'timed out');
};

describe('the restart policy', () => {
  const p = { ...DEFAULT_RESTART_POLICY, maxRestarts: 3, windowMs: 60_000, baseDelayMs: 250, maxDelayMs: 1000 };
  test('restarts with a growing, capped delay', () => {
    assert.deepEqual(decideRestart([], 100_000, p), { restart: true, delayMs: 250, attempt: 1 });
    assert.deepEqual(decideRestart([99_000], 100_000, p), { restart: true, delayMs: 500, attempt: 2 });
    assert.deepEqual(decideRestart([98_000, 99_000], 100_000, p), { restart: true, delayMs: 1000, attempt: 3 });
  });
  test('gives up after too many restarts within the window, and says why', () => {
    const d = decideRestart([97_000, 98_000, 99_000], 100_000, p);
    assert.equal(d.restart, false);
    assert.match(!d.restart ? d.reason : '', /重启 3 次.*restarted 3 times within 60 s; not restarting it again/);
  });
  test('restarts long ago do not count', () => {
    assert.equal(decideRestart([1_000, 2_000, 3_000], 100_000, p).restart, true);
  });
});

describe('the engine supervisor with the real engine host', () => {
  test('opens a workspace, answers calls, restarts a killed engine and tells listeners, then shuts down cleanly', async () => {
    const dir = tempDir();
    const sup = new EngineSupervisor(forkEngine, { policy: { ...DEFAULT_RESTART_POLICY, baseDelayMs: 10 } });
    const notices: Notice[] = [];
    sup.onNotice((n) => notices.push(n));

    const missing = await sup.open({ dir: tempDir() + '/nope' });
    assert.equal(missing.ok, false, 'opening a folder that is no workspace fails with the engine\'s error');

    const opened = await sup.open({ dir, create: true });
    assert.ok(opened.ok, JSON.stringify(opened));
    const tables = await sup.call('listTables', { views: false });
    assert.ok(tables.ok && Array.isArray(tables.value));

    // Kill it mid-flight: the call in flight fails clearly, the next call waits for the restarted engine.
    const inFlight = sup.call('listModels', {});
    process.kill(pids.at(-1)!, 'SIGKILL');
    const lost = await inFlight;
    if (!lost.ok) assert.match(lost.error.message, /stopped unexpectedly and is being restarted/);
    await until(() => notices.some((n) => n.code === 'engine_restarted'));
    const again = await sup.call('workspaceInfo', {});
    assert.ok(again.ok, JSON.stringify(again));

    // Clean shutdown: the workspace is closed and free for another process.
    await sup.stop();
    const after = await sup.call('workspaceInfo', {});
    assert.equal(after.ok, false);
    const ws = await Workspace.open(dir);
    await ws.close();
  });

  test('stops restarting an engine that keeps dying, and says so', async () => {
    const dir = tempDir();
    const sup = new EngineSupervisor(forkEngine, { policy: { maxRestarts: 1, windowMs: 60_000, baseDelayMs: 10, maxDelayMs: 10 } });
    const notices: Notice[] = [];
    sup.onNotice((n) => notices.push(n));
    assert.ok((await sup.open({ dir, create: true })).ok);
    process.kill(pids.at(-1)!, 'SIGKILL');
    await until(() => notices.some((n) => n.code === 'engine_restarted'));
    process.kill(pids.at(-1)!, 'SIGKILL');
    await until(() => notices.some((n) => n.code === 'disconnected'));
    assert.match(notices.at(-1)!.message, /not restarting it again/);
    const r = await sup.call('workspaceInfo', {});
    assert.match(!r.ok ? r.error.message : '', /not restarting it again/);
    await sup.stop();
  });
});
