// The read-only SQL console: the engine parses the text and refuses anything but one read; results (up to the
// row limit) go in a grid; a running query can be cancelled; past queries are kept in this browser.
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConsoleResult } from '../../../electron/contract/api.ts';
import { newTaskId } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { gridLocaleText, gridTheme, shortType, TAB_LEAVES_GRID } from '../grid/setup.ts';
import { useLocale } from '../i18n/locale.tsx';

const HISTORY_KEY = 'clearsight.sqlHistory';
const DEFAULT_SQL = `SELECT t.region_code, count(*) AS tenders, sum(t.est_value_cny) AS est_value_cny
FROM tender t
GROUP BY 1
ORDER BY tenders DESC`;

function loadHistory(): string[] {
  try {
    const h = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(h) ? h.filter((x): x is string => typeof x === 'string').slice(0, 50) : [];
  } catch {
    return [];
  }
}

export function ConsoleScreen() {
  const api = useApi();
  const { t, locale, n } = useLocale();
  const [sql, setSql] = useState(() => loadHistory()[0] ?? DEFAULT_SQL);
  const [limit, setLimit] = useState(1000);
  const [result, setResult] = useState<ConsoleResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [history, setHistory] = useState<string[]>(loadHistory);
  const [elapsed, setElapsed] = useState(0);
  const editor = useRef<HTMLTextAreaElement>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  // Run pressed from the keyboard is disabled while the query runs: focus waits on Cancel, then comes back.
  const fromButton = useRef(false);

  useEffect(() => {
    if (!fromButton.current) return;
    if (taskId) { cancelButton.current?.focus(); return; }
    fromButton.current = false;
    if (document.activeElement === document.body || document.activeElement === null) runButton.current?.focus();
  }, [taskId]);

  useEffect(() => {
    if (!taskId) return;
    const started = Date.now();
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - started) / 1000)), 250);
    return () => clearInterval(timer);
  }, [taskId]);

  async function runQuery() {
    if (taskId || sql.trim() === '') return;
    const id = newTaskId('sql');
    fromButton.current = document.activeElement === runButton.current;
    setTaskId(id);
    setElapsed(0);
    setError(null);
    const r = await api.consoleQuery({ taskId: id, sql, limit });
    setTaskId(null);
    const next = [sql, ...history.filter((h) => h !== sql)].slice(0, 50);
    setHistory(next);
    localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
    if (r.ok) setResult(r.value);
    else {
      setResult(null);
      setError(r.error.code === 'cancelled' ? t('queryCancelled') : r.error.message);
    }
  }

  const cancel = () => { if (taskId) void api.cancel({ taskId }); };

  const columnDefs = useMemo<ColDef[]>(() => (result?.columns ?? []).map((c) => ({
    colId: c.name, field: c.name, headerName: `${c.name} · ${shortType(c.type)}`, headerTooltip: c.type,
    type: /INT|DECIMAL|DOUBLE|FLOAT|REAL/i.test(c.type) ? 'rightAligned' : undefined,
  })), [result]);

  return (
    <div className="split">
      <aside className="side-panel" aria-label={t('history')}>
        <h3>{t('history')}</h3>
        {history.length === 0 && <p className="muted">{t('noHistory')}</p>}
        <ul className="history" data-testid="sql-history">
          {history.map((h) => (
            <li key={h}><button type="button" className="link mono" title={h} onClick={() => { setSql(h); editor.current?.focus(); }}>{h}</button></li>
          ))}
        </ul>
      </aside>
      <section className="main-panel">
        <header className="panel-head"><h2>{t('consoleTitle')}</h2><span className="muted small">{t('consoleHint')}</span></header>
        <textarea ref={editor} className="sql-editor" value={sql} spellCheck={false} aria-label="SQL" data-testid="sql-editor"
          onChange={(e) => setSql(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void runQuery(); }
            if (e.key === 'Escape' && taskId) { e.preventDefault(); cancel(); }
          }} />
        <div className="run-bar">
          <button ref={runButton} type="button" className="primary" disabled={taskId !== null} onClick={() => void runQuery()} data-testid="sql-run">{t('runQuery')}</button>
          {taskId && <button ref={cancelButton} type="button" className="danger" onClick={cancel} data-testid="sql-cancel">{t('cancelQuery')}</button>}
          <label>{t('rowLimit')}{' '}
            <select value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
              {[100, 1000, 10000].map((x) => <option key={x} value={x}>{n(x)}</option>)}
            </select>
          </label>
          <span className="muted" data-testid="sql-status" role="status">
            {taskId ? t('queryRunning', { s: elapsed })
              : result ? `${t('queryRows', { n: n(result.rows.length), ms: result.ms })}${result.truncated ? t('queryTruncated', { n: n(result.rows.length) }) : ''}` : ''}
          </span>
        </div>
        {error && <div className="error-box" role="alert" data-testid="sql-error">{error}</div>}
        <div className="grid-host" data-testid="sql-grid">
          {result && (
            <AgGridReact key={locale} theme={gridTheme} localeText={gridLocaleText(locale)} rowData={result.rows} columnDefs={columnDefs}
              defaultColDef={{ sortable: true, resizable: true, filter: true, minWidth: 100, cellDataType: false }} suppressFieldDotNotation {...TAB_LEAVES_GRID} />
          )}
        </div>
      </section>
    </div>
  );
}
