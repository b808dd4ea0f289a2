import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { lines, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

describe('clearsight serve: bad usage is refused in one line (exit 2)', () => {
  test('a bad port', async () => {
    const r = await runCli(['serve', '--workspace', tempDir(), '--port', '70000']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(lines(r.stderr).at(-1)!, /--port takes 1–65535/);
  });

  test('no workspace there', async () => {
    const dir = join(tempDir(), 'missing');
    const r = await runCli(['serve', '--workspace', dir]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '', 'no URL is printed when the engine cannot open the workspace');
    assert.match(lines(r.stderr).at(-1)!, /no workspace at .*run clearsight init first/);
  });

  test('a workspace another process holds', async () => {
    const dir = tempDir();
    const ws = await Workspace.init(dir, { memoryLimit: '256MB', threads: 1 });
    try {
      const r = await runCli(['serve', '--workspace', dir]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(lines(r.stderr).at(-1)!, /in use by PID/);
    } finally {
      await ws.close();
    }
  });
});
