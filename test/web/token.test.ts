import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { resolveStatic } from '../../electron/web/static-files.ts';
import { checkTokenPath, isLoopbackHost, newToken } from '../../electron/web/token.ts';
import { tempDir } from '../helpers/temp.ts';

describe('the session token', () => {
  const token = newToken();

  test('is long, random and URL-safe', () => {
    assert.match(token, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(newToken(), token);
  });

  test('must be the first path segment, exactly', () => {
    assert.deepEqual(checkTokenPath(`/${token}/`, token), { rest: '/' });
    assert.deepEqual(checkTokenPath(`/${token}`, token), { rest: '' });
    assert.deepEqual(checkTokenPath(`/${token}/assets/index.js`, token), { rest: '/assets/index.js' });
    assert.deepEqual(checkTokenPath(`/${token}/api`, token), { rest: '/api' });
    for (const bad of ['/', '', '/assets/index.js', `/${token.slice(1)}/`, `/${token}x/`, `/x${token}/`, `/${token.toUpperCase()}/`,
      `//${token}/`, `/api/${token}/`, `/${token.slice(0, -1)}%41/`]) {
      assert.equal(checkTokenPath(bad, token), null, bad);
    }
  });

  test('only loopback host names on our port', () => {
    assert.ok(isLoopbackHost('127.0.0.1:8080', 8080));
    assert.ok(isLoopbackHost('localhost:8080', 8080));
    for (const h of [undefined, '127.0.0.1', '127.0.0.1:8081', 'evil.example:8080', '192.168.1.2:8080', '[::1]:8080']) {
      assert.ok(!isLoopbackHost(h, 8080), String(h));
    }
  });
});

describe('static files', () => {
  const root = join(tempDir(), 'site');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'a.js'), '');
  writeFileSync(join(root, '..', 'secret.txt'), 'no');

  test('resolve inside the folder only', () => {
    assert.equal(resolveStatic(root, '/'), join(root, 'index.html'));
    assert.equal(resolveStatic(root, ''), join(root, 'index.html'));
    assert.equal(resolveStatic(root, '/assets/a.js'), join(root, 'assets', 'a.js'));
    for (const bad of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets', '/missing.js', '/%E0%A4%A', '/a%00.js']) {
      assert.equal(resolveStatic(root, bad), null, bad);
    }
  });
});
