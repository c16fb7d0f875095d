import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AdhocBlackout } from '../../domain/blackout';
import type { BlackoutStore } from '../../app/ports/blackout-store';
import { SerialQueue } from '../../app/serial';
import type { Database, DbOrTx } from './client';
import { blackoutWindows } from './schema';

type Row = typeof blackoutWindows.$inferSelect;

const toWindow = (row: Row): AdhocBlackout => ({
  id: row.id,
  from: row.startsAt,
  to: row.endsAt,
  reason: row.reason,
  createdBy: row.createdBy,
});

function upcoming(db: DbOrTx, after: Date): Promise<Row[]> {
  return db
    .select()
    .from(blackoutWindows)
    .where(and(isNull(blackoutWindows.removedAt), gt(blackoutWindows.endsAt, after)))
    .orderBy(asc(blackoutWindows.startsAt));
}

/**
 * On Postgres the check-and-insert holds an advisory lock for its transaction (several processes may share the
 * database); embedded PGlite is one process, where an in-process queue suffices.
 */
export function createDbBlackoutStore(database: Pick<Database, 'db' | 'kind'>): BlackoutStore {
  const { db } = database;
  const local = new SerialQueue();
  return {
    async listUpcoming(after) {
      return (await upcoming(db, after)).map(toWindow);
    },
    add(now, createdBy, check) {
      const run = () =>
        db.transaction(async (tx) => {
          if (database.kind === 'postgres')
            await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kis-desk:blackout-windows'))`);
          const decided = check((await upcoming(tx, now)).map(toWindow));
          if (!decided.ok) return decided;
          const [row] = await tx
            .insert(blackoutWindows)
            .values({
              startsAt: decided.value.from,
              endsAt: decided.value.to,
              reason: decided.value.reason,
              createdBy,
              createdAt: now,
            })
            .returning();
          return { ok: true as const, value: toWindow(row!) };
        });
      return database.kind === 'pglite' ? local.run(run) : run();
    },
    async remove(id, removedBy, at) {
      const [row] = await db
        .update(blackoutWindows)
        .set({ removedBy, removedAt: at })
        .where(and(eq(blackoutWindows.id, id), isNull(blackoutWindows.removedAt)))
        .returning();
      return row ? toWindow(row) : null;
    },
  };
}
