// DESIGN.md's security checklist, read from the values the app actually uses: the window options, the CSP of
// every app:// response, the navigation/new-window/permission policies and the external-link allow-list.
// Removing or loosening any item makes one of these fail.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ORIGIN, isAppUrl, resolveAppRequest, START_URL } from '../../electron/main/app-protocol.ts';
import { appResponseHeaders, CONTENT_SECURITY_POLICY } from '../../electron/main/csp.ts';
import { allowedExternalUrl, EXTERNAL_HOSTS } from '../../electron/main/external-links.ts';
import { decideNavigation, decidePermission, decideWindowOpen } from '../../electron/main/navigation-policy.ts';
import { buildWindowOptions } from '../../electron/main/window-options.ts';
import { DEFAULT_WINDOW_STATE } from '../../electron/main/window-state.ts';

describe('the window options', () => {
  const opts = buildWindowOptions({ preload: '/app/dist/electron/preload.cjs', state: DEFAULT_WINDOW_STATE });
  const web = opts.webPreferences!;

  test('every checklist item is set, to the safe value', () => {
    const required: Record<string, unknown> = {
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false,
      experimentalFeatures: false, navigateOnDragDrop: false,
    };
    for (const [key, value] of Object.entries(required)) {
      assert.equal((web as Record<string, unknown>)[key], value, `webPreferences.${key} must be ${value}`);
    }
  });

  test('the preload is ours and nothing else is loaded into the page', () => {
    assert.equal(web.preload, '/app/dist/electron/preload.cjs');
    for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session', 'enableRemoteModule']) {
      assert.equal((web as Record<string, unknown>)[risky], undefined, risky);
    }
  });

  test('the window starts hidden (shown on first paint) at the remembered size', () => {
    assert.equal(opts.show, false);
    const restored = buildWindowOptions({ preload: 'p', state: { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false } });
    assert.deepEqual([restored.x, restored.y, restored.width, restored.height], [10, 20, 1200, 800]);
  });
});

describe('the Content-Security-Policy of app:// responses', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values];
  }));

  test('denies by default and allows nothing remote', () => {
    assert.deepEqual(directives.get('default-src'), [`'none'`]);
    for (const [name, values] of directives) {
      for (const v of values) {
        assert.ok(!/^(https?:|wss?:|\*|data:$)/.test(v) || (v === 'data:' && ['img-src', 'font-src'].includes(name)),
          `${name} allows ${v}`);
      }
    }
  });

  test('scripts only from the app: no inline script, no eval', () => {
    assert.deepEqual(directives.get('script-src'), [`'self'`]);
    assert.ok(!CONTENT_SECURITY_POLICY.includes(`'unsafe-eval'`));
    assert.ok(!(directives.get('script-src') ?? []).includes(`'unsafe-inline'`));
  });

  test('no plugins, frames, base tag or form posts', () => {
    for (const d of ['object-src', 'base-uri', 'frame-src', 'frame-ancestors', 'form-action']) {
      assert.deepEqual(directives.get(d), [`'none'`], d);
    }
  });

  test('is sent with every response, with nosniff', () => {
    const h = appResponseHeaders('text/html; charset=utf-8');
    assert.equal(h['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
    assert.equal(h['X-Content-Type-Options'], 'nosniff');
  });
});

describe('local content only, through app://', () => {
  test('our origin, and nothing that only looks like it', () => {
    assert.ok(isAppUrl(START_URL));
    assert.ok(isAppUrl(`${APP_ORIGIN}/assets/index-abc.js`));
    for (const url of ['file:///etc/passwd', 'https://clearsight/', 'app://evil/index.html', 'app://clearsight.evil/',
      'app://user:pw@clearsight/', 'http://127.0.0.1:5173/', 'about:blank', 'javascript:alert(1)', '', 'not a url']) {
      assert.equal(isAppUrl(url), false, url);
    }
  });

  test('requests map into the renderer folder and never out of it', () => {
    const root = '/opt/clearsight/dist/renderer';
    assert.equal(resolveAppRequest('app://clearsight/', root), `${root}/index.html`);
    assert.equal(resolveAppRequest('app://clearsight/assets/a.js?v=1', root), `${root}/assets/a.js`);
    // The URL parser already folds dot segments back into the root; an encoded slash must not get past it.
    assert.equal(resolveAppRequest('app://clearsight/../../etc/passwd', root), `${root}/etc/passwd`);
    for (const url of ['app://clearsight/..%2F..%2Fetc%2Fpasswd', 'app://clearsight/assets%2F..%2F..%2F..%2Fx', 'app://clearsight/assets/%00x',
      'app://other/index.html', 'file:///opt/clearsight/dist/renderer/index.html', 'app://clearsight/assets/']) {
      assert.equal(resolveAppRequest(url, root), null, url);
    }
  });
});

describe('navigation, new windows and permissions', () => {
  test('navigation stays on our pages; an allow-listed link goes to the browser instead', () => {
    assert.deepEqual(decideNavigation(`${APP_ORIGIN}/index.html`), { allow: true, openExternally: null });
    assert.deepEqual(decideNavigation('https://example.com/'), { allow: false, openExternally: null });
    assert.deepEqual(decideNavigation('file:///home/me/workspace.duckdb'), { allow: false, openExternally: null });
    assert.deepEqual(decideNavigation('https://www.ccdi.gov.cn/x'), { allow: false, openExternally: 'https://www.ccdi.gov.cn/x' });
  });

  test('window.open never opens a window, even for our own pages', () => {
    assert.equal(decideWindowOpen(START_URL).allow, false);
    assert.equal(decideWindowOpen('https://evil.example/').openExternally, null);
    assert.equal(decideWindowOpen('https://www.gsxt.gov.cn/').openExternally, 'https://www.gsxt.gov.cn/');
  });

  test('every permission is refused', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'unknown']) {
      assert.equal(decidePermission(p, START_URL), false, p);
    }
  });

  test('external links: http(s) on the allow-list only, no credentials or ports', () => {
    assert.ok(EXTERNAL_HOSTS.length > 0);
    for (const host of EXTERNAL_HOSTS) assert.equal(allowedExternalUrl(`https://${host}/a?b=1`), `https://${host}/a?b=1`);
    for (const url of ['https://www.ccdi.gov.cn.evil.com/', 'https://evil.com/?www.ccdi.gov.cn', 'file:///etc/passwd',
      'javascript:alert(1)', 'smb://www.ccdi.gov.cn/share', 'https://user@www.ccdi.gov.cn/', 'https://www.ccdi.gov.cn:8443/',
      'app://clearsight/', 'not a url']) {
      assert.equal(allowedExternalUrl(url), null, url);
    }
  });
});
