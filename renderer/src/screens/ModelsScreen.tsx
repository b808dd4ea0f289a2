// Models: the library grouped by domain and category with search; a model's explanation, source, required data
// (and whether the workspace has it) and parameters with their defaults; runs of the selection, a domain or
// all, with progress per model, cancel, and a summary.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TaskProgress } from '../../../electron/contract/api.ts';
import { paramText, type ModelInfo, type RunSummary } from '../../../electron/contract/models.ts';
import type { TableInfo } from '../../../electron/contract/workspace.ts';
import { newTaskId } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { BarChart } from '../charts/BarChart.tsx';
import { useLocale } from '../i18n/locale.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const DOMAINS = ['BID', 'SOE', 'FUND', 'VIL', 'OCDS'] as const;
type Domain = (typeof DOMAINS)[number];

interface RunState {
  taskId: string;
  models: string[];
  done: number;
  item?: string;
  state: TaskProgress['state'];
  step?: string;
}


export function ModelsScreen() {
  const api = useApi();
  const { t, locale, n } = useLocale();
  const [library, setLibrary] = useState<ModelInfo[] | null>(null);
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [domain, setDomain] = useState<Domain | 'all'>('all');
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState<string | null>(null);
  const [params, setParams] = useState<Record<string, string>>({});
  const [run, setRun] = useState<RunState | null>(null);
  const [summary, setSummary] = useState<RunSummary | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const runBar = useRef<HTMLDivElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  /** The run button pressed from the keyboard: it is disabled during the run, so focus waits on Cancel. */
  const pressed = useRef<HTMLElement | null>(null);

  useEffect(() => {
    void api.listModels({}).then((r) => (r.ok ? setLibrary(r.value) : setError(r.error.message)));
    void api.listTables({ views: false }).then((r) => r.ok && setTables(r.value));
  }, [api]);

  // Progress of our run only: the engine names the model in progress (item) and how many are done.
  useEffect(() => api.onProgress((e) => {
    setRun((r) => (r && r.taskId === e.taskId
      ? { ...r, done: e.unit === 'models' ? e.done : r.done, item: e.item ?? r.item, state: e.state, step: locale === 'zh-CN' ? e.step.zh : e.step.en }
      : r));
  }), [api, locale]);

  const name = (m: ModelInfo) => (locale === 'zh-CN' ? m.name_zh : m.name_en);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (library ?? []).filter((m) => (domain === 'all' || m.domain === domain)
      && (q === '' || m.id.toLowerCase().includes(q) || m.name_zh.includes(q) || m.name_en.toLowerCase().includes(q)));
  }, [library, query, domain]);

  const grouped = useMemo(() => {
    const out: { domain: Domain; categories: { category: string; models: ModelInfo[] }[] }[] = [];
    for (const d of DOMAINS) {
      const inDomain = visible.filter((m) => m.domain === d);
      if (inDomain.length === 0) continue;
      const cats = [...new Set(inDomain.map((m) => m.category))].sort();
      out.push({ domain: d, categories: cats.map((c) => ({ category: c, models: inDomain.filter((m) => m.category === c) })) });
    }
    return out;
  }, [visible]);

  const rowsOf = useMemo(() => new Map(tables.map((x) => [x.name, x.rows ?? 0])), [tables]);
  const focusedModel = library?.find((m) => m.id === focused) ?? null;
  // The tree is one Tab stop (the model shown, or the first): ↑↓ move between models, ←→ between a model's
  // checkbox and its name, Space ticks, Enter shows. Otherwise eighty controls stand before the run buttons.
  const tabStop = focused !== null && visible.some((m) => m.id === focused) ? focused : grouped[0]?.categories[0]?.models[0]?.id;
  const onTreeKey = (e: React.KeyboardEvent<HTMLElement>) => {
    const rows = [...e.currentTarget.querySelectorAll<HTMLElement>('li.model-row')];
    const row = rows.findIndex((r) => r.contains(document.activeElement));
    if (row < 0) return;
    const col = rows[row]!.querySelector('input') === document.activeElement ? 0 : 1;
    const to = { ArrowDown: [row + 1, col], ArrowUp: [row - 1, col], ArrowLeft: [row, 0], ArrowRight: [row, 1], Home: [0, col], End: [rows.length - 1, col] }[e.key];
    if (!to) return;
    e.preventDefault();
    const target = rows[Math.max(0, Math.min(rows.length - 1, to[0]!))]?.querySelectorAll<HTMLElement>('input, button')[to[1]!];
    target?.focus();
  };
  const running = run !== null && run.state === 'running';

  useEffect(() => {
    if (running) { if (pressed.current) cancelButton.current?.focus(); return; }
    if (pressed.current && (document.activeElement === document.body || document.activeElement === null)) pressed.current.focus();
    pressed.current = null;
  }, [running]);

  const toggle = (ids: string[], on: boolean) => setChecked((s) => {
    const next = new Set(s);
    for (const id of ids) if (on) next.add(id); else next.delete(id);
    return next;
  });

  async function start(which: 'selected' | 'domain' | 'all') {
    if (!library) return;
    const models = which === 'selected' ? library.filter((m) => checked.has(m.id))
      : which === 'domain' ? library.filter((m) => m.domain === domain) : library;
    const ids = models.map((m) => m.id);
    const active = document.activeElement;
    pressed.current = active instanceof HTMLElement && runBar.current?.contains(active) ? active : null;
    const taskId = newTaskId('run');
    setSummary(null);
    setRunError(null);
    setRun({ taskId, models: ids, done: 0, state: 'running' });
    // Only the parameters of the models in this run: the engine refuses others by name.
    const inRun = new Set(ids);
    const sent = Object.fromEntries(Object.entries(params).filter(([k]) => inRun.has(k.split('.')[0]!)));
    const r = await api.runModels({
      taskId, params: sent,
      ...(which === 'selected' ? { models: ids } : which === 'domain' && domain !== 'all' ? { domain } : {}),
    });
    if (r.ok) {
      setSummary(r.value);
      setRun((s) => (s ? { ...s, done: ids.length, state: 'done' } : s));
    } else {
      setRunError(r.error.code === 'cancelled' ? t('runCancelled') : r.error.message);
      setRun((s) => (s ? { ...s, state: r.error.code === 'cancelled' ? 'cancelled' : 'failed' } : s));
    }
  }

  const cancel = () => { if (run) void api.cancel({ taskId: run.taskId }); };

  const modelStatus = (id: string, i: number): MessageKey => {
    const s = summary?.models.find((m) => m.model_id === id);
    if (s) return `status_${s.status}`;
    if (!run) return 'status_pending';
    return i < run.done ? 'status_ok' : i === run.done && running ? 'status_running' : 'status_pending';
  };

  if (error) return <div className="error-box" role="alert">{error}</div>;
  if (!library) return <p className="muted">{t('loading')}</p>;

  return (
    <div className="split">
      <aside className="side-panel wide" aria-label={t('modelLibrary')}>
        <div className="side-tools">
          <input type="search" placeholder={t('searchModels')} aria-label={t('searchModels')} value={query}
            onChange={(e) => setQuery(e.target.value)} data-testid="model-search" />
          <select value={domain} onChange={(e) => setDomain(e.target.value as Domain | 'all')} aria-label={t('allDomains')} data-testid="domain-filter">
            <option value="all">{t('allDomains')}</option>
            {DOMAINS.filter((d) => library.some((m) => m.domain === d)).map((d) => <option key={d} value={d}>{t(`domain_${d}`)}</option>)}
          </select>
        </div>
        <div className="muted small">{t('modelsCount', { n: visible.length })} · {t('selectedCount', { n: checked.size })}</div>
        <div className="model-tree" data-testid="model-tree" onKeyDown={onTreeKey}>
          {grouped.map((g) => {
            const ids = g.categories.flatMap((c) => c.models.map((m) => m.id));
            const all = ids.every((id) => checked.has(id));
            return (
              <section key={g.domain}>
                <h3>
                  <label className="check">
                    <input type="checkbox" checked={all} onChange={(e) => toggle(ids, e.target.checked)} />
                    {t(`domain_${g.domain}`)} <span className="muted">({ids.length})</span>
                  </label>
                </h3>
                {g.categories.map((c) => (
                  <div key={c.category} className="category">
                    <h4>{t('category', { c: c.category })}</h4>
                    <ul>
                      {c.models.map((m) => (
                        <li key={m.id} className={m.id === focused ? 'model-row active' : 'model-row'}>
                          <input type="checkbox" checked={checked.has(m.id)} aria-label={`${m.id} ${name(m)}`}
                            onChange={(e) => toggle([m.id], e.target.checked)} data-testid={`check-${m.id}`} tabIndex={-1} />
                          <button type="button" className="link" onClick={() => setFocused(m.id)} data-testid={`model-${m.id}`}
                            tabIndex={m.id === tabStop ? 0 : -1} aria-current={m.id === focused ? 'true' : undefined}>
                            <span className={`sev sev-${m.severity}`} title={t(`severity_${m.severity}`)} />
                            <code>{m.id}</code> {name(m)}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </section>
            );
          })}
        </div>
      </aside>
      <section className="main-panel scroll">
        <div className="run-bar" ref={runBar}>
          <button type="button" className="primary" disabled={running || checked.size === 0} onClick={() => void start('selected')} data-testid="run-selected">
            {t('runSelected', { n: checked.size })}
          </button>
          <button type="button" disabled={running || domain === 'all'} onClick={() => void start('domain')} data-testid="run-domain">
            {t('runDomain', { d: domain === 'all' ? '—' : t(`domain_${domain}`) })}
          </button>
          <button type="button" disabled={running} onClick={() => void start('all')} data-testid="run-all">{t('runAll', { n: library.length })}</button>
          {running && <button ref={cancelButton} type="button" className="danger" onClick={cancel} data-testid="cancel-run">{t('cancelRun')}</button>}
        </div>

        {run && (
          <div className="run-panel" data-testid="run-panel" data-state={run.state}>
            <div className="progress-line">
              <progress max={Math.max(1, run.models.length)} value={run.state === 'done' ? run.models.length : run.done} aria-label={t('running')} />
              <span data-testid="run-progress-text">
                {running ? t('runProgress', { done: Math.min(run.done + 1, run.models.length), total: run.models.length, item: run.item ?? run.step ?? '' }) : ''}
              </span>
            </div>
            {runError && <div className={run.state === 'cancelled' ? 'note-box' : 'error-box'} role="alert" data-testid="run-error">{runError}</div>}
            {summary && (
              <div className="summary" data-testid="run-summary">
                <p>
                  <strong>{t('runDone', { n: summary.models.length, s: summary.seconds.toFixed(1) })}</strong>{' · '}
                  {t('warningsNew', { n: n(summary.warnings.new) })}{' · '}{t('warningsAgain', { n: n(summary.warnings.seen_again) })}{' · '}
                  {t('warningsEscalated', { n: n(summary.warnings.escalated) })}
                </p>
                <BarChart testId="hits-chart" label={t('hitsChartLabel')}
                  labels={[...summary.models].sort((a, b) => b.hits - a.hits).slice(0, 12).map((m) => m.model_id)}
                  values={[...summary.models].sort((a, b) => b.hits - a.hits).slice(0, 12).map((m) => m.hits)}
                  height={220} />
              </div>
            )}
            <table className="model-status" data-testid="run-models">
              <thead><tr><th>{t('model')}</th><th>{t('status')}</th><th className="num">{t('hits')}</th><th className="num">{t('seconds')}</th></tr></thead>
              <tbody>
                {run.models.map((id, i) => {
                  const s = summary?.models.find((m) => m.model_id === id);
                  const st = modelStatus(id, i);
                  return (
                    <tr key={id} data-model={id} data-status={st}>
                      <td><code>{id}</code> {library.find((m) => m.id === id) ? name(library.find((m) => m.id === id)!) : ''}</td>
                      <td className={st}>{t(st)}{s?.missing ? ` — ${t('missing', { what: s.missing.join(', ') })}` : ''}{s?.error ? ` — ${s.error}` : ''}</td>
                      <td className="num">{s ? n(s.hits) : ''}</td>
                      <td className="num">{s ? s.seconds.toFixed(2) : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}

        {focusedModel ? (
          <article className="model-detail" data-testid="model-detail">
            <h2><code>{focusedModel.id}</code> {name(focusedModel)}</h2>
            <p className="muted">
              {t(`domain_${focusedModel.domain}`)} · {t('category', { c: focusedModel.categories.join(', ') })} · {t(`kind_${focusedModel.kind}`)} ·{' '}
              <span className={`sev-text sev-${focusedModel.severity}`}>{t(`severity_${focusedModel.severity}`)}</span>
            </p>
            <h3>{t('explain')}</h3>
            <p>{locale === 'zh-CN' ? focusedModel.explain.zh : focusedModel.explain.en}</p>
            <h3>{t('source')}</h3>
            <p className="small">{focusedModel.source}</p>
            <h3>{t('requires')}</h3>
            <ul className="requires">
              {Object.entries(focusedModel.requires).map(([table, cols]) => {
                const have = (rowsOf.get(table) ?? 0) > 0;
                return (
                  <li key={table}>
                    <span className={have ? 'ok' : 'bad'}>{have ? '✓' : '✗'}</span> <code>{table}</code>
                    <span className="muted small"> {cols.join(', ')} · {have ? t('hasData') : t('noData')}</span>
                  </li>
                );
              })}
            </ul>
            <h3>{t('params')}</h3>
            {focusedModel.params.length === 0 ? <p className="muted">{t('noParams')}</p> : (
              <form className="params" onSubmit={(e) => { e.preventDefault(); toggle([focusedModel.id], true); void start('selected'); }}>
                {focusedModel.params.map((p) => {
                  const key = `${focusedModel.id}.${p.name}`;
                  return (
                    <label key={key}>
                      <span>{locale === 'zh-CN' ? p.label_zh : p.label_en}{p.unit ? `（${p.unit}）` : ''}</span>
                      <input value={params[key] ?? paramText(p.default)} data-testid={`param-${p.name}`}
                        onChange={(e) => setParams((s) => {
                          const next = { ...s };
                          if (e.target.value === paramText(p.default)) delete next[key]; else next[key] = e.target.value;
                          return next;
                        })} />
                      <span className="muted small">{t('defaultValue', { v: paramText(p.default) })} · <code>{p.name}</code> · {p.type}</span>
                    </label>
                  );
                })}
                <div>
                  <button type="button" onClick={() => setParams((s) => Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith(`${focusedModel.id}.`))))}>
                    {t('resetParams')}
                  </button>
                </div>
              </form>
            )}
          </article>
        ) : !run && <p className="placeholder">{t('pickModel')}</p>}
      </section>
    </div>
  );
}
