// Open another workspace, or create one in a folder: browser mode restarts the engine on it (the server says
// so to every tab with a workspace_changed notice, and the shell reloads its screens).
import { useCallback, useState } from 'react';
import type { DirListing } from '../../../electron/contract/data.ts';
import { useApi } from '../api/context.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { FileChooser } from './FileChooser.tsx';
import { Modal } from './Modal.tsx';

export function WorkspaceDialog({ current, onClose }: { current: string | null; onClose: () => void }) {
  const api = useApi();
  const { t } = useLocale();
  const [here, setHere] = useState<DirListing | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onNavigate = useCallback((l: DirListing) => setHere(l), []);

  async function switchTo(method: 'openWorkspace' | 'createWorkspace', dir: string) {
    setBusy(true);
    setError(null);
    const r = await api[method]({ dir });
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error.message);
  }

  const sep = here?.path.includes('\\') ? '\\' : '/';
  return (
    <Modal title={t('wsTitle')} onClose={onClose} testId="workspace-dialog" busy={busy} wide>
      {current && <p className="muted small">{t('wsCurrent', { dir: current })}</p>}
      <FileChooser mode="dir" start="home" onNavigate={onNavigate} onCancel={onClose} chooseLabel={t('wsOpen')}
        onChoose={([dir]) => void switchTo('openWorkspace', dir!)} />
      <form className="fc-bar" onSubmit={(e) => { e.preventDefault(); if (here && name.trim()) void switchTo('createWorkspace', `${here.path.replace(/[\\/]$/, '')}${sep}${name.trim()}`); }}>
        <label className="grow">{t('wsNewName')} <input value={name} onChange={(e) => setName(e.target.value)} data-testid="ws-new-name" /></label>
        <button type="submit" className="primary" disabled={busy || !here || name.trim() === ''} data-testid="ws-create">{t('wsCreate')}</button>
      </form>
      {busy && <p className="muted" role="status">{t('wsSwitching')}</p>}
      {error && <div className="error-box" role="alert" data-testid="ws-error">{error}</div>}
    </Modal>
  );
}
