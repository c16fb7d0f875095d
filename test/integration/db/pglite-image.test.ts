import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/adapters/db/client';
import { openMigratedPglite, pgliteImageKey } from '../../support/pglite-image';
import { rowsOf } from '../../support/sql-rows';

/** The schema as catalog rows: every column of every table and view, and every index and trigger. */
async function schemaOf(database: Database): Promise<string[]> {
  const columns = await rowsOf<{ line: string }>(
    database,
    sql`
      select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
             || ' ' || coalesce(column_default, '') as line
        from information_schema.columns where table_schema in ('public', 'drizzle')`,
  );
  const indexes = await rowsOf<{ line: string }>(
    database,
    sql`select indexdef as line from pg_indexes where schemaname = 'public'`,
  );
  const triggers = await rowsOf<{ line: string }>(
    database,
    sql`
      select event_object_table || ' ' || trigger_name || ' ' || event_manipulation as line
        from information_schema.triggers where trigger_schema = 'public'`,
  );
  return [...columns, ...indexes, ...triggers].map((r) => r.line).sort();
}

describe('the migrated PGlite image the tests start from', () => {
  const opened: Database[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
  });

  it('has exactly the schema and migration history of a database migrated from empty', async () => {
    const fromImage = await openMigratedPglite();
    const fromEmpty = await openDatabase({ dataDir: 'memory://' });
    opened.push(fromImage, fromEmpty);

    const imageSchema = await schemaOf(fromImage);
    expect(imageSchema.length).toBeGreaterThan(100);
    expect(imageSchema).toEqual(await schemaOf(fromEmpty));

    const history = async (d: Database) =>
      (
        await rowsOf<{ hash: string }>(d, sql`select hash from drizzle.__drizzle_migrations_core order by id`)
      ).map((r) => r.hash);
    const applied = await history(fromEmpty);
    expect(applied.length).toBeGreaterThanOrEqual(12);
    expect(await history(fromImage)).toEqual(applied);
  });

  it('gives every open its own database: a row written in one is not in the next', async () => {
    const first = await openMigratedPglite();
    opened.push(first);
    await first.db.execute(
      sql`insert into desk_settings (key, value, updated_at) values ('image-test', 1, now())`,
    );
    const second = await openMigratedPglite();
    opened.push(second);
    const rows = await rowsOf(second, sql`select * from desk_settings where key = 'image-test'`);
    expect(rows).toEqual([]);
  });

  it('is keyed by the migrations: the key is a stable 16-hex-digit digest', () => {
    expect(pgliteImageKey()).toMatch(/^[0-9a-f]{16}$/);
    expect(pgliteImageKey()).toBe(pgliteImageKey());
  });
});
