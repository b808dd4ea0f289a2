import { evaluateModels } from '../../engine/models/evaluate.ts';
import { Workspace } from '../../engine/workspace/workspace.ts';
import { parseVerbArgs, requireWorkspace } from '../args.ts';
import { printJson, progressPrinter } from '../output.ts';

export const usage = 'eval --workspace DIR [--model ID]... [--json]   (detection quality against the synthetic province\'s planted cases; exit 1 if a rule model misses its target)';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseVerbArgs(argv, { workspace: { type: 'string' }, model: { type: 'string', multiple: true }, json: { type: 'boolean' } });
  const ws = await Workspace.open(requireWorkspace(values.workspace));
  const stop = ws.tasks.subscribe(progressPrinter());
  try {
    const r = await ws.tasks.run('run', (t) => evaluateModels(ws, values.model ?? [], t));
    if (values.json) printJson(r);
    else {
      const pct = (x: number | null) => (x === null ? '   -  ' : x.toFixed(3).padStart(6));
      console.log('model      planted found recall near-miss-hits unplanted-hits precision target');
      for (const m of r.models) {
        console.log(`${m.model_id.padEnd(10)} ${String(m.planted).padStart(7)} ${String(m.found).padStart(5)} ${pct(m.recall)} ${String(m.near_miss_hits).padStart(14)} ${String(m.unplanted_hits).padStart(14)} ${pct(m.precision).padStart(9)} ${m.screen ? 'screen (reported)' : m.meets_target === null ? '-' : m.meets_target ? 'met' : 'MISSED'}`);
      }
    }
    return r.models.some((m) => m.meets_target === false) ? 1 : 0;
  } finally {
    stop();
    await ws.close();
  }
}
