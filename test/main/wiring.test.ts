// The security policies of security.test.ts only protect the app if the main process applies them. Without
// the Electron binary the app cannot be launched here, so this reads electron/main/index.ts itself: taking out
// any of these registrations (or building a window some other way) fails a test. The Electron e2e test checks
// the same live where the binary exists.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const source = readFileSync(new URL('../../electron/main/index.ts', import.meta.url), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/(^|[^:])\/\/[^\n]*/g, '$1');

/** The body of a top-level function of index.ts. */
function body(name: string): string {
  const start = source.search(new RegExp(`function ${name}\\(`));
  assert.ok(start >= 0, `index.ts has no function ${name}`);
  const open = source.indexOf('{', source.indexOf(')', start));
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(open, i + 1);
  }
  throw new Error(`unbalanced function ${name}`);
}

const count = (text: string, re: RegExp) => [...text.matchAll(re)].length;

describe('the main process applies the security checklist', () => {
  test('one instance, sandbox for every renderer, the app:// scheme registered before ready', () => {
    assert.match(source, /if \(!app\.requestSingleInstanceLock\(\)\)\s*\{\s*app\.quit\(\)/);
    assert.match(source, /app\.enableSandbox\(\)/);
    assert.match(source, /protocol\.registerSchemesAsPrivileged\(\[\{ scheme: APP_SCHEME/);
  });

  test('every web contents is hardened: no navigation away, no webview, no new window', () => {
    assert.match(source, /app\.on\('web-contents-created', \(_e, wc\) => harden\(wc\)\)/);
    const harden = body('harden');
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      assert.match(harden, new RegExp(`wc\\.on\\('${event}', guard\\)`), `${event} must be guarded`);
    }
    assert.match(harden, /if \(!d\.allow\) e\.preventDefault\(\)/);
    assert.match(harden, /const d = decideNavigation\(e\.url\)/);
    assert.match(harden, /wc\.on\('will-attach-webview', \(e\) => e\.preventDefault\(\)\)/);
    assert.match(harden, /wc\.setWindowOpenHandler\([\s\S]*decideWindowOpen\(url\)[\s\S]*return \{ action: 'deny' \}/);
    assert.doesNotMatch(harden, /action: 'allow'/);
  });

  test('permissions are decided by the deny-all policy, requests and checks alike', () => {
    assert.match(source, /setPermissionRequestHandler\(\(_wc, permission, callback\) => callback\(decidePermission\(permission\)\)\)/);
    assert.match(source, /setPermissionCheckHandler\(\(_wc, permission\) => decidePermission\(permission\)\)/);
  });

  test('the only window is built from buildWindowOptions and loads the app:// start page', () => {
    assert.equal(count(source, /new BrowserWindow\(/g), 1);
    assert.match(source, /new BrowserWindow\(buildWindowOptions\(\{ preload: preloadPath/);
    assert.equal(count(source, /\.loadURL\(/g), 1);
    assert.match(source, /\.loadURL\(START_URL\)/);
    assert.doesNotMatch(source, /\.loadFile\(/);
  });

  test('local content only: app:// is served from the renderer folder with the CSP headers', () => {
    assert.match(source, /protocol\.handle\(APP_SCHEME, serveAppRequest\)/);
    const serve = body('serveAppRequest');
    assert.match(serve, /resolveAppRequest\(request\.url, rendererDir\)/);
    assert.match(serve, /headers: appResponseHeaders\(/);
  });

  test('every IPC message is checked for its sender and validated against its schema', () => {
    const handles = [...source.matchAll(/ipcMain\.handle\(([^,]+),([\s\S]*?)\);\n/g)];
    assert.equal(handles.length, 2, 'the two invoke channels: engine calls and desktop calls');
    for (const h of handles) assert.match(h[2]!, /handleIpcCall\(senderOf\(event\), trustedId\(\), \w+[Ss]chemas,/, `${h[1]} must go through handleIpcCall`);
    assert.equal(count(source, /ipcMain\.on\(/g), 1);
    assert.match(source, /ipcMain\.on\(IPC\.dropped, onDropped\)/);
    const dropped = body('onDropped');
    assert.match(dropped, /if \(senderProblem\(senderOf\(event\), trustedId\(\)\)\) return;/);
    assert.match(dropped, /droppedPathsSchema\.safeParse\(raw\)/);
  });

  test('external links open only through the allow-list', () => {
    for (const m of source.matchAll(/shell\.openExternal\(([^)]*)\)/g)) {
      assert.ok(['d.openExternally', 'url'].includes(m[1]!), `shell.openExternal(${m[1]}) must take an allow-listed URL`);
    }
    assert.match(source, /const url = allowedExternalUrl\(/);
  });
});
