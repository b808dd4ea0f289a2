// The quick filters above the warnings grid, and the counts by severity as chips that also filter.
// Counts are asked for without the severity filter, so every chip keeps its number while one is chosen.
import { useEffect, useState } from 'react';
import type { ModelInfo } from '../../../../electron/contract/models.ts';
import type { WarningCounts, WarningFilters } from '../../../../electron/contract/warnings.ts';
import { useApi } from '../../api/context.tsx';
import { useLocale } from '../../i18n/locale.tsx';
import { SEVERITIES } from './format.ts';

const DOMAINS = ['BID', 'SOE', 'FUND', 'VIL', 'OCDS'] as const;

interface Region { code: string; name: string }

export function WarningFilterBar({ filters, onChange }: { filters: WarningFilters; onChange(f: WarningFilters): void }) {
  const api = useApi();
  const { t, locale, n } = useLocale();
  const [models, setModels] = useState<ModelInfo[]>([]);
  const [regions, setRegions] = useState<Region[]>([]);
  const [counts, setCounts] = useState<WarningCounts | null>(null);
  const [text, setText] = useState(filters.text ?? '');

  useEffect(() => {
    void api.listModels({}).then((r) => r.ok && setModels(r.value));
    // Prefectures from the workspace's region table, through the same grid call as any table.
    void api.tablePage({ table: 'region', startRow: 0, endRow: 200, sortModel: [{ colId: 'region_code', sort: 'asc' }],
      filterModel: { level: { filterType: 'text', type: 'equals', filter: 'prefecture' } } })
      .then((r) => r.ok && setRegions(r.value.rows.map((x) => ({ code: String(x.region_code), name: String(x.name) }))));
  }, [api]);

  useEffect(() => {
    const { severity: _severity, ...rest } = filters;
    let live = true;
    void api.warningCounts({ filters: rest }).then((r) => live && r.ok && setCounts(r.value));
    return () => { live = false; };
  }, [api, filters]);

  // The search applies a moment after typing stops (or at once on Enter), not on every key.
  useEffect(() => {
    const v = text.trim();
    if (v === (filters.text ?? '')) return;
    const id = setTimeout(() => onChange(withValue(filters, 'text', v || undefined)), 350);
    return () => clearTimeout(id);
  }, [text, filters, onChange]);

  const set = <K extends keyof WarningFilters>(k: K, v: WarningFilters[K] | undefined) => onChange(withValue(filters, k, v));
  const sev = new Set(filters.severity ?? []);
  const toggleSeverity = (s: (typeof SEVERITIES)[number]) => {
    const next = new Set(sev);
    if (next.has(s)) next.delete(s); else next.add(s);
    set('severity', next.size > 0 ? SEVERITIES.filter((x) => next.has(x)) : undefined);
  };
  const shownModels = models.filter((m) => !filters.domain || filters.domain.includes(m.domain));

  return (
    <div className="warning-filters" data-testid="warning-filters">
      <div className="chips" role="group" aria-label={t('colSeverity')}>
        <button type="button" className={sev.size === 0 ? 'chip-btn active' : 'chip-btn'} aria-pressed={sev.size === 0}
          onClick={() => set('severity', undefined)} data-testid="sev-all">
          {t('sevAll', { n: counts ? n(counts.total) : '…' })}
        </button>
        {SEVERITIES.map((s) => (
          <button key={s} type="button" className={`chip-btn chip-btn-${s}${sev.has(s) ? ' active' : ''}`} aria-pressed={sev.has(s)}
            onClick={() => toggleSeverity(s)} data-testid={`sev-${s}`} data-count={counts?.[s]}>
            <span className={`sev sev-${s}`} />{t(`sevChip_${s}`, { n: counts ? n(counts[s]) : '…' })}
          </button>
        ))}
        <button type="button" className={filters.newOnly ? 'chip-btn active' : 'chip-btn'} aria-pressed={!!filters.newOnly}
          onClick={() => set('newOnly', filters.newOnly ? undefined : true)} data-testid="new-chip">
          {t('newChip', { n: counts ? n(counts.new) : '…' })}
        </button>
      </div>
      <div className="filter-row">
        <label>{t('filterDomain')}
          <select value={filters.domain?.[0] ?? ''} data-testid="filter-domain"
            onChange={(e) => onChange(withValue(withValue(filters, 'domain', e.target.value ? [e.target.value as (typeof DOMAINS)[number]] : undefined), 'model', undefined))}>
            <option value="">{t('allDomains')}</option>
            {DOMAINS.map((d) => <option key={d} value={d}>{t(`domain_${d}`)}</option>)}
          </select>
        </label>
        <label>{t('filterModel')}
          <select value={filters.model?.[0] ?? ''} onChange={(e) => set('model', e.target.value ? [e.target.value] : undefined)} data-testid="filter-model"
            className="model-select">
            <option value="">{t('allModels')}</option>
            {shownModels.map((m) => <option key={m.id} value={m.id}>{m.id} {locale === 'zh-CN' ? m.name_zh : m.name_en}</option>)}
          </select>
        </label>
        <label>{t('filterRegion')}
          <select value={filters.regionPrefix ?? ''} onChange={(e) => set('regionPrefix', e.target.value || undefined)} data-testid="filter-region">
            <option value="">{t('allRegions')}</option>
            {regions.map((r) => <option key={r.code} value={r.code.slice(0, 4)}>{r.name}</option>)}
          </select>
        </label>
        <label>{t('filterFrom')}
          <input type="date" value={filters.from ?? ''} onChange={(e) => set('from', e.target.value || undefined)} data-testid="filter-from" />
        </label>
        <label>{t('filterTo')}
          <input type="date" value={filters.to ?? ''} onChange={(e) => set('to', e.target.value || undefined)} data-testid="filter-to" />
        </label>
        <input type="search" className="filter-text" placeholder={t('filterText')} aria-label={t('filterText')} value={text} maxLength={200}
          onChange={(e) => setText(e.target.value)} data-testid="filter-text"
          onKeyDown={(e) => { if (e.key === 'Enter') set('text', text.trim() || undefined); }} />
        <button type="button" onClick={() => { setText(''); onChange({}); }} disabled={Object.keys(filters).length === 0}>{t('clearFilters')}</button>
      </div>
    </div>
  );
}

/** The filters with one key set, or removed when undefined (the engine refuses nothing, but keys stay tidy). */
function withValue<K extends keyof WarningFilters>(f: WarningFilters, k: K, v: WarningFilters[K] | undefined): WarningFilters {
  const next = { ...f };
  if (v === undefined) delete next[k]; else next[k] = v;
  return next;
}
