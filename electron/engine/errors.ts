import type { ErrorCode, ErrorInfo } from '../contract/result.ts';

/** The one error type the engine throws; boundaries turn it into an Err envelope or an exit code. */
export class ClearsightError extends Error {
  readonly code: ErrorCode;
  readonly where: Pick<ErrorInfo, 'file' | 'row' | 'column'>;

  constructor(code: ErrorCode, message: string, where: Pick<ErrorInfo, 'file' | 'row' | 'column'> = {}) {
    super(message);
    this.name = 'ClearsightError';
    this.code = code;
    this.where = where;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, ...this.where };
  }
}

/** Any thrown value as an ErrorInfo; unknown errors are 'internal'. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof ClearsightError) return e.toInfo();
  const message = e instanceof Error ? e.message : String(e);
  if (/INTERRUPT/i.test(message)) return { code: 'cancelled', message: 'cancelled / 已取消' };
  return { code: 'internal', message };
}
