// The Electron main process: one window on our app:// pages, the engine in a utility process, native menus
// and dialogs, and the security rules of DESIGN.md. The decisions live in plain modules beside this file
// (window-options, csp, navigation-policy, ipc-validation, engine-supervisor, ...); this file only wires them
// to Electron. Bundled by scripts/build-electron.mjs into dist/electron/main.cjs.
import {
  app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell,
  type IpcMainEvent, type IpcMainInvokeEvent, type WebContents,
} from 'electron';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { requestSchemas, type ApiMethod, type Notice } from '../contract/api.ts';
import { desktopRequestSchemas, droppedPathsSchema, IPC, type DesktopMethod, type DesktopRequest, type OpenFilesEvent } from '../contract/desktop.ts';
import { err, ok, type Result } from '../contract/result.ts';
import type { WorkspaceInfo } from '../contract/workspace.ts';
import { APP_SCHEME, contentType, resolveAppRequest, START_URL } from './app-protocol.ts';
import { appResponseHeaders } from './csp.ts';
import { exportDialog, importDialog, workspaceDialog } from './dialog-options.ts';
import { EngineSupervisor, type EngineTarget } from './engine-supervisor.ts';
import { allowedExternalUrl } from './external-links.ts';
import { handleIpcCall, senderProblem, type IpcSender } from './ipc-validation.ts';
import { menuTemplate, pickLang, type Lang } from './menu-template.ts';
import { decideNavigation, decidePermission, decideWindowOpen } from './navigation-policy.ts';
import { readSettings, writeSettings, type Settings } from './settings-store.ts';
import { utilityEngine } from './utility-engine.ts';
import { buildWindowOptions, WINDOW_TITLE } from './window-options.ts';
import { restoreWindowState, type WindowState } from './window-state.ts';
import { WORKSPACE_FILE, workspaceDirOf, workspaceFromArgv } from './workspace-path.ts';

const appRoot = app.getAppPath();
const rendererDir = join(appRoot, 'dist', 'renderer');
const preloadPath = join(appRoot, 'dist', 'electron', 'preload.cjs');
const iconPath = join(appRoot, 'build', 'icons', '512x512.png');
const settingsFile = () => join(app.getPath('userData'), 'settings.json');

let win: BrowserWindow | null = null;
let settings: Settings = {};
let lang: Lang = 'zh';
const engine = new EngineSupervisor(utilityEngine(appRoot), { log: (l) => process.stderr.write(`clearsight: ${l}\n`) });

// ---- before ready: one instance, the app:// scheme, sandbox everywhere ----

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  app.enableSandbox();
  app.on('web-contents-created', (_e, wc) => harden(wc));
  app.on('second-instance', (_e, argv) => {
    if (win) { if (win.isMinimized()) win.restore(); win.focus(); }
    const dir = workspaceFromArgv(argv);
    if (dir) void switchWorkspace({ dir });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', onBeforeQuit);
  void app.whenReady().then(start);
}

/** No navigation away, no new windows, no <webview>, on every web contents that ever exists. */
function harden(wc: WebContents): void {
  const guard = (e: { preventDefault(): void; url: string }) => {
    const d = decideNavigation(e.url);
    if (!d.allow) e.preventDefault();
    if (d.openExternally) void shell.openExternal(d.openExternally);
  };
  wc.on('will-navigate', guard);
  wc.on('will-redirect', guard);
  wc.on('will-frame-navigate', guard);
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    const d = decideWindowOpen(url);
    if (d.openExternally) void shell.openExternal(d.openExternally);
    return { action: 'deny' };
  });
}

async function start(): Promise<void> {
  settings = readSettings(settingsFile());
  lang = settings.lang ?? pickLang(app.getLocale());

  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(decidePermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => decidePermission(permission));
  protocol.handle(APP_SCHEME, serveAppRequest);

  ipcMain.handle(IPC.call, (event, method: unknown, params: unknown) =>
    handleIpcCall(senderOf(event), trustedId(), requestSchemas, method, params, (m, p) => engine.call(m as ApiMethod, p)));
  ipcMain.handle(IPC.desktop, (event, method: unknown, params: unknown) =>
    handleIpcCall(senderOf(event), trustedId(), desktopRequestSchemas, method, params, (m, p) => desktopCall(m, p)));
  ipcMain.on(IPC.dropped, onDropped);

  engine.onProgress((e) => send(IPC.progress, e));
  engine.onNotice((n: Notice) => send(IPC.notice, n));
  setMenu();

  // The workspace: the command line's (npm start, the file association), else the last one, else the demo.
  const fromArgv = workspaceFromArgv(process.argv);
  const first = fromArgv ?? settings.lastWorkspace;
  const opened = first ? await engine.open({ dir: first }) : null;
  if (!opened?.ok) {
    if (opened && !opened.ok) process.stderr.write(`clearsight: ${first}: ${opened.error.message}; opening the demo workspace\n`);
    await engine.open({ dir: join(app.getPath('userData'), 'workspaces', 'demo'), demo: true });
  }
  remember({ lastWorkspace: engine.workspaceDir ?? undefined });
  createWindow();
}

function createWindow(): void {
  const state = restoreWindowState(settings.window, screen.getAllDisplays().map((d) => d.workArea));
  win = new BrowserWindow(buildWindowOptions({ preload: preloadPath, state, ...(existsSync(iconPath) ? { icon: iconPath } : {}) }));
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  win.on('close', () => { if (win) remember({ window: captureState(win) }); });
  win.on('closed', () => { win = null; });
  void win.loadURL(START_URL);
}

