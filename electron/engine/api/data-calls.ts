// The Data screen's calls against the open workspace: the file chooser, import preview and run (progress and
// cancel through the task hub, as model runs), import batches and their quarantined rows (paged by the one
// grid query builder), mapping profiles, and export of a table or the grid's view into exports/.
import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import type { ApiParsedRequest, TablePage } from '../../contract/api.ts';
import type { DirListing, ExportResult, ImportBatchInfo, ImportPreview, ImportResult, SavedProfile } from '../../contract/data.ts';
import type { WorkspaceInfo } from '../../contract/workspace.ts';
import { ClearsightError } from '../errors.ts';
import { exportData } from '../export/export.ts';
import { listDirectory } from '../files/directory.ts';
import { listImportBatches } from '../import/batches.ts';
import { importFiles } from '../import/import.ts';
import { parseProfile } from '../import/mapping.ts';
import { previewImport } from '../import/preview.ts';
import { listProfiles, saveProfile } from '../import/profile-store.ts';
import type { Task } from '../tasks.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { buildGridQuery, type GridSource } from './grid-query.ts';

/** What the service lends these calls: its catalog, its progress forwarding and cancel registry, its caches. */
export interface ServiceHooks {
  source(table: string): Promise<GridSource>;
  /** Forward the hub task's progress under the client's taskId; returns the function that stops it. */
  forward(taskId: string, hubTaskId: string): () => void;
  cancellable<T>(taskId: string, cancel: () => void, body: () => Promise<T>): Promise<T>;
  /** A call wrote to the workspace: cached counts and the catalog are stale. */
  written(): void;
}

export class DataCalls {
  /** Filtered quarantine counts by batch and filter (a batch never changes once written). */
  private readonly quarantineCounts = new Map<string, number>();

  constructor(private readonly ws: Workspace, private readonly hooks: ServiceHooks) {}

  /** Switching is the host's work (browser mode restarts the engine on the other folder); the engine serves one workspace. */
  async switchWorkspace(_req: { dir: string }): Promise<WorkspaceInfo> {
    throw new ClearsightError('usage', '此引擎只服务当前工作区；切换工作区由宿主进程完成 / this engine serves one workspace; its host switches workspaces');
  }

  listDirectory(req: ApiParsedRequest<'listDirectory'>): DirListing {
    return listDirectory(req, this.ws.layout.root);
  }

  importPreview(req: ApiParsedRequest<'importPreview'>): Promise<ImportPreview> {
    return previewImport(this.ws, req);
  }

  listMappingProfiles(): SavedProfile[] {
    return listProfiles(this.ws.layout.root);
  }

  saveMappingProfile(req: ApiParsedRequest<'saveMappingProfile'>): { file: string } {
    return { file: saveProfile(this.ws.layout.root, req.profile) };
  }

  async runImport(req: ApiParsedRequest<'runImport'>): Promise<ImportResult> {
    const profile = req.profile === undefined ? undefined : parseProfile(req.profile, '映射编辑器 / mapping editor');
    try {
      return await this.hubTask(req.taskId, 'import', (t) => importFiles(this.ws, {
        paths: req.paths, table: req.table, format: req.format, encoding: req.encoding, sheet: req.sheet, force: req.force, profile,
      }, t));
    } finally {
      this.hooks.written();
    }
  }

  listImportBatches(req: ApiParsedRequest<'listImportBatches'>): Promise<ImportBatchInfo[]> {
    return listImportBatches(this.ws, req.limit);
  }

  /** The quarantined rows of one batch, paged like any table (the batch is a bound, fixed filter). */
  async quarantinePage(req: ApiParsedRequest<'quarantinePage'>): Promise<TablePage> {
    const source = await this.hooks.source('quarantine');
    const q = buildGridQuery(source, { ...req, fixed: { batch_id: req.batchId } });
    const key = JSON.stringify([req.batchId, req.filterModel]);
    let totalRows = this.quarantineCounts.get(key);
    if (totalRows === undefined) {
      const r = await this.ws.conn.one<{ n: number | string }>(q.countSql, q.countParams as DuckDBValue[]);
      totalRows = Number(r?.n ?? 0);
      if (this.quarantineCounts.size > 200) this.quarantineCounts.clear();
      this.quarantineCounts.set(key, totalRows);
    }
    const rows = await this.ws.conn.all(q.pageSql, q.pageParams as DuckDBValue[]);
    return { columns: source.columns, rows, totalRows };
  }

  /** A table, or the rows the grid shows in its order, to a new file in the workspace's exports/ folder. */
  async exportTable(req: ApiParsedRequest<'exportTable'>): Promise<ExportResult> {
    const source = await this.hooks.source(req.table);
    const filtered = req.sortModel.length > 0 || Object.keys(req.filterModel).length > 0;
    const view = filtered ? buildGridQuery(source, { startRow: 0, endRow: 1, sortModel: req.sortModel, filterModel: req.filterModel }) : null;
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    // The file name comes from the catalog's name of the table, never from the request's text.
    const out = join(this.ws.layout.exports, `${source.name}${filtered ? '-view' : ''}-${stamp}-${Math.random().toString(36).slice(2, 6)}.${req.format}`);
    const s = await this.hubTask(req.taskId, 'export', (t) => exportData(this.ws, {
      table: source.name, out, format: req.format, encoding: req.csvEncoding, includePersonal: req.includePersonal,
      ...(view ? { view: { sql: view.viewSql, params: view.countParams } } : {}),
    }, t));
    return { path: s.out, format: s.format, rows: s.rows, seconds: s.seconds };
  }

  /** Run body as a hub task whose progress reaches the client under its taskId, cancellable by it. */
  private async hubTask<T>(taskId: string, kind: 'import' | 'export', body: (t: Task) => Promise<T>): Promise<T> {
    let task: Task | undefined;
    let stop: (() => void) | undefined;
    let cancelledEarly = false;
    try {
      return await this.hooks.cancellable(taskId, () => { cancelledEarly = true; task?.cancel(); }, () =>
        this.ws.tasks.run(kind, (t) => {
          task = t;
          stop = this.hooks.forward(taskId, t.id);
          if (cancelledEarly) t.cancel();
          return body(t);
        }));
    } finally {
      stop?.(); // after the hub's last event (done, failed or cancelled) has been forwarded
    }
  }
}
