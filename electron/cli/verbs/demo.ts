import { checkSeed, generateProvince } from '../../engine/generator/index.ts';
import { planScale } from '../../engine/generator/scale.ts';
import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs, requireWorkspace } from '../args.ts';
import { printJson, progressPrinter } from '../output.ts';
import { ClearsightError } from '../../engine/errors.ts';

export const usage = 'demo --workspace DIR [--scale demo|bench|N] [--seed S] [--replace] [--json]   fill with the synthetic province';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, {
    workspace: { type: 'string' }, scale: { type: 'string', default: 'demo' }, seed: { type: 'string', default: '7' },
    replace: { type: 'boolean' }, json: { type: 'boolean' },
  });
  const dir = requireWorkspace(values.workspace);
  // Check every argument before touching the disk: bad usage leaves no folder behind.
  if (!/^\d+$/.test(values.seed!)) throw new ClearsightError('usage', `--seed must be a non-negative integer (got '${values.seed}')`);
  checkSeed(Number(values.seed));
  planScale(values.scale!);
  const ws = await Workspace.init(dir);
  const stop = ws.tasks.subscribe(progressPrinter());
  const onSigint = () => ws.tasks.cancelAll();
  process.once('SIGINT', onSigint);
  try {
    const summary = await ws.tasks.run('generate', (task) =>
      generateProvince(ws, { scale: values.scale!, seed: Number(values.seed), replace: values.replace }, task));
    if (values.json) printJson(summary);
    else {
      const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      console.log(`合成省份已生成 / synthetic province generated: scale ${summary.scale}, seed ${summary.seed}, ` +
        `${summary.rows.tender!.toLocaleString('en-US')} tenders, ${summary.rows.bid!.toLocaleString('en-US')} bids, ` +
        `${total.toLocaleString('en-US')} rows in ${summary.seconds.toFixed(1)} s; ` +
        `${summary.truth.planted} planted cases and ${summary.truth.nearMiss} near misses for ${summary.truth.models} models`);
    }
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    stop();
    await ws.close();
  }
}
