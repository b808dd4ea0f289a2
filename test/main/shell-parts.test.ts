// The smaller pieces of the shell: remembered window state, menus in both languages, workspace paths from
// drops and the file association, the settings file, and the packaged-bindings check on a small fake tree.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { checkPackagedBindings, archName } from '../../electron/main/packaging/check-bindings.ts';
import { menuTemplate, pickLang, type MenuActions } from '../../electron/main/menu-template.ts';
import { readSettings, writeSettings } from '../../electron/main/settings-store.ts';
import { DEFAULT_WINDOW_STATE, restoreWindowState } from '../../electron/main/window-state.ts';
import { workspaceDirOf, workspaceFromArgv } from '../../electron/main/workspace-path.ts';
import { tempDir } from '../helpers/temp.ts';

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  test('restores a saved position that is on a screen', () => {
    assert.deepEqual(restoreWindowState({ bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true }, screen),
      { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true });
  });
  test('drops a position on a monitor that is gone, and clamps the size', () => {
    assert.deepEqual(restoreWindowState({ bounds: { x: 3000, y: 50, width: 5000, height: 300 } }, screen),
      { bounds: { width: 1920, height: 600 }, maximized: false });
  });
  test('anything malformed means the default', () => {
    for (const bad of [undefined, null, 'x', { bounds: { x: 'a' } }, { bounds: { x: 0, y: 0, width: -1, height: 5 } }]) {
      assert.deepEqual(restoreWindowState(bad, screen), DEFAULT_WINDOW_STATE);
    }
  });
});

describe('menus', () => {
  const calls: string[] = [];
  const actions: MenuActions = {
    openWorkspace: () => calls.push('open'), createWorkspace: () => calls.push('create'), importFiles: () => calls.push('import'),
    setLang: (l) => calls.push(`lang:${l}`), about: () => calls.push('about'),
  };
  const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);

  test('Chinese by default, English on request', () => {
    assert.equal(pickLang('zh-CN'), 'zh');
    assert.equal(pickLang(''), 'zh');
    assert.equal(pickLang('en-US'), 'en');
    assert.deepEqual(menuTemplate('zh', actions, 'linux').map((m) => m.label), ['文件', '编辑', '视图', '窗口', '帮助']);
    assert.deepEqual(menuTemplate('en', actions, 'linux').map((m) => m.label), ['File', 'Edit', 'View', 'Window', 'Help']);
  });

  test('both languages have the same items with the same shortcuts, and no shortcut is used twice', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const zh = flat(menuTemplate('zh', actions, platform)).filter((i) => i.id);
      const en = flat(menuTemplate('en', actions, platform)).filter((i) => i.id);
      assert.deepEqual(zh.map((i) => [i.id, i.accelerator]), en.map((i) => [i.id, i.accelerator]));
      const keys = zh.map((i) => i.accelerator).filter((a) => a !== undefined);
      assert.equal(new Set(keys).size, keys.length, platform);
      for (const i of zh) if (i.type !== 'radio' && i.id !== 'lang' && i.id !== 'about') assert.ok(i.accelerator, `${i.id} has a shortcut`);
    }
  });

  test('the file items run their actions', () => {
    const items = flat(menuTemplate('zh', actions, 'linux'));
    for (const id of ['open-workspace', 'new-workspace', 'import-files', 'lang-en', 'about']) {
      (items.find((i) => i.id === id)!.click as () => void)();
    }
    assert.deepEqual(calls, ['open', 'create', 'import', 'lang:en', 'about']);
    assert.equal(items.find((i) => i.id === 'open-workspace')!.label, '打开工作区…');
  });
});

describe('workspace paths', () => {
  test('a workspace.duckdb means its folder; a folder is itself', () => {
    assert.equal(workspaceDirOf('/data/case-7/workspace.duckdb'), '/data/case-7');
    assert.equal(workspaceDirOf('/data/case-7'), '/data/case-7');
  });
  test('the command line: --workspace DIR, or a workspace.duckdb from the file association', () => {
    assert.equal(workspaceFromArgv(['electron', '.', '--workspace', '/w']), '/w');
    assert.equal(workspaceFromArgv(['/opt/Clearsight/clearsight', '/home/a/ws/workspace.duckdb']), '/home/a/ws');
    assert.equal(workspaceFromArgv(['/opt/Clearsight/clearsight', '--no-sandbox', '/home/a/other.duckdb']), null);
  });
});

describe('settings file', () => {
  test('round-trips, and a damaged file means defaults', () => {
    const file = join(tempDir(), 'sub', 'settings.json');
    assert.deepEqual(readSettings(file), {});
    writeSettings(file, { lang: 'en', lastWorkspace: '/w' });
    assert.deepEqual(readSettings(file), { lang: 'en', lastWorkspace: '/w' });
    writeFileSync(file, '{"lang": "fr"');
    assert.deepEqual(readSettings(file), {});
  });
});

describe('packaged DuckDB bindings check', () => {
  const tree = (bindings: Record<string, string[]>, asar = true) => {
    const res = tempDir();
    if (asar) writeFileSync(join(res, 'app.asar'), '');
    for (const [name, files] of Object.entries(bindings)) {
      const d = join(res, asar ? 'app.asar.unpacked' : 'app', 'node_modules', '@duckdb', name);
      mkdirSync(d, { recursive: true });
      for (const f of files) writeFileSync(join(d, f), '');
    }
    return res;
  };

  test('passes with the target binding unpacked beside the asar', () => {
    const res = tree({ 'node-bindings-linux-x64': ['duckdb.node', 'libduckdb.so'], 'node-bindings': ['package.json'] });
    assert.deepEqual(checkPackagedBindings(res, 'linux', 'x64'),
      { ok: true, expected: '@duckdb/node-bindings-linux-x64', found: ['@duckdb/node-bindings-linux-x64'], problems: [] });
    const win = tree({ 'node-bindings-win32-x64': ['duckdb.node', 'duckdb.dll'] });
    assert.ok(checkPackagedBindings(win, 'win32', 'x64').ok);
  });

  test('fails for another arch, a missing library, or a binding left inside the asar', () => {
    const x64 = tree({ 'node-bindings-linux-x64': ['duckdb.node', 'libduckdb.so'] });
    const arm = checkPackagedBindings(x64, 'linux', 'arm64');
    assert.equal(arm.ok, false);
    assert.match(arm.problems[0]!, /@duckdb\/node-bindings-linux-arm64 is missing \(found: @duckdb\/node-bindings-linux-x64\)/);
    const noLib = checkPackagedBindings(tree({ 'node-bindings-linux-x64': ['duckdb.node'] }), 'linux', 'x64');
    assert.deepEqual(noLib.problems, ['@duckdb/node-bindings-linux-x64 has no libduckdb.so']);
    const packed = checkPackagedBindings(tree({}), 'linux', 'x64');
    assert.match(packed.problems[0]!, /must be unpacked \(asarUnpack\)/);
  });

  test('a tree packaged without asar is checked in app/node_modules', () => {
    assert.ok(checkPackagedBindings(tree({ 'node-bindings-linux-arm64': ['duckdb.node', 'libduckdb.so'] }, false), 'linux', 'arm64').ok);
  });

  test('electron-builder arch numbers', () => {
    assert.equal(archName(1), 'x64');
    assert.equal(archName(3), 'arm64');
    assert.equal(archName('3'), null);
    assert.equal(archName(0), null);
  });
});
