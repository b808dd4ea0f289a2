// The workbench shell: top bar (workspace, language, keyboard help), screen tabs, and notices from the engine.
import { useEffect, useRef, useState } from 'react';
import type { Notice } from '../../electron/contract/api.ts';
import type { WorkspaceInfo } from '../../electron/contract/workspace.ts';
import { useApi } from './api/context.tsx';
import { useModalFocus } from './dialog/modal-focus.ts';
import { useLocale } from './i18n/locale.tsx';
import type { MessageKey } from './i18n/messages.ts';
import { ConsoleScreen } from './screens/ConsoleScreen.tsx';
import { DataScreen } from './screens/DataScreen.tsx';
import { ModelsScreen } from './screens/ModelsScreen.tsx';
import { WarningsScreen } from './screens/warnings/WarningsScreen.tsx';

const SCREENS = [
  { id: 'data', label: 'navData' },
  { id: 'models', label: 'navModels' },
  { id: 'warnings', label: 'navWarnings' },
  { id: 'console', label: 'navConsole' },
] as const satisfies readonly { id: string; label: MessageKey }[];
type ScreenId = (typeof SCREENS)[number]['id'];

export function App() {
  const api = useApi();
  const { t, locale, setLocale } = useLocale();
  const [screen, setScreen] = useState<ScreenId>(() => {
    const h = window.location.hash.slice(1);
    return SCREENS.some((s) => s.id === h) ? (h as ScreenId) : 'data';
  });
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [help, setHelp] = useState(false);
  const main = useRef<HTMLElement>(null);
  /** Bumped by Alt+1…4: the screen takes the focus (once shown), or it would stay on a control that is gone. */
  const [focusScreen, setFocusScreen] = useState(0);

  // Bumped when another workspace is opened: every screen is mounted afresh on it.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    void api.workspaceInfo({}).then((r) => r.ok && setInfo(r.value));
    return api.onNotice((n) => {
      setNotice(n);
      if (n.code === 'workspace_changed') {
        setGeneration((g) => g + 1);
        void api.workspaceInfo({}).then((r) => r.ok && setInfo(r.value));
      }
    });
  }, [api]);

  useEffect(() => {
    window.location.hash = screen;
  }, [screen]);

  useEffect(() => { if (focusScreen > 0) main.current?.focus(); }, [focusScreen]);

  // Alt+1…4 switch screens from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const i = Number(e.key) - 1;
      const s = SCREENS[i];
      if (s) { e.preventDefault(); setScreen(s.id); setFocusScreen((n) => n + 1); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <header className="top-bar">
        <div className="brand"><strong>{t('appName')}</strong> <span className="muted">{t('appTagline')}</span></div>
        <nav className="tabs" role="tablist" aria-label="screens">
          {SCREENS.map((s, i) => (
            <button key={s.id} type="button" role="tab" aria-selected={screen === s.id} className={screen === s.id ? 'tab active' : 'tab'}
              onClick={() => setScreen(s.id)} title={`Alt+${i + 1}`} data-testid={`nav-${s.id}`}>
              {t(s.label)}
            </button>
          ))}
        </nav>
        <div className="top-right">
          {info && (
            <span className="muted small" title={info.dir} data-testid="workspace-info">
              {t('workspace')}: {info.dir.split(/[\\/]/).pop()}
              {info.synthetic ? ` · ${t('syntheticData', { seed: info.synthetic.seed })}` : ''}
              {info.dataAsOf ? ` · ${t('dataAsOf', { date: info.dataAsOf })}` : ''}
            </span>
          )}
          <button type="button" onClick={() => setHelp(true)} aria-haspopup="dialog" data-testid="shortcuts">{t('shortcuts')}</button>
          <button type="button" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')} aria-label={t('languageLabel')} data-testid="lang-switch">
            {t('language')}
          </button>
        </div>
      </header>
      {notice && (
        <div className={notice.code === 'disconnected' ? 'banner error' : 'banner'} role="status">
          {notice.message} <button type="button" className="link" onClick={() => setNotice(null)}>{t('close')}</button>
        </div>
      )}
      <main key={generation} ref={main} tabIndex={-1} className="screen" role="tabpanel" aria-label={t(SCREENS.find((s) => s.id === screen)!.label)} data-screen={screen}>
        {screen === 'data' && <DataScreen />}
        {screen === 'models' && <ModelsScreen />}
        {screen === 'warnings' && <WarningsScreen />}
        {screen === 'console' && <ConsoleScreen />}
      </main>
      {help && <Dialog title={t('shortcuts')} onClose={() => setHelp(false)}><p>{t('shortcutsHelp')}</p></Dialog>}
    </div>
  );
}

/** A modal dialog: focus moves into it and stays there, Esc or the button closes it, focus returns where it was. */
function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: React.ReactNode }) {
  const { t } = useLocale();
  const box = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useModalFocus(box, { onEscape: onClose, initial: closeButton });
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div ref={box} className="dialog" role="dialog" aria-modal="true" aria-label={title} onClick={(e) => e.stopPropagation()} data-testid="dialog">
        <h2>{title}</h2>
        {children}
        <button ref={closeButton} type="button" onClick={onClose}>{t('close')}</button>
      </div>
    </div>
  );
}
