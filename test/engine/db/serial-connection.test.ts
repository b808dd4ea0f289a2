import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { SerialConnection } from '../../../electron/engine/db/serial-connection.ts';
import { ClearsightError } from '../../../electron/engine/errors.ts';
import { tempDir } from '../../helpers/temp.ts';

const isCancelled = (e: unknown) => {
  assert.ok(e instanceof ClearsightError, `expected a ClearsightError, got ${String(e)}`);
  assert.equal(e.code, 'cancelled', e.message);
  return true;
};

/** A query that runs for minutes unless interrupted. */
const ENDLESS = 'SELECT count(*) AS n FROM range(10_000_000_000) t(x) WHERE x % 7 = 3';

let instance: DuckDBInstance;
let conn: SerialConnection;

before(async () => {
  instance = await DuckDBInstance.create(join(tempDir(), 'serial.duckdb'), { threads: '2', memory_limit: '1GB' });
  conn = new SerialConnection(await instance.connect());
});

after(async () => {
  await conn.close();
  instance.closeSync();
});

async function makeTable(name: string, ddl: string): Promise<void> {
  await conn.run(`DROP TABLE IF EXISTS ${name}`);
  await conn.run(`CREATE TABLE ${name} (${ddl})`);
}

describe('serialisation', () => {
  test('many concurrent all() calls each get their own correct result', async () => {
    const n = 200;
    const calls = Array.from({ length: n }, (_, i) =>
      conn.all<{ i: number; sq: number; s: string }>('SELECT $1::INTEGER AS i, ($1 * $1)::INTEGER AS sq, $2 AS s', [i, `行${i}`]));
    const results = await Promise.all(calls);
    results.forEach((rows, i) => assert.deepEqual(rows, [{ i, sq: i * i, s: `行${i}` }]));
  });

  test('statements run one at a time, in the order they were issued', async () => {
    await makeTable('seq', 'i INTEGER');
    const finished: number[] = [];
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i++) {
      // Alternate writes and reads of the same table: each read must see exactly the writes issued before it.
      calls.push(conn.run('INSERT INTO seq VALUES ($1)', [i]).then(() => finished.push(i)));
      calls.push(conn.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM seq').then((r) => assert.equal(r?.n, i + 1)));
    }
    await Promise.all(calls);
    assert.deepEqual(finished, Array.from({ length: 100 }, (_, i) => i));
    const rows = await conn.all<{ i: number }>('SELECT i FROM seq ORDER BY rowid');
    assert.deepEqual(rows.map((r) => r.i), finished);
  });

  test('a failing statement rejects only its own caller', async () => {
    const [a, b, c] = await Promise.allSettled([
      conn.one('SELECT 1 AS x'),
      conn.one('SELECT * FROM no_such_table'),
      conn.one('SELECT 3 AS x'),
    ]);
    assert.deepEqual(a, { status: 'fulfilled', value: { x: 1 } });
    assert.equal(b.status, 'rejected');
    assert.match(String((b as PromiseRejectedResult).reason), /no_such_table/);
    assert.deepEqual(c, { status: 'fulfilled', value: { x: 3 } });
  });

  test('exclusive() holds the connection for its whole callback', async () => {
    const order: string[] = [];
    const long = conn.exclusive(async (c) => {
      order.push('exclusive:start');
      await sleep(100);
      await c.run('SELECT 1');
      order.push('exclusive:end');
    });
    const short = conn.all('SELECT 2').then(() => order.push('short'));
    await Promise.all([long, short]);
    assert.deepEqual(order, ['exclusive:start', 'exclusive:end', 'short']);
  });
});

