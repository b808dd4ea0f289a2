// The warnings grid: v_warning_list paged from DuckDB through ag-grid's Infinite Row Model, with the quick
// filters sent beside the grid's own sort and filter models (the engine merges them, one query builder).
// Enter or a double click on a row opens its drill-down; Space or the checkbox selects rows.
import type { CellKeyDownEvent, ColDef, GetRowIdParams, GridApi, ICellRendererParams, IDatasource, SortModelItem } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, type RefObject } from 'react';
import type { ColumnFilter } from '../../../../electron/contract/api.ts';
import type { WarningFilters, WarningRow } from '../../../../electron/contract/warnings.ts';
import { useApi } from '../../api/context.tsx';
import { gridLocaleText, gridTheme, TAB_LEAVES_GRID } from '../../grid/setup.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { yuan } from './format.ts';

/** What the grid last asked the engine for: the export writes the same rows in the same order. */
export interface GridQueryState {
  sortModel: SortModelItem[];
  filterModel: Record<string, ColumnFilter>;
}

type Cell = ICellRendererParams<WarningRow>;

// Grid options that must keep their identity across renders (a new object is a new setting to the grid).
const ROW_SELECTION = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false } as const;
const DEFAULT_COL_DEF: ColDef<WarningRow> = { sortable: true, resizable: true, floatingFilter: true, minWidth: 60, cellDataType: false,
  filterParams: { inRangeInclusive: true, maxNumConditions: 1 } };
const rowId = (p: GetRowIdParams<WarningRow>) => p.data.alert_id;

export function WarningGrid({ filters, gridApi, query, onOpen, onCount, onSelection, onError }: {
  filters: WarningFilters;
  gridApi: RefObject<GridApi<WarningRow> | null>;
  query: RefObject<GridQueryState>;
  onOpen(row: WarningRow, rowIndex: number): void;
  onCount(n: number): void;
  onSelection(ids: string[]): void;
  onError(message: string | null): void;
}) {
  const api = useApi();
  const { t, locale } = useLocale();

  const columnDefs = useMemo<ColDef<WarningRow>[]>(() => [
    {
      colId: 'severity_rank', field: 'severity', headerName: t('colSeverity'), width: 80, minWidth: 70, filter: false,
      cellRenderer: (p: Cell) => p.data ? <span className={`chip chip-${p.data.severity}`}>{t(`severity_${p.data.severity}`)}</span> : null,
    },
    {
      colId: 'model_id', field: 'model_id', headerName: t('colModel'), width: 230, filter: false,
      tooltipValueGetter: (p) => p.data ? `${p.data.model_id} ${locale === 'zh-CN' ? p.data.model_name_zh : p.data.model_name_en}` : '',
      cellRenderer: (p: Cell) => p.data
        ? <span><span className="mono">{p.data.model_id}</span> {locale === 'zh-CN' ? p.data.model_name_zh : p.data.model_name_en}</span> : null,
    },
    { colId: 'subject_name', field: 'subject_name', headerName: t('colSubject'), flex: 1, minWidth: 160, filter: 'agTextColumnFilter', tooltipField: 'subject_name' },
    { colId: 'buyer_name', field: 'buyer_name', headerName: t('colBuyer'), width: 170, filter: 'agTextColumnFilter', tooltipField: 'buyer_name' },
    { colId: 'region_code', field: 'region_name', headerName: t('colRegion'), width: 120, filter: false },
    {
      colId: 'amount_cny', field: 'amount_cny', headerName: t('colAmount'), width: 135, filter: 'agNumberColumnFilter', type: 'rightAligned',
      valueFormatter: (p) => (p.data ? yuan(p.value as string | null) : ''),
    },
    { colId: 'occurred_on', field: 'occurred_on', headerName: t('colOccurred'), width: 104, filter: false },
    { colId: 'times_seen', field: 'times_seen', headerName: t('colTimesSeen'), width: 90, filter: 'agNumberColumnFilter', type: 'rightAligned' },
    {
      colId: 'is_new', field: 'is_new', headerName: t('colNew'), width: 62, filter: false,
      cellRenderer: (p: Cell) => (p.data?.is_new ? <span className="badge-new">{t('badgeNew')}</span> : null),
    },
    {
      colId: 'open', headerName: t('colOpen'), width: 64, sortable: false, filter: false, suppressNavigable: true,
      cellRenderer: (p: Cell) => p.data
        ? <button type="button" className="link open-link" tabIndex={-1} onClick={() => onOpen(p.data!, p.node.rowIndex ?? 0)}>{t('openDrill')}</button> : null,
    },
  ], [t, locale, onOpen]);

  const datasource = useMemo<IDatasource>(() => ({
    getRows(p) {
      const filterModel = p.filterModel as Record<string, ColumnFilter>;
      query.current = { sortModel: p.sortModel, filterModel };
      void api.warningPage({ filters, startRow: p.startRow, endRow: p.endRow, sortModel: p.sortModel, filterModel }).then((r) => {
        if (r.ok) {
          onError(null);
          onCount(r.value.totalRows);
          p.successCallback(r.value.rows, r.value.totalRows);
        } else {
          onError(r.error.message);
          p.failCallback();
        }
      });
    },
  }), [api, filters, query, onCount, onError]);

  // New filters: a new result, so the old selection no longer means anything.
  useEffect(() => {
    gridApi.current?.deselectAll();
  }, [filters, gridApi]);

  const onKey = (e: CellKeyDownEvent<WarningRow>) => {
    const k = (e.event as KeyboardEvent | null | undefined)?.key;
    if (k === 'Enter' && e.data) onOpen(e.data, e.rowIndex ?? 0);
  };

  return (
    <div className="grid-host" data-testid="warnings-grid">
      <AgGridReact<WarningRow>
        key={locale}
        theme={gridTheme}
        localeText={gridLocaleText(locale)}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={100}
        maxBlocksInCache={50}
        maxConcurrentDatasourceRequests={2}
        getRowId={rowId}
        rowSelection={ROW_SELECTION}
        columnDefs={columnDefs}
        defaultColDef={DEFAULT_COL_DEF}
        tooltipShowDelay={400}
        {...TAB_LEAVES_GRID}
        onGridReady={(e) => { gridApi.current = e.api; }}
        onCellKeyDown={onKey}
        onRowDoubleClicked={(e) => e.data && onOpen(e.data, e.rowIndex ?? 0)}
        onSelectionChanged={(e) => onSelection(e.api.getSelectedNodes().map((x) => x.data?.alert_id).filter((x): x is string => !!x))}
      />
    </div>
  );
}
