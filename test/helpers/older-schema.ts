import type { Workspace } from '../../electron/engine/workspace/workspace.ts';

/**
 * Put the hits back as schema 16 and earlier stored them, one table of whole hits (migration 17 made it a
 * view of records and contents), so that a test can redo the migrations from an older version.
 */
export async function hitsAsOneTable(ws: Workspace): Promise<void> {
  await ws.conn.run('CREATE TABLE hit_whole AS SELECT * FROM hit');
  await ws.conn.run('DROP VIEW hit; DROP TABLE hit_record; DROP TABLE hit_content; ALTER TABLE hit_whole RENAME TO hit');
}
