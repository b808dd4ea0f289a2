import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { tempDir } from '../helpers/temp.ts';
import { checkImports, classify, importSpecifiers, sourceFiles, type Violation } from './imports.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every violation in the tree at root. */
const scan = (root: string) => sourceFiles(root).flatMap((f) => checkImports(f, readFileSync(join(root, f), 'utf8')));

const format = (vs: Violation[]) => vs.map((v) => `  ${v.file}: '${v.specifier}' — ${v.rule}`).join('\n');

describe('the import direction of DESIGN.md holds in the source tree', () => {
  const files = sourceFiles(ROOT);

  test('the scanner sees the source tree', () => {
    for (const f of ['electron/engine/workspace/workspace.ts', 'electron/contract/result.ts', 'electron/cli/main.ts']) {
      assert.ok(files.includes(f), `${f} not scanned`);
    }
    const specs = importSpecifiers('workspace.ts', readFileSync(join(ROOT, 'electron/engine/workspace/workspace.ts'), 'utf8'));
    assert.ok(specs.includes('@duckdb/node-api'));
    assert.ok(specs.includes('../db/serial-connection.ts'));
    assert.ok(specs.includes('../../contract/workspace.ts'));
  });

  test('no file breaks a rule', () => {
    const violations = scan(ROOT);
    assert.deepEqual(violations, [], `import rule violations:\n${format(violations)}`);
  });
});

