// Warnings: quick filters and counts, the grid, multi-select and export; a row opens its drill-down over the
// list. The list stays mounted underneath (inert), so its filters, selection and scroll are there on return.
import type { GridApi } from 'ag-grid-community';
import { useCallback, useRef, useState } from 'react';
import type { WarningFilters, WarningRow } from '../../../../electron/contract/warnings.ts';
import { newTaskId } from '../../api/client.ts';
import { useApi } from '../../api/context.tsx';
import { useLocale } from '../../i18n/locale.tsx';
import { DrillDown } from './DrillDown.tsx';
import { WarningFilterBar } from './WarningFilterBar.tsx';
import { WarningGrid, type GridQueryState } from './WarningGrid.tsx';

export function WarningsScreen() {
  const api = useApi();
  const { t, n } = useLocale();
  const [filters, setFilters] = useState<WarningFilters>({});
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [selectedOnly, setSelectedOnly] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<{ rows: number; path: string } | null>(null);
  const [open, setOpen] = useState<{ row: WarningRow; rowIndex: number } | null>(null);
  const gridApi = useRef<GridApi<WarningRow> | null>(null);
  const query = useRef<GridQueryState>({ sortModel: [], filterModel: {} });

  const onOpen = useCallback((row: WarningRow, rowIndex: number) => setOpen({ row, rowIndex }), []);
  const onBack = useCallback(() => {
    const rowIndex = open?.rowIndex ?? 0;
    setOpen(null);
    // Back where the analyst was: the same row focused (the grid kept its scroll underneath).
    setTimeout(() => {
      gridApi.current?.ensureIndexVisible(rowIndex);
      gridApi.current?.setFocusedCell(rowIndex, 'subject_name');
    }, 0);
  }, [open]);

  const doExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    setExported(null);
    setError(null);
    const only = selectedOnly && selected.length > 0;
    const r = await api.exportWarnings({ taskId: newTaskId('export'), format, filters, ...query.current, ...(only ? { alertIds: selected } : {}) });
    setExporting(false);
    if (r.ok) setExported({ rows: r.value.rows, path: r.value.path });
    else setError(r.error.message);
  };

  return (
    <div className="warnings-screen" data-testid="warnings-screen">
      <div className="main-panel" inert={open !== null} aria-hidden={open !== null}>
        <WarningFilterBar filters={filters} onChange={setFilters} />
        <div className="grid-toolbar">
          <span data-testid="warning-count" data-count={count ?? ''}>{count === null ? t('loading') : t('warningsMatching', { n: n(count) })}</span>
          {selected.length > 0 && (
            <>
              <span data-testid="selected-count">{t('selected', { n: n(selected.length) })}</span>
              <button type="button" className="link" onClick={() => gridApi.current?.deselectAll()}>{t('clearSelection')}</button>
              <label className="check"><input type="checkbox" checked={selectedOnly} onChange={(e) => setSelectedOnly(e.target.checked)} />{t('exportSelectedOnly')}</label>
            </>
          )}
          <span className="toolbar-right">
            <span className="muted small">{t('warningsKeysHint')}</span>
            <button type="button" onClick={() => void doExport('csv')} disabled={exporting} data-testid="export-csv">{t('exportCsv')}</button>
            <button type="button" onClick={() => void doExport('xlsx')} disabled={exporting} data-testid="export-xlsx">{t('exportXlsx')}</button>
          </span>
        </div>
        {exporting && <div className="note-box">{t('exporting')}</div>}
        {exported && <div className="note-box" data-testid="export-done" data-path={exported.path} data-rows={exported.rows}>{t('exported', { n: n(exported.rows), path: exported.path })}</div>}
        {error && <div className="error-box" role="alert">{error}</div>}
        <WarningGrid filters={filters} gridApi={gridApi} query={query} onOpen={onOpen} onCount={setCount} onSelection={setSelected} onError={setError} />
      </div>
      {open && <DrillDown row={open.row} onBack={onBack} />}
    </div>
  );
}
