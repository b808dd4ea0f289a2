import { ClearsightError } from '../../engine/errors.ts';
import { runModels } from '../../engine/models/runner.ts';
import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs, requireWorkspace } from '../args.ts';
import { printJson, progressPrinter } from '../output.ts';

export const usage = 'run --workspace DIR [--model ID]... [--domain BID|SOE|FUND|VIL|OCDS] [--param ID.NAME=VALUE]... [--as-of YYYY-MM-DD] [--json]';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, {
    workspace: { type: 'string' }, model: { type: 'string', multiple: true }, domain: { type: 'string' },
    param: { type: 'string', multiple: true }, 'as-of': { type: 'string' }, json: { type: 'boolean' },
  });
  const dir = requireWorkspace(values.workspace);
  const params: Record<string, string> = {};
  for (const p of values.param ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new ClearsightError('usage', `--param 需要 ID.NAME=VALUE / --param takes ID.NAME=VALUE (got '${p}')`);
    params[p.slice(0, eq)] = p.slice(eq + 1);
  }
  const ws = await Workspace.open(dir);
  const stop = ws.tasks.subscribe(progressPrinter());
  const onSigint = () => ws.tasks.cancelAll();
  process.once('SIGINT', onSigint);
  try {
    const s = await ws.tasks.run('run', (t) => runModels(ws, { models: values.model, domain: values.domain, params, asOf: values['as-of'] }, t));
    if (values.json) printJson(s);
    else {
      for (const m of s.models) {
        const what = m.status === 'ok' ? `${m.hits} 条命中 / hits` : m.status === 'not_applicable'
          ? `不适用 / not applicable: 缺少 missing ${m.missing!.join(', ')}` : `失败 / failed: ${m.error}`;
        console.log(`${m.model_id.padEnd(9)} ${what}  ${m.seconds.toFixed(2)} s`);
      }
      console.log(`运行 / run ${s.run_id} (as of ${s.as_of}) in ${s.seconds.toFixed(1)} s; 预警 warnings: ${s.warnings.new} new, ${s.warnings.seen_again} seen again, ${s.warnings.escalated} escalated`);
    }
    return s.models.some((m) => m.status === 'failed') ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    stop();
    await ws.close();
  }
}
