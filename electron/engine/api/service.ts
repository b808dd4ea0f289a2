// The contract implemented against one open workspace. Every transport (the engine host's process channel,
// Electron IPC later, tests in-process) calls `call(method, params)`: the params are checked with the
// contract's schema here, whoever checked them before, and any failure comes back as an Err.
import {
  requestSchemas, type ApiMethod, type ApiParsedRequest, type ApiResponses, type ConsoleResult, type TablePage,
  type TaskProgress,
} from '../../contract/api.ts';
import type { ModelInfo } from '../../contract/models.ts';
import { err, ok, type Result } from '../../contract/result.ts';
import type { ColumnInfo } from '../../contract/workspace.ts';
import { assertReadOnlyQuery } from '../db/read-only.ts';
import { throwIfAborted } from '../db/serial-connection.ts';
import { ClearsightError, toErrorInfo } from '../errors.ts';
import { loadLibrary, selectModels } from '../models/library.ts';
import { runModels, workspaceModelsDir } from '../models/runner.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { countGrid, readGridPage, SortOrderCache, type GridCount } from './grid-page.ts';
import { buildGridQuery, type GridSource } from './grid-query.ts';
import { warningDetail } from '../warnings/detail.ts';
import { relationGraph } from '../warnings/graph.ts';
import { warningCounts } from '../warnings/list.ts';
import { warningTimeline } from '../warnings/timeline.ts';
import { exportWarnings, warningPage, WarningSnapshot, WARNING_VIEW } from './warning-calls.ts';
import { DataCalls } from './data-calls.ts';

type Handlers = { [M in ApiMethod]: (req: ApiParsedRequest<M>) => Promise<ApiResponses[M]> };

export class ApiService {
  private readonly listeners = new Set<(e: TaskProgress) => void>();
  /** Calls in flight that can be cancelled, by the client's taskId. */
  private readonly cancellers = new Map<string, () => void>();
  /** Hub task id → the client's taskId and the models it runs (to tell a model's step from others). */
  private readonly hubTasks = new Map<string, { taskId: string; models: string[] }>();
  /** Filtered row counts by table and filter, dropped whenever a call may have written (the warnings grid's). */
  private readonly counts = new Map<string, GridCount>();
  /** The warnings grid's snapshot of v_warning_list, taken again after any write. */
  private readonly warningSnapshot: WarningSnapshot;
  /** The same for the table browser, with whether the table's rowids are dense (grid-page.ts). */
  private readonly gridCounts = new Map<string, GridCount>();
  /** Kept sort orders of deep sorted pages (grid-page.ts); invalidated with the counts. */
  private readonly sortOrders: SortOrderCache;
  private catalog: Map<string, GridSource> | null = null;
  private readonly unsubscribe: () => void;
  /** The Data screen's calls (import, quarantine, export, file chooser); see data-calls.ts. */
  private readonly data: DataCalls;

  constructor(private readonly ws: Workspace) {
    this.warningSnapshot = new WarningSnapshot(ws);
    this.sortOrders = new SortOrderCache(ws.conn);
    this.data = new DataCalls(ws, {
      source: (t) => this.source(t),
      forward: (taskId, hubTaskId) => { this.hubTasks.set(hubTaskId, { taskId, models: [] }); return () => this.hubTasks.delete(hubTaskId); },
      cancellable: (taskId, cancel, body) => this.cancellable(taskId, cancel, body),
      written: () => { this.counts.clear(); this.warningSnapshot.invalidate(); this.gridCounts.clear(); void this.sortOrders.invalidate(); this.catalog = null; },
    });
    this.unsubscribe = ws.tasks.subscribe((e) => {
      const t = this.hubTasks.get(e.taskId);
      if (!t) return;
      // The runner's step for each model names it ("running BID-001 …"); other steps name none.
      const named = /^running ([A-Z]+-[0-9A-Z]+)\b/.exec(e.step.en)?.[1];
      const item = named !== undefined && t.models.includes(named) ? named : undefined;
      const event: TaskProgress = { ...e, taskId: t.taskId, ...(item ? { item } : {}) };
      for (const l of this.listeners) l(event);
    });
  }

