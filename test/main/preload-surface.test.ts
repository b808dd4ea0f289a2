// The preload exposes exactly the contract as window.clearsight: one function per engine call and desktop
// call, the subscriptions, nothing else (no ipcRenderer, no Node).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { API_METHODS } from '../../electron/contract/api.ts';
import { DESKTOP_METHODS, IPC } from '../../electron/contract/desktop.ts';
import { buildBridge } from '../../electron/preload/bridge.ts';
import { importSpecifiers } from '../architecture/imports.ts';

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('the preload surface', () => {
  const invoked: [string, string, unknown][] = [];
  const subscribed: string[] = [];
  const bridge = buildBridge({
    invoke: async (channel, method, params) => { invoked.push([channel, method, params]); return { ok: true, value: method }; },
    subscribe: (channel, listener) => { subscribed.push(channel); listener({ from: channel }); return () => undefined; },
  });

  test('is exactly the contract: its call names, the subscriptions and desktop', () => {
    assert.deepEqual(sorted(Object.keys(bridge)), sorted([...API_METHODS, 'onProgress', 'onNotice', 'desktop']));
    assert.deepEqual(sorted(Object.keys(bridge.desktop)), sorted([...DESKTOP_METHODS, 'onOpenFiles']));
    for (const v of [...Object.values(bridge), ...Object.values(bridge.desktop)]) {
      assert.ok(typeof v === 'function' || v === bridge.desktop);
    }
  });

  test('each call is one invoke on its channel with the method name and the request', async () => {
    for (const m of API_METHODS) {
      const r = await (bridge[m] as (req: unknown) => Promise<unknown>)({ a: 1 });
      assert.deepEqual(r, { ok: true, value: m });
    }
    for (const m of DESKTOP_METHODS) await (bridge.desktop[m] as (req: unknown) => Promise<unknown>)(undefined);
    assert.deepEqual(invoked, [
      ...API_METHODS.map((m) => [IPC.call, m, { a: 1 }]),
      ...DESKTOP_METHODS.map((m) => [IPC.desktop, m, {}]),
    ]);
  });

  test('listeners get the payload only, on the contract channels', () => {
    const got: unknown[] = [];
    bridge.onProgress((e) => got.push(e));
    bridge.onNotice((n) => got.push(n));
    bridge.desktop.onOpenFiles((f) => got.push(f));
    assert.deepEqual(subscribed, [IPC.progress, IPC.notice, IPC.openFiles]);
    assert.deepEqual(got, [{ from: IPC.progress }, { from: IPC.notice }, { from: IPC.openFiles }]);
  });

  test('a failed IPC comes back as an Err, never a rejected promise', async () => {
    const broken = buildBridge({ invoke: async () => { throw new Error('gone'); }, subscribe: () => () => undefined });
    const r = await broken.listTables({});
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error.message : '', /IPC to the main process failed: gone/);
  });

  test('the preload script exposes only that bridge, once, and imports only electron and the contract', () => {
    const text = readFileSync(new URL('../../electron/preload/index.ts', import.meta.url), 'utf8');
    assert.deepEqual([...text.matchAll(/exposeInMainWorld\(\s*'([^']+)'/g)].map((m) => m[1]), ['clearsight']);
    assert.equal((text.match(/exposeInMainWorld|exposeInIsolatedWorld/g) ?? []).length, 1);
    assert.match(text, /exposeInMainWorld\('clearsight', buildBridge\(/);
    assert.deepEqual(sorted(importSpecifiers('index.ts', text)), ['../contract/desktop.ts', './bridge.ts', 'electron']);
  });
});
