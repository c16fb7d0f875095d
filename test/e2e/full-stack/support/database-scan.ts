/** Reads every text-like value the desk stored, to search it for secrets. */
import { sql } from 'drizzle-orm';
import type { Database } from '../../../../src/adapters/db/client';

/** Rows of `db.execute`, whose shape differs between PGlite (`{ rows }`) and postgres-js (an array). */
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}

export interface StoredText {
  table: string;
  column: string;
  value: string;
}

const TEXT_TYPES = ['text', 'character varying', 'character', 'json', 'jsonb'];
const TEXT_ARRAY_TYPES = ['_text', '_varchar', '_bpchar', '_json', '_jsonb'];

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Every non-null value of every text, varchar, char, json(b) and text-array column in the public schema. */
export async function storedTexts(database: Database): Promise<StoredText[]> {
  const columns = rowsOf<{ table_name: string; column_name: string }>(
    await database.db.execute(sql`
      select c.table_name, c.column_name
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public'
        and t.table_type = 'BASE TABLE'
        and (c.data_type in (${sql.join(
          TEXT_TYPES.map((type) => sql`${type}`),
          sql`, `,
        )}) or (c.data_type = 'ARRAY' and c.udt_name in (${sql.join(
          TEXT_ARRAY_TYPES.map((type) => sql`${type}`),
          sql`, `,
        )})))
      order by c.table_name, c.ordinal_position`),
  );
  const texts: StoredText[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const values = rowsOf<{ value: string }>(
      await database.db.execute(
        sql.raw(
          `select ${quoteIdentifier(column)}::text as value from ${quoteIdentifier(table)} where ${quoteIdentifier(column)} is not null`,
        ),
      ),
    );
    for (const { value } of values) texts.push({ table, column, value });
  }
  return texts;
}
