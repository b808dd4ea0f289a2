// Browser mode serves one workspace at a time: opening or creating another restarts the engine process on it;
// a refusal (no workspace there, in use by another process) leaves the engine on the workspace it had.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Result } from '../../electron/contract/result.ts';
import type { WorkspaceInfo } from '../../electron/contract/workspace.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { EngineProcess } from '../../electron/web/engine-process.ts';
import { tempDir } from '../helpers/temp.ts';

const info = (r: Result<unknown>) => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.value as WorkspaceInfo;
};

describe('switching the workspace of the engine process', () => {
  const root = tempDir();
  let engine: EngineProcess;
  after(async () => { await engine?.stop(); });

  test('open another, create a new one; refusals keep the current one', async () => {
    const a = join(root, 'a');
    const b = join(root, 'b');
    await (await Workspace.init(a)).close();
    await (await Workspace.init(b)).close();
    engine = (await EngineProcess.start(a)).engine;
    let changed: string[] = [];
    engine.onWorkspaceChange((i) => changed.push(i.dir));

    assert.equal(info(await engine.call('openWorkspace', { dir: b })).dir, b);
    assert.equal(info(await engine.call('workspaceInfo', {})).dir, b);
    assert.deepEqual(changed, [b]);

    const missing = await engine.call('openWorkspace', { dir: join(root, 'nothing-here') });
    assert.ok(!missing.ok && missing.error.code === 'not_found', JSON.stringify(missing));
    assert.equal(info(await engine.call('workspaceInfo', {})).dir, b, 'still on b');

    // a is held by this process: the engine cannot take it.
    const held = await Workspace.open(a);
    try {
      const busy = await engine.call('openWorkspace', { dir: a });
      assert.ok(!busy.ok && busy.error.code === 'in_use', JSON.stringify(busy));
      assert.match(busy.ok ? '' : busy.error.message, /使用|in use/);
    } finally {
      await held.close();
    }
    assert.equal(info(await engine.call('workspaceInfo', {})).dir, b, 'still on b');

    const c = join(root, 'c');
    changed = [];
    assert.equal(info(await engine.call('createWorkspace', { dir: c })).dir, c);
    assert.ok(existsSync(join(c, 'workspace.duckdb')));
    assert.deepEqual(changed, [c]);
    assert.equal((await engine.call('openWorkspace', { dir: '' })).ok, false, 'a malformed request is an Err');
  });
});
