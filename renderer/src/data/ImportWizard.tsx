// The import wizard: choose files → detected format, encoding and table (overridable) → mapping editor for
// files with their own headings → run with progress and cancel → validation report with the quarantine viewer.
// It drives the same engine import as `clearsight import`: one batch, all or nothing.
import { useCallback, useEffect, useState } from 'react';
import type { TaskProgress } from '../../../electron/contract/api.ts';
import type { ImportBatchInfo, ImportPreview, ImportResult, MappingProfileJson } from '../../../electron/contract/data.ts';
import type { TableInfo } from '../../../electron/contract/workspace.ts';
import { newTaskId } from '../api/client.ts';
import { useApi } from '../api/context.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { FileChooser } from './FileChooser.tsx';
import { MappingEditor, SampleTable } from './MappingEditor.tsx';
import { Modal } from './Modal.tsx';
import { QuarantineGrid } from './QuarantineGrid.tsx';

type Step = 'files' | 'detect' | 'mapping' | 'run' | 'report';
const STEPS: Step[] = ['files', 'detect', 'mapping', 'run', 'report'];
const STEP_LABELS = { files: 'stepFiles', detect: 'stepDetect', mapping: 'stepMapping', run: 'stepRun', report: 'stepReport' } as const;
const FORMATS = ['csv', 'tsv', 'xlsx', 'parquet', 'json', 'jsonl', 'ocds', 'ftm'] as const;

interface Overrides { table?: string; format?: (typeof FORMATS)[number]; encoding: 'auto' | 'utf-8' | 'gb18030' }