  onProgress(listener: (e: TaskProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Run one call; never throws. */
  async call(method: string, params: unknown): Promise<Result<unknown>> {
    const schema = (requestSchemas as Record<string, (typeof requestSchemas)[ApiMethod]>)[method];
    if (!schema) return err({ code: 'usage', message: `未知调用 / unknown call: ${JSON.stringify(method)}` });
    const parsed = schema.safeParse(params ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return err({ code: 'usage', message: `请求无效 / invalid request for ${method}: ${issue.path.join('.') || '(request)'}: ${issue.message}` });
    }
    try {
      const handler = this.handlers[method as ApiMethod] as (req: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (e) {
      return err(toErrorInfo(e));
    }
  }

  close(): void {
    this.unsubscribe();
    for (const cancel of this.cancellers.values()) cancel();
  }

  private readonly handlers: Handlers = {
    workspaceInfo: () => this.ws.info(),
    listTables: async (req) => {
      const all = await this.ws.tables();
      return req.views ? all : all.filter((t) => t.kind === 'table');
    },
    tablePage: (req) => this.tablePage(req),
    listModels: async () => this.library().map(({ sql: _sql, sha256: _sha, ...info }): ModelInfo => info),
    runModels: (req) => this.runModels(req),
    consoleQuery: (req) => this.consoleQuery(req),
    cancel: async (req) => {
      const cancel = this.cancellers.get(req.taskId);
      cancel?.();
      return { cancelled: cancel !== undefined };
    },
    warningPage: async (req) => warningPage(this.ws, this.warningSnapshot, await this.source(WARNING_VIEW), req, this.counts),
    warningCounts: async (req) => {
      const snap = await this.warningSnapshot.source(await this.source(WARNING_VIEW));
      return warningCounts(this.ws, req.filters, `temp.${snap.name}`);
    },
    warningDetail: (req) => warningDetail(this.ws, req.alertId, req.lang, { reveal: req.reveal, rowLimit: req.rowLimit }),
    relationGraph: (req) => relationGraph(this.ws, req.seeds, req.hops, req.limit, { reveal: req.reveal }),
    warningTimeline: (req) => warningTimeline(this.ws, req.alertId, req.limit),
    exportWarnings: (req) => this.exportWarnings(req),
    // The Data screen's calls (data-calls.ts).
    openWorkspace: (req) => this.data.switchWorkspace(req),
    createWorkspace: (req) => this.data.switchWorkspace(req),
    listDirectory: async (req) => this.data.listDirectory(req),
    importPreview: (req) => this.data.importPreview(req),
    listMappingProfiles: async () => this.data.listMappingProfiles(),
    saveMappingProfile: async (req) => this.data.saveMappingProfile(req),
    runImport: (req) => this.data.runImport(req),
    listImportBatches: (req) => this.data.listImportBatches(req),
    quarantinePage: (req) => this.data.quarantinePage(req),
    exportTable: (req) => this.data.exportTable(req),
  };

  private library() {
    return loadLibrary(workspaceModelsDir(this.ws));
  }

  /** The workspace's tables and views with their columns, read once and again after a call that may add some. */
  private async source(table: string): Promise<GridSource> {
    if (!this.catalog) {
      const rows = await this.ws.conn.all<{ t: string; kind: string; c: string; type: string }>(`
        SELECT c.table_name AS t, CASE WHEN t.table_type = 'VIEW' THEN 'view' ELSE 'table' END AS kind,
               c.column_name AS c, c.data_type AS type
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
        WHERE c.table_schema = 'main' AND c.table_catalog = current_database()
        ORDER BY c.table_name, c.ordinal_position`);
      const catalog = new Map<string, GridSource>();
      for (const r of rows) {
        let s = catalog.get(r.t);
        if (!s) catalog.set(r.t, s = { name: r.t, kind: r.kind as GridSource['kind'], columns: [] });
        s.columns.push({ name: r.c, type: r.type });
      }
      this.catalog = catalog;
    }
    const s = this.catalog.get(table);
    if (!s) throw new ClearsightError('not_found', `没有这个表 / no such table or view: ${JSON.stringify(table)}`);
    return s;
  }

  private async tablePage(req: ApiParsedRequest<'tablePage'>): Promise<TablePage> {
    const source = await this.source(req.table);
    const q = buildGridQuery(source, req);
    // Counted first, and once per table and filter: the grid asks for many blocks with the same filter.
    const key = JSON.stringify([source.name, req.filterModel]);
    let count = this.gridCounts.get(key);
    if (count === undefined) {
      count = await countGrid(this.ws.conn, source, q);
      if (this.gridCounts.size > 200) this.gridCounts.clear();
      this.gridCounts.set(key, count);
    }
    // Rowid-based reads (grid-page.ts): a deep page of a large table in tens of milliseconds, not seconds.
    const rows = await readGridPage(this.ws.conn, source, q, { ...req, sorted: req.sortModel.length > 0 }, count, this.sortOrders);
    return { columns: source.columns, rows, totalRows: count.totalRows };
  }

  /** Register a cancellable call under the client's taskId for as long as it runs. */
  private async cancellable<T>(taskId: string, cancel: () => void, body: () => Promise<T>): Promise<T> {
    if (this.cancellers.has(taskId)) throw new ClearsightError('usage', `任务编号已在使用 / task id already in use: ${taskId}`);
    this.cancellers.set(taskId, cancel);
    try {
      return await body();
    } finally {
      this.cancellers.delete(taskId);
    }
  }

  private async runModels(req: ApiParsedRequest<'runModels'>) {
    // The runner picks the same models in the same order; knowing them names the model each progress event is about.
    const models = selectModels(this.library(), req.models, req.domain).map((m) => m.id);
    let task: { id: string; cancel(): void } | undefined;
    let cancelledEarly = false;
    try {
      return await this.cancellable(req.taskId, () => { cancelledEarly = true; task?.cancel(); }, () =>
        this.ws.tasks.run('run', (t) => {
          task = t;
          this.hubTasks.set(t.id, { taskId: req.taskId, models });
          if (cancelledEarly) t.cancel();
          return runModels(this.ws, { models: req.models, domain: req.domain, params: req.params, asOf: req.asOf }, t);
        }));
    } finally {
      // After the hub's last event (done, failed or cancelled) has been forwarded.
      if (task) this.hubTasks.delete(task.id);
      this.counts.clear();
      this.warningSnapshot.invalidate();
      this.gridCounts.clear();
      void this.sortOrders.invalidate();
      this.catalog = null;
    }
  }

  private async exportWarnings(req: ApiParsedRequest<'exportWarnings'>) {
    const view = await this.source(WARNING_VIEW);
    let task: { id: string; cancel(): void } | undefined;
    let cancelledEarly = false;
    try {
      return await this.cancellable(req.taskId, () => { cancelledEarly = true; task?.cancel(); }, () =>
        this.ws.tasks.run('export', (t) => {
          task = t;
          // Forwarded under the client's task id like a run's progress (rows written).
          this.hubTasks.set(t.id, { taskId: req.taskId, models: [] });
          if (cancelledEarly) t.cancel();
          return exportWarnings(this.ws, view, req, t);
        }));
    } finally {
      if (task) this.hubTasks.delete(task.id);
    }
  }

  private async consoleQuery(req: ApiParsedRequest<'consoleQuery'>): Promise<ConsoleResult> {
    const controller = new AbortController();
    const t0 = Date.now();
    return this.cancellable(req.taskId, () => controller.abort(), () => this.ws.conn.exclusive(async (c) => {
      await assertReadOnlyQuery(c, req.sql);
      throwIfAborted(controller.signal);
      // Streamed, and only limit + 1 rows read: a query over a huge table stops as soon as the page is full.
      const reader = await c.streamAndReadUntil(req.sql, req.limit + 1);
      const types = reader.columnTypes();
      // `SELECT a.id, b.id` names two columns alike; each needs its own key in a row object.
      const seen = new Map<string, number>();
      const columns: ColumnInfo[] = reader.columnNames().map((n, i) => {
        const k = (seen.get(n) ?? 0) + 1;
        seen.set(n, k);
        return { name: k === 1 ? n : `${n}_${k}`, type: String(types[i]) };
      });
      const rows = reader.getRowsJson().slice(0, req.limit)
        .map((r) => Object.fromEntries(columns.map((col, i) => [col.name, r[i]])));
      return { columns, rows, truncated: reader.currentRowCount > req.limit, ms: Date.now() - t0 };
    }, controller.signal));
  }
}
