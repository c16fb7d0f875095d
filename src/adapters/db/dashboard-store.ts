import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import * as s from './schema';

/** Settings the dashboards show beside the data; upserted at start from the configuration. */
export async function saveDeskSetting(db: DbOrTx, key: 'nav_floor', value: number, at: Date): Promise<void> {
  await db
    .insert(s.deskSettings)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: s.deskSettings.key, set: { value, updatedAt: at } });
}

export interface KisRequestCount {
  bucket: Date;
  trId: string;
  outcome: string;
  requests: number;
  latencyMsSum: number;
  latencyMsMax: number;
}

/** Adds counted requests to their minute buckets (several processes may add to the same bucket). */
export async function addKisRequestCounts(db: DbOrTx, counts: readonly KisRequestCount[]): Promise<void> {
  if (counts.length === 0) return;
  await db
    .insert(s.kisRequestCounts)
    .values([...counts])
    .onConflictDoUpdate({
      target: [s.kisRequestCounts.bucket, s.kisRequestCounts.trId, s.kisRequestCounts.outcome],
      set: {
        requests: sql`${s.kisRequestCounts.requests} + excluded.requests`,
        latencyMsSum: sql`${s.kisRequestCounts.latencyMsSum} + excluded.latency_ms_sum`,
        latencyMsMax: sql`greatest(${s.kisRequestCounts.latencyMsMax}, excluded.latency_ms_max)`,
      },
    });
}
