// window.clearsight, built from the contract's call names and nothing else: each engine call and desktop call
// becomes one IPC invoke, progress/notice/open-files become subscriptions. It takes the three IPC primitives
// as arguments so the exact surface can be checked without Electron; index.ts passes ipcRenderer's.
import { API_METHODS, type ClearsightApi, type Notice, type TaskProgress } from '../contract/api.ts';
import { DESKTOP_METHODS, IPC, type DesktopApi, type OpenFilesEvent } from '../contract/desktop.ts';
import type { Result } from '../contract/result.ts';

export interface IpcPrimitives {
  invoke(channel: string, method: string, params: unknown): Promise<unknown>;
  /** Subscribe to a main → renderer channel; returns the unsubscribe function. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

const failed = (e: unknown): Result<never> => ({
  ok: false, error: { code: 'internal', message: `与主进程通信失败 / IPC to the main process failed: ${e instanceof Error ? e.message : String(e)}` },
});

export function buildBridge(ipc: IpcPrimitives): Required<ClearsightApi> {
  const call = (channel: string, method: string) => (req: unknown) =>
    (ipc.invoke(channel, method, req ?? {}) as Promise<Result<unknown>>).catch(failed);
  // Listeners get a copy of the payload only: never the IPC event, which would leak ipcRenderer.
  const on = <T>(channel: string) => (listener: (payload: T) => void) => ipc.subscribe(channel, (p) => listener(p as T));

  const desktop: Record<string, unknown> = { onOpenFiles: on<OpenFilesEvent>(IPC.openFiles) };
  for (const m of DESKTOP_METHODS) desktop[m] = call(IPC.desktop, m);

  const api: Record<string, unknown> = {
    onProgress: on<TaskProgress>(IPC.progress),
    onNotice: on<Notice>(IPC.notice),
    desktop: desktop as DesktopApi,
  };
  for (const m of API_METHODS) api[m] = call(IPC.call, m);
  return api as Required<ClearsightApi>;
}
