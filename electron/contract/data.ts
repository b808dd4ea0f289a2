// What the Data screen's calls return: workspaces, the server-side file chooser, import preview and run,
// import batches and their quarantined rows, table export. Types only; the request schemas are in api.ts.

export interface DirEntry {
  name: string;
  /** Absolute path, to pass back as is. */
  path: string;
  kind: 'dir' | 'file' | 'other';
  /** Bytes, for files. */
  size: number | null;
  /** ISO timestamp of the last change. */
  modified: string | null;
}

export interface DirListing {
  path: string;
  /** null at the file system's root. */
  parent: string | null;
  home: string;
  /** The open workspace's folder, a natural place to start. */
  workspace: string;
  /** Folders first, then files, by name; hidden entries (".x") left out. */
  entries: DirEntry[];
  /** More entries than the listing returns (at most 2,000). */
  truncated: boolean;
}

/** A mapping profile as saved in JSON (see electron/engine/import/mapping.ts for its rules). */
export interface MappingRule {
  from: string[];
  to: string;
  transform?: 'trim' | 'upper' | 'lower' | 'date' | 'amount' | 'phone' | 'id_hash';
  unit?: '元' | '万元' | '亿元';
  map?: Record<string, string>;
  resolve?: 'org';
}

export interface MappingProfileJson {
  name: string;
  table: string;
  columns: MappingRule[];
  defaults?: Record<string, string>;
  derive?: { column: string; from?: string[]; prefix?: string; org?: boolean };
}

export interface SavedProfile {
  name: string;
  table: string;
  /** Built in (shipped with the app) or saved in the workspace's mappings/ folder. */
  builtin: boolean;
  profile: MappingProfileJson;
}

export interface ImportPreview {
  file: string;
  format: string;
  /** Text files only. */
  encoding: 'utf-8' | 'gb18030' | null;
  /** The delimiter the import reads with (text files), and DuckDB's sniffed one when it differs. */
  delimiter: string | null;
  sniffedDelimiter: string | null;
  /** 1-based line (CSV) or sheet row (.xlsx) of the headings. */
  headerRow: number | null;
  headings: string[];
  /** The first 20 data rows as text. */
  rows: Array<Array<string | null>>;
  /** The table it would load into (null: the user must choose); several for OCDS/FtM. */
  table: string | null;
  /** The canonical columns of that table, with their types, for the mapping editor. */
  tableColumns: Array<{ name: string; type: string }>;
  /** Headings are the table's own column names: no mapping needed. */
  canonical: boolean;
  /** The profile that would be used (given, or the built-in one matching the headings). */
  profile: MappingProfileJson | null;
  /** For a mapped file: the first rows after mapping, and the values the mapping rejects. */
  mapped: { columns: string[]; rows: Array<Array<string | null>>; problems: Array<{ row: number; column: string; value: string | null; reason: string }> } | null;
  /** Anything the analyst should check before running (a sniffed delimiter that differs, ...). */
  warnings: string[];
}

export interface ImportFileResult {
  file: string; table: string; format: string; encoding: string | null; sha256: string; sizeBytes: number;
  mapping: string | null; orgsCreated: number; rowsUpdated: number;
  rowsRead: number; rowsLoaded: number; rowsQuarantined: number; seconds: number;
}

export interface ImportResult { batchId: string; files: ImportFileResult[]; seconds: number }

export interface ImportBatchInfo {
  batchId: string;
  startedAt: string;
  finishedAt: string | null;
  files: number;
  tables: string[];
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
}

export interface ExportResult {
  /** Absolute path of the file written in the workspace's exports/ folder. */
  path: string;
  format: 'csv' | 'parquet' | 'xlsx';
  rows: number;
  seconds: number;
}
