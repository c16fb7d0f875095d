import { feeFor, mulDivFloor, nearestTick, type Krw, type Shares } from '../domain/money';
import type { KstDate, TradingCalendar } from '../domain/market';
import type { DailyBar, Side } from '../domain/ports';
import { CASH } from '../domain/strategy/config';
import type { RebalanceLeg } from '../domain/strategy/legs';
import { planRebalance, type RebalancePlan } from '../domain/strategy/plan';
import type { BacktestConfig } from './config';
import { calendarDaysBetween } from './days';
import { affordableQuantity, slippedFillPrice } from './fills';

export interface Fill {
  date: KstDate;
  ticker: string;
  side: Side;
  quantity: Shares;
  price: Krw;
  value: Krw;
  commission: Krw;
  tax: Krw;
  reason: 'REBALANCE' | 'DATA_ENDED';
  /** The plan's limit price (null for forced liquidations). */
  limitPrice: Krw | null;
  /** The open was already beyond the limit: a live limit order placed before the open would not have filled there. */
  openBeyondLimit: boolean;
  plannedQuantity: Shares;
}

export interface EquityPoint {
  date: KstDate;
  nav: Krw;
  cash: Krw;
}

export interface UniverseEvent {
  date: KstDate;
  ticker: string;
  lastBarDate: KstDate;
  kind: 'DROPPED_DATA_ENDED' | 'SAFE_ASSET_DATA_ENDED';
  liquidatedQuantity: Shares;
}

export interface UnfilledLeg {
  date: KstDate;
  ticker: string;
  side: Side;
  quantity: Shares;
  reason: 'NO_BAR_ON_DAY' | 'NO_CASH';
}

export interface BacktestRun {
  days: KstDate[];
  equity: EquityPoint[];
  fills: Fill[];
  /** Plans of the rebalance days only. */
  plans: RebalancePlan[];
  events: UniverseEvent[];
  unfilled: UnfilledLeg[];
  finalCash: Krw;
  finalPositions: { ticker: string; quantity: Shares }[];
}

export interface BacktestInput {
  barsByTicker: Readonly<Record<string, readonly DailyBar[]>>;
  calendar: TradingCalendar;
  config: BacktestConfig;
}

/** Per ticker, aligned with the backtest days: the bar on that day (-1 if none) and the last bar on or before it. */
interface DayIndex {
  onDay: Int32Array;
  atOrBefore: Int32Array;
}

function indexByDay(bars: readonly DailyBar[], days: readonly KstDate[]): DayIndex {
  const onDay = new Int32Array(days.length).fill(-1);
  const atOrBefore = new Int32Array(days.length).fill(-1);
  let i = -1;
  days.forEach((day, k) => {
    while (i + 1 < bars.length && bars[i + 1]!.date <= day) i++;
    atOrBefore[k] = i;
    if (i >= 0 && bars[i]!.date === day) onDay[k] = i;
  });
  return { onDay, atOrBefore };
}

/** Trading days in [from, to], cut at the last date any series has data for (nothing to mark after it). */
export function backtestDays(
  calendar: TradingCalendar,
  barsByTicker: Readonly<Record<string, readonly DailyBar[]>>,
  from: KstDate,
  to: KstDate,
): KstDate[] {
  const lastData = Object.values(barsByTicker).reduce((max, bars) => {
    const last = bars.at(-1)?.date ?? '';
    return last > max ? last : max;
  }, '');
  return calendar.tradingDaysBetween(from, lastData < to ? lastData : to);
}

/**
 * Daily simulation on the calendar's trading days. Each morning the strategy plans with the bars before
 * that day (the same `planRebalance` the live cycle calls); legs fill at that day's open moved by the
 * slippage, sells before buys, commission on every fill, integer shares and KRW. Buys are cut to the cash
 * on hand. NAV is marked at each close. A ticker whose data has ended is dropped from the universe the next
 * trading day and any holding is sold at its last close.
 */
