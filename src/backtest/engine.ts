import { feeFor, mulDivFloor, nearestTick, type Krw, type Shares } from '../domain/money';
import type { KstDate, TradingCalendar } from '../domain/market';
import type { DailyBar, Side } from '../domain/ports';
import type { RiskCode } from '../domain/risk';
import { CASH } from '../domain/strategy/config';
import type { RebalanceLeg } from '../domain/strategy/legs';
import { planRebalance, type RebalancePlan } from '../domain/strategy/plan';
import {
  carryOverLegs,
  fitLegsToLimits,
  freshPricesOf,
  guardLegsOffline,
  limitOrderFill,
  planTargetsOf,
  sentLimitPrice,
  undoneTargets,
  type FitLimit,
  type PlanTargets,
} from '../domain/strategy/post-plan';
import type { BacktestConfig } from './config';
import { calendarDaysBetween } from './days';
import { affordableQuantity, slippedFillPrice } from './fills';
import { etfTaxClass, liquidationTax, saleTax } from './tax';

export interface Fill {
  date: KstDate;
  ticker: string;
  side: Side;
  quantity: Shares;
  price: Krw;
  value: Krw;
  commission: Krw;
  tax: Krw;
  reason: 'REBALANCE' | 'CARRY_OVER' | 'DATA_ENDED' | 'OVERLAY_EXIT';
  /** The order's limit price (null for forced liquidations). */
  limitPrice: Krw | null;
  /** Where the limit order filled: at the open, or at its own limit when the day's range reached it. */
  filledAt: 'OPEN' | 'LIMIT' | 'CLOSE';
  /** The open was already beyond the limit (only a LIMIT fill can have this). */
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
  reason: 'NO_BAR_ON_DAY' | 'NO_CASH' | 'LIMIT_NOT_REACHED';
}

/** One limit order the backtest sent: what the live desk would have sent that morning. */
export interface BacktestOrder {
  date: KstDate;
  ticker: string;
  side: Side;
  quantity: Shares;
  limitPrice: Krw;
  kind: 'PLAN' | 'CARRY_OVER';
}

/** A leg the post-plan path cut: clipped to a guard limit, or denied by an offline guard rule. */
export interface ClippedLeg {
  date: KstDate;
  ticker: string;
  side: Side;
  plannedQuantity: Shares;
  quantity: Shares;
  by: FitLimit | RiskCode;
  kind: 'PLAN' | 'CARRY_OVER';
}

/** A ticker of a plan still not at its target when the next plan (or the end of the run) came. */
export interface AbandonedLeg {
  planDate: KstDate;
  abandonedOn: KstDate;
  ticker: string;
  held: Shares;
  target: Shares;
}

export interface BacktestRun {
  days: KstDate[];
  equity: EquityPoint[];
  fills: Fill[];
  /** Plans of the rebalance days only. */
  plans: RebalancePlan[];
  /** Every order sent, plan and carry-over, in the order sent (sells first each day). */
  orders: BacktestOrder[];
  clipped: ClippedLeg[];
  abandoned: AbandonedLeg[];
  events: UniverseEvent[];
  unfilled: UnfilledLeg[];
  finalCash: Krw;
  finalPositions: { ticker: string; quantity: Shares }[];
  /** Net realised gain of non-domestic-equity ETFs (the ISA's tax base). */
  taxableGain: Krw;
  /** Tax withheld on sales plus the tax due if sold out on the last day (tax.ts liquidationTax). */
  taxPaid: Krw;
  /** The last NAV less the tax due if sold out on the last day: the after-tax liquidation value. */
  finalNavAfterTax: Krw;
}

export interface BacktestInput {
  barsByTicker: Readonly<Record<string, readonly DailyBar[]>>;
  calendar: TradingCalendar;
  config: BacktestConfig;
  /** Optional exit overlay (src/backtest/overlay.ts); without it the run is the plain strategy. */
  exitHook?: BacktestExitHook;
}

/**
 * Sells an overlay decides on a day's bar after that day's orders, each at a price inside the bar. A ticker
 * it sells is no longer carried over: the next plan decides afresh.
 */
