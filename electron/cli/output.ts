import type { ProgressEvent } from '../contract/progress.ts';

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
