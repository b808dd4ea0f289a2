// The quarantined rows of one import batch: row number, column, value and reason, paged from DuckDB through
// the grid query builder like any table (the batch is a fixed filter the engine adds).
import type { ColDef, IDatasource } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useState } from 'react';
import { useApi } from '../api/context.tsx';
import { useLocale } from '../i18n/locale.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { gridLocaleText, gridTheme, TAB_LEAVES_GRID } from '../grid/setup.ts';

const COLUMNS: Array<{ field: string; label: MessageKey; width?: number; numeric?: boolean }> = [
  { field: 'row_no', label: 'qRowNo', width: 90, numeric: true },
  { field: 'column_name', label: 'qColumn', width: 140 },
  { field: 'value', label: 'qValue', width: 160 },
  { field: 'reason', label: 'qReason', width: 360 },
  { field: 'file', label: 'qFile', width: 240 },
];

export function QuarantineGrid({ batchId }: { batchId: string }) {
  const api = useApi();
  const { t, n, locale } = useLocale();
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const columnDefs = useMemo<ColDef[]>(() => COLUMNS.map((c) => ({
    colId: c.field, field: c.field, headerName: t(c.label), width: c.width,
    filter: c.numeric ? 'agNumberColumnFilter' : 'agTextColumnFilter', type: c.numeric ? 'rightAligned' : undefined,
  })), [t]);

  const datasource = useMemo<IDatasource>(() => ({
    getRows(p) {
      void api.quarantinePage({ batchId, startRow: p.startRow, endRow: p.endRow, sortModel: p.sortModel, filterModel: p.filterModel })
        .then((r) => {
          if (r.ok) { setError(null); setCount(r.value.totalRows); p.successCallback(r.value.rows, r.value.totalRows); } else { setError(r.error.message); p.failCallback(); }
        });
    },
  }), [api, batchId]);

  return (
    <div className="quarantine" data-testid="quarantine-grid" data-batch={batchId}>
      <div className="grid-toolbar">
        <strong>{t('quarantineTitle')}</strong>
        <span data-testid="quarantine-count">{count === null ? t('loading') : count === 0 ? t('qNone') : t('rows', { n: n(count) })}</span>
      </div>
      {error && <div className="error-box" role="alert">{error}</div>}
      <div className="grid-host quarantine-host">
        <AgGridReact key={`${batchId}-${locale}`} theme={gridTheme} localeText={gridLocaleText(locale)} rowModelType="infinite"
          datasource={datasource} cacheBlockSize={100} maxBlocksInCache={20} columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: true, cellDataType: false }} suppressFieldDotNotation {...TAB_LEAVES_GRID} />
      </div>
    </div>
  );
}
