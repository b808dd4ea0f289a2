// Drill-down of one warning, over the list: the explanation in plain words, the evidence as labelled values,
// the records behind it as small grids, the relation graph (expandable by a hop) and the timeline.
// Esc or the back button returns to the list. Personal data is masked unless the analyst asks to see it.
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  GraphNodeKind, RecordSection, RelationGraph, WarningDetail, WarningRow, WarningTimeline,
} from '../../../../electron/contract/warnings.ts';
import { useApi } from '../../api/context.tsx';
import { NODE_KINDS, RelationGraphChart } from '../../charts/RelationGraphChart.tsx';
import { gridLocaleText, gridTheme, TAB_LEAVES_GRID } from '../../grid/setup.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { yuan } from './format.ts';

export function DrillDown({ row, onBack }: { row: WarningRow; onBack(): void }) {
  const api = useApi();
  const { t, locale, n } = useLocale();
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const [reveal, setReveal] = useState(false);
  const [detail, setDetail] = useState<WarningDetail | null>(null);
  const [graph, setGraph] = useState<RelationGraph | null>(null);
  const [timeline, setTimeline] = useState<WarningTimeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [expanding, setExpanding] = useState<string | null>(null);
  const back = useRef<HTMLButtonElement>(null);

  useEffect(() => { back.current?.focus(); }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('[data-testid="dialog"]')) { e.preventDefault(); onBack(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  useEffect(() => {
    let live = true;
    void api.warningDetail({ alertId: row.alert_id, lang, reveal }).then((r) => {
      if (!live) return;
      if (r.ok) setDetail(r.value); else setError(r.error.message);
    });
    return () => { live = false; };
  }, [api, row.alert_id, lang, reveal]);

  const seeds = detail?.graphSeeds.join('\n');
  useEffect(() => {
    if (!seeds) return;
    let live = true;
    void api.relationGraph({ seeds: seeds.split('\n'), hops: 1, reveal }).then((r) => {
      if (!live) return;
      if (r.ok) setGraph(r.value); else setError(r.error.message);
    });
    return () => { live = false; };
  }, [api, seeds, reveal]);

  useEffect(() => {
    let live = true;
    void api.warningTimeline({ alertId: row.alert_id }).then((r) => {
      if (!live) return;
      if (r.ok) setTimeline(r.value); else setError(r.error.message);
    });
    return () => { live = false; };
  }, [api, row.alert_id]);

  // One more hop around a node, merged into what is shown (nodes already there keep their depth).
  const expand = useCallback((nodeId: string) => {
    setExpanding(nodeId);
    void api.relationGraph({ seeds: [nodeId], hops: 1, reveal }).then((r) => {
      setExpanding(null);
      if (!r.ok) { setError(r.error.message); return; }
      setGraph((g) => {
        if (!g) return r.value;
        const nodes = new Map(g.nodes.map((x) => [x.id, x]));
        for (const x of r.value.nodes) if (!nodes.has(x.id)) nodes.set(x.id, { ...x, seed: false });
        const edges = new Map(g.edges.map((e) => [e.id, e]));
        for (const e of r.value.edges) edges.set(e.id, e);
        return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: g.truncated || r.value.truncated };
      });
    });
  }, [api, reveal]);

  const kindLabel = useCallback((k: GraphNodeKind) => t(`nodeKind_${k}`), [t]);
  const w = detail?.warning ?? row;
  const modelName = lang === 'zh' ? w.model_name_zh : w.model_name_en;

  return (
    <section className="drill" data-testid="drill-down" data-alert-id={row.alert_id} aria-label={t('drillTitle')}>
      <header className="drill-head">
        <button ref={back} type="button" onClick={onBack} data-testid="drill-back">{t('backToList')}</button>
        <span className={`chip chip-${w.severity}`}>{t(`severity_${w.severity}`)}</span>
        <h2><span className="mono">{w.model_id}</span> {modelName}</h2>
        <label className="check small reveal"><input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} data-testid="reveal" />
          {t('revealPersonal')}</label>
      </header>
      <div className="drill-facts muted small">
        <span>{w.subject_name}</span>
        {w.buyer_name && <span>{t('colBuyer')}：{w.buyer_name}</span>}
        {w.region_name && <span>{w.region_name}</span>}
        {w.amount_cny && <span>{yuan(w.amount_cny)}</span>}
        {w.occurred_on && <span>{t('colOccurred')}：{w.occurred_on}</span>}
        <span>{t('timesSeen', { n: w.times_seen })}</span>
        {detail?.redacted && <span>{t('redactedNote')}</span>}
      </div>
      {error && <div className="error-box" role="alert">{error}</div>}
      <div className="drill-body">
        <div className="drill-col">
          <h3>{t('explanation')}</h3>
          <p className="explanation" data-testid="explanation">{detail ? detail.explanation.text : t('loading')}</p>
          {detail && detail.evidence.length > 0 && (
            <>
              <h3>{t('evidence')}</h3>
              <dl className="evidence" data-testid="evidence">
                {detail.evidence.map((e) => (
                  <div key={e.key}><dt>{lang === 'zh' ? e.label_zh : e.label_en}</dt><dd>{e.text}</dd></div>
                ))}
              </dl>
            </>
          )}
          {detail && detail.records.length > 0 && <h3>{t('records')}</h3>}
          {detail?.records.map((s) => <RecordGrid key={`${s.id}-${reveal}`} section={s} />)}
        </div>
        <div className="drill-col">
          <h3>{t('relationGraph')} <span className="muted small">{t('graphHint')}</span></h3>
          {graph ? (
            <div className="graph-box" data-testid="graph" data-nodes={graph.nodes.length} data-edges={graph.edges.length} data-truncated={graph.truncated}>
              {graph.truncated && <div className="note-box small" data-testid="graph-truncated">{t('graphTruncated')}</div>}
              <RelationGraphChart graph={graph} kindLabel={kindLabel} lang={lang} onExpand={expand}
                label={`${t('relationGraph')}：${t('graphNodes', { n: n(graph.nodes.length), m: n(graph.edges.length) })}`} />
              <details className="node-list">
                <summary>{t('graphNodes', { n: n(graph.nodes.length), m: n(graph.edges.length) })}{expanding ? ` · ${t('expanding')}` : ''}</summary>
                <ul>
                  {NODE_KINDS.flatMap((k) => graph.nodes.filter((x) => x.kind === k)).map((x) => (
                    <li key={x.id} data-node-id={x.id} data-kind={x.kind} className={x.seed ? 'seed' : undefined}>
                      <span className={`node-dot node-${x.kind}`} />{kindLabel(x.kind)} · {x.label}
                      <button type="button" className="link" onClick={() => expand(x.id)} disabled={expanding !== null}>{t('expandNode')}</button>
                    </li>
                  ))}
                </ul>
              </details>
            </div>
          ) : <p className="muted">{t('loading')}</p>}
          <h3>{t('timeline')}</h3>
          {timeline ? (
            <ol className="timeline" data-testid="timeline">
              {timeline.events.map((e, i) => (
                <li key={i} data-kind={e.kind}>
                  <time>{e.at}</time>
                  <span>{lang === 'zh' ? e.title_zh : e.title_en}{e.amount_cny ? ` · ${yuan(e.amount_cny)}` : ''}</span>
                </li>
              ))}
              {timeline.truncated && <li className="muted">{t('timelineTruncated', { n: timeline.events.length })}</li>}
            </ol>
          ) : <p className="muted">{t('loading')}</p>}
        </div>
      </div>
    </section>
  );
}

