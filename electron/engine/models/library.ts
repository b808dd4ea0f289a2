import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClearsightError } from '../errors.ts';
import { loadModelFile, type ModelDefinition } from './model-file.ts';

/** The built-in library: models/<domain>/<ID>.sql at the top of the project. */
export const BUILTIN_MODELS_DIR = fileURLToPath(new URL('../../../models/', import.meta.url));

/**
 * The model library: the built-in folder, then the workspace's own models/ folder, whose files add
 * models or replace built-in ones of the same id (an analyst's change needs no rebuild). Sorted by id.
 */
export function loadLibrary(workspaceModelsDir?: string): ModelDefinition[] {
  const byId = new Map<string, ModelDefinition>();
  for (const [dir, origin] of [[BUILTIN_MODELS_DIR, 'builtin'], [workspaceModelsDir, 'workspace']] as const) {
    if (!dir || !existsSync(dir)) continue;
    const seen = new Map<string, string>();
    for (const file of sqlFiles(dir)) {
      const m = loadModelFile(file, origin);
      const twin = seen.get(m.id);
      if (twin) throw new ClearsightError('bad_input', `模型编号重复 / model ${m.id} is defined twice: ${twin} and ${file}`, { file });
      seen.set(m.id, file);
      byId.set(m.id, m);
    }
  }
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}

/** Pick models by id and/or domain; unknown ids are refused by name. No selection means all. */
export function selectModels(library: ModelDefinition[], ids: string[], domain?: string): ModelDefinition[] {
  const known = new Set(library.map((m) => m.id));
  const unknown = ids.filter((id) => !known.has(id.toUpperCase()));
  if (unknown.length > 0) throw new ClearsightError('usage', `没有这个模型 / no such model: ${unknown.join(', ')}`);
  const want = new Set(ids.map((x) => x.toUpperCase()));
  return library.filter((m) => (want.size === 0 || want.has(m.id)) && (!domain || m.domain === domain.toUpperCase()));
}

function sqlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sqlFiles(p));
    else if (name.toLowerCase().endsWith('.sql')) out.push(p);
  }
  return out;
}

/** BID-2 before BID-10; domains in catalog order. */
function compareIds(a: string, b: string): number {
  const order = ['BID', 'SOE', 'FUND', 'VIL', 'OCDS'];
  const [da, na] = a.split('-') as [string, string];
  const [db, nb] = b.split('-') as [string, string];
  return order.indexOf(da) - order.indexOf(db) || na.localeCompare(nb, 'en', { numeric: true });
}