const captureState = (w: BrowserWindow): WindowState => ({ bounds: w.getNormalBounds(), maximized: w.isMaximized() });

function remember(patch: Partial<Settings>): void {
  settings = { ...settings, ...patch };
  try { writeSettings(settingsFile(), settings); } catch { /* settings are a convenience; never fail on them */ }
}

/** app://clearsight/<path> → dist/renderer/<path>, with the CSP on every response. */
async function serveAppRequest(request: Request): Promise<Response> {
  const file = resolveAppRequest(request.url, rendererDir);
  if (!file) return new Response('not found', { status: 404 });
  try {
    return new Response(await readFile(file), { headers: appResponseHeaders(contentType(file)) });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

// ---- IPC ----

const trustedId = () => (win && !win.isDestroyed() ? win.webContents.id : null);

function senderOf(event: IpcMainInvokeEvent | IpcMainEvent): IpcSender {
  const f = event.senderFrame;
  return { webContentsId: event.sender.id, frame: f ? { url: f.url, isMainFrame: f.parent === null } : null };
}

function send(channel: string, payload: unknown): void {
  if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
}

async function desktopCall(method: DesktopMethod, params: unknown): Promise<Result<unknown>> {
  switch (method) {
    case 'chooseWorkspace': {
      const { create } = params as DesktopRequest<'chooseWorkspace'>;
      return chooseWorkspace(create ?? false);
    }
    case 'openWorkspace':
      return switchWorkspace({ dir: workspaceDirOf((params as DesktopRequest<'openWorkspace'>).path) });
    case 'chooseImportFiles': {
      const { multiple } = params as DesktopRequest<'chooseImportFiles'>;
      const r = await showOpen(importDialog(lang, multiple ?? true));
      return ok(r);
    }
    case 'chooseExportTarget': {
      const { suggestedName, format } = params as DesktopRequest<'chooseExportTarget'>;
      const opts = exportDialog(lang, suggestedName, format, engine.workspaceDir ? join(engine.workspaceDir, 'exports') : undefined);
      const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return ok(r.canceled || !r.filePath ? null : r.filePath);
    }
    case 'openExternal': {
      const url = allowedExternalUrl((params as DesktopRequest<'openExternal'>).url);
      if (!url) return err({ code: 'bad_input', message: '该网址不在允许打开的网站列表中 / this address is not on the list of sites the app may open' });
      await shell.openExternal(url);
      return ok({ opened: true });
    }
  }
}

async function showOpen(opts: Electron.OpenDialogOptions): Promise<string[]> {
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  return r.canceled ? [] : r.filePaths;
}

async function chooseWorkspace(create: boolean): Promise<Result<WorkspaceInfo | null>> {
  const [dir] = await showOpen(workspaceDialog(lang, create, engine.workspaceDir ?? undefined));
  if (!dir) return ok(null);
  return switchWorkspace({ dir, create });
}

/** Restart the engine on another workspace; on failure, go back to the one that was open. The page reloads. */
async function switchWorkspace(target: EngineTarget): Promise<Result<WorkspaceInfo>> {
  const previous = engine.workspaceDir;
  const r = await engine.open(target);
  if (!r.ok) {
    if (previous) await engine.open({ dir: previous });
    return r;
  }
  remember({ lastWorkspace: target.dir });
  win?.setTitle(`${WINDOW_TITLE} — ${r.value.dir ?? target.dir}`);
  // After the reply has gone: the page starts over on the new workspace.
  setTimeout(() => win?.webContents.reload(), 100);
  return r;
}

function onDropped(event: IpcMainEvent, raw: unknown): void {
  if (senderProblem(senderOf(event), trustedId())) return;
  const paths = droppedPathsSchema.safeParse(raw);
  if (!paths.success) return;
  const [only] = paths.data;
  const isWorkspace = paths.data.length === 1 && only !== undefined
    && (workspaceDirOf(only) !== only || (isDir(only) && existsSync(join(only, WORKSPACE_FILE))));
  if (isWorkspace) void switchWorkspace({ dir: workspaceDirOf(only) });
  else send(IPC.openFiles, { reason: 'drop', paths: paths.data } satisfies OpenFilesEvent);
}

const isDir = (p: string) => { try { return statSync(p).isDirectory(); } catch { return false; } };

function setMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(lang, {
    openWorkspace: () => void chooseWorkspace(false),
    createWorkspace: () => void chooseWorkspace(true),
    importFiles: () => void showOpen(importDialog(lang, true)).then((paths) => {
      if (paths.length > 0) send(IPC.openFiles, { reason: 'menu-import', paths } satisfies OpenFilesEvent);
    }),
    setLang: (l) => { lang = l; remember({ lang: l }); setMenu(); },
    about: () => void dialog.showMessageBox({
      type: 'info', title: WINDOW_TITLE, message: WINDOW_TITLE,
      detail: `${lang === 'zh' ? '版本' : 'Version'} ${app.getVersion()}\n${lang === 'zh' ? '离线监督分析工作台' : 'Offline supervision-analysis workbench'}`,
    }),
  })));
}

// ---- shutdown: the engine cancels running tasks and closes the workspace before the app exits ----

let shutdown: 'no' | 'running' | 'done' = 'no';
function onBeforeQuit(e: Electron.Event): void {
  if (shutdown === 'done') return;
  e.preventDefault();
  if (shutdown === 'running') return;
  shutdown = 'running';
  if (win) remember({ window: captureState(win) });
  void engine.stop().finally(() => { shutdown = 'done'; app.quit(); });
}
