// A path the user handed us (a drop, the file association, a command line) → the workspace folder it means.
import { basename, dirname } from 'node:path';

export const WORKSPACE_FILE = 'workspace.duckdb';

/** The workspace folder for a path to a workspace.duckdb, or the path itself (a folder). */
export function workspaceDirOf(path: string): string {
  return basename(path).toLowerCase() === WORKSPACE_FILE ? dirname(path) : path;
}

/** The workspace to open from the app's command line: --workspace DIR, or a workspace.duckdb (file association). */
export function workspaceFromArgv(argv: readonly string[]): string | null {
  const i = argv.indexOf('--workspace');
  if (i >= 0 && argv[i + 1]) return argv[i + 1]!;
  const file = argv.find((a) => !a.startsWith('-') && basename(a).toLowerCase() === WORKSPACE_FILE);
  return file ? dirname(file) : null;
}
