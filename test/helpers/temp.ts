import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

// Removed when the test process exits (each test file runs in its own process), not by a node:test
// `after` hook: such a hook, registered from inside another hook, can run before the tests that use it.
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system temp dir, removed when the test process exits. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clearsight-'));
  made.push(dir);
  return dir;
}
