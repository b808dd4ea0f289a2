// The Ok/Err envelope every engine call returns across a process boundary (IPC, WebSocket, CLI JSON).
// Inside one process the engine throws ClearsightError; the boundary turns it into an Err.

export type ErrorCode =
  | 'usage'         // the caller asked for something malformed (bad flag, missing argument)
  | 'bad_input'     // a file or value the user supplied cannot be used
  | 'in_use'        // the workspace is held by another process
  | 'version'       // the workspace was written by a newer build
  | 'not_found'     // a workspace, table or record that does not exist
  | 'cancelled'     // the user cancelled a long operation
  | 'check_failed'  // an operation ran and its check said no (CLI exit 1)
  | 'internal';     // a bug: anything not foreseen

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Where bad input was found, when known: file, 1-based row and column name. */
  file?: string;
  row?: number;
  column?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: ErrorInfo): Result<T> => ({ ok: false, error });
