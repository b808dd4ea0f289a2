import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs, requireWorkspace } from '../args.ts';
import { printJson } from '../output.ts';

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
    const width = Math.max(...tables.map((t) => t.name.length));
    for (const t of tables) {
      const rows = t.rows === null ? '(view)' : t.rows.toLocaleString('en-US');
      console.log(`${t.name.padEnd(width)}  ${t.group.padEnd(11)} ${rows.padStart(12)}${t.fingerprint ? `  ${t.fingerprint}` : ''}`);
    }
    return 0;
  } finally {
    await ws.close();
  }
}
