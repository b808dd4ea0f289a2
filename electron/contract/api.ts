// The typed API between the renderer and the engine: one set of calls, used identically over Electron IPC
// (window.clearsight) and over browser mode's WebSocket. Every request has a zod schema, checked at each
// boundary it crosses; every response is the Ok/Err envelope of result.ts.
import { z } from 'zod';
import type { DirListing, ExportResult, ImportBatchInfo, ImportPreview, ImportResult, SavedProfile } from './data.ts';
import type { DesktopApi } from './desktop.ts';
import type { ModelInfo, RunSummary } from './models.ts';
import type { ProgressEvent } from './progress.ts';
import type { Result } from './result.ts';
import type { ColumnInfo, TableInfo, WorkspaceInfo } from './workspace.ts';
import {
  relationGraphRequestSchema, warningDetailRequestSchema, warningFiltersSchema, warningTimelineRequestSchema,
  type RelationGraph, type WarningCounts, type WarningDetail, type WarningRow, type WarningTimeline,
} from './warnings.ts';

/**
 * A table or column name as the request spells it. Only its shape is checked here; the engine looks it up in
 * the workspace catalog and uses the catalog's name, so request text never reaches SQL.
 */
const name = z.string().min(1).max(128);
/** Chosen by the client so it can cancel a call before any progress event has arrived. */
const taskId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'YYYY-MM-DD or YYYY-MM-DD hh:mm:ss');

// ---- grid: ag-grid's sort and filter models (Infinite Row Model), as the grid sends them ----

export const sortModelItemSchema = z.object({ colId: name, sort: z.enum(['asc', 'desc']) });

export const TEXT_FILTER_TYPES = ['empty', 'blank', 'notBlank', 'equals', 'notEqual', 'contains', 'notContains', 'startsWith', 'endsWith'] as const;
export const SCALAR_FILTER_TYPES = ['empty', 'blank', 'notBlank', 'equals', 'notEqual', 'lessThan', 'lessThanOrEqual',
  'greaterThan', 'greaterThanOrEqual', 'inRange'] as const;

const textCondition = z.object({
  filterType: z.literal('text'), type: z.enum(TEXT_FILTER_TYPES), filter: z.string().max(1000).nullish(),
});
const numberCondition = z.object({
  filterType: z.literal('number'), type: z.enum(SCALAR_FILTER_TYPES),
  filter: z.number().finite().nullish(), filterTo: z.number().finite().nullish(),
});
const dateCondition = z.object({
  filterType: z.literal('date'), type: z.enum(SCALAR_FILTER_TYPES), dateFrom: isoDate.nullish(), dateTo: isoDate.nullish(),
});
const combined = <T extends z.ZodTypeAny>(kind: string, condition: T) => z.object({
  filterType: z.literal(kind), operator: z.enum(['AND', 'OR']), conditions: z.array(condition).min(1).max(8),
});

export const columnFilterSchema = z.union([
  textCondition, numberCondition, dateCondition,
  combined('text', textCondition), combined('number', numberCondition), combined('date', dateCondition),
]);

export const tablePageRequestSchema = z.object({
  table: name,
  startRow: z.number().int().min(0),
  endRow: z.number().int().min(1),
  sortModel: z.array(sortModelItemSchema).max(16).default([]),
  filterModel: z.record(name, columnFilterSchema).default({}),
}).refine((r) => r.endRow > r.startRow && r.endRow - r.startRow <= 1000, {
  message: 'endRow must be above startRow, at most 1000 rows a page', path: ['endRow'],
});

export type SortModelItem = z.infer<typeof sortModelItemSchema>;
export type ColumnFilter = z.infer<typeof columnFilterSchema>;
export type TablePageRequest = z.input<typeof tablePageRequestSchema>;

export interface TablePage {
  columns: ColumnInfo[];
  /** Rows startRow..endRow-1 in a stable order, values as JSON (BIGINT and DECIMAL as text, dates ISO). */
  rows: Record<string, unknown>[];
  /** Rows that match the filter, counted before the page is read (the grid's lastRow). */
  totalRows: number;
}

// ---- warnings: the grid over v_warning_list with the quick filters merged in, and its export ----