/** One block of records as a small client-side grid: a few rows high, the rest scrolls. */
function RecordGrid({ section }: { section: RecordSection }) {
  const { t, locale, n } = useLocale();
  const columnDefs = useMemo(() => section.columns.map((c) => ({
    colId: c.name, field: c.name, headerName: locale === 'zh-CN' ? c.label_zh : c.label_en, headerTooltip: c.name,
    valueFormatter: (p: { value: unknown }) => (p.value === null || p.value === undefined ? '—' : typeof p.value === 'boolean' ? (p.value ? '✓' : '') : String(p.value)),
  })), [section, locale]);
  // Rows, header and room for a horizontal scrollbar.
  const height = Math.min(section.rows.length, 6) * 30 + 36 + 20;
  return (
    <div className="record-section" data-testid={`records-${section.id}`}>
      <h4>{locale === 'zh-CN' ? section.title_zh : section.title_en} <span className="muted small">
        {t('recordsTotal', { n: n(section.total) })}{section.truncated ? t('recordsTruncated', { n: n(section.rows.length) }) : ''}</span></h4>
      <div style={{ height }}>
        <AgGridReact
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          rowData={section.rows}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: true, minWidth: 90, cellDataType: false }}
          suppressFieldDotNotation
          {...TAB_LEAVES_GRID}
          autoSizeStrategy={{ type: 'fitCellContents' }}
        />
      </div>
    </div>
  );
}
