// Every IPC message: the sender is checked and the payload validated with the contract's schemas before the
// engine sees it. Good calls reach a real engine (ApiService on a temp workspace).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { requestSchemas } from '../../electron/contract/api.ts';
import { desktopRequestSchemas } from '../../electron/contract/desktop.ts';
import type { Result } from '../../electron/contract/result.ts';
import { ApiService } from '../../electron/engine/api/service.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { START_URL } from '../../electron/main/app-protocol.ts';
import { handleIpcCall, senderProblem, type IpcSender } from '../../electron/main/ipc-validation.ts';
import { tempDir } from '../helpers/temp.ts';

const WINDOW = 7;
const ours: IpcSender = { webContentsId: WINDOW, frame: { url: START_URL, isMainFrame: true } };

describe('IPC validation', () => {
  let ws: Workspace;
  let api: ApiService;
  const reached: { method: string; params: unknown }[] = [];
  const dispatch = async (method: string, params: unknown): Promise<Result<unknown>> => {
    reached.push({ method, params });
    return api.call(method, params);
  };
  before(async () => {
    ws = await Workspace.init(tempDir());
    api = new ApiService(ws);
  });
  after(async () => {
    api.close();
    await ws.close();
  });

  test('a good call from our window reaches the engine, parsed (defaults filled in)', async () => {
    reached.length = 0;
    const r = await handleIpcCall(ours, WINDOW, requestSchemas, 'listTables', {}, dispatch);
    assert.ok(r.ok, JSON.stringify(r));
    assert.ok(Array.isArray(r.value));
    assert.deepEqual(reached, [{ method: 'listTables', params: { views: true } }]);
  });

  test('a sender other than our window main frame on app:// is refused before anything runs', async () => {
    const bad: [IpcSender, number | null, RegExp][] = [
      [{ ...ours, webContentsId: 8 }, WINDOW, /not the app window/],
      [ours, null, /not the app window/],
      [{ webContentsId: WINDOW, frame: null }, WINDOW, /frame is gone/],
      [{ webContentsId: WINDOW, frame: { url: START_URL, isMainFrame: false } }, WINDOW, /subframe/],
      [{ webContentsId: WINDOW, frame: { url: 'https://evil.example/', isMainFrame: true } }, WINDOW, /outside app:/],
      [{ webContentsId: WINDOW, frame: { url: 'file:///tmp/x.html', isMainFrame: true } }, WINDOW, /outside app:/],
    ];
    reached.length = 0;
    for (const [sender, trusted, why] of bad) {
      assert.match(senderProblem(sender, trusted) ?? '', why);
      const r = await handleIpcCall(sender, trusted, requestSchemas, 'listTables', {}, dispatch);
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.error.message : '', /已拒绝.*refused: the message did not come from the app window/);
    }
    assert.deepEqual(reached, []);
  });

  test('a bad payload is refused with an Err that names the call and the field', async () => {
    reached.length = 0;
    const cases: [unknown, unknown, RegExp][] = [
      ['dropDatabase', {}, /unknown call: "dropDatabase"/],
      [42, {}, /unknown call: 42/],
      ['__proto__', {}, /unknown call/],
      ['tablePage', { table: 'bid', startRow: 0, endRow: 5000 }, /invalid request for tablePage: endRow: .*at most 1000/],
      ['runModels', { taskId: 'bad id!', models: [] }, /invalid request for runModels: taskId/],
      ['consoleQuery', { taskId: 't1', sql: '' }, /invalid request for consoleQuery: sql/],
      ['listTables', { views: 'yes' }, /invalid request for listTables: views/],
    ];
    for (const [method, params, message] of cases) {
      const r = await handleIpcCall(ours, WINDOW, requestSchemas, method, params, dispatch);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.error.code, 'usage');
        assert.match(r.error.message, message);
      }
    }
    assert.deepEqual(reached, []);
  });

  test('desktop calls are validated the same way', async () => {
    let called = 0;
    const d = async () => { called++; return { ok: true, value: null } as const; };
    const bad = await handleIpcCall(ours, WINDOW, desktopRequestSchemas, 'chooseExportTarget', { suggestedName: '../../x', format: 'csv' }, d);
    assert.match(!bad.ok ? bad.error.message : '', /invalid request for chooseExportTarget: suggestedName: a file name without a folder/);
    const bad2 = await handleIpcCall(ours, WINDOW, desktopRequestSchemas, 'chooseExportTarget', { suggestedName: 'x', format: 'exe' }, d);
    assert.equal(bad2.ok, false);
    assert.equal(called, 0);
    const good = await handleIpcCall(ours, WINDOW, desktopRequestSchemas, 'chooseWorkspace', {}, d);
    assert.ok(good.ok);
    assert.equal(called, 1);
  });

  test('a dispatcher that throws becomes an internal Err, not an exception', async () => {
    const r = await handleIpcCall(ours, WINDOW, requestSchemas, 'listModels', {}, async () => { throw new Error('boom'); });
    assert.deepEqual(r, { ok: false, error: { code: 'internal', message: 'boom' } });
  });
});
