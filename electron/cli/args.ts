import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ClearsightError } from '../engine/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse a verb's flags strictly; unknown flags and missing values are usage errors (exit 2). */
export function parseVerbArgs<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    // Node's parser reads "--seed -1" as a missing value followed by a flag; say what to do instead.
    const msg = (e as Error).message.replace(/argument is ambiguous[\s\S]*/, 'value looks like a flag; write it as --name=value');
    throw new ClearsightError('usage', `参数错误 / bad arguments: ${msg.split('\n')[0]}`);
  }
}

export function requireWorkspace(value: string | boolean | undefined | (string | boolean)[]): string {
  if (typeof value !== 'string' || value === '') throw new ClearsightError('usage', '缺少工作区 / --workspace DIR is required');
  return value;
}

/** --port N: 1–65535; absent means 0 (a free port picked at random). */
export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new ClearsightError('usage', `--port 应为 1–65535 / --port takes 1–65535 (got '${value}')`);
  return port;
}
