import { loadLibrary } from '../../engine/models/library.ts';
import { workspaceModelsDir } from '../../engine/models/runner.ts';
import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs } from '../args.ts';
import { printJson } from '../output.ts';

export const usage = 'models [--workspace DIR] [--json]   (the model library; with a workspace, its own models/ folder too)';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, { workspace: { type: 'string' }, json: { type: 'boolean' } });
  let dir: string | undefined;
  if (values.workspace) {
    const ws = await Workspace.open(values.workspace);
    dir = workspaceModelsDir(ws);
    await ws.close();
  }
  const library = loadLibrary(dir).map(({ sql: _sql, sha256: _sha, ...info }) => info);
  if (values.json) printJson(library);
  else {
    for (const m of library) {
      console.log(`${m.id.padEnd(9)} ${m.severity.padEnd(6)} ${m.category.padEnd(3)} ${m.kind.padEnd(11)} ${m.name_zh} / ${m.name_en}${m.origin === 'workspace' ? '  [workspace]' : ''}`);
    }
    console.log(`${library.length} models`);
  }
  return 0;
}
