import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ClearsightError } from '../engine/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse a verb's flags strictly; unknown flags and missing values are usage errors (exit 2). */
export function parseVerbArgs<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    throw new ClearsightError('usage', (e as Error).message);
  }
}

export function requireWorkspace(value: string | boolean | undefined | (string | boolean)[]): string {
  if (typeof value !== 'string' || value === '') throw new ClearsightError('usage', '--workspace DIR is required');
  return value;
}