/** A page of the warnings grid: the table browser's request on v_warning_list, plus the quick filters above it. */
export const warningPageRequestSchema = z.object({
  filters: warningFiltersSchema.default({}),
  startRow: z.number().int().min(0),
  endRow: z.number().int().min(1),
  sortModel: z.array(sortModelItemSchema).max(16).default([]),
  filterModel: z.record(name, columnFilterSchema).default({}),
}).refine((r) => r.endRow > r.startRow && r.endRow - r.startRow <= 1000, {
  message: 'endRow must be above startRow, at most 1000 rows a page', path: ['endRow'],
});
export type WarningPageRequest = z.input<typeof warningPageRequestSchema>;

export interface WarningGridPage {
  rows: WarningRow[];
  /** Warnings matching the quick filters and the grid's own filters. */
  totalRows: number;
}

export const exportWarningsRequestSchema = z.object({
  taskId,
  format: z.enum(['csv', 'xlsx']),
  filters: warningFiltersSchema.default({}),
  sortModel: z.array(sortModelItemSchema).max(16).default([]),
  filterModel: z.record(name, columnFilterSchema).default({}),
  /** Only these warnings (the grid's selection), still under the filters; none means all that match. */
  alertIds: z.array(z.string().min(1).max(100)).min(1).max(10_000).optional(),
  /** Keep personal identifiers unmasked: an explicit choice, never the default. */
  reveal: z.boolean().default(false),
});

export interface WarningExport {
  /** Absolute path of the file written in the workspace's exports/ folder. */
  path: string;
  format: 'csv' | 'xlsx';
  rows: number;
}

// ---- data screen: workspaces, file chooser, import, quarantine, export ----

const absPath = z.string().min(1).max(4096);
const encoding = z.enum(['auto', 'utf-8', 'gb18030']).default('auto');
const importFormat = z.enum(['csv', 'tsv', 'xlsx', 'parquet', 'json', 'jsonl', 'ocds', 'ftm']).optional();
/** Checked in full by the engine's profile schema (mapping.ts), which names the field that is wrong. */
const profile = z.record(z.string(), z.unknown());
const sheet = z.union([z.number().int().min(1), z.string().min(1).max(128)]).optional();

const dataRequestSchemas = {
  /** Browser mode: the server restarts the engine on that folder; an Err leaves the current one open. */
  openWorkspace: z.object({ dir: absPath }),
  createWorkspace: z.object({ dir: absPath }),
  listDirectory: z.object({ path: absPath.optional(), start: z.enum(['home', 'workspace']).default('workspace') }),
  importPreview: z.object({ path: absPath, table: name.optional(), format: importFormat, encoding, sheet, profile: profile.optional() }),
  listMappingProfiles: z.object({}),
  saveMappingProfile: z.object({ profile }),
  runImport: z.object({
    taskId, paths: z.array(absPath).min(1).max(100), table: name.optional(), format: importFormat, encoding, sheet,
    profile: profile.optional(), force: z.boolean().default(false),
  }),
  listImportBatches: z.object({ limit: z.number().int().min(1).max(1000).default(100) }),
  quarantinePage: z.object({
    batchId: z.string().min(1).max(128),
    startRow: z.number().int().min(0),
    endRow: z.number().int().min(1),
    sortModel: z.array(sortModelItemSchema).max(16).default([]),
    filterModel: z.record(name, columnFilterSchema).default({}),
  }).refine((r) => r.endRow > r.startRow && r.endRow - r.startRow <= 1000, { message: 'endRow must be above startRow, at most 1000 rows a page', path: ['endRow'] }),
  exportTable: z.object({
    taskId, table: name, format: z.enum(['csv', 'parquet', 'xlsx']), csvEncoding: z.enum(['utf-8', 'gb18030']).default('utf-8'),
    /** The grid's view: only its rows, in its order. */
    sortModel: z.array(sortModelItemSchema).max(16).default([]),
    filterModel: z.record(name, columnFilterSchema).default({}),
    includePersonal: z.boolean().default(false),
  }),
} as const;

