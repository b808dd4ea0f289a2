// The calls only the desktop app has (native dialogs, opening a workspace, external links), exposed as
// window.clearsight.desktop beside the engine calls. Browser mode has no `desktop`: the renderer checks for it.
// The main process answers these itself; like the engine calls, each request is checked with its schema here.
import { z } from 'zod';
import type { Result } from './result.ts';
import type { WorkspaceInfo } from './workspace.ts';

/** A local path as the OS gives it (dialogs, drops, file association). */
const localPath = z.string().min(1).max(4096);

export const EXPORT_FORMATS = ['csv', 'parquet', 'xlsx'] as const;

export const desktopRequestSchemas = {
  /** The open-folder dialog, then the engine restarted on the chosen workspace (create: a new, empty one). */
  chooseWorkspace: z.object({ create: z.boolean().default(false) }),
  /** Open a workspace folder, or the folder of a workspace.duckdb (a drop, a recent workspace). */
  openWorkspace: z.object({ path: localPath }),
  /** The open-files dialog for import; the chosen paths (none when cancelled). */
  chooseImportFiles: z.object({ multiple: z.boolean().default(true) }),
  /** The save dialog for an export; the chosen path, or null when cancelled. */
  chooseExportTarget: z.object({
    suggestedName: z.string().min(1).max(255).regex(/^[^/\\:*?"<>|]+$/, 'a file name without a folder'),
    format: z.enum(EXPORT_FORMATS),
  }),
  /** Open a web page in the user's browser, if its host is on the allow-list. */
  openExternal: z.object({ url: z.string().max(2048) }),
} as const;

export type DesktopMethod = keyof typeof desktopRequestSchemas;
export const DESKTOP_METHODS = Object.keys(desktopRequestSchemas) as DesktopMethod[];
export type DesktopRequest<M extends DesktopMethod> = z.input<(typeof desktopRequestSchemas)[M]>;

export interface DesktopResponses {
  chooseWorkspace: WorkspaceInfo | null;
  openWorkspace: WorkspaceInfo;
  chooseImportFiles: string[];
  chooseExportTarget: string | null;
  openExternal: { opened: boolean };
}

/** Files handed to the app outside any call: dropped on the window, opened from the menu's import item. */
export interface OpenFilesEvent {
  reason: 'drop' | 'menu-import';
  paths: string[];
}

export type DesktopApi = {
  [M in DesktopMethod]: (req: DesktopRequest<M>) => Promise<Result<DesktopResponses[M]>>;
} & {
  onOpenFiles(listener: (e: OpenFilesEvent) => void): () => void;
};

/** The IPC channel names, shared by preload and main so neither spells them twice. */
export const IPC = {
  /** renderer → main (invoke): [method, params] of an engine call */
  call: 'clearsight:call',
  /** renderer → main (invoke): [method, params] of a desktop call */
  desktop: 'clearsight:desktop',
  /** renderer → main (send): paths of files dropped on the window */
  dropped: 'clearsight:dropped',
  /** main → renderer: TaskProgress */
  progress: 'clearsight:progress',
  /** main → renderer: Notice */
  notice: 'clearsight:notice',
  /** main → renderer: OpenFilesEvent */
  openFiles: 'clearsight:open-files',
} as const;

export const droppedPathsSchema = z.array(localPath).min(1).max(1000);
