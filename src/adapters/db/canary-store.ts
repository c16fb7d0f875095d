import { eq, sql } from 'drizzle-orm';
import type { CanaryProbe, CanaryRecord, CanaryStatus } from '../../domain/canary';
import type { CanaryStore } from '../../app/ports/canary-store';
import type { Db } from './client';
import { canaryRuns } from './schema';

export function createDbCanaryStore(db: Db): CanaryStore {
  return {
    async get(tradeDate) {
      const [row] = await db.select().from(canaryRuns).where(eq(canaryRuns.tradeDate, tradeDate));
      if (!row) return null;
      return {
        tradeDate: row.tradeDate,
        status: row.status as CanaryStatus,
        attempts: row.attempts,
        probes: row.probes as CanaryRecord['probes'],
        reason: row.reason,
        firstAt: row.firstAt,
        lastAt: row.lastAt,
      };
    },
    async save(record) {
      const values = {
        tradeDate: record.tradeDate,
        status: record.status,
        attempts: record.attempts,
        probes: record.probes.map((p) => ({
          probe: p.probe satisfies CanaryProbe,
          status: p.status,
          detail: p.detail,
        })),
        reason: record.reason,
        firstAt: record.firstAt,
        lastAt: record.lastAt,
      };
      await db
        .insert(canaryRuns)
        .values(values)
        .onConflictDoUpdate({ target: canaryRuns.tradeDate, set: values });
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
  };
}
