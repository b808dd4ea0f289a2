// The preload of the app window (sandboxed: it sees only `electron`'s renderer modules). It exposes the
// contract as window.clearsight and nothing else: no ipcRenderer, no Node. Files dropped on the window are
// turned into paths here (webUtils; the page cannot see paths) and sent to the main process.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC } from '../contract/desktop.ts';
import { buildBridge } from './bridge.ts';

// The project's tsconfig has no DOM library (it is for Node code); these are the few page types used here.
interface DropEventLike { preventDefault(): void; dataTransfer: { files: ArrayLike<unknown> } | null }
declare const window: { addEventListener(type: 'dragover' | 'drop', listener: (e: DropEventLike) => void): void };
type DroppedFile = Parameters<typeof webUtils.getPathForFile>[0];

contextBridge.exposeInMainWorld('clearsight', buildBridge({
  invoke: (channel, method, params) => ipcRenderer.invoke(channel, method, params),
  subscribe: (channel, listener) => {
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => { ipcRenderer.removeListener(channel, handler); };
  },
}));

// Drag and drop: the window never navigates to a dropped file (navigateOnDragDrop is off too); the paths go to
// the main process, which opens a dropped workspace or hands other files to the page (onOpenFiles).
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => {
  e.preventDefault();
  const files = Array.from(e.dataTransfer?.files ?? []);
  const paths = files.map((f) => webUtils.getPathForFile(f as DroppedFile)).filter((p) => p !== '');
  if (paths.length > 0) ipcRenderer.send(IPC.dropped, paths);
});
