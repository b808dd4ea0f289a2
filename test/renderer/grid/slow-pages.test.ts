// A page request is shown as slow only once it has been pending past the threshold, and no longer once it
// has settled, whether it succeeded or failed; a sort's wait is told apart from a plain read's.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { SlowPages, type PageKind } from '../../../renderer/src/grid/slow-pages.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

test('only requests pending past the threshold are shown, until they settle', async () => {
  const seen: PageKind[][] = [];
  const slow = new SlowPages((k) => seen.push(k), 30);
  const last = () => seen[seen.length - 1];
  const fast = deferred<string>();
  const fastDone = slow.track(fast.promise, 'read');
  fast.resolve('rows');
  assert.equal(await fastDone, 'rows');
  await sleep(60);
  assert.equal(seen.length, 0, 'a fast request never shows');

  const sort = deferred<string>();
  const read = deferred<string>();
  const sortDone = slow.track(sort.promise, 'sort');
  const readDone = slow.track(read.promise, 'read');
  await sleep(60);
  assert.deepEqual(last()?.sort(), ['read', 'sort']);
  read.reject(new Error('failed'));
  await assert.rejects(readDone, /failed/);
  assert.deepEqual(last(), ['sort']);
  sort.resolve('sorted rows');
  assert.equal(await sortDone, 'sorted rows');
  assert.deepEqual(last(), []);
});
