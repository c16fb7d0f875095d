import type { BrokerBalance } from '../domain/ports';
import type { NavSnapshotRecord } from './trading-store';

/** A NAV snapshot of the broker's balance (start of day, close, intraday). */
export function navSnapshotOf(
  balance: BrokerBalance,
  tradeDate: string,
  kind: NavSnapshotRecord['kind'],
  takenAt: Date,
): NavSnapshotRecord {
  return {
    tradeDate,
    kind,
    nav: balance.totalValue,
    cash: balance.cashD2,
    securitiesValue: balance.securitiesValue,
    positions: balance.positions.map((p) => ({
      ticker: p.ticker,
      quantity: p.quantity,
      price: p.price,
      value: p.marketValue,
    })),
    takenAt,
  };
}
