import type { DuckDBConnection } from '@duckdb/node-api';
import { StatementType } from '@duckdb/node-api';
import { ClearsightError } from '../errors.ts';

/**
 * Refuse anything but one read-only query: DuckDB parses the text and names the statement's type,
 * so a write hidden after a semicolon or inside a CTE is caught by the parser, not by a regex.
 */
export async function assertReadOnlyQuery(c: DuckDBConnection, sql: string): Promise<void> {
  let extracted;
  try {
    extracted = await c.extractStatements(sql);
  } catch (e) {
    throw new ClearsightError('bad_input', `SQL 语法错误 / SQL syntax error: ${(e as Error).message.split('\n')[0]}`);
  }
  if (extracted.count !== 1) throw new ClearsightError('bad_input', `只能是一条查询语句 / exactly one query, please (got ${extracted.count} statements)`);
  const stmt = await extracted.prepare(0);
  if (stmt.statementType !== StatementType.SELECT) {
    throw new ClearsightError('bad_input', '只允许只读查询（SELECT）/ only read-only queries (SELECT) are allowed');
  }
}
