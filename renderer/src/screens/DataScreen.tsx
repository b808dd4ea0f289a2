// Data: the workspace's tables grouped as the catalog groups them, with Chinese names and row counts, and
// the table browser for the one picked; the import wizard, table export and the workspace dialog.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ExportDialog, type GridView } from '../data/ExportDialog.tsx';
import { ImportWizard } from '../data/ImportWizard.tsx';
import { WorkspaceDialog } from '../data/WorkspaceDialog.tsx';
import type { TableGroup, TableInfo } from '../../../electron/contract/workspace.ts';
import { useApi } from '../api/context.tsx';
import { TableGrid } from '../grid/TableGrid.tsx';
import { useLocale } from '../i18n/locale.tsx';

const GROUP_ORDER: TableGroup[] = ['procurement', 'parties', 'money', 'external', 'village', 'models', 'synthetic', 'imports', 'system'];

export function DataScreen({ initialTable }: { initialTable?: string }) {
  const api = useApi();
  const { t, n, locale } = useLocale();
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [showEmpty, setShowEmpty] = useState(false);
  const [selected, setSelected] = useState<string | null>(initialTable ?? null);
  const [dialog, setDialog] = useState<'import' | 'export' | 'workspace' | null>(null);
  const [view, setView] = useState<GridView | null>(null);
  const [workspaceDir, setWorkspaceDir] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  const reload = useCallback(() => {
    void api.listTables({ views: true }).then((r) => (r.ok ? setTables(r.value) : setError(r.error.message)));
  }, [api]);
  useEffect(() => { reload(); }, [reload]);
  useEffect(() => { void api.workspaceInfo({}).then((r) => r.ok && setWorkspaceDir(r.value.dir)); }, [api]);
  useEffect(() => { setView(null); }, [selected]);

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const visible = (tables ?? []).filter((x) => (showEmpty || (x.rows ?? 0) > 0)
      && (q === '' || x.name.toLowerCase().includes(q) || x.labelZh.includes(q)));
    return GROUP_ORDER.map((g) => ({ group: g, tables: visible.filter((x) => x.group === g) })).filter((g) => g.tables.length > 0);
  }, [tables, query, showEmpty]);

  const current = tables?.find((x) => x.name === selected) ?? null;
  // The list is one Tab stop (the table shown, or the first), with ↑↓ Home End inside: otherwise some fifty
  // tables stand between the search box and the grid.
  const listed = groups.flatMap((g) => g.tables.map((x) => x.name));
  const tabStop = selected !== null && listed.includes(selected) ? selected : listed[0];
  const onListKey = (e: React.KeyboardEvent<HTMLElement>) => {
    const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.table-item')];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: items.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, next))]?.focus();
  };

  return (
    <div className="split">
      <aside className="side-panel" aria-label={t('tables')}>
        <div className="side-actions">
          <button type="button" className="primary" onClick={() => setDialog('import')} data-testid="open-import">{t('importButton')}</button>
          <button type="button" onClick={() => setDialog('workspace')} data-testid="open-workspace">{t('wsButton')}</button>
        </div>
        <div className="side-tools">
          <input type="search" placeholder={t('searchTables')} aria-label={t('searchTables')} value={query}
            onChange={(e) => setQuery(e.target.value)} data-testid="table-search" />
          <label className="check">
            <input type="checkbox" checked={showEmpty} onChange={(e) => setShowEmpty(e.target.checked)} />
            {t('emptyTables')}
          </label>
        </div>
        {error && <div className="error-box" role="alert">{error}</div>}
        {!tables && !error && <p className="muted">{t('loading')}</p>}
        <nav className="table-list" data-testid="table-list" aria-label={t('tables')} onKeyDown={onListKey}>
          {groups.map((g) => (
            <section key={g.group}>
              <h3>{t(`group_${g.group}`)}</h3>
              <ul>
                {g.tables.map((x) => (
                  <li key={x.name}>
                    <button type="button" className={x.name === selected ? 'table-item active' : 'table-item'}
                      aria-current={x.name === selected ? 'true' : undefined} data-testid={`table-${x.name}`}
                      tabIndex={x.name === tabStop ? 0 : -1}
                      onClick={() => setSelected(x.name)}>
                      <span className="label">{locale === 'zh-CN' ? x.labelZh : x.name}</span>
                      <span className="sub">{locale === 'zh-CN' ? x.name : x.labelZh}</span>
                      <span className="count">{x.rows === null ? t('view') : n(x.rows)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </nav>
      </aside>
      <section className="main-panel">
        {current ? (
          <>
            <header className="panel-head">
              <h2>{current.labelZh} <code>{current.name}</code></h2>
              <span className="muted">{current.rows === null ? t('view') : t('rows', { n: n(current.rows) })}</span>
              <button type="button" onClick={() => setDialog('export')} data-testid="open-export">{t('exportButton')}</button>
            </header>
            {/* Remounted after an import, so that its counts and pages are read again. */}
            <TableGrid key={generation} table={current.name} columns={current.columns} onViewChange={setView} />
          </>
        ) : <p className="placeholder">{t('pickTable')}</p>}
      </section>
      {dialog === 'import' && tables && (
        <ImportWizard tables={tables} onClose={() => setDialog(null)} onImported={() => { reload(); setGeneration((g) => g + 1); }} />
      )}
      {dialog === 'export' && current && <ExportDialog table={current.name} view={view} onClose={() => setDialog(null)} />}
      {dialog === 'workspace' && <WorkspaceDialog current={workspaceDir} onClose={() => setDialog(null)} />}
    </div>
  );
}
