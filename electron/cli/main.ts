import { APP_VERSION } from '../engine/app-version.ts';
import { toErrorInfo } from '../engine/errors.ts';
import type { ErrorCode } from '../contract/result.ts';

/** The verbs of `clearsight`; each module exports usage and run(argv) → exit code. */
const VERBS: Record<string, () => Promise<{ usage: string; run: (argv: string[]) => Promise<number> }>> = {
  init: () => import('./verbs/init.ts'),
  demo: () => import('./verbs/demo.ts'),
  import: () => import('./verbs/import.ts'),
  export: () => import('./verbs/export.ts'),
  tables: () => import('./verbs/tables.ts'),
  models: () => import('./verbs/models.ts'),
  run: () => import('./verbs/run.ts'),
  hits: () => import('./verbs/hits.ts'),
  eval: () => import('./verbs/eval.ts'),
  'ocds-flags': () => import('./verbs/ocds-flags.ts'),
  serve: () => import('./verbs/serve.ts'),
  start: () => import('./verbs/start.ts'),
};

/**
 * Exit codes of the CLI contract: 0 success, 1 failed check, 2 bad usage or bad input.
 * An internal error (a bug) is neither the user's input nor their check: it exits 1 with its message;
 * an operation the user cancelled exits 130.
 */
export function exitCodeOf(code: ErrorCode): number {
  switch (code) {
    case 'check_failed': return 1;
    case 'internal': return 1;
    case 'cancelled': return 130; // as a shell reports a command stopped by Ctrl-C
    default: return 2;
  }
}

async function help(): Promise<string> {
  const lines = ['明鉴 Clearsight — usage: clearsight <verb> [flags]', ''];
  for (const load of Object.values(VERBS)) lines.push(`  ${(await load()).usage}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  // `clearsight tables | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const [verb, ...rest] = argv;
  if (verb === undefined) {
    process.stderr.write('clearsight: a verb is required (try clearsight --help)\n');
    return 2;
  }
  if (verb === '--help' || verb === '-h' || verb === 'help') {
    console.log(await help());
    return 0;
  }
  if (verb === '--version' || verb === 'version') {
    console.log(APP_VERSION);
    return 0;
  }
  const load = VERBS[verb];
  if (load && (rest.includes('--help') || rest.includes('-h'))) {
    console.log(`clearsight ${(await load()).usage}`);
    return 0;
  }
  if (!load) {
    process.stderr.write(`clearsight: unknown verb '${verb}' (try clearsight --help)\n`);
    return 2;
  }
  try {
    return await (await load()).run(rest);
  } catch (e) {
    const info = toErrorInfo(e);
    const where = [info.file, info.row && `row ${info.row}`, info.column && `column ${info.column}`].filter(Boolean).join(', ');
    process.stderr.write(`clearsight ${verb}: ${info.message.replaceAll('\n', ' ')}${where ? ` (${where})` : ''}\n`);
    if (info.code === 'internal' && process.env.CLEARSIGHT_DEBUG) console.error(e);
    return exitCodeOf(info.code);
  }
}
