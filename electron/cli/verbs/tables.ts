import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs, requireWorkspace } from '../args.ts';
import { printJson, tableListing } from '../output.ts';

export const usage = 'tables --workspace DIR [--json] [--fingerprint] [--views]   tables with row counts';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, {
    workspace: { type: 'string' }, json: { type: 'boolean' }, fingerprint: { type: 'boolean' }, views: { type: 'boolean' },
  });
  const ws = await Workspace.open(requireWorkspace(values.workspace));
  try {
    const all = await ws.tables({ fingerprint: values.fingerprint });
    const tables = values.views ? all : all.filter((t) => t.kind === 'table');
    if (values.json) {
      printJson({ workspace: ws.layout.root, tables });
      return 0;
    }
    console.log(tableListing(tables, { fingerprint: values.fingerprint }));
    return 0;
  } finally {
    await ws.close();
  }
}
