import { ClearsightError } from '../../engine/errors.ts';
import { exportData, type ExportFormat } from '../../engine/export/export.ts';
import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs, requireWorkspace } from '../args.ts';
import { printJson, progressPrinter } from '../output.ts';

export const usage = 'export --workspace DIR (--table T | --sql "SELECT ...") --out FILE [--format csv|parquet|xlsx] [--encoding utf-8|gb18030] [--include-personal] [--json]   (personal identifiers are masked unless asked)';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, {
    workspace: { type: 'string' }, table: { type: 'string' }, sql: { type: 'string' }, out: { type: 'string' },
    format: { type: 'string' }, encoding: { type: 'string', default: 'utf-8' }, 'include-personal': { type: 'boolean' }, json: { type: 'boolean' },
  });
  const dir = requireWorkspace(values.workspace);
  if (!values.out) throw new ClearsightError('usage', '缺少输出文件 / --out FILE is required');
  if (!['utf-8', 'gb18030'].includes(values.encoding!)) throw new ClearsightError('usage', `--encoding must be utf-8 or gb18030 (got '${values.encoding}')`);
  const ws = await Workspace.open(dir);
  const stop = ws.tasks.subscribe(progressPrinter());
  try {
    const s = await ws.tasks.run('export', (t) => exportData(ws, {
      table: values.table, sql: values.sql, out: values.out!, format: values.format as ExportFormat | undefined,
      encoding: values.encoding as 'utf-8' | 'gb18030', includePersonal: values['include-personal'],
    }, t));
    if (values.json) printJson(s);
    else console.log(`已导出 / exported ${s.rows.toLocaleString('en-US')} rows to ${s.out} (${s.format}, ${s.seconds.toFixed(1)} s)`);
    return 0;
  } finally {
    stop();
    await ws.close();
  }
}
