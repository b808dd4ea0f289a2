// The main window's options: every item of DESIGN.md's security checklist that is a window setting lives
// here, in one place that the tests read.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowState } from './window-state.ts';

export const WINDOW_TITLE = '明鉴 Clearsight';

export function buildWindowOptions(opts: { preload: string; state: WindowState; icon?: string }): BrowserWindowConstructorOptions {
  const { bounds } = opts.state;
  return {
    title: WINDOW_TITLE,
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    // Shown once the first paint is ready, so the window never flashes white.
    show: false,
    backgroundColor: '#ffffff',
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped on the window must not replace the page; the preload reports its path instead.
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
