import { navSnapshotOf } from '../nav';
import type { Clock } from '../../domain/clock';
import type { Broker } from '../../domain/ports';
import type { TradingStore } from '../trading-store';

export interface NavCloseDeps {
  broker: Pick<Broker, 'getBalance'>;
  tradingStore: Pick<TradingStore, 'getNavSnapshot' | 'saveNavSnapshot'>;
  clock: Clock;
}

/**
 * The day's closing NAV snapshot (the briefing's P&L and chart read these). Taken once per trade date after
 * the close; false when it already exists.
 */
export async function takeCloseSnapshot(deps: NavCloseDeps, tradeDate: string): Promise<boolean> {
  if (await deps.tradingStore.getNavSnapshot(tradeDate, 'close')) return false;
  const balance = await deps.broker.getBalance();
  return deps.tradingStore.saveNavSnapshot(navSnapshotOf(balance, tradeDate, 'close', deps.clock.now()));
}
