import { join, resolve } from 'node:path';

/** Where things live inside a workspace folder. */
export function workspaceLayout(dir: string) {
  const root = resolve(dir);
  return {
    root,
    db: join(root, 'workspace.duckdb'),
    attachments: join(root, 'attachments'),
    exports: join(root, 'exports'),
    /** DuckDB spills here when a query exceeds memory_limit. */
    tmp: join(root, 'tmp'),
    /** The secret under which ID numbers are hashed; kept beside the database, not in it. */
    key: join(root, 'workspace.key'),
  };
}

export type WorkspaceLayout = ReturnType<typeof workspaceLayout>;
