import assert from 'node:assert/strict';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { tempDir } from '../../helpers/temp.ts';

test('the ID-hash key lives beside the database; a missing or foreign key file is refused, not replaced', async () => {
  const dir = tempDir();
  const ws = await Workspace.init(dir);
  const key = ws.idHashKey();
  assert.equal(key.length, 32);
  await ws.close();
  renameSync(join(dir, 'workspace.key'), join(dir, 'workspace.key.bak'));
  await assert.rejects(Workspace.open(dir), /key file is missing/);
  writeFileSync(join(dir, 'workspace.key'), 'ab'.repeat(32));
  await assert.rejects(Workspace.open(dir), /does not belong to this workspace/);
  renameSync(join(dir, 'workspace.key.bak'), join(dir, 'workspace.key'));
  const again = await Workspace.open(dir);
  assert.deepEqual(again.idHashKey(), key);
  await again.close();
});

test('copies left in tmp/ by a killed import or export are removed on open', async () => {
  const dir = tempDir();
  await (await Workspace.init(dir)).close();
  writeFileSync(join(dir, 'tmp', 'import-1234.csv'), 'x');
  writeFileSync(join(dir, 'tmp', 'export-5678.csv'), 'x');
  await (await Workspace.open(dir)).close();
  assert.equal(existsSync(join(dir, 'tmp', 'import-1234.csv')), false);
  assert.equal(existsSync(join(dir, 'tmp', 'export-5678.csv')), false);
});
