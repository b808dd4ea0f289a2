import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { ClearsightError } from '../../../electron/engine/errors.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/engine/schema/migrations.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { lines, REPO_ROOT, runCli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/temp.ts';

const HOLDER = fileURLToPath(new URL('./fixtures/hold-workspace.ts', import.meta.url));
const OPTS = { memoryLimit: '512MB', threads: 1 };

/** A child process holding a workspace open, driven line by line over stdin/stdout. */
class Holder {
  private buffer = '';
  private waiters: { prefix: string; resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  private stderr = '';
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      this.buffer += d;
      let i: number;
      while ((i = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + 1);
        const w = this.waiters.findIndex((x) => line.startsWith(x.prefix) || line.startsWith('error'));
        if (w >= 0) {
          const [x] = this.waiters.splice(w, 1);
          if (line.startsWith('error')) x!.reject(new Error(`holder: ${line}`));
          else x!.resolve(line);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { this.stderr += d; });
    this.exited = new Promise((resolve) => child.on('exit', (code) => {
      for (const w of this.waiters.splice(0)) w.reject(new Error(`holder exited (${code}): ${this.stderr}`));
      resolve(code);
    }));
  }

  static start(dir: string): Holder {
    const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { cwd: REPO_ROOT, stdio: 'pipe' });
    return new Holder(child);
  }

  /** The next stdout line that starts with prefix (within a generous timeout). */
  expect(prefix: string, timeoutMs = 30_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`holder: no '${prefix}' within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        prefix,
        resolve: (l) => { clearTimeout(timer); resolve(l); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
    });
  }

  async send(command: string, answerPrefix: string): Promise<string> {
    const answer = this.expect(answerPrefix);
    this.child.stdin.write(`${command}\n`);
    return answer;
  }
}

test('a workspace held by another process is refused with in_use naming its PID, and the holder is unaffected', async () => {
  const dir = tempDir();
  const ws = await Workspace.init(dir, OPTS);
  await ws.conn.run(`INSERT INTO organization (org_id, name) VALUES ('O-BEFORE', '先前数据')`);
  await ws.close();

  const holder = Holder.start(dir);
  after(() => { if (holder.child.exitCode === null) holder.child.kill(); });
  const ready = await holder.expect('ready');
  const pid = holder.child.pid!;
  assert.equal(ready, `ready ${pid}`);

  // In this process: open and init both refuse with 'in_use' and name the holder.
  for (const attempt of [() => Workspace.open(dir, OPTS), () => Workspace.init(dir, OPTS)]) {
    await assert.rejects(attempt, (e: unknown) => {
      assert.ok(e instanceof ClearsightError, String(e));
      assert.equal(e.code, 'in_use', e.message);
      assert.match(e.message, new RegExp(`in use by PID ${pid}\\b`));
      return true;
    });
  }

  // Through the CLI: exit 2 and one line on stderr naming the PID.
  for (const verb of ['tables', 'init']) {
    const r = await runCli([verb, '--workspace', dir]);
    assert.equal(r.code, 2, `${verb}: exit ${r.code}; stderr: ${r.stderr}`);
    const errLines = lines(r.stderr);
    assert.equal(errLines.length, 1, `${verb}: expected one stderr line, got:\n${r.stderr}`);
    assert.match(errLines[0]!, new RegExp(`PID ${pid}\\b`));
    assert.equal(r.stdout, '');
  }

  // The holder still works: it writes, reads, and exits cleanly.
  assert.equal(await holder.send('write O-HOLDER', 'wrote'), 'wrote O-HOLDER');
  assert.equal(await holder.send('count', 'count'), 'count 2');
  holder.child.stdin.write('close\n');
  assert.equal(await holder.exited, 0);

  // Its data and the earlier data are intact, and the workspace opens normally again.
  const again = await Workspace.open(dir, OPTS);
  try {
    const orgs = await again.conn.all('SELECT org_id, name FROM organization ORDER BY org_id');
    assert.deepEqual(orgs, [{ org_id: 'O-BEFORE', name: '先前数据' }, { org_id: 'O-HOLDER', name: '持有者写入' }]);
    assert.equal((await again.info()).schemaVersion, LATEST_SCHEMA_VERSION);
  } finally {
    await again.close();
  }
});

test('opening the same workspace twice in one process is in_use; closing releases it', async () => {
  const dir = tempDir();
  const ws = await Workspace.init(dir, OPTS);
  try {
    await assert.rejects(() => Workspace.open(dir, OPTS), (e: unknown) =>
      e instanceof ClearsightError && e.code === 'in_use' && e.message.includes(`PID ${process.pid}`));
    await assert.rejects(() => Workspace.init(dir, OPTS), (e: unknown) => e instanceof ClearsightError && e.code === 'in_use');
    // The refused second opener did not disturb the first one.
    await ws.conn.run(`INSERT INTO person (person_id) VALUES ('P1')`);
  } finally {
    await ws.close();
  }
  const ws2 = await Workspace.open(dir, OPTS);
  try {
    assert.deepEqual(await ws2.conn.all('SELECT person_id FROM person'), [{ person_id: 'P1' }]);
  } finally {
    await ws2.close();
  }
});
