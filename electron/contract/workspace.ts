// What the engine tells about a workspace and its tables.

export type TableGroup =
  | 'parties' | 'procurement' | 'money' | 'external' | 'village' | 'models' | 'synthetic' | 'imports' | 'system';

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface TableInfo {
  name: string;
  /** Chinese name (falls back to the SQL name for tables the catalog does not know). */
  labelZh: string;
  kind: 'table' | 'view';
  group: TableGroup;
  /** Row count; null for views (counting a view runs its query). */
  rows: number | null;
  columns: ColumnInfo[];
  /** Order-independent hash of the table's contents, when asked for. */
  fingerprint?: string;
}

export interface WorkspaceInfo {
  dir: string;
  schemaVersion: number;
  createdAt: string;
  appVersion: string;
  /** The date the data describes; models use it as "today" (null until data is loaded). */
  dataAsOf: string | null;
  /** Set when the workspace holds the synthetic province. */
  synthetic: { scale: string; seed: number; generatedAt: string } | null;
}
