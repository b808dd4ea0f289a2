// Mapping profiles the analyst saves from the mapping editor live in the workspace's mappings/ folder, one
// JSON file each, beside the built-in ones shipped with the app.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MappingProfileJson, SavedProfile } from '../../contract/data.ts';
import { builtinProfiles, loadProfile, parseProfile } from './mapping.ts';

export function mappingsDir(workspaceRoot: string): string {
  return join(workspaceRoot, 'mappings');
}

export function listProfiles(workspaceRoot: string): SavedProfile[] {
  const out: SavedProfile[] = builtinProfiles().map((p) => ({ name: p.name, table: p.table, builtin: true, profile: p as MappingProfileJson }));
  const dir = mappingsDir(workspaceRoot);
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    try {
      const p = loadProfile(join(dir, f));
      out.push({ name: p.name, table: p.table, builtin: false, profile: p as MappingProfileJson });
    } catch {
      // A file someone broke by hand is left out of the list, not fatal to it.
    }
  }
  return out;
}

/** Save (or replace) a profile under a file name made from its name; returns the file. */
export function saveProfile(workspaceRoot: string, json: unknown): string {
  const p = parseProfile(json, '映射编辑器 / mapping editor');
  const dir = mappingsDir(workspaceRoot);
  mkdirSync(dir, { recursive: true });
  // Letters (Chinese too), digits, - and _ only: the name can never reach outside the folder.
  const base = p.name.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'profile';
  const file = join(dir, `${base}.json`);
  writeFileSync(file, `${JSON.stringify(p, null, 2)}\n`);
  return file;
}
