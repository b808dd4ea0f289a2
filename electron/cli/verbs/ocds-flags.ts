import { readFileSync } from 'node:fs';
import { cardinalSettings, defaultCardinalSettings } from '../../engine/ocds/cardinal-settings.ts';
import { GROUPS, ocdsFlags, type CardinalMeta, type CardinalResults } from '../../engine/ocds/flags.ts';
import { parseIni } from '../../engine/ocds/ini.ts';
import type { SkippedLine } from '../../engine/ocds/releases.ts';
import { ClearsightError } from '../../engine/errors.ts';
import { TaskHub } from '../../engine/tasks.ts';
import { parseVerbArgs } from '../args.ts';
import { progressPrinter } from '../output.ts';

const MAX_REPORTED = 1000;

export const usage = 'ocds-flags FILE.jsonl [--settings FILE.ini] [--json] [--no-meta]   (Cardinal\'s OCDS red flags on compiled releases, one per line; without --settings, all eleven with their defaults)';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs(argv, { settings: { type: 'string' }, json: { type: 'boolean' }, 'no-meta': { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new ClearsightError('usage', `需要一个 JSON Lines 文件 / ocds-flags takes one JSON Lines file of compiled releases (got ${positionals.length})`);
  const settings = values.settings === undefined ? defaultCardinalSettings() : cardinalSettings(parseIni(readSettings(values.settings), values.settings), values.settings);
  for (const w of settings.warnings) process.stderr.write(`clearsight ocds-flags: ${w}\n`);
  const hub = new TaskHub();
  // Progress only on a terminal: piped, stderr holds the skipped lines, or the one line of an error.
  const stop = process.stderr.isTTY ? hub.subscribe(progressPrinter()) : () => undefined;
  const onSigint = () => hub.cancelAll();
  process.once('SIGINT', onSigint);
  try {
    // Said once the file proved to be OCDS: a file that is not gets one line, not one per line.
    const skipped: SkippedLine[] = [];
    const r = await hub.run('run', (t) => ocdsFlags(positionals[0]!, settings, t, (s) => { if (skipped.length < MAX_REPORTED) skipped.push(s); }));
    for (const s of skipped) process.stderr.write(`clearsight ocds-flags: ${positionals[0]}: 第 ${s.line} 行 / line ${s.line}: ${s.reason}\n`);
    if (r.releases.skipped > skipped.length) process.stderr.write(`clearsight ocds-flags: 另有 ${r.releases.skipped - skipped.length} 行跳过 / ${r.releases.skipped - skipped.length} more lines skipped\n`);
    if (values.json) process.stdout.write(`${cardinalJson(r.results, values['no-meta'] ? null : r.meta)}\n`);
    else {
      console.log(`${r.releases.releases} 个发布 / releases read (${r.releases.skipped} 行跳过 / lines skipped); 指标 / indicators: ${r.indicators.join(', ') || '-'}`);
      for (const code of r.indicators) {
        const counts = Object.keys(GROUPS).map((g) => {
          const n = Object.values(r.results[g as keyof CardinalResults] ?? {}).filter((x) => code in x).length;
          return n > 0 ? `${g} ${n}` : null;
        }).filter(Boolean);
        const stats = !values['no-meta'] && r.meta[code] ? `  ${Object.entries(r.meta[code]!).map(([k, v]) => `${k}=${v}`).join(' ')}` : '';
        console.log(`${code}  ${counts.length ? counts.join(', ') : '无 / none'}${stats}`);
      }
      console.log(`用时 / took ${(r.seconds.load + r.seconds.indicators).toFixed(1)} s (载入 / load ${r.seconds.load.toFixed(1)} s); --json 输出 Cardinal 格式 / prints Cardinal's output`);
    }
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    stop();
  }
}

function readSettings(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ClearsightError('not_found', `读不到设置文件 / cannot read the settings file: ${(e as Error).message}`, { file });
  }
}

/**
 * Cardinal's output as it prints it: whole numbers keep a decimal point (1.0), as Rust writes an f64, so
 * the text reads as Cardinal's; groups in Cardinal's order, identifiers sorted.
 */
export function cardinalJson(results: CardinalResults, meta: CardinalMeta | null): string {
  const num = (v: number | null) => (v === null || !Number.isFinite(v) ? 'null' : Number.isInteger(v) && Math.abs(v) < 1e16 ? v.toFixed(1) : String(v));
  const obj = (entries: Array<[string, string]>) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  const sorted = <T>(o: Record<string, T>) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: Array<[string, string]> = [];
  for (const g of Object.keys(GROUPS) as Array<keyof CardinalResults>) {
    const ids = results[g];
    if (ids && Object.keys(ids).length > 0) parts.push([g, obj(sorted(ids).map(([id, codes]) => [id, obj(sorted(codes).map(([c, v]) => [c, num(v)]))]))]);
  }
  if (meta) parts.push(['Meta', obj(sorted(meta).map(([code, stats]) => [code, obj(Object.entries(stats).map(([k, v]) => [k, num(v)]))]))]);
  return obj(parts);
}
