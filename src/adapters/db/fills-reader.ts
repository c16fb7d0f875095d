import { and, asc, gte, lt } from 'drizzle-orm';
import type { Side } from '../../domain/ports';
import type { FillsReader } from '../../app/ports/fills-reader';
import type { Db } from './client';
import { fills } from './schema';

export function createDbFillsReader(db: Db): FillsReader {
  return {
    async listFills(filter) {
      const rows = await db
        .select()
        .from(fills)
        .where(and(gte(fills.filledAt, filter.from), lt(fills.filledAt, filter.to)))
        .orderBy(asc(fills.filledAt), asc(fills.id));
      return rows.map((r) => ({
        ticker: r.ticker,
        side: r.side as Side,
        quantity: r.quantity,
        price: r.price,
        amount: r.amount,
        fee: r.fee,
        tax: r.tax,
        filledAt: r.filledAt,
      }));
    },
  };
}