export function ImportWizard({ tables, onClose, onImported }: { tables: TableInfo[]; onClose: () => void; onImported: () => void }) {
  const api = useApi();
  const { t, n, locale } = useLocale();
  const [step, setStep] = useState<Step>('files');
  const [choosing, setChoosing] = useState(false);
  const [paths, setPaths] = useState<string[]>([]);
  const [batches, setBatches] = useState<ImportBatchInfo[]>([]);
  const [over, setOver] = useState<Overrides>({ encoding: 'auto' });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [profile, setProfile] = useState<MappingProfileJson | null>(null);
  const [force, setForce] = useState(false);
  const [task, setTask] = useState<{ id: string; progress: TaskProgress | null } | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);

  useEffect(() => { void api.listImportBatches({ limit: 8 }).then((r) => r.ok && setBatches(r.value)); }, [api, result]);

  // Progress of our import only.
  useEffect(() => api.onProgress((e) => setTask((s) => (s && s.id === e.taskId ? { ...s, progress: e } : s))), [api]);

  const loadPreview = useCallback(async (o: Overrides) => {
    if (paths.length === 0) return;
    setPreview(null);
    setPreviewError(null);
    const r = await api.importPreview({ path: paths[0]!, ...(o.table ? { table: o.table } : {}), ...(o.format ? { format: o.format } : {}), encoding: o.encoding });
    if (r.ok) setPreview(r.value); else setPreviewError(r.error.message);
  }, [api, paths]);

  useEffect(() => { if (step === 'detect') void loadPreview(over); }, [step, over, loadPreview]);

  const needsMapping = preview !== null && !preview.canonical && preview.table !== null && !['ocds', 'ftm'].includes(preview.format);
  const dataTables = tables.filter((x) => x.kind === 'table' && ['parties', 'procurement', 'money', 'external', 'village'].includes(x.group));

  async function run() {
    const id = newTaskId('import');
    setTask({ id, progress: null });
    setRunError(null);
    const r = await api.runImport({
      taskId: id, paths, encoding: over.encoding, force,
      ...(over.table || preview?.table ? { table: over.table ?? preview!.table! } : {}),
      ...(over.format ? { format: over.format } : {}),
      ...(needsMapping && profile ? { profile: profile as unknown as Record<string, unknown> } : {}),
    });
    setTask(null);
    if (r.ok) {
      setResult(r.value);
      setBatchId(r.value.batchId);
      setStep('report');
      onImported();
    } else {
      setRunError(r.error.code === 'cancelled' ? t('importCancelled') : `${t('importFailed')}${r.error.message}`);
    }
  }

  const running = task !== null;
  const pct = task?.progress && task.progress.total > 0 ? Math.min(1, task.progress.done / task.progress.total) : null;
  const base = (p: string) => p.split(/[\\/]/).pop() ?? p;

  return (
    <Modal title={t('importTitle')} onClose={onClose} testId="import-wizard" busy={running} wide>
      <ol className="wizard-steps" aria-label={t('importTitle')}>
        {STEPS.map((s) => <li key={s} className={s === step ? 'active' : undefined} aria-current={s === step ? 'step' : undefined}>{t(STEP_LABELS[s])}</li>)}
      </ol>

      {step === 'files' && (
        <section data-testid="step-files">
          {choosing ? (
            <FileChooser mode="files" onCancel={() => setChoosing(false)} onChoose={(p) => { setPaths(p); setChoosing(false); }} />
          ) : (
            <>
              <div className="fc-bar">
                <button type="button" onClick={() => setChoosing(true)} data-testid="choose-files">{t('chooseFiles')}</button>
                <span data-testid="chosen-files">{paths.length === 0 ? t('noFiles') : paths.map(base).join('，')}</span>
              </div>
              <h3>{t('recentBatches')}</h3>
              {batches.length === 0 ? <p className="muted">{t('noBatches')}</p> : (
                <table className="sample" data-testid="batches">
                  <tbody>
                    {batches.map((b) => (
                      <tr key={b.batchId}>
                        <td><code>{b.batchId}</code></td><td>{b.startedAt}</td><td>{b.tables.join(', ')}</td>
                        <td className="num">{t('reportLoaded')} {n(b.rowsLoaded)}</td><td className="num">{t('reportQuarantined')} {n(b.rowsQuarantined)}</td>
                        <td>{b.rowsQuarantined > 0 && <button type="button" onClick={() => { setResult(null); setBatchId(b.batchId); setStep('report'); }}>{t('viewQuarantine')}</button>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <div className="dialog-actions">
                <button type="button" onClick={onClose}>{t('close')}</button>
                <button type="button" className="primary" disabled={paths.length === 0} onClick={() => setStep('detect')} data-testid="wizard-next">{t('next')}</button>
              </div>
            </>
          )}
        </section>
      )}

      {step === 'detect' && (
        <section data-testid="step-detect">
          <div className="detect-grid">
            <label>{t('detFormat')}
              <select value={over.format ?? ''} onChange={(e) => setOver((o) => ({ ...o, format: (e.target.value || undefined) as Overrides['format'] }))} data-testid="det-format">
                <option value="">{t('detAuto')}{preview ? `（${preview.format}）` : ''}</option>
                {FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
              </select>
            </label>
            <label>{t('detEncoding')}
              <select value={over.encoding} onChange={(e) => setOver((o) => ({ ...o, encoding: e.target.value as Overrides['encoding'] }))} data-testid="det-encoding">
                <option value="auto">{t('detAuto')}{preview?.encoding ? `（${preview.encoding}）` : ''}</option>
                <option value="utf-8">UTF-8</option><option value="gb18030">GB18030 / GBK</option>
              </select>
            </label>
            <label>{t('detTable')}
              <select value={over.table ?? preview?.table ?? ''} onChange={(e) => setOver((o) => ({ ...o, table: e.target.value || undefined }))} data-testid="det-table">
                <option value="">{t('detTableChoose')}</option>
                {dataTables.map((x) => <option key={x.name} value={x.name}>{locale === 'zh-CN' ? `${x.labelZh} ${x.name}` : x.name}</option>)}
              </select>
            </label>
            <span>{t('detDelimiter')}: <code data-testid="det-delimiter">{preview?.delimiter === '\t' ? 'TAB' : preview?.delimiter ?? '—'}</code></span>
            <span>{t('detHeaderRow')}: <span data-testid="det-header-row">{preview?.headerRow ?? '—'}</span></span>
          </div>
          {paths.length > 1 && <p className="muted small">{paths.map(base).join('，')}</p>}
          {!preview && !previewError && <p className="muted">{t('previewing')}</p>}
          {previewError && <div className="error-box" role="alert" data-testid="preview-error">{previewError}</div>}
          {preview && (
            <>
              <p data-testid="det-summary" className={needsMapping ? 'bad' : 'ok'}>
                {preview.canonical ? t('detCanonical') : t('detNeedsMapping')}{preview.profile ? ` · ${t('detProfile', { name: preview.profile.name })}` : ''}
              </p>
              {preview.warnings.map((w) => <div key={w} className="note-box" role="note">{w}</div>)}
              <h3>{t('detFirstRows', { n: preview.rows.length })}</h3>
              <SampleTable headings={preview.headings} rows={preview.rows} testId="det-rows" />
            </>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => setStep('files')}>{t('back')}</button>
            <button type="button" className="primary" disabled={!preview || !preview.table} data-testid="wizard-next"
              onClick={() => setStep(needsMapping ? 'mapping' : 'run')}>{t('next')}</button>
          </div>
        </section>
      )}

      {step === 'mapping' && preview && (
        <section data-testid="step-mapping">
          <MappingEditor preview={preview} onChange={setProfile} />
          <div className="dialog-actions">
            <button type="button" onClick={() => setStep('detect')}>{t('back')}</button>
            <button type="button" className="primary" disabled={!profile} onClick={() => setStep('run')} data-testid="wizard-next">{t('next')}</button>
          </div>
        </section>
      )}

      {step === 'run' && (
        <section data-testid="step-run">
          <p>{paths.map(base).join('，')} → <code>{over.table ?? preview?.table}</code>{needsMapping && profile ? ` · ${t('detProfile', { name: profile.name })}` : ''}</p>
          <label className="check"><input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} disabled={running} />{t('force')}</label>
          {running && (
            <div className="progress-line" data-testid="import-progress">
              <progress max={1} value={pct ?? undefined} aria-label={t('importing')} />
              <span>{task.progress ? (locale === 'zh-CN' ? task.progress.step.zh : task.progress.step.en) : t('importing')}</span>
            </div>
          )}
          {runError && <div className="error-box" role="alert" data-testid="import-error">{runError}</div>}
          <div className="dialog-actions">
            <button type="button" disabled={running} onClick={() => setStep(needsMapping ? 'mapping' : 'detect')}>{t('back')}</button>
            {running
              ? <button type="button" className="danger" onClick={() => task && void api.cancel({ taskId: task.id })} data-testid="import-cancel">{t('cancelImport')}</button>
              : <button type="button" className="primary" onClick={() => void run()} data-testid="import-run">{t('runImport')}</button>}
          </div>
        </section>
      )}

      {step === 'report' && batchId && (
        <section data-testid="step-report">
          {result && (
            <>
              <p>{t('reportBatch', { id: result.batchId, s: result.seconds.toFixed(1) })}</p>
              <table className="sample" data-testid="import-report">
                <thead><tr><th>{t('reportFile')}</th><th>{t('detTable')}</th><th className="num">{t('reportRead')}</th><th className="num">{t('reportLoaded')}</th><th className="num">{t('reportQuarantined')}</th></tr></thead>
                <tbody>
                  {result.files.map((f) => (
                    <tr key={`${f.file}-${f.table}`} data-table={f.table}>
                      <td>{base(f.file)}</td><td><code>{f.table}</code></td><td className="num">{n(f.rowsRead)}</td>
                      <td className="num" data-testid="report-loaded">{n(f.rowsLoaded)}</td><td className="num" data-testid="report-quarantined">{n(f.rowsQuarantined)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <QuarantineGrid batchId={batchId} />
          <div className="dialog-actions">
            <button type="button" onClick={() => { setPaths([]); setPreview(null); setResult(null); setBatchId(null); setOver({ encoding: 'auto' }); setStep('files'); }}>{t('importAnother')}</button>
            <button type="button" className="primary" onClick={onClose} data-testid="wizard-done">{t('done')}</button>
          </div>
        </section>
      )}
    </Modal>
  );
}
