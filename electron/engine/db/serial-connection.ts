import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { debugTiming } from '../debug-timing.ts';
import { ClearsightError } from '../errors.ts';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];

/**
 * A DuckDB connection whose statements run strictly one after another.
 * Concurrent callers on one connection crash or interleave (see the anchors' Orbital DB note),
 * so every statement goes through one promise chain. A running statement can be cancelled by
 * an AbortSignal, which calls connection.interrupt(); because the queue is serial, the
 * interrupt can only hit the statement it was meant for.
 */
export class SerialConnection {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(readonly raw: DuckDBConnection) {}

  /** Run fn with exclusive use of the connection (for multi-statement work such as a transaction). */
  exclusive<T>(fn: (c: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const next = this.tail.then(async () => {
      if (this.closed) throw new ClearsightError('internal', 'connection is closed');
      throwIfAborted(signal);
      let interrupted = false;
      let again: ReturnType<typeof setInterval> | undefined;
      const onAbort = () => {
        interrupted = true;
        this.raw.interrupt();
        // An interrupt with no statement running is forgotten, so an abort that lands between two statements
        // of fn would let the next one run to the end: keep interrupting until fn is over.
        again = setInterval(() => this.raw.interrupt(), 100);
      };
      signal?.addEventListener('abort', onAbort);
      try {
        return await fn(this.raw);
      } catch (e) {
        if (signal?.aborted) throw cancelled();
        throw e;
      } finally {
        signal?.removeEventListener('abort', onAbort);
        clearInterval(again);
        // An interrupt that arrived as the last statement finished stays pending in DuckDB and would
        // cancel the next caller's statement: absorb it here.
        if (interrupted) await this.raw.run('SELECT 1').catch(() => undefined);
      }
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  async run(sql: string, params?: Params, signal?: AbortSignal): Promise<void> {
    await this.exclusive(async (c) => { await c.run(sql, params); }, signal);
  }

  /** Rows as plain objects, with BIGINT and DECIMAL turned into JSON-friendly values. */
  async all<T = Record<string, unknown>>(sql: string, params?: Params, signal?: AbortSignal): Promise<T[]> {
    return this.exclusive(async (c) => {
      const reader = await c.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as unknown as T[];
    }, signal);
  }

  async one<T = Record<string, unknown>>(sql: string, params?: Params, signal?: AbortSignal): Promise<T | undefined> {
    return (await this.all<T>(sql, params, signal))[0];
  }

  /** Run fn inside BEGIN/COMMIT on this connection; any error rolls back. */
  transaction<T>(fn: (c: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.exclusive((c) => inTransaction(c, fn, signal), signal);
  }

  interrupt(): void {
    this.raw.interrupt();
  }

  async close(): Promise<void> {
    await this.tail;
    this.closed = true;
    this.raw.closeSync();
  }
}

/**
 * Run fn inside BEGIN/COMMIT on a connection the caller holds exclusively (see SerialConnection.exclusive);
 * any error rolls back.
 */
export async function inTransaction<T>(c: DuckDBConnection, fn: (c: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T> {
  await c.run('BEGIN TRANSACTION');
  try {
    const out = await fn(c);
    throwIfAborted(signal);
    const t0 = Date.now();
    await c.run('COMMIT');
    debugTiming(t0, 'COMMIT');
    return out;
  } catch (e) {
    await rollback(c);
    throw e;
  }
}

/** ROLLBACK, again if a cancel's repeated interrupt hit it: the transaction must not stay open. (Another error is
 * e.g. that no transaction is active any more.) */
async function rollback(c: DuckDBConnection): Promise<void> {
  await retryingInterrupt(() => c.run('ROLLBACK'));
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelled();
}

function cancelled(): ClearsightError {
  return new ClearsightError('cancelled', 'cancelled / 已取消');
}

/**
 * Run a clean-up statement again if a cancel's repeated interrupt hit it (what it cleans up must not stay);
 * any other error is left alone.
 */
export async function retryingInterrupt(fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 10; i++) {
    try {
      await fn();
      return;
    } catch (e) {
      if (!/INTERRUPT/i.test((e as Error).message)) return;
    }
  }
}
