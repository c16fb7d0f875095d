import { and, asc, eq } from 'drizzle-orm';
import type { WatchFiringRecord, WatchlistEntry, WatchStore } from '../../app/watch/ports';
import { isWatchCondition, type WatchCondition } from '../../domain/watch';
import type { DbOrTx } from './client';
import { watchFirings, watchlist } from './schema';

const conditionsOf = (values: readonly string[]): WatchCondition[] => values.filter(isWatchCondition);

export function createDbWatchStore(db: DbOrTx): WatchStore {
  return {
    async listWatchlist() {
      const rows = await db.select().from(watchlist).orderBy(asc(watchlist.addedAt), asc(watchlist.ticker));
      return rows.map(
        (row): WatchlistEntry => ({
          ticker: row.ticker,
          conditions: conditionsOf(row.conditions),
          overrides: row.overrides,
          addedBy: row.addedBy,
          addedAt: row.addedAt,
        }),
      );
    },
    async upsertWatch(entry) {
      const values = {
        ticker: entry.ticker,
        conditions: [...entry.conditions],
        overrides: { ...entry.overrides } as Record<string, number>,
        addedBy: entry.addedBy,
        addedAt: entry.addedAt,
      };
      await db
        .insert(watchlist)
        .values(values)
        .onConflictDoUpdate({
          target: watchlist.ticker,
          set: { conditions: values.conditions, overrides: values.overrides, addedBy: values.addedBy },
        });
    },
    async removeWatch(ticker) {
      const removed = await db.delete(watchlist).where(eq(watchlist.ticker, ticker)).returning();
      return removed.length > 0;
    },
    async recordFiring(firing) {
      const rows = await db
        .insert(watchFirings)
        .values({ ...firing, numbers: firing.numbers })
        .onConflictDoNothing()
        .returning({ id: watchFirings.id });
      return rows.length > 0;
    },
    async setFiringIntent(ticker, condition, tradeDate, intentId) {
      await db
        .update(watchFirings)
        .set({ intentId })
        .where(
          and(
            eq(watchFirings.ticker, ticker),
            eq(watchFirings.condition, condition),
            eq(watchFirings.tradeDate, tradeDate),
          ),
        );
    },
    async listFirings(tradeDate) {
      const rows = await db
        .select()
        .from(watchFirings)
        .where(eq(watchFirings.tradeDate, tradeDate))
        .orderBy(asc(watchFirings.firedAt));
      return rows.flatMap((row): WatchFiringRecord[] =>
        isWatchCondition(row.condition)
          ? [
              {
                ticker: row.ticker,
                condition: row.condition,
                tradeDate: row.tradeDate,
                kind: row.kind === 'buy' ? 'buy' : 'sell',
                severity: row.severity === 'high' ? 'high' : 'normal',
                price: row.price,
                numbers: row.numbers as Record<string, number | null>,
                intentId: row.intentId,
                firedAt: row.firedAt,
              },
            ]
          : [],
      );
    },
  };
}