describe('cancellation', () => {
  test('a long query cancelled by an AbortSignal rejects as cancelled promptly; the connection still works', async () => {
    const ac = new AbortController();
    const queuedBehind = conn.one<{ x: number }>('SELECT 42 AS x');
    const started = Date.now();
    const long = conn.all(ENDLESS, undefined, ac.signal);
    setTimeout(() => ac.abort(), 300);
    await assert.rejects(long, isCancelled);
    const ms = Date.now() - started;
    assert.ok(ms < 15_000, `cancelling took ${ms} ms`);
    assert.deepEqual(await queuedBehind, { x: 42 });
    assert.deepEqual(await conn.all('SELECT 1 + 1 AS two'), [{ two: 2 }]);
  });

  test('a heavy cross join is interruptible too', async () => {
    const ac = new AbortController();
    const long = conn.all('SELECT sum(a.x * b.x) FROM range(200000) a(x), range(200000) b(x)', undefined, ac.signal);
    setTimeout(() => ac.abort(), 200);
    await assert.rejects(long, isCancelled);
    assert.deepEqual(await conn.one('SELECT 7 AS x'), { x: 7 });
  });

  test('a signal aborted before the statement starts: the statement never runs', async () => {
    await makeTable('never', 'i INTEGER');
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(conn.run('INSERT INTO never VALUES (1)', undefined, ac.signal), isCancelled);
    assert.deepEqual(await conn.all('SELECT * FROM never'), []);
  });

  test('an abort that lands between two statements still stops the next one', async () => {
    // The user cancels while the callback is between statements (the console parses, then runs): DuckDB
    // forgets an interrupt with nothing running, so the connection keeps interrupting until the callback ends.
    const controller = new AbortController();
    const t0 = Date.now();
    const p = conn.exclusive(async (c) => {
      await sleep(150);
      await c.run(ENDLESS);
    }, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(p, isCancelled);
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
    assert.deepEqual(await conn.all('SELECT 42 AS x'), [{ x: 42 }]);
  });

  test('aborting a queued statement does not interrupt the one running ahead of it', async () => {
    const ac = new AbortController();
    const ahead = conn.exclusive(async (c) => {
      await sleep(150);
      return (await c.runAndReadAll('SELECT 5 AS x')).getRowObjectsJson();
    });
    const queued = conn.all('SELECT 6 AS x', undefined, ac.signal);
    ac.abort();
    await assert.rejects(queued, isCancelled);
    assert.deepEqual(await ahead, [{ x: 5 }]);
  });
});

describe('transaction()', () => {
  test('commits when the callback succeeds', async () => {
    await makeTable('tx_ok', 'id INTEGER PRIMARY KEY, v VARCHAR');
    const out = await conn.transaction(async (c) => {
      await c.run(`INSERT INTO tx_ok VALUES (1, 'a'), (2, 'b')`);
      return 'done';
    });
    assert.equal(out, 'done');
    assert.deepEqual(await conn.all('SELECT id, v FROM tx_ok ORDER BY id'), [{ id: 1, v: 'a' }, { id: 2, v: 'b' }]);
  });

  test('rolls back when the callback throws', async () => {
    await makeTable('tx_fail', 'id INTEGER PRIMARY KEY');
    await conn.run('INSERT INTO tx_fail VALUES (0)');
    await assert.rejects(conn.transaction(async (c) => {
      await c.run('INSERT INTO tx_fail VALUES (1), (2)');
      throw new Error('boom');
    }), /boom/);
    assert.deepEqual(await conn.all('SELECT id FROM tx_fail'), [{ id: 0 }]);
  });

  test('rolls back when a statement fails half-way (constraint violation)', async () => {
    await makeTable('tx_pk', 'id INTEGER PRIMARY KEY');
    await assert.rejects(conn.transaction(async (c) => {
      await c.run('INSERT INTO tx_pk VALUES (1), (2)');
      await c.run('INSERT INTO tx_pk VALUES (2)');
    }), /constraint|duplicate/i);
    assert.deepEqual(await conn.all('SELECT id FROM tx_pk'), []);
    // Not left inside a transaction: a new one works.
    await conn.transaction((c) => c.run('INSERT INTO tx_pk VALUES (9)'));
    assert.deepEqual(await conn.all('SELECT id FROM tx_pk'), [{ id: 9 }]);
  });

  test('a cancelled transaction rolls back and rejects as cancelled', async () => {
    await makeTable('tx_cancel', 'i BIGINT');
    const ac = new AbortController();
    const tx = conn.transaction(async (c) => {
      await c.run('INSERT INTO tx_cancel VALUES (1)');
      await c.run(`INSERT INTO tx_cancel ${ENDLESS}`);
    }, ac.signal);
    setTimeout(() => ac.abort(), 300);
    await assert.rejects(tx, isCancelled);
    assert.deepEqual(await conn.all('SELECT i FROM tx_cancel'), []);
  });

  test('an abort after the callback finished but before COMMIT still rolls back', async () => {
    await makeTable('tx_late', 'i INTEGER');
    const ac = new AbortController();
    await assert.rejects(conn.transaction(async (c) => {
      await c.run('INSERT INTO tx_late VALUES (1)');
      ac.abort();
    }, ac.signal), isCancelled);
    assert.deepEqual(await conn.all('SELECT i FROM tx_late'), []);
  });
});

describe('close()', () => {
  test('waits for queued statements, then refuses new ones', async () => {
    const inst = await DuckDBInstance.create(join(tempDir(), 'close.duckdb'));
    const c = new SerialConnection(await inst.connect());
    const pending = [c.one('SELECT 1 AS x'), c.one('SELECT 2 AS x'), c.one('SELECT 3 AS x')];
    await c.close();
    assert.deepEqual(await Promise.all(pending), [{ x: 1 }, { x: 2 }, { x: 3 }]);
    await assert.rejects(c.one('SELECT 4'), /closed/);
    inst.closeSync();
  });
});
