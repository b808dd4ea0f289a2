// Export a table, or the rows the grid shows in its order, to CSV (UTF-8 with BOM or GB18030), Parquet or
// .xlsx in the workspace's exports/ folder, with progress and cancel; personal identifiers masked by default.
import { useEffect, useState } from 'react';
import type { ColumnFilter, SortModelItem, TaskProgress } from '../../../electron/contract/api.ts';
import type { ExportResult } from '../../../electron/contract/data.ts';
import { newTaskId } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { Modal } from './Modal.tsx';

export interface GridView { sortModel: SortModelItem[]; filterModel: Record<string, ColumnFilter> }
type Choice = 'csv' | 'csv-gb' | 'parquet' | 'xlsx';

export function ExportDialog({ table, view, onClose }: { table: string; view: GridView | null; onClose: () => void }) {
  const api = useApi();
  const { t, n, locale } = useLocale();
  const hasView = view !== null && (view.sortModel.length > 0 || Object.keys(view.filterModel).length > 0);
  const [choice, setChoice] = useState<Choice>('csv');
  const [onlyView, setOnlyView] = useState(hasView);
  const [personal, setPersonal] = useState(false);
  const [task, setTask] = useState<{ id: string; progress: TaskProgress | null } | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => api.onProgress((e) => setTask((s) => (s && s.id === e.taskId ? { ...s, progress: e } : s))), [api]);

  async function run() {
    const id = newTaskId('export');
    setTask({ id, progress: null });
    setError(null);
    setResult(null);
    const r = await api.exportTable({
      taskId: id, table, format: choice === 'csv-gb' ? 'csv' : choice, csvEncoding: choice === 'csv-gb' ? 'gb18030' : 'utf-8', includePersonal: personal,
      ...(onlyView && view ? { sortModel: view.sortModel, filterModel: view.filterModel } : {}),
    });
    setTask(null);
    if (r.ok) setResult(r.value); else setError(r.error.message);
  }

  const p = task?.progress;
  return (
    <Modal title={t('exportTitle', { table })} onClose={onClose} testId="export-dialog" busy={task !== null}>
      <fieldset className="radio-group">
        <legend>{t('exportFormat')}</legend>
        {([['csv', 'exportCsvBom'], ['csv-gb', 'exportCsvGb'], ['parquet', 'exportParquet'], ['xlsx', 'dataExportXlsx']] as const).map(([v, label]) => (
          <label key={v} className="check"><input type="radio" name="export-format" value={v} checked={choice === v} onChange={() => setChoice(v)} data-testid={`export-${v}`} />{t(label)}</label>
        ))}
      </fieldset>
      <fieldset className="radio-group">
        <legend>{t('exportWhat')}</legend>
        <label className="check"><input type="radio" name="export-what" checked={!onlyView} onChange={() => setOnlyView(false)} />{t('exportAll')}</label>
        <label className="check"><input type="radio" name="export-what" checked={onlyView} disabled={!hasView} onChange={() => setOnlyView(true)} data-testid="export-view" />{t('exportView')}</label>
      </fieldset>
      <label className="check"><input type="checkbox" checked={personal} onChange={(e) => setPersonal(e.target.checked)} />{t('exportPersonal')}</label>
      {task && (
        <div className="progress-line">
          <progress max={1} value={p && p.total > 0 ? p.done / p.total : undefined} aria-label={t('dataExporting')} />
          <span>{p ? (locale === 'zh-CN' ? p.step.zh : p.step.en) : t('dataExporting')}</span>
        </div>
      )}
      {result && <div className="note-box" role="status" data-testid="export-result" data-path={result.path}>{t('exportDone', { n: n(result.rows), path: result.path })}</div>}
      {error && <div className="error-box" role="alert" data-testid="export-error">{error}</div>}
      <div className="dialog-actions">
        {task ? <button type="button" className="danger" onClick={() => void api.cancel({ taskId: task.id })}>{t('cancel')}</button>
          : <button type="button" onClick={onClose} data-testid="export-close">{t('close')}</button>}
        <button type="button" className="primary" disabled={task !== null} onClick={() => void run()} data-testid="export-run">{t('exportRun')}</button>
      </div>
    </Modal>
  );
}
