// Browser mode's file chooser: the engine lists a folder (read only) and the analyst picks files, or a
// folder. Arrow keys are not needed: every entry is a button or checkbox in tab order; Enter opens a folder
// and moves the focus to the folder's first entry (the button pressed is gone with the old listing).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DirListing } from '../../../electron/contract/data.ts';
import { useApi } from '../api/context.tsx';
import { useLocale } from '../i18n/locale.tsx';

export function FileChooser({ mode, onChoose, onCancel, start = 'workspace', onNavigate, chooseLabel }: {
  mode: 'files' | 'dir'; onChoose: (paths: string[], listing: DirListing) => void; onCancel: () => void; start?: 'home' | 'workspace';
  /** Told of every folder shown (the workspace dialog creates in it). */
  onNavigate?: (listing: DirListing) => void;
  chooseLabel?: string;
}) {
  const api = useApi();
  const { t, n } = useLocale();
  const [listing, setListing] = useState<DirListing | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  // A path typed while a listing was on its way is the user's: the arriving listing must not overwrite it.
  const typing = useRef(false);
  /** Only the latest request's listing is shown (an earlier one may arrive after it). */
  const latest = useRef(0);
  // Submit reads the field itself: a path typed and submitted at once may not be in `typed` yet.
  const pathInput = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  /** Set when a folder was opened from the list: its first entry gets the focus once shown. */
  const focusList = useRef(false);

  const go = useCallback(async (req: { path?: string; start?: 'home' | 'workspace' }) => {
    typing.current = false;
    const seq = ++latest.current;
    const r = await api.listDirectory(req);
    if (seq !== latest.current) return;
    if (r.ok) {
      setListing(r.value);
      // (Decided when React applies the update, which may come after the user started typing.)
      setTyped((cur) => (typing.current ? cur : r.value.path));
      setError(null);
      setPicked([]);
      onNavigate?.(r.value);
    } else setError(r.error.message);
  }, [api, onNavigate]);

  // The first listing, unless the user already went somewhere (effects run after the first paint).
  useEffect(() => { if (latest.current === 0) void go({ start }); }, [go, start]);

  useEffect(() => {
    if (!listing || !focusList.current) return;
    focusList.current = false;
    (list.current?.querySelector<HTMLElement>('button, input') ?? pathInput.current)?.focus();
  }, [listing]);
  const open = (path: string) => { focusList.current = true; void go({ path }); };

  const toggle = (p: string) => setPicked((s) => (s.includes(p) ? s.filter((x) => x !== p) : [...s, p]));
  const size = (b: number | null) => (b === null ? '' : b < 1024 ? `${b} B` : b < 1 << 20 ? `${(b / 1024).toFixed(1)} KB` : `${(b / (1 << 20)).toFixed(1)} MB`);

  return (
    <div className="file-chooser" data-testid="file-chooser">
      <form className="fc-bar" onSubmit={(e) => { e.preventDefault(); void go({ path: pathInput.current?.value ?? typed }); }}>
        <label className="grow">{t('fcPath')} <input value={typed} onChange={(e) => { typing.current = true; setTyped(e.target.value); }} ref={pathInput} data-testid="fc-path" /></label>
        <button type="submit" data-testid="fc-go">{t('fcGo')}</button>
        <button type="button" disabled={!listing?.parent} onClick={() => listing?.parent && void go({ path: listing.parent })}>{t('fcUp')}</button>
        <button type="button" onClick={() => void go({ start: 'home' })}>{t('fcHome')}</button>
        <button type="button" onClick={() => void go({ start: 'workspace' })}>{t('fcWorkspace')}</button>
      </form>
      {error && <div className="error-box" role="alert" data-testid="fc-error">{error}</div>}
      {listing && (
        <div ref={list} className="fc-list" role="list">
          {listing.entries.length === 0 && <p className="muted">{t('fcEmpty')}</p>}
          {listing.entries.map((e) => (
            <div key={e.path} role="listitem" className="fc-row">
              {e.kind === 'dir' ? (
                <button type="button" className="link fc-name" onClick={() => open(e.path)} data-testid={`fc-dir-${e.name}`}>▸ {e.name}/</button>
              ) : mode === 'files' && e.kind === 'file' ? (
                <label className="fc-name check">
                  <input type="checkbox" checked={picked.includes(e.path)} onChange={() => toggle(e.path)} data-testid={`fc-file-${e.name}`} />
                  {e.name}
                </label>
              ) : <span className="fc-name muted">{e.name}</span>}
              <span className="num muted small">{size(e.size)}</span>
              <span className="muted small">{e.modified?.slice(0, 16).replace('T', ' ') ?? ''}</span>
            </div>
          ))}
          {listing.truncated && <p className="muted">{t('fcTruncated')}</p>}
        </div>
      )}
      <div className="dialog-actions">
        {mode === 'files' && <span className="muted">{t('fcSelected', { n: n(picked.length) })}</span>}
        <button type="button" onClick={onCancel}>{t('cancel')}</button>
        <button type="button" className="primary" data-testid="fc-choose" disabled={!listing || (mode === 'files' && picked.length === 0)}
          onClick={() => listing && onChoose(mode === 'files' ? picked : [listing.path], listing)}>{chooseLabel ?? t('fcChoose')}</button>
      </div>
    </div>
  );
}
