import { addDays, isWeekend, TradingCalendar, type KstDate } from '../../../src/domain/market';
import type { DailyBar } from '../../../src/domain/ports';
import { DEFAULT_STRATEGY_CONFIG, type StrategyConfig } from '../../../src/domain/strategy/config';

/** Weekdays only, no holidays: simple to reason about in tests. */
export function weekdayCalendar(): TradingCalendar {
  return new TradingCalendar([], { from: '2000-01-01', to: '2040-12-31' });
}

export function weekdaysFrom(start: KstDate, count: number): KstDate[] {
  const out: KstDate[] = [];
  for (let d = start; out.length < count; d = addDays(d, 1)) if (!isWeekend(d)) out.push(d);
  return out;
}

/** Bars on consecutive weekdays; `close(i)` gives the close, the bar spans close ± halfRange. */
export function makeBars(
  start: KstDate,
  count: number,
  close: (i: number) => number,
  halfRange = 0,
): DailyBar[] {
  return weekdaysFrom(start, count).map((date, i) => {
    const c = close(i);
    return { date, open: c, high: c + halfRange, low: c - halfRange, close: c, volume: 1000 };
  });
}

/** A small-window config so tests need few bars: ROC over 10 bars skipping 2, ATR over 3. */
export function testConfig(overrides: Partial<StrategyConfig> = {}): StrategyConfig {
  return {
    ...DEFAULT_STRATEGY_CONFIG,
    universe: ['100010', '100020', '100030'],
    safeAsset: '100090',
    topN: 2,
    lookbackDays: 10,
    skipDays: 2,
    atrDays: 3,
    riskBudgetBp: 100,
    atrMultiplier: 2,
    maxPositionWeightBp: 4_000,
    minTradeValue: 30_000,
    limitOffsetTicks: 2,
    limitOffsetBp: 0,
    cashReserveBp: 100,
    maxStaleTradingDays: 5,
    rebalanceOffsetDays: 0,
    cashSweep: false,
    ...overrides,
  };
}
