// Data: the workspace's tables grouped as the catalog groups them, with Chinese names and row counts, and
// the table browser for the one picked.
import { useEffect, useMemo, useState } from 'react';
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

  useEffect(() => {
    void api.listTables({ views: true }).then((r) => (r.ok ? setTables(r.value) : setError(r.error.message)));
  }, [api]);

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const visible = (tables ?? []).filter((x) => (showEmpty || (x.rows ?? 0) > 0)
      && (q === '' || x.name.toLowerCase().includes(q) || x.labelZh.includes(q)));
    return GROUP_ORDER.map((g) => ({ group: g, tables: visible.filter((x) => x.group === g) })).filter((g) => g.tables.length > 0);
  }, [tables, query, showEmpty]);

  const current = tables?.find((x) => x.name === selected) ?? null;

  return (
    <div className="split">
      <aside className="side-panel" aria-label={t('tables')}>
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
        <nav className="table-list" data-testid="table-list">
          {groups.map((g) => (
            <section key={g.group}>
              <h3>{t(`group_${g.group}`)}</h3>
              <ul>
                {g.tables.map((x) => (
                  <li key={x.name}>
                    <button type="button" className={x.name === selected ? 'table-item active' : 'table-item'}
                      aria-current={x.name === selected ? 'true' : undefined} data-testid={`table-${x.name}`}
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
            </header>
            <TableGrid table={current.name} columns={current.columns} />
          </>
        ) : <p className="placeholder">{t('pickTable')}</p>}
      </section>
    </div>
  );
}