export interface BacktestExitHook {
  exits(day: {
    date: KstDate;
    positions: ReadonlyMap<string, Shares>;
    /** Purchase cost per share (commission included, integer KRW). */
    averageCost: (ticker: string) => Krw;
  }): { ticker: string; quantity: Shares; price: Krw; atOpen: boolean }[];
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
 * Daily simulation on the calendar's trading days, through the same post-plan path as the live cycle
 * (src/domain/strategy/post-plan.ts). Each morning the strategy plans with the bars before that day (the same
 * `planRebalance` the live cycle calls). On a plan day its legs, on the days after it the carry-over of what
 * the plan left undone (`carryOverLegs`), are cut to the guard's per-order limits (`fitLegsToLimits`) and
 * checked by the offline guard rules (`guardLegsOffline`), exactly as the cycle does before it sends them.
 * Each order is a day limit order that fills by `limitOrderFill` on that day's bar (open if marketable, else
 * its limit if the range reaches it, else not at all), sells before buys, commission on every fill, integer
 * shares and KRW; buys are also cut to the cash on hand. NAV is marked at each close. A ticker whose data has
 * ended is dropped from the universe the next trading day and any holding is sold at its last close.
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
  let pendingPlan: PlanTargets | null = null;
  /**
   * The desk's trading state within the day: a breaker (daily loss, NAV floor) trips it to REDUCING and buys
   * are refused for the rest of the day. The desk never resumes by itself; the backtest (and the replay
   * check) assume the owner resumes before the next morning's cycle.
   */
  let reducing = false;
  let startOfDayNav: Krw = config.capital;
  const run: BacktestRun = {
    days,
    equity: [],
    fills: [],
    plans: [],
    orders: [],
    clipped: [],
    abandoned: [],
    events: [],
    unfilled: [],
    finalCash: 0,
    finalPositions: [],
    taxableGain: 0,
    taxPaid: 0,
    finalNavAfterTax: 0,
  };

  const closeAt = (ticker: string, k: number): Krw | null => {
    const i = index.get(ticker)?.atOrBefore[k] ?? -1;
    return i < 0 ? null : nearestTick(barsByTicker[ticker]![i]!.close, 'ETF');
  };
  /** The last close before day k (what a morning decision sees), on the tick grid. */
  const priorClose = (ticker: string, k: number): Krw | null => {
    const at = index.get(ticker);
    if (!at) return null;
    let i = at.atOrBefore[k]!;
    if (i >= 0 && at.onDay[k] === i) i--;
    return i < 0 ? null : nearestTick(barsByTicker[ticker]![i]!.close, 'ETF');
  };
  const markToMarket = (k: number): Krw => {
    let nav = cash;
    for (const [ticker, quantity] of positions) nav += quantity * (closeAt(ticker, k) ?? 0);
    return nav;
  };
  /** Purchase cost per ticker (average-cost basis, integer KRW) for the tax on gains. */
  const cost = new Map<string, Krw>();
  const sell = (fill: Omit<Fill, 'side' | 'value' | 'commission' | 'tax'>): void => {
    const value = fill.quantity * fill.price;
    const commission = feeFor(value, config.commissionPpm);
    const held = positions.get(fill.ticker) ?? 0;
    const basis = held > 0 ? mulDivFloor(cost.get(fill.ticker) ?? 0, fill.quantity, held) : 0;
    cost.set(fill.ticker, (cost.get(fill.ticker) ?? 0) - basis);
    const gain = value - commission - basis;
    if (etfTaxClass(fill.ticker) === 'OTHER') run.taxableGain += gain;
    const tax = feeFor(value, config.sellTaxPpm) + saleTax(config.accountType, fill.ticker, gain);
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
    cost.set(fill.ticker, (cost.get(fill.ticker) ?? 0) + value + commission);
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
          filledAt: 'CLOSE',
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

  /**
   * Sends one order at the open as ExecutionService does: the limit tightened toward the opening quote, the
   * guard's offline rules checked again on the portfolio as it is at that moment (the earlier orders of the
   * day filled), then the fill model. A denied order is never sent.
   */
  const executeOrder = (
    proposed: BacktestOrder,
    plannedQuantity: Shares,
    k: number,
    sentToday: number,
  ): boolean => {
    const { date } = proposed;
    const unfilled = (quantity: Shares, reason: UnfilledLeg['reason']) =>
      run.unfilled.push({ date, ticker: proposed.ticker, side: proposed.side, quantity, reason });
    const barIndex = index.get(proposed.ticker)?.onDay[k] ?? -1;
    if (barIndex < 0) {
      unfilled(proposed.quantity, 'NO_BAR_ON_DAY');
      return false;
    }
    const raw = barsByTicker[proposed.ticker]![barIndex]!;
    const bar = {
      open: nearestTick(raw.open, 'ETF'),
      high: nearestTick(raw.high, 'ETF'),
      low: nearestTick(raw.low, 'ETF'),
    };
    const order = {
      ...proposed,
      limitPrice: sentLimitPrice(
        proposed.side,
        proposed.limitPrice,
        bar.open,
        config.limits.maxQuoteDistanceBp,
      ),
    };
    const opens = new Map<string, Krw>();
    const bases = new Map<string, Krw>();
    for (const ticker of new Set([order.ticker, ...positions.keys()])) {
      const i = index.get(ticker)?.onDay[k] ?? -1;
      const prior = priorClose(ticker, k);
      const price = i >= 0 ? nearestTick(barsByTicker[ticker]![i]!.open, 'ETF') : prior;
      if (price !== null) opens.set(ticker, price);
      if (prior !== null) bases.set(ticker, prior);
    }
    const [release] = guardLegsOffline({
      date,
      calendar,
      legs: [order],
      cash,
      positions: [...positions].map(([ticker, quantity]) => ({ ticker, quantity })),
      closes: opens,
      bases,
      ordersToday: sentToday,
      limits: config.limits,
      startOfDayNav,
      tradingState: reducing ? 'REDUCING' : 'ACTIVE',
    });
    if (release?.breaker) reducing = true;
    if (release?.deniedBy) {
      run.clipped.push({
        date,
        ticker: order.ticker,
        side: order.side,
        plannedQuantity,
        quantity: 0,
        by: release.deniedBy,
        kind: order.kind,
      });
      return false;
    }
    run.orders.push(order);
    const filled = limitOrderFill(order.side, order.limitPrice, bar, (open) =>
      slippedFillPrice(open, order.side, config.slippageTicks),
    );
    if (filled === null) {
      unfilled(order.quantity, 'LIMIT_NOT_REACHED');
      return true;
    }
    const fill = {
      date,
      ticker: order.ticker,
      price: filled.price,
      reason: order.kind === 'PLAN' ? ('REBALANCE' as const) : ('CARRY_OVER' as const),
      limitPrice: order.limitPrice,
      filledAt: filled.at,
      openBeyondLimit: filled.at === 'LIMIT',
      plannedQuantity,
    };
    if (order.side === 'SELL') {
      const quantity = Math.min(order.quantity, positions.get(order.ticker) ?? 0);
      if (quantity > 0) sell({ ...fill, quantity });
      return true;
    }
    const quantity = affordableQuantity(order.quantity, filled.price, cash, config.commissionPpm);
    if (quantity < order.quantity) unfilled(order.quantity - quantity, 'NO_CASH');
    if (quantity > 0) buy({ ...fill, quantity });
    return true;
  };

  /** The post-plan path of one morning: fit to the limits, the offline guard, then the orders. */
  const trade = (legs: readonly RebalanceLeg[], kind: BacktestOrder['kind'], date: KstDate, k: number) => {
    if (legs.length === 0) return;
    const closes = new Map<string, Krw>();
    for (const ticker of new Set([...legs.map((l) => l.ticker), ...positions.keys()])) {
      const close = priorClose(ticker, k);
      if (close !== null) closes.set(ticker, close);
    }
    const positionList = [...positions].map(([ticker, quantity]) => ({
      ticker,
      quantity,
      price: closes.get(ticker) ?? 0,
    }));
    const fitted = fitLegsToLimits({
      legs,
      cash,
      positions: positionList,
      marks: closes,
      limits: config.limits,
    });
    const sent = fitted.filter((f) => f.quantity > 0);
    for (const f of fitted) {
      if (f.clippedBy === null) continue;
      run.clipped.push({
        date,
        ticker: f.leg.ticker,
        side: f.leg.side,
        plannedQuantity: f.leg.quantity,
        quantity: f.quantity,
        by: f.clippedBy,
        kind,
      });
    }
    const verdicts = guardLegsOffline({
      date,
      calendar,
      legs: sent.map((f) => ({ ...f.leg, quantity: f.quantity })),
      cash,
      positions: positionList,
      closes,
      ordersToday: 0,
      limits: config.limits,
      startOfDayNav,
      tradingState: reducing ? 'REDUCING' : 'ACTIVE',
    });
    const orders: { order: BacktestOrder; planned: Shares }[] = [];
    for (const f of sent) {
      const verdict = verdicts.find((v) => v.ticker === f.leg.ticker && v.side === f.leg.side);
      // ApprovalService.propose checks each intent alone against the morning's account (before any sell of
      // the plan has filled): a buy the sells would fund can be refused there and waits for the carry-over.
      const [alone] = guardLegsOffline({
        date,
        calendar,
        legs: [{ ...f.leg, quantity: f.quantity }],
        cash,
        positions: positionList,
        closes,
        ordersToday: 0,
        limits: config.limits,
        startOfDayNav,
        tradingState: reducing ? 'REDUCING' : 'ACTIVE',
      });
      if (alone?.breaker) reducing = true;
      const deniedBy = verdict?.deniedBy ?? alone?.deniedBy ?? null;
      if (deniedBy) {
        run.clipped.push({
          date,
          ticker: f.leg.ticker,
          side: f.leg.side,
          plannedQuantity: f.leg.quantity,
          quantity: 0,
          by: deniedBy,
          kind,
        });
        continue;
      }
      const order: BacktestOrder = {
        date,
        ticker: f.leg.ticker,
        side: f.leg.side,
        quantity: f.quantity,
        limitPrice: f.leg.limitPrice,
        kind,
      };
      orders.push({ order, planned: f.leg.quantity });
    }
    let sentToday = 0;
    for (const { order, planned } of orders) if (executeOrder(order, planned, k, sentToday)) sentToday++;
  };

  const abandonPending = (date: KstDate): void => {
    if (pendingPlan === null) return;
    for (const u of undoneTargets(pendingPlan, positions))
      run.abandoned.push({ planDate: pendingPlan.date, abandonedOn: date, ...u });
    pendingPlan = null;
  };

  const exitByHook = (hook: BacktestExitHook, date: KstDate): void => {
    const averageCost = (ticker: string): Krw =>
      Math.floor((cost.get(ticker) ?? 0) / Math.max(1, positions.get(ticker) ?? 0));
    for (const exit of hook.exits({ date, positions, averageCost })) {
      const quantity = Math.min(exit.quantity, positions.get(exit.ticker) ?? 0);
      if (quantity <= 0) continue;
      sell({
        date,
        ticker: exit.ticker,
        quantity,
        price: exit.price,
        reason: 'OVERLAY_EXIT',
        limitPrice: exit.atOpen ? null : exit.price,
        filledAt: exit.atOpen ? 'OPEN' : 'LIMIT',
        openBeyondLimit: false,
        plannedQuantity: quantity,
      });
      if (pendingPlan)
        pendingPlan = {
          ...pendingPlan,
          targets: pendingPlan.targets.filter((t) => t.ticker !== exit.ticker),
        };
    }
  };

  days.forEach((date, k) => {
    if (k > 0 && config.cashRateBp > 0 && cash > 0) {
      cash += mulDivFloor(cash, config.cashRateBp * calendarDaysBetween(days[k - 1]!, date), 10_000 * 365);
    }
    dropEndedTickers(date, k);
    reducing = false;
    startOfDayNav = k === 0 ? cash : markToMarket(k - 1);
    const plan = planRebalance({
      date,
      calendar,
      barsByTicker,
      portfolio: { cash, positions: [...positions].map(([ticker, quantity]) => ({ ticker, quantity })) },
      config: {
        ...config.strategy,
        universe,
        safeAsset,
        // As the cycle runs it (cycleStrategyConfig): never a weight the guard would refuse.
        maxPositionWeightBp: Math.min(config.strategy.maxPositionWeightBp, config.limits.maxPositionWeightBp),
      },
      nav: k === 0 ? cash : markToMarket(k - 1),
      force: k === 0 && config.forceFirstDay,
    });
    if (plan.isRebalanceDay) {
      run.plans.push(plan);
      abandonPending(date);
      pendingPlan = planTargetsOf(date, plan.legs);
      trade(plan.legs, 'PLAN', date, k);
    } else if (pendingPlan !== null && config.carryOver) {
      const prices = freshPricesOf(plan.signals);
      const carried = carryOverLegs({
        plan: pendingPlan,
        held: positions,
        priceOf: (ticker) => prices.get(ticker) ?? null,
        cash,
        config: config.strategy,
        rationale: () => ({ ko: '', en: '' }),
      });
      trade(carried.legs, 'CARRY_OVER', date, k);
    }
    if (input.exitHook) exitByHook(input.exitHook, date);
    run.equity.push({ date, nav: markToMarket(k), cash });
  });
  if (days.length > 0) abandonPending(days[days.length - 1]!);

  run.finalCash = cash;
  run.finalPositions = [...positions].map(([ticker, quantity]) => ({ ticker, quantity }));
  const lastNav = run.equity.at(-1)?.nav ?? cash;
  // What the account would still owe if sold out on the last day (taxable: 15.4 % of the open gains of
  // "기타 ETF"; ISA: its closing tax, which counts those gains too), so every after-tax figure is a
  // liquidation value.
  const unrealised = [...positions].map(([ticker, quantity]) => ({
    ticker,
    gain: quantity * (closeAt(ticker, days.length - 1) ?? 0) - (cost.get(ticker) ?? 0),
  }));
  const closing = liquidationTax(config.accountType, unrealised, run.taxableGain);
  run.taxPaid = run.fills.reduce((sum, f) => sum + f.tax, 0) + closing;
  run.finalNavAfterTax = lastNav - closing;
  return run;
}
