import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../src/adapters/db/client';

/** Rows of a query on either driver (PGlite answers { rows }, postgres.js an array). */
export async function rowsOf<T = Record<string, unknown>>(database: Database, query: SQL | string): Promise<T[]> {
  const result = (await database.db.execute(typeof query === 'string' ? sql.raw(query) : query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
