// The native menus, in Chinese or English, with their shortcuts. Built as plain data so a test can check
// both languages have the same items and shortcuts; index.ts hands it to Menu.buildFromTemplate.
import type { MenuItemConstructorOptions } from 'electron';

export type Lang = 'zh' | 'en';

/** Chinese unless the system asks for another language. */
export const pickLang = (locale: string): Lang => (locale === '' || locale.toLowerCase().startsWith('zh') ? 'zh' : 'en');

export interface MenuActions {
  openWorkspace(): void;
  createWorkspace(): void;
  importFiles(): void;
  setLang(lang: Lang): void;
  about(): void;
}

const L = {
  file: ['文件', 'File'], openWs: ['打开工作区…', 'Open Workspace…'], newWs: ['新建工作区…', 'New Workspace…'],
  import: ['导入文件…', 'Import Files…'], quit: ['退出', 'Quit'],
  edit: ['编辑', 'Edit'], undo: ['撤销', 'Undo'], redo: ['重做', 'Redo'], cut: ['剪切', 'Cut'], copy: ['复制', 'Copy'],
  paste: ['粘贴', 'Paste'], selectAll: ['全选', 'Select All'],
  view: ['视图', 'View'], reload: ['重新加载', 'Reload'], zoomIn: ['放大', 'Zoom In'], zoomOut: ['缩小', 'Zoom Out'],
  resetZoom: ['实际大小', 'Actual Size'], fullscreen: ['全屏', 'Full Screen'],
  window: ['窗口', 'Window'], minimize: ['最小化', 'Minimize'], close: ['关闭窗口', 'Close Window'],
  help: ['帮助', 'Help'], lang: ['语言', 'Language'], about: ['关于明鉴', 'About Clearsight'],
} as const;

export function menuTemplate(lang: Lang, actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const t = (k: keyof typeof L) => L[k][lang === 'zh' ? 0 : 1];
  const mac = platform === 'darwin';
  return [
    { label: t('file'), submenu: [
      { id: 'open-workspace', label: t('openWs'), accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
      { id: 'new-workspace', label: t('newWs'), accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.createWorkspace() },
      { type: 'separator' },
      { id: 'import-files', label: t('import'), accelerator: 'CmdOrCtrl+I', click: () => actions.importFiles() },
      { type: 'separator' },
      { id: 'quit', label: t('quit'), accelerator: mac ? 'Cmd+Q' : 'Ctrl+Q', role: 'quit' },
    ] },
    { label: t('edit'), submenu: [
      { id: 'undo', label: t('undo'), accelerator: 'CmdOrCtrl+Z', role: 'undo' },
      { id: 'redo', label: t('redo'), accelerator: mac ? 'Cmd+Shift+Z' : 'Ctrl+Y', role: 'redo' },
      { type: 'separator' },
      { id: 'cut', label: t('cut'), accelerator: 'CmdOrCtrl+X', role: 'cut' },
      { id: 'copy', label: t('copy'), accelerator: 'CmdOrCtrl+C', role: 'copy' },
      { id: 'paste', label: t('paste'), accelerator: 'CmdOrCtrl+V', role: 'paste' },
      { id: 'select-all', label: t('selectAll'), accelerator: 'CmdOrCtrl+A', role: 'selectAll' },
    ] },
    { label: t('view'), submenu: [
      { id: 'reload', label: t('reload'), accelerator: 'CmdOrCtrl+R', role: 'reload' },
      { type: 'separator' },
      { id: 'zoom-in', label: t('zoomIn'), accelerator: 'CmdOrCtrl+=', role: 'zoomIn' },
      { id: 'zoom-out', label: t('zoomOut'), accelerator: 'CmdOrCtrl+-', role: 'zoomOut' },
      { id: 'reset-zoom', label: t('resetZoom'), accelerator: 'CmdOrCtrl+0', role: 'resetZoom' },
      { id: 'fullscreen', label: t('fullscreen'), accelerator: mac ? 'Ctrl+Cmd+F' : 'F11', role: 'togglefullscreen' },
    ] },
    { label: t('window'), submenu: [
      { id: 'minimize', label: t('minimize'), accelerator: 'CmdOrCtrl+M', role: 'minimize' },
      { id: 'close', label: t('close'), accelerator: 'CmdOrCtrl+W', role: 'close' },
    ] },
    { label: t('help'), submenu: [
      { id: 'lang', label: t('lang'), submenu: [
        { id: 'lang-zh', label: '中文', type: 'radio', checked: lang === 'zh', click: () => actions.setLang('zh') },
        { id: 'lang-en', label: 'English', type: 'radio', checked: lang === 'en', click: () => actions.setLang('en') },
      ] },
      { id: 'about', label: t('about'), click: () => actions.about() },
    ] },
  ];
}
