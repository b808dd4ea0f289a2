import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ClearsightError } from '../errors.ts';
import type { Task } from '../tasks.ts';
import type { Workspace } from '../workspace/workspace.ts';

export interface SkippedLine { line: number; reason: string }

export interface LoadedReleases { lines: number; releases: number; skipped: number }

/**
 * Load a file of OCDS compiled releases, one JSON object per line, into the workspace's ocds_release, in the
 * file's order, as Cardinal reads such a file: blank lines are passed over, a line that is not valid JSON is
 * skipped (and reported), and so is a line that is not an object with a string ocid. A file in which no line
 * is a release is not OCDS: refused. The lines are kept as written (a JSON 1.0 stays a float, as Cardinal
 * sees it).
 */
export async function loadCompiledReleases(ws: Workspace, file: string, task: Task, onSkipped: (s: SkippedLine) => void): Promise<LoadedReleases> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new ClearsightError('not_found', `找不到文件 / no such file: ${file}`, { file });
  task.step('读取 OCDS 发布', 'reading OCDS compiled releases', statSync(file).size, 'bytes');
  const out: LoadedReleases = { lines: 0, releases: 0, skipped: 0 };
  await ws.conn.exclusive(async (c) => {
    const app = await c.createAppender('ocds_release');
    const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8', signal: task.signal }), crlfDelay: Infinity });
    let bytes = 0;
    for await (const text of rl) {
      out.lines++;
      bytes += Buffer.byteLength(text) + 1;
      if (out.lines % 10_000 === 0) task.advance(bytes);
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        out.skipped++;
        onSkipped({ line: out.lines, reason: `JSON 无效，已跳过 / invalid JSON, skipped: ${(e as Error).message}` });
        continue;
      }
      const release = typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : null;
      if (!release || typeof release.ocid !== 'string') {
        out.skipped++;
        onSkipped({ line: out.lines, reason: '不是已编译的 OCDS 发布（没有字符串 ocid），已跳过 / not a compiled release (no string ocid), skipped' });
        continue;
      }
      app.appendVarchar(release.ocid);
      for (const v of [release.id, release.date]) if (typeof v === 'string') app.appendVarchar(v); else app.appendNull();
      app.appendVarchar('ocds-flags');
      app.appendVarchar(text);
      app.endRow();
      out.releases++;
    }
    app.closeSync();
  }, task.signal);
  if (out.releases === 0) {
    throw new ClearsightError('bad_input', `不是 OCDS 文件：没有一行是带字符串 ocid 的 JSON 对象 / not OCDS: no line is a JSON object with a string ocid (${out.lines} lines read)`, { file });
  }
  return out;
}