export function runBacktest(input: BacktestInput): BacktestRun {
  const { barsByTicker, calendar, config } = input;
  const days = backtestDays(calendar, barsByTicker, config.from, config.to);
  const tickers = Object.keys(barsByTicker);
  const index = new Map<string, DayIndex>(tickers.map((t) => [t, indexByDay(barsByTicker[t]!, days)]));
  const lastBarDate = new Map<string, KstDate>();
  for (const t of tickers) {
    const last = barsByTicker[t]!.at(-1);
    if (last) lastBarDate.set(t, last.date);
  }

  let universe = [...config.strategy.universe];
  let safeAsset = config.strategy.safeAsset;
  let cash = config.capital;
  const positions = new Map<string, Shares>();
  const run: BacktestRun = {
    days,
    equity: [],
    fills: [],
    plans: [],
    events: [],
    unfilled: [],
    finalCash: 0,
    finalPositions: [],
  };

  const closeAt = (ticker: string, k: number): Krw | null => {
    const i = index.get(ticker)?.atOrBefore[k] ?? -1;
    return i < 0 ? null : nearestTick(barsByTicker[ticker]![i]!.close, 'ETF');
  };
  const markToMarket = (k: number): Krw => {
    let nav = cash;
    for (const [ticker, quantity] of positions) nav += quantity * (closeAt(ticker, k) ?? 0);
    return nav;
  };
  const sell = (fill: Omit<Fill, 'side' | 'value' | 'commission' | 'tax'>): void => {
    const value = fill.quantity * fill.price;
    const commission = feeFor(value, config.commissionPpm);
    const tax = feeFor(value, config.sellTaxPpm);
    cash += value - commission - tax;
    const left = (positions.get(fill.ticker) ?? 0) - fill.quantity;
    if (left > 0) positions.set(fill.ticker, left);
    else positions.delete(fill.ticker);
    run.fills.push({ ...fill, side: 'SELL', value, commission, tax });
  };
  const buy = (fill: Omit<Fill, 'side' | 'value' | 'commission' | 'tax'>): void => {
    const value = fill.quantity * fill.price;
    const commission = feeFor(value, config.commissionPpm);
    cash -= value + commission;
    positions.set(fill.ticker, (positions.get(fill.ticker) ?? 0) + fill.quantity);
    run.fills.push({ ...fill, side: 'BUY', value, commission, tax: 0 });
  };

  /** Tickers whose last bar is before `date` leave the universe; holdings are sold at the last close. */
  const dropEndedTickers = (date: KstDate, k: number): void => {
    for (const ticker of new Set([...universe, safeAsset, ...positions.keys()])) {
      const last = lastBarDate.get(ticker);
      if (last === undefined || last >= date) continue;
      const held = positions.get(ticker) ?? 0;
      if (held > 0) {
        const price = closeAt(ticker, k)!;
        sell({
          date,
          ticker,
          quantity: held,
          price,
          reason: 'DATA_ENDED',
          limitPrice: null,
          openBeyondLimit: false,
          plannedQuantity: held,
        });
      }
      const kind = ticker === safeAsset ? 'SAFE_ASSET_DATA_ENDED' : 'DROPPED_DATA_ENDED';
      if (ticker === safeAsset) safeAsset = CASH;
      universe = universe.filter((t) => t !== ticker);
      run.events.push({ date, ticker, lastBarDate: last, kind, liquidatedQuantity: held });
    }
  };

  const executeLeg = (leg: RebalanceLeg, date: KstDate, k: number): void => {
    const barIndex = index.get(leg.ticker)?.onDay[k] ?? -1;
    if (barIndex < 0) {
      run.unfilled.push({
        date,
        ticker: leg.ticker,
        side: leg.side,
        quantity: leg.quantity,
        reason: 'NO_BAR_ON_DAY',
      });
      return;
    }
    const open = nearestTick(barsByTicker[leg.ticker]![barIndex]!.open, 'ETF');
    const price = slippedFillPrice(open, leg.side, config.slippageTicks);
    const openBeyondLimit = leg.side === 'BUY' ? open > leg.limitPrice : open < leg.limitPrice;
    const fill = {
      date,
      ticker: leg.ticker,
      price,
      reason: 'REBALANCE' as const,
      limitPrice: leg.limitPrice,
      openBeyondLimit,
      plannedQuantity: leg.quantity,
    };
    if (leg.side === 'SELL') {
      const quantity = Math.min(leg.quantity, positions.get(leg.ticker) ?? 0);
      if (quantity > 0) sell({ ...fill, quantity });
      return;
    }
    const quantity = affordableQuantity(leg.quantity, price, cash, config.commissionPpm);
    if (quantity < leg.quantity) {
      run.unfilled.push({
        date,
        ticker: leg.ticker,
        side: 'BUY',
        quantity: leg.quantity - quantity,
        reason: 'NO_CASH',
      });
    }
    if (quantity > 0) buy({ ...fill, quantity });
  };

  days.forEach((date, k) => {
    if (k > 0 && config.cashRateBp > 0 && cash > 0) {
      cash += mulDivFloor(cash, config.cashRateBp * calendarDaysBetween(days[k - 1]!, date), 10_000 * 365);
    }
    dropEndedTickers(date, k);
    const plan = planRebalance({
      date,
      calendar,
      barsByTicker,
      portfolio: { cash, positions: [...positions].map(([ticker, quantity]) => ({ ticker, quantity })) },
      config: { ...config.strategy, universe, safeAsset },
      nav: k === 0 ? cash : markToMarket(k - 1),
      force: k === 0,
    });
    if (plan.isRebalanceDay) run.plans.push(plan);
    for (const leg of plan.legs) executeLeg(leg, date, k);
    run.equity.push({ date, nav: markToMarket(k), cash });
  });

  run.finalCash = cash;
  run.finalPositions = [...positions].map(([ticker, quantity]) => ({ ticker, quantity }));
  return run;
}
