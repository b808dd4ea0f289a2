// The import log as the Data screen lists it: each batch with its files' tables and row figures.
import type { ImportBatchInfo } from '../../contract/data.ts';
import type { Workspace } from '../workspace/workspace.ts';

export async function listImportBatches(ws: Workspace, limit: number): Promise<ImportBatchInfo[]> {
  const rows = await ws.conn.all<{ batch_id: string; started_at: string; finished_at: string | null; files: number; tables: string[];
    rows_read: number | string; rows_loaded: number | string; rows_quarantined: number | string }>(`
    SELECT b.batch_id, strftime(b.started_at, '%Y-%m-%d %H:%M:%S') AS started_at, strftime(b.finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
           count(DISTINCT f.file) AS files, list(DISTINCT f.table_name ORDER BY f.table_name) FILTER (WHERE f.table_name IS NOT NULL) AS tables,
           coalesce(sum(f.rows_read), 0) AS rows_read, coalesce(sum(f.rows_loaded), 0) AS rows_loaded,
           coalesce(sum(f.rows_quarantined), 0) AS rows_quarantined
    FROM import_batch b LEFT JOIN import_file f USING (batch_id)
    GROUP BY b.batch_id, b.started_at, b.finished_at ORDER BY b.started_at DESC, b.batch_id DESC LIMIT $1`, [limit]);
  return rows.map((r) => ({ batchId: r.batch_id, startedAt: r.started_at, finishedAt: r.finished_at, files: Number(r.files),
    tables: r.tables ?? [], rowsRead: Number(r.rows_read), rowsLoaded: Number(r.rows_loaded), rowsQuarantined: Number(r.rows_quarantined) }));
}
