// A table or view of the workspace, paged from DuckDB through ag-grid's Infinite Row Model: the grid asks
// for blocks of 100 rows with its sort and filter models, the engine counts first and reads one page.
// At most maxBlocksInCache blocks are kept, so memory stays bounded on a 10-million-row table.
import type { ColDef, GridApi, IDatasource } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ColumnFilter, SortModelItem } from '../../../electron/contract/api.ts';
import type { ColumnInfo } from '../../../electron/contract/workspace.ts';
import { useApi } from '../api/context.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { filterFor, gridLocaleText, gridTheme, shortType, TAB_LEAVES_GRID } from './setup.ts';
import { SlowPages, type PageKind } from './slow-pages.ts';

export function TableGrid({ table, columns, onViewChange }: {
  table: string; columns: ColumnInfo[];
  /** Told the grid's sort and filter whenever they change (the export dialog offers "the current view"). */
  onViewChange?: (view: { sortModel: SortModelItem[]; filterModel: Record<string, ColumnFilter> }) => void;
}) {
  const api = useApi();
  const { locale, t, n } = useLocale();
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filtered, setFiltered] = useState(false);
  const gridApi = useRef<GridApi | null>(null);
  const [slow, setSlow] = useState<PageKind[]>([]);
  const slowPages = useMemo(() => new SlowPages(setSlow), []);

  const columnDefs = useMemo<ColDef[]>(() => columns.map((c) => {
    const filter = filterFor(c.type);
    return {
      colId: c.name,
      field: c.name,
      headerName: `${c.name} · ${shortType(c.type)}`,
      headerTooltip: `${c.name}: ${c.type}`,
      filter,
      filterParams: { inRangeInclusive: true, maxNumConditions: 2 },
      type: filter === 'agNumberColumnFilter' ? 'rightAligned' : undefined,
      // Lists and structs (the OCDS views' parsed arrays) arrive as JSON values: shown as JSON text.
      valueFormatter: /^(STRUCT|MAP|UNION)|\[\d*\]$/.test(c.type) ? (v: { value: unknown }) => (v.value == null ? '' : JSON.stringify(v.value)) : undefined,
    };
  }), [columns]);

  const datasource = useMemo<IDatasource>(() => ({
    getRows(p) {
      const request = api.tablePage({ table, startRow: p.startRow, endRow: p.endRow, sortModel: p.sortModel, filterModel: p.filterModel });
      void slowPages.track(request, p.sortModel.length > 0 ? 'sort' : 'read')
        .then((r) => {
          if (r.ok) {
            setError(null);
            setCount(r.value.totalRows);
            p.successCallback(r.value.rows, r.value.totalRows);
          } else {
            setError(r.error.message);
            p.failCallback();
          }
        });
    },
  }), [api, table, slowPages]);

  const clearFilters = useCallback(() => gridApi.current?.setFilterModel(null), []);

  return (
    <div className="grid-panel" data-testid="table-grid" data-table={table}>
      <div className="grid-toolbar">
        <span data-testid="row-count">{count === null ? t('loading') : t('rowsMatching', { n: n(count) })}</span>
        <span className="muted">{t('columns', { n: columns.length })}</span>
        {slow.length > 0 && (
          <span className="muted" role="status" data-testid="grid-slow">
            {slow.includes('sort') && count !== null ? t('sortingRows', { n: n(count) }) : t('loading')}
          </span>
        )}
        {filtered && <button type="button" onClick={clearFilters}>{t('clearFilters')}</button>}
      </div>
      {error && <div className="error-box" role="alert">{error}</div>}
      <div className="grid-host">
        <AgGridReact
          key={`${table}-${locale}`}
          theme={gridTheme}
          localeText={gridLocaleText(locale)}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={100}
          maxBlocksInCache={50}
          maxConcurrentDatasourceRequests={2}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: true, floatingFilter: true, minWidth: 110, cellDataType: false }}
          // Column names such as "a.b" are names, not paths into nested objects.
          suppressFieldDotNotation
          {...TAB_LEAVES_GRID}
          onGridReady={(e) => { gridApi.current = e.api; }}
          onFilterChanged={(e) => {
            setFiltered(Object.keys(e.api.getFilterModel()).length > 0);
            onViewChange?.({ sortModel: sortOf(e.api), filterModel: e.api.getFilterModel() as Record<string, ColumnFilter> });
          }}
          onSortChanged={(e) => onViewChange?.({ sortModel: sortOf(e.api), filterModel: e.api.getFilterModel() as Record<string, ColumnFilter> })}
        />
      </div>
    </div>
  );
}

/** The grid's sort as the engine takes it (ag-grid keeps it in the column state). */
function sortOf(api: GridApi): SortModelItem[] {
  return api.getColumnState().filter((c) => c.sort).sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((c) => ({ colId: c.colId, sort: c.sort as 'asc' | 'desc' }));
}
