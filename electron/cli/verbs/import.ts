import { ClearsightError } from '../../engine/errors.ts';
import { importFiles } from '../../engine/import/import.ts';
import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs, requireWorkspace } from '../args.ts';
import { printJson, progressPrinter } from '../output.ts';

export const usage = 'import --workspace DIR PATH... [--table T] [--format csv|tsv|xlsx|parquet|json|jsonl] [--encoding auto|utf-8|gb18030] [--sheet N|NAME] [--mapping FILE] [--force] [--json]';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, {
    workspace: { type: 'string' }, table: { type: 'string' }, format: { type: 'string' }, encoding: { type: 'string', default: 'auto' },
    mapping: { type: 'string' }, sheet: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' },
  }, true);
  const dir = requireWorkspace(values.workspace);
  if (!['auto', 'utf-8', 'gb18030'].includes(values.encoding!)) {
    throw new ClearsightError('usage', `--encoding must be auto, utf-8 or gb18030 (got '${values.encoding}')`);
  }
  const ws = await Workspace.open(dir);
  const stop = ws.tasks.subscribe(progressPrinter());
  const onSigint = () => ws.tasks.cancelAll();
  process.once('SIGINT', onSigint);
  try {
    const s = await ws.tasks.run('import', (t) => importFiles(ws, {
      paths: positionals, table: values.table, format: values.format, encoding: values.encoding as 'auto', force: values.force, mapping: values.mapping,
      sheet: values.sheet === undefined ? undefined : /^\d+$/.test(values.sheet) ? Number(values.sheet) : values.sheet,
    }, t));
    if (values.json) printJson(s);
    else {
      for (const f of s.files) {
        console.log(`${f.file} → ${f.table}: 读取 ${f.rowsRead} 行，载入 ${f.rowsLoaded}，隔离 ${f.rowsQuarantined} / read ${f.rowsRead}, loaded ${f.rowsLoaded}, quarantined ${f.rowsQuarantined}${f.encoding ? ` (${f.encoding})` : ''}`);
      }
      console.log(`批次 / batch ${s.batchId}: ${new Set(s.files.map((f) => f.file)).size} file(s) in ${s.seconds.toFixed(1)} s`);
    }
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    stop();
    await ws.close();
  }
}