export interface DataResponses {
  openWorkspace: WorkspaceInfo;
  createWorkspace: WorkspaceInfo;
  listDirectory: DirListing;
  importPreview: ImportPreview;
  listMappingProfiles: SavedProfile[];
  saveMappingProfile: { file: string };
  runImport: ImportResult;
  listImportBatches: ImportBatchInfo[];
  quarantinePage: TablePage;
  exportTable: ExportResult;
}

// ---- the calls ----

export const requestSchemas = {
  workspaceInfo: z.object({}),
  listTables: z.object({ views: z.boolean().default(true) }),
  tablePage: tablePageRequestSchema,
  listModels: z.object({}),
  runModels: z.object({
    taskId,
    /** Model ids; none and no domain means the whole library. */
    models: z.array(z.string().regex(/^[A-Z]+-[0-9A-Z]+$/)).max(500).default([]),
    domain: z.enum(['BID', 'SOE', 'FUND', 'VIL', 'OCDS']).optional(),
    /** 'MODEL-ID.name' → value as typed. */
    params: z.record(z.string().max(128), z.string().max(10_000)).default({}),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }),
  consoleQuery: z.object({
    taskId,
    sql: z.string().min(1).max(100_000),
    limit: z.number().int().min(1).max(10_000).default(1000),
  }),
  cancel: z.object({ taskId }),
  warningPage: warningPageRequestSchema,
  warningCounts: z.object({ filters: warningFiltersSchema.default({}) }).strict(),
  warningDetail: warningDetailRequestSchema,
  relationGraph: relationGraphRequestSchema,
  warningTimeline: warningTimelineRequestSchema,
  exportWarnings: exportWarningsRequestSchema,
  ...dataRequestSchemas,
} as const;

export type ApiMethod = keyof typeof requestSchemas;
export const API_METHODS = Object.keys(requestSchemas) as ApiMethod[];
export type ApiRequest<M extends ApiMethod> = z.input<(typeof requestSchemas)[M]>;
export type ApiParsedRequest<M extends ApiMethod> = z.output<(typeof requestSchemas)[M]>;

export interface ConsoleResult {
  columns: ColumnInfo[];
  rows: Record<string, unknown>[];
  /** True when the query had more rows than the limit; only the first `limit` are returned. */
  truncated: boolean;
  ms: number;
}

export interface ApiResponses extends DataResponses {
  workspaceInfo: WorkspaceInfo;
  listTables: TableInfo[];
  tablePage: TablePage;
  listModels: ModelInfo[];
  runModels: RunSummary;
  consoleQuery: ConsoleResult;
  cancel: { cancelled: boolean };
  warningPage: WarningGridPage;
  warningCounts: WarningCounts;
  warningDetail: WarningDetail;
  relationGraph: RelationGraph;
  warningTimeline: WarningTimeline;
  exportWarnings: WarningExport;
}

/** A progress event of a call the client started: taskId is the client's; item names what is being worked on (a model id). */
export type TaskProgress = ProgressEvent & { item?: string };

/** Something the user should know that no call asked for. */
export interface Notice {
  /** engine_restarted: the engine process stopped and was started again, calls in flight failed;
   *  disconnected / reconnected: the browser lost and regained its connection to the server;
   *  workspace_changed: another workspace was opened (every tab reloads its data). */
  code: 'engine_restarted' | 'disconnected' | 'reconnected' | 'workspace_changed';
  message: string;
}

/** The API as the renderer sees it, over IPC or WebSocket alike. */
export type ClearsightApi = {
  [M in ApiMethod]: (req: ApiRequest<M>) => Promise<Result<ApiResponses[M]>>;
} & {
  /** Progress of every long call; returns the unsubscribe function. */
  onProgress(listener: (e: TaskProgress) => void): () => void;
  onNotice(listener: (n: Notice) => void): () => void;
  /** Native dialogs and the like: only in the desktop app (see desktop.ts), absent in browser mode. */
  desktop?: DesktopApi;
};

// ---- wire messages (WebSocket, and the engine host's process channel) ----

export const callMessageSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  method: z.enum(API_METHODS as [ApiMethod, ...ApiMethod[]]),
  params: z.unknown(),
});
export type CallMessage = z.infer<typeof callMessageSchema>;

export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'progress'; event: TaskProgress }
  | ({ type: 'notice' } & Notice);
