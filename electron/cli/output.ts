import type { ProgressEvent } from '../contract/progress.ts';
import type { TableInfo } from '../contract/workspace.ts';

/** Prints progress on stderr: a redrawn bar on a terminal, one line per step otherwise. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (e: ProgressEvent) => void {
  let lastStep = '';
  return (e) => {
    const label = e.step.zh ? `${e.step.zh} ${e.step.en}` : e.kind;
    if (stream.isTTY) {
      const pct = e.total > 0 ? Math.min(100, Math.floor((100 * e.done) / e.total)) : null;
      const bar = pct === null ? '' : `[${'#'.repeat(pct / 5).padEnd(20, '.')}] ${String(pct).padStart(3)}% `;
      const count = e.total > 0 ? `${e.done.toLocaleString()}/${e.total.toLocaleString()} ${e.unit}` : '';
      stream.write(`\r\x1b[2K${bar}${label} ${count}`);
      if (e.state !== 'running') stream.write('\n');
    } else if (label !== lastStep && e.state === 'running') {
      stream.write(`… ${label}\n`);
    }
    lastStep = label;
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Tables as aligned lines: SQL name, Chinese name, row count (and fingerprint when asked). */
export function tableListing(tables: TableInfo[], opts: { fingerprint?: boolean } = {}): string {
  const width = Math.max(...tables.map((t) => t.name.length));
  // Chinese characters take two columns in a terminal.
  const zhWidth = Math.max(...tables.map((t) => t.labelZh.length * 2));
  return tables.map((t) => {
    const rows = t.rows === null ? '(view)' : t.rows.toLocaleString('en-US');
    const zh = t.labelZh + ' '.repeat(Math.max(0, zhWidth - t.labelZh.length * 2));
    return `${t.name.padEnd(width)}  ${zh}  ${rows.padStart(12)}${opts.fingerprint && t.fingerprint ? `  ${t.fingerprint}` : ''}`;
  }).join('\n');
}
