// The file chooser of browser mode: one folder's entries with size and kind. It only reads, and only what
// the user could see in their own file manager; browser mode's loopback binding and token guard it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { DirEntry, DirListing } from '../../contract/data.ts';
import { ClearsightError } from '../errors.ts';

const MAX_ENTRIES = 2000;

export function listDirectory(req: { path?: string; start: 'home' | 'workspace' }, workspaceDir: string): DirListing {
  const home = homedir();
  const path = resolve(req.path ?? (req.start === 'home' ? home : workspaceDir));
  if (!existsSync(path)) throw new ClearsightError('not_found', `找不到文件夹 / no such folder: ${path}`, { file: path });
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new ClearsightError('bad_input', `无法读取 / cannot read ${path}: ${(e as Error).message}`, { file: path });
  }
  if (!stat.isDirectory()) throw new ClearsightError('bad_input', `不是文件夹 / not a folder: ${path}`, { file: path });
  let names: string[];
  try {
    names = readdirSync(path).filter((n) => !n.startsWith('.'));
  } catch (e) {
    throw new ClearsightError('bad_input', `无权读取该文件夹 / cannot list ${path}: ${(e as Error).message}`, { file: path });
  }
  const entries: DirEntry[] = [];
  for (const name of names.slice(0, MAX_ENTRIES)) {
    const full = join(path, name);
    try {
      const s = statSync(full); // follows links: a link to a folder opens as a folder
      entries.push({ name, path: full, kind: s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other',
        size: s.isFile() ? s.size : null, modified: s.mtime.toISOString() });
    } catch {
      entries.push({ name, path: full, kind: 'other', size: null, modified: null }); // a broken link
    }
  }
  entries.sort((a, b) => (a.kind === 'dir' ? 0 : 1) - (b.kind === 'dir' ? 0 : 1) || a.name.localeCompare(b.name, 'zh-CN'));
  const parent = dirname(path);
  return { path, parent: parent === path ? null : parent, home, workspace: workspaceDir, entries, truncated: names.length > MAX_ENTRIES };
}