describe('the scanner itself (so this test can fail)', () => {
  const rulesHit = (file: string, text: string) => checkImports(file, text).map((v) => v.rule);

  test('finds every form of import, and nothing in comments, strings or JSX text', () => {
    const text = `
      // import x from 'in-a-line-comment';
      /* import 'in-a-block-comment'; require('in-a-block-comment') */
      import type { A } from './a.ts';
      import {
        b,
        c,
      } from "./b.ts";
      import './side-effect.ts';
      export * from './star.ts';
      export { d } from './named.ts';
      import e = require('./eq.ts');
      const s = "import 'in-a-string'";
      const t = \`require('in-a-template')\`;
      const re = /["']import 'in-a-regex'/;
      const url = new URL('./data.sql', import.meta.url);
      type Lazy = typeof import('./type-import.ts');
      async function f() { await import('./dynamic.ts'); require('./required.cjs'); require.resolve('./resolved.js'); }
      export function App() { return <div title="import 'attr'">import 'jsx-text'</div>; }
    `;
    assert.deepEqual(importSpecifiers('x.tsx', text).sort(), [
      './a.ts', './b.ts', './dynamic.ts', './eq.ts', './named.ts', './required.cjs', './resolved.js',
      './side-effect.ts', './star.ts', './type-import.ts',
    ]);
  });

  test('classifies specifiers', () => {
    assert.deepEqual(classify('electron/engine/x.ts', 'node:fs'), { kind: 'builtin', name: 'fs' });
    assert.deepEqual(classify('electron/engine/x.ts', 'fs/promises'), { kind: 'builtin', name: 'fs' });
    assert.deepEqual(classify('electron/engine/x.ts', 'child_process'), { kind: 'builtin', name: 'child_process' });
    assert.deepEqual(classify('electron/engine/x.ts', '@duckdb/node-api'), { kind: 'package', name: '@duckdb/node-api' });
    assert.deepEqual(classify('electron/engine/x.ts', 'zod/v4'), { kind: 'package', name: 'zod' });
    assert.deepEqual(classify('electron/engine/x.ts', 'electron'), { kind: 'package', name: 'electron' });
    assert.deepEqual(classify('electron/engine/db/x.ts', '../../main/ipc.ts'), { kind: 'local', path: 'electron/main/ipc.ts' });
    assert.deepEqual(classify('renderer/src/a.tsx', '../../electron/contract/api.ts'), { kind: 'local', path: 'electron/contract/api.ts' });
  });

  test('engine: no electron, no main/preload/web/cli', () => {
    assert.deepEqual(rulesHit('electron/engine/a.ts', `import { app } from 'electron';`), ['the engine never imports electron']);
    assert.deepEqual(rulesHit('electron/engine/a.ts', `import type { BrowserWindow } from 'electron/main';`), ['the engine never imports electron']);
    for (const dir of ['main', 'preload', 'web', 'cli']) {
      assert.equal(rulesHit('electron/engine/db/a.ts', `const m = await import('../../${dir}/x.ts');`).length, 1, dir);
    }
    assert.deepEqual(rulesHit('electron/engine/a.ts', `
      import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
      import { DuckDBInstance } from '@duckdb/node-api';
      import type { Result } from '../contract/result.ts';
      import { x } from './db/sql.ts';`), []);
  });

  test('contract: only contract and zod', () => {
    assert.deepEqual(rulesHit('electron/contract/a.ts', `import { z } from 'zod'; import type { R } from './result.ts';`), []);
    for (const bad of [`import { join } from 'node:path';`, `import fs from 'fs';`, `import { DuckDBInstance } from '@duckdb/node-api';`,
      `import { Workspace } from '../engine/workspace/workspace.ts';`, `import { ipcRenderer } from 'electron';`, `import React from 'react';`]) {
      assert.deepEqual(rulesHit('electron/contract/a.ts', bad), ['electron/contract imports only electron/contract and zod'], bad);
    }
  });

  test('renderer: no Node built-ins, DuckDB, electron, or electron/ beyond the contract', () => {
    assert.deepEqual(rulesHit('renderer/src/App.tsx', `
      import React from 'react';
      import { AgGridReact } from 'ag-grid-react';
      import type { TableInfo } from '../../electron/contract/workspace.ts';
      import { Grid } from './Grid.tsx';`), []);
    const cases: [string, string][] = [
      [`import { readFile } from 'node:fs/promises';`, 'the renderer never imports Node built-ins'],
      [`import path from 'path';`, 'the renderer never imports Node built-ins'],
      [`const cp = require('child_process');`, 'the renderer never imports Node built-ins'],
      [`import os from 'os';`, 'the renderer never imports Node built-ins'],
      [`import http from 'http';`, 'the renderer never imports Node built-ins'],
      [`import { DuckDBInstance } from '@duckdb/node-api';`, 'the renderer never imports DuckDB'],
      [`import { ipcRenderer } from 'electron';`, 'the renderer never imports electron'],
      [`import { Workspace } from '../../electron/engine/workspace/workspace.ts';`, 'the renderer reaches electron/ only through electron/contract'],
      [`import '../../electron/preload/index.ts';`, 'the renderer reaches electron/ only through electron/contract'],
    ];
    for (const [text, rule] of cases) assert.deepEqual(rulesHit('renderer/src/App.tsx', text), [rule], text);
  });

  test('nothing outside renderer/ imports renderer/', () => {
    const rule = 'nothing outside renderer/ imports renderer/';
    assert.deepEqual(rulesHit('electron/main/window.ts', `import { x } from '../../renderer/src/x.ts';`), [rule]);
    assert.deepEqual(rulesHit('electron/web/server.ts', `const p = require.resolve('../../renderer/index.html');`), [rule]);
    assert.deepEqual(rulesHit('models/bidding/a.ts', `import '../../renderer/x.ts';`), [rule]);
    assert.deepEqual(rulesHit('renderer/src/a.tsx', `import { b } from '../b.tsx';`), []);
  });

  test('the bundler config of the renderer is build tooling (Node), the only renderer file allowed Node built-ins', () => {
    assert.deepEqual(rulesHit('renderer/vite.config.ts', `import { fileURLToPath } from 'node:url'; import { defineConfig } from 'vite';`), []);
    assert.deepEqual(rulesHit('renderer/src/vite.config.ts', `import { fileURLToPath } from 'node:url';`), ['the renderer never imports Node built-ins']);
  });

  test('browser mode: engine and contract yes, electron no', () => {
    assert.deepEqual(rulesHit('electron/web/server.ts', `
      import { EngineProcess } from './engine-process.ts';
      import type { HostMessage } from '../engine/api/host.ts';
      import { callMessageSchema } from '../contract/api.ts';
      import { WebSocketServer } from 'ws';`), []);
    assert.deepEqual(rulesHit('electron/web/server.ts', `import { app } from 'electron';`), ['browser mode never imports electron']);
  });

  test('cli and web: contract and engine yes, main and preload no', () => {
    assert.deepEqual(rulesHit('electron/cli/verbs/x.ts', `
      import { Workspace } from '../../engine/workspace/workspace.ts';
      import type { Result } from '../../contract/result.ts';`), []);
    assert.equal(rulesHit('electron/cli/verbs/x.ts', `import { createWindow } from '../../main/window.ts';`).length, 1);
    assert.equal(rulesHit('electron/web/server.ts', `import '../preload/index.ts';`).length, 1);
  });

  test('preload: electron and the contract only; main: no web, cli or preload', () => {
    assert.deepEqual(rulesHit('electron/preload/index.ts', `
      import { contextBridge, ipcRenderer } from 'electron';
      import { IPC } from '../contract/desktop.ts';
      import { buildBridge } from './bridge.ts';`), []);
    for (const bad of [`import { readFileSync } from 'node:fs';`, `import { Workspace } from '../engine/workspace/workspace.ts';`,
      `import { x } from '../main/csp.ts';`, `import ws from 'ws';`]) {
      assert.deepEqual(rulesHit('electron/preload/index.ts', bad), ['electron/preload imports only electron, zod and electron/{preload,contract}'], bad);
    }
    assert.deepEqual(rulesHit('electron/main/index.ts', `
      import { app } from 'electron';
      import type { HostMessage } from '../engine/api/host-protocol.ts';
      import { requestSchemas } from '../contract/api.ts';`), []);
    for (const dir of ['web', 'cli', 'preload']) {
      assert.deepEqual(rulesHit('electron/main/index.ts', `import '../${dir}/x.ts';`), ['electron/main never imports electron/{web,cli,preload}'], dir);
    }
  });

  test('a planted violation in a whole file is reported with its file and specifier', () => {
    const vs = checkImports('electron/engine/models/runner.ts', `
      import { Workspace } from '../workspace/workspace.ts';
      import { BrowserWindow } from 'electron';
      export async function run() {}
    `);
    assert.deepEqual(vs, [{ file: 'electron/engine/models/runner.ts', specifier: 'electron', rule: 'the engine never imports electron' }]);
  });

  test('a planted violation in a file on disk is found by the full scan', () => {
    const root = tempDir();
    const put = (rel: string, text: string) => {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    put('electron/contract/api.ts', `import { z } from 'zod';\nexport const A = z.string();\n`);
    put('electron/engine/ok.ts', `import type { A } from '../contract/api.ts';\n`);
    put('renderer/src/App.tsx', `import type { A } from '../../electron/contract/api.ts';\nexport const App = () => <div />;\n`);
    put('node_modules/x/index.ts', `import 'electron';\n`);
    assert.deepEqual(scan(root), []);
    put('renderer/src/leak.tsx', `import { readFileSync } from 'node:fs';\n`);
    assert.deepEqual(scan(root), [
      { file: 'renderer/src/leak.tsx', specifier: 'node:fs', rule: 'the renderer never imports Node built-ins' },
    ]);
  });
});
