import type { ProgressEvent, TaskKind } from '../contract/progress.ts';
import { ClearsightError } from './errors.ts';

export type ProgressListener = (e: ProgressEvent) => void;

/**
 * A long operation: it reports progress to every listener and can be cancelled.
 * The one progress mechanism of the engine: import, generation, model runs and export all
 * take a Task and call step()/advance(); the CLI draws a bar, the UI a progress dialog.
 */
export class Task {
  readonly controller = new AbortController();
  private readonly started = Date.now();
  private stepLabel = { zh: '', en: '' };
  private done = 0;
  private total = 0;
  private unit: ProgressEvent['unit'] = 'steps';
  private lastEmit = 0;

  constructor(
    readonly id: string,
    readonly kind: TaskKind,
    private readonly emit: (e: ProgressEvent) => void,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  cancel(): void {
    this.controller.abort();
  }

  /** Start a new step; done resets to 0, or to `done` for a step that is one unit of a larger count. */
  step(zh: string, en: string, total = 0, unit: ProgressEvent['unit'] = 'steps', done = 0): void {
    this.throwIfCancelled();
    this.stepLabel = { zh, en };
    this.done = done;
    this.total = total;
    this.unit = unit;
    this.send('running', true);
  }

  /** Report units done within the current step (throttled to ~10 events a second). */
  advance(done: number, total = this.total): void {
    this.throwIfCancelled();
    this.done = done;
    this.total = total;
    this.send('running', false);
  }

  finish(state: 'done' | 'failed' | 'cancelled'): void {
    this.send(state, true);
  }

  throwIfCancelled(): void {
    if (this.signal.aborted) throw new ClearsightError('cancelled', 'cancelled / 已取消');
  }

  private send(state: ProgressEvent['state'], force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < 100) return;
    this.lastEmit = now;
    this.emit({
      taskId: this.id, kind: this.kind, step: this.stepLabel, done: this.done, total: this.total,
      unit: this.unit, state, elapsedMs: now - this.started,
    });
  }
}

/** Creates tasks, fans their events out to listeners and finds running tasks to cancel. */
export class TaskHub {
  private readonly listeners = new Set<ProgressListener>();
  private readonly running = new Map<string, Task>();
  private seq = 0;

  subscribe(l: ProgressListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Run body as a task; the final event says how it ended. */
  async run<T>(kind: TaskKind, body: (t: Task) => Promise<T>): Promise<T> {
    const id = `${kind}-${++this.seq}`;
    const task = new Task(id, kind, (e) => this.listeners.forEach((l) => l(e)));
    this.running.set(id, task);
    try {
      const out = await body(task);
      task.finish('done');
      return out;
    } catch (e) {
      const cancelled = task.signal.aborted || (e instanceof ClearsightError && e.code === 'cancelled');
      task.finish(cancelled ? 'cancelled' : 'failed');
      if (cancelled && !(e instanceof ClearsightError)) throw new ClearsightError('cancelled', 'cancelled / 已取消');
      throw e;
    } finally {
      this.running.delete(id);
    }
  }

  cancel(taskId: string): boolean {
    const t = this.running.get(taskId);
    t?.cancel();
    return t !== undefined;
  }

  cancelAll(): void {
    for (const t of this.running.values()) t.cancel();
  }
}
