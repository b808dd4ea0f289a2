import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { ProgressEvent } from '../../electron/contract/progress.ts';
import { ClearsightError } from '../../electron/engine/errors.ts';
import { TaskHub, type Task } from '../../electron/engine/tasks.ts';

function collect(hub: TaskHub): ProgressEvent[] {
  const events: ProgressEvent[] = [];
  hub.subscribe((e) => events.push(e));
  return events;
}

const isCancelled = (e: unknown) => e instanceof ClearsightError && e.code === 'cancelled';

describe('TaskHub', () => {
  test('emits step, advance and finish events to every subscriber', async () => {
    const hub = new TaskHub();
    const a = collect(hub);
    const b = collect(hub);
    let id = '';
    const out = await hub.run('import', async (t) => {
      id = t.id;
      t.step('读取文件', 'reading files', 3, 'steps');
      await sleep(120); // advance() is throttled to ~10 events a second
      t.advance(1);
      await sleep(120);
      t.step('写入', 'writing', 1000, 'rows');
      await sleep(120);
      t.advance(500);
      return 'result';
    });
    assert.equal(out, 'result');
    assert.match(id, /^import-\d+$/);
    assert.deepEqual(b, a, 'both subscribers see the same events');

    const summary = a.map((e) => [e.state, e.step.en, e.done, e.total, e.unit]);
    assert.deepEqual(summary, [
      ['running', 'reading files', 0, 3, 'steps'],
      ['running', 'reading files', 1, 3, 'steps'],
      ['running', 'writing', 0, 1000, 'rows'],
      ['running', 'writing', 500, 1000, 'rows'],
      ['done', 'writing', 500, 1000, 'rows'],
    ]);
    for (const e of a) {
      assert.equal(e.taskId, id);
      assert.equal(e.kind, 'import');
      assert.ok(e.elapsedMs >= 0);
    }
    assert.equal(a[0]!.step.zh, '读取文件');
    assert.ok(a.at(-1)!.elapsedMs >= 300, 'elapsed time grows');
  });

  test('advance() is throttled but step() and the final event are not', async () => {
    const hub = new TaskHub();
    const events = collect(hub);
    await hub.run('generate', async (t) => {
      t.step('生成', 'generating', 1_000_000, 'rows');
      for (let i = 1; i <= 1000; i++) t.advance(i * 1000);
    });
    assert.ok(events.length <= 4, `expected few events, got ${events.length}`);
    assert.equal(events[0]!.step.en, 'generating');
    assert.equal(events.at(-1)!.state, 'done');
    assert.equal(events.at(-1)!.done, 1_000_000, 'the final event carries the last count');
  });

  test('unsubscribing stops the events', async () => {
    const hub = new TaskHub();
    const events: ProgressEvent[] = [];
    const off = hub.subscribe((e) => events.push(e));
    off();
    await hub.run('run', async (t) => t.step('x', 'x'));
    assert.deepEqual(events, []);
  });

  test('a failing body ends with a failed event and its own error', async () => {
    const hub = new TaskHub();
    const events = collect(hub);
    await assert.rejects(hub.run('run', async (t) => {
      t.step('运行', 'running');
      throw new ClearsightError('bad_input', 'no such model');
    }), (e: unknown) => e instanceof ClearsightError && e.code === 'bad_input');
    assert.equal(events.at(-1)!.state, 'failed');
  });

  test('cancel() aborts the task signal; the run rejects as cancelled with a final cancelled event', async () => {
    const hub = new TaskHub();
    const events = collect(hub);
    let task: Task | undefined;
    let sawAbort = false;
    const running = hub.run('export', async (t) => {
      task = t;
      t.signal.addEventListener('abort', () => { sawAbort = true; });
      t.step('导出', 'exporting', 100, 'rows');
      for (let i = 0; ; i++) {
        await sleep(5);
        t.advance(i); // throws once cancelled
      }
    });
    await sleep(50);
    assert.ok(task);
    assert.equal(hub.cancel(task.id), true);
    assert.equal(task.signal.aborted, true);
    assert.equal(sawAbort, true);
    await assert.rejects(running, isCancelled);
    assert.equal(events.at(-1)!.state, 'cancelled');
    assert.equal(events.filter((e) => e.state !== 'running').length, 1, 'exactly one final event');
    assert.equal(hub.cancel(task.id), false, 'a finished task is no longer cancellable');
  });

  test('a body that fails with a foreign error after cancellation still reports cancelled', async () => {
    const hub = new TaskHub();
    const events = collect(hub);
    const running = hub.run('run', (t) => new Promise((_, reject) => {
      // What DuckDB does when interrupted: reject with its own error.
      t.signal.addEventListener('abort', () => reject(new Error('INTERRUPT Error: Interrupted!')));
    }));
    await sleep(10);
    hub.cancelAll();
    await assert.rejects(running, isCancelled);
    assert.equal(events.at(-1)!.state, 'cancelled');
  });

  test('a cancelled task refuses to start a new step', async () => {
    const hub = new TaskHub();
    await assert.rejects(hub.run('run', async (t) => {
      t.cancel();
      t.step('下一步', 'next');
      assert.fail('step() should have thrown');
    }), isCancelled);
  });

  test('task ids are unique per hub', async () => {
    const hub = new TaskHub();
    const ids = await Promise.all([1, 2, 3].map(() => hub.run('run', async (t) => t.id)));
    assert.equal(new Set(ids).size, 3);
  });
});
