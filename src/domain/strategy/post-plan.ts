/**
 * What happens to a plan after `planRebalance`, shared by the live daily cycle (src/app/cycle/steps/strategy.ts)
 * and the backtester (src/backtest/engine.ts), so that both trade the same legs:
 *  1. `fitLegsToLimits` cuts each leg to what the risk guard's per-order limits accept;
 *  2. `guardLegsOffline` (backtest only; the live cycle runs the same `checkPlan` with fresh broker data) runs
 *     every guard rule that can be decided without a broker;
 *  3. `carryOverLegs` re-proposes, on each following trading day until the next plan, whatever the last
 *     plan's legs left undone (clipped by a limit, denied, or not filled at the limit price);
 *  4. `sentLimitPrice` is the limit the order goes out with (ExecutionService tightens a cycle leg toward the
 *     live quote at send time; the backtest uses the open as that quote);
 *  5. `limitOrderFill` is the backtest's fill model for a day limit order sent at the open.
 */
import { kstInstant, type KstDate, type TradingCalendar } from '../market';
import { mulDivFloor, priceBand, type Krw, type Shares } from '../money';
import { tightenLimitTowardQuote } from '../order';
import type { Quote, Side } from '../ports';
import { checkPlan, type BreakerKind, type RiskCode, type RiskLimits } from '../risk';
import type { StrategyConfig } from './config';
import { buildLegs, type PlanNote, type RebalanceLeg } from './legs';
import type { MomentumSignals } from './signals';
import type { TargetHolding } from './sizing';
import type { LocalizedText } from './text';

/** The guard limits a leg is cut to before it is proposed. */
export const FIT_LIMITS = ['MAX_ORDER_VALUE', 'FAT_FINGER', 'MAX_POSITION_WEIGHT'] as const;
export type FitLimit = (typeof FIT_LIMITS)[number];

export interface LegToFit {
  ticker: string;
  side: Side;
  quantity: number;
  limitPrice: number;
}

export interface FittedLeg<L extends LegToFit> {
  leg: L;
  /** ≤ the leg's quantity; 0 means the guard's limits leave nothing of it. */
  quantity: number;
  clippedBy: FitLimit | null;
  /** The limit's value in KRW (per order, cash share, or weight ceiling), for the note. */
  limitValue: number | null;
}

export interface FitInput<L extends LegToFit> {
  /** Sells first, as the plan orders them. */
  legs: readonly L[];
  /** The cash part of NAV (D+2), which the fat-finger rule measures against. */
  cash: number;
  positions: readonly { ticker: string; quantity: number; price: number }[];
  /** Fresh prices where known; positions fall back to their balance price, others to the limit price. */
  marks: ReadonlyMap<string, number>;
  limits: Pick<RiskLimits, 'maxOrderValue' | 'fatFingerCashBp' | 'maxPositionWeightBp'>;
}

/**
 * Cuts each leg to what the risk guard would accept, walking the plan as `checkPlan` does (sells first, each
 * leg's cash and holdings carried into the next): per-order value for every leg; for buys also the cash share
 * (fat finger) and the post-trade position weight. The strategy sizes for the portfolio it wants; the guard
 * decides what one day may send. What is cut is carried over (`carryOverLegs`) to the following trading days.
 */
export function fitLegsToLimits<L extends LegToFit>(input: FitInput<L>): FittedLeg<L>[] {
  const { limits } = input;
  let cash = input.cash;
  const held = new Map(input.positions.map((p) => [p.ticker, p.quantity]));
  const markOf = (ticker: string, fallback: number): number =>
    input.marks.get(ticker) ?? input.positions.find((p) => p.ticker === ticker)?.price ?? fallback;
  const equity = (): number => {
    let total = cash;
    for (const [ticker, quantity] of held) total += quantity * markOf(ticker, 0);
    return total;
  };

  const ordered = [
    ...input.legs.filter((l) => l.side === 'SELL'),
    ...input.legs.filter((l) => l.side !== 'SELL'),
  ];
  return ordered.map((leg) => {
    const caps: { limit: FitLimit; quantity: number; value: number }[] = [
      {
        limit: 'MAX_ORDER_VALUE',
        quantity: Math.floor(limits.maxOrderValue / leg.limitPrice),
        value: limits.maxOrderValue,
      },
    ];
    if (leg.side === 'BUY') {
      const cashCap = mulDivFloor(Math.max(cash, 0), limits.fatFingerCashBp, 10_000);
      caps.push({ limit: 'FAT_FINGER', quantity: Math.floor(cashCap / leg.limitPrice), value: cashCap });
      const weightCap = mulDivFloor(Math.max(equity(), 0), limits.maxPositionWeightBp, 10_000);
      const weightPrice = Math.max(leg.limitPrice, markOf(leg.ticker, leg.limitPrice));
      const room = Math.floor(weightCap / weightPrice) - (held.get(leg.ticker) ?? 0);
      caps.push({ limit: 'MAX_POSITION_WEIGHT', quantity: room, value: limits.maxPositionWeightBp });
    }
    let quantity = leg.quantity;
    let binding: (typeof caps)[number] | null = null;
    for (const cap of caps) {
      if (cap.quantity < quantity) {
        quantity = Math.max(0, cap.quantity);
        binding = cap;
      }
    }
    if (quantity > 0) {
      const value = quantity * leg.limitPrice;
      cash += leg.side === 'SELL' ? value : -value;
      held.set(leg.ticker, (held.get(leg.ticker) ?? 0) + (leg.side === 'SELL' ? -quantity : quantity));
    }
    return { leg, quantity, clippedBy: binding?.limit ?? null, limitValue: binding?.value ?? null };
  });
}

/**
 * Guard rules that depend only on the order, the portfolio, the calendar and the price the check sees, so a
 * backtest can apply them exactly as the live guard does: order count, order value, fat finger, position
 * weight, buying power, holdings, quantity, price tick, price band, session, and the limit's distance from
 * the quote (yesterday's close when proposed before the open, the opening print when sent — an open that
 * gaps beyond a limit by more than the distance gets the order denied at send, live and here), and the
 * breakers: the daily loss (equity at those prices against the day's first NAV) and the NAV floor, which
 * deny buys and put the desk in REDUCING (buys refused) for the rest of the day. Rules that need other live
 * broker data (quote age, NAV premium, instrument halts, blackouts) are not.
 */
export const OFFLINE_GUARD_CODES: ReadonlySet<RiskCode> = new Set<RiskCode>([
  'MAX_ORDERS_PER_DAY',
  'MAX_ORDER_VALUE',
  'FAT_FINGER',
  'MAX_POSITION_WEIGHT',
  'INSUFFICIENT_BUYING_POWER',
  'INSUFFICIENT_HOLDINGS',
  'INVALID_QUANTITY',
  'INVALID_PRICE',
  'PRICE_OFF_TICK',
  'PRICE_OUTSIDE_BAND',
  'PRICE_TOO_FAR_FROM_QUOTE',
  'MARKET_CLOSED',
  'DAILY_LOSS_LIMIT',
  'NAV_FLOOR',
  'TRADING_REDUCING',
]);

export interface OfflineGuardInput {
  date: KstDate;
  calendar: TradingCalendar;
  legs: readonly { ticker: string; side: Side; quantity: Shares; limitPrice: Krw }[];
  cash: Krw;
  positions: readonly { ticker: string; quantity: Shares }[];
  /** The quote per ticker the check sees: yesterday's close before the open, the open when an order is sent. */
  closes: ReadonlyMap<string, Krw>;
  /** Yesterday's close per ticker, the base of the ±30 % band (default: `closes`). */
  bases?: ReadonlyMap<string, Krw>;
  ordersToday: number;
  limits: RiskLimits;
  /** The day's first NAV (the daily-loss breaker's base); default: the equity the check sees (no loss). */
  startOfDayNav?: Krw;
  /** REDUCING after a breaker tripped earlier that day; default ACTIVE. */
  tradingState?: 'ACTIVE' | 'REDUCING';
}

export interface OfflineGuardResult {
  ticker: string;
  side: Side;
  /** null when the offline rules allow the leg. */
  deniedBy: RiskCode | null;
  /** A breaker condition held at this check: the desk trips to REDUCING (ExecutionService.applyBreaker). */
  breaker: BreakerKind | null;
}

/**
 * `checkPlan` (the live guard, sells first, each leg seeing the portfolio the earlier ones leave) at the
 * moment the paper session opens on `date`, with the portfolio as the backtest holds it; only the rules in
 * OFFLINE_GUARD_CODES decide. Results are in the order checked (sells first).
 */
export function guardLegsOffline(input: OfflineGuardInput): OfflineGuardResult[] {
  const { date, calendar, limits } = input;
  const now = kstInstant(date, calendar.isFirstTradingDayOfYear(date) ? 10 : 9, 0);
  const quotes: Quote[] = [];
  for (const ticker of new Set([...input.legs.map((l) => l.ticker)])) {
    const price = input.closes.get(ticker);
    if (price === undefined) continue;
    const base = input.bases?.get(ticker) ?? price;
    const band = priceBand(base, 'ETF');
    quotes.push({
      ticker,
      name: ticker,
      price,
      open: price,
      high: price,
      low: price,
      basePrice: base,
      upperLimit: band.upper,
      lowerLimit: band.lower,
      changeFromPrevious: 0,
      volume: 0,
      tickSize: 0,
      halted: false,
      asOf: now,
    });
  }
  const positions = input.positions
    .filter((p) => p.quantity > 0)
    .map((p) => ({
      ticker: p.ticker,
      quantity: p.quantity,
      orderableQuantity: p.quantity,
      price: input.closes.get(p.ticker) ?? 0,
    }));
  const equity = positions.reduce((sum, p) => sum + p.quantity * p.price, input.cash);
  const verdict = checkPlan({
    legs: input.legs.map((l) => ({
      kind: 'NEW' as const,
      ticker: l.ticker,
      side: l.side,
      quantity: l.quantity,
      orderType: 'LIMIT' as const,
      limitPrice: l.limitPrice,
    })),
    quotes,
    navs: quotes.map((q) => ({
      supported: true as const,
      ticker: q.ticker,
      nav: q.price,
      previousNav: q.price,
      premiumPercent: 0,
      asOf: now,
    })),
    account: {
      cash: input.cash,
      buyingPower: {
        ticker: input.legs[0]?.ticker ?? '',
        price: 0,
        orderableCash: input.cash,
        maxAmount: input.cash,
        maxQuantity: 0,
        asOf: now,
      },
      positions,
      startOfDayNav: input.startOfDayNav ?? equity,
      asOf: now,
    },
    openOrders: [],
    ordersToday: input.ordersToday,
    tradingState: input.tradingState ?? 'ACTIVE',
    environment: 'paper',
    calendar,
    now,
    limits,
  });
  return verdict.legs.map(({ order, verdict: v }) => {
    const failed = v.checks.find((c) => !c.ok && OFFLINE_GUARD_CODES.has(c.code));
    return {
      ticker: order.ticker,
      side: order.side,
      deniedBy: failed && !failed.ok ? failed.code : null,
      breaker: v.breaker ?? null,
    };
  });
}

/** The part of a plan the following trading days keep working towards. */
export interface PlanTargets {
  /** The plan's date. */
  date: KstDate;
  /** Every ticker a leg of the plan touched, with the holding the plan wanted (0 = full exit). */
  targets: { ticker: string; quantity: Shares }[];
}

export function planTargetsOf(date: KstDate, legs: readonly RebalanceLeg[]): PlanTargets {
  return { date, targets: legs.map((l) => ({ ticker: l.ticker, quantity: l.targetQuantity })) };
}

/** Tickers whose holding differs from the plan's target: what is still undone. */
export function undoneTargets(
  plan: PlanTargets,
  held: ReadonlyMap<string, Shares>,
): { ticker: string; held: Shares; target: Shares }[] {
  return plan.targets
    .map((t) => ({ ticker: t.ticker, held: held.get(t.ticker) ?? 0, target: t.quantity }))
    .filter((t) => t.held !== t.target);
}

export interface CarryInput {
  plan: PlanTargets;
  held: ReadonlyMap<string, Shares>;
  /** Tick-grid last close of a ticker with fresh data, or null (then no leg, and a MISSING_PRICE note). */
  priceOf: (ticker: string) => Krw | null;
  cash: Krw;
  config: Pick<StrategyConfig, 'minTradeValue' | 'limitOffsetTicks' | 'limitOffsetBp'>;
  rationale: (ticker: string, held: Shares, target: Shares) => LocalizedText;
}

/**
 * The carry-over rule: on a trading day after a plan and before the next one, the remainder of every leg
 * of the plan that is not done yet (holding ≠ the plan's target) is proposed again, priced from the last
 * close like any plan leg, sells first, buys cut to the cash, below-minimum remainders skipped (the same
 * `buildLegs` the plan uses). The legs then go through `fitLegsToLimits` and the guard like a plan's. What is
 * still undone when the next plan comes is abandoned: the new plan decides afresh.
 */
export function carryOverLegs(input: CarryInput): { legs: RebalanceLeg[]; notes: PlanNote[] } {
  const undone = undoneTargets(input.plan, input.held);
  const held = new Map(undone.map((u) => [u.ticker, u.held]));
  const targets = new Map<string, TargetHolding>();
  for (const u of undone) {
    if (u.target === 0) continue;
    targets.set(u.ticker, {
      ticker: u.ticker,
      role: 'MOMENTUM',
      quantity: u.target,
      price: 0,
      weightBp: 0,
      limit: 'EQUAL_WEIGHT',
    });
  }
  return buildLegs({
    order: undone.filter((u) => u.target > 0).map((u) => u.ticker),
    held,
    targets,
    priceOf: input.priceOf,
    cash: input.cash,
    config: input.config,
    rationale: (ticker, heldQuantity, target) => input.rationale(ticker, heldQuantity, target?.quantity ?? 0),
  });
}

export interface DayBar {
  open: Krw;
  high: Krw;
  low: Krw;
}

/**
 * The backtest's fill model for a day limit order sent at the open: a buy fills at the open if the open is at
 * or below the limit, else at the limit if the day's low reaches it, else not at all; a sell mirrors it (open
 * at or above the limit, else the limit if the high reaches it). Slippage moves an open fill against the
 * trade but never past the limit. Unlimited liquidity: all or nothing.
 */
export function limitOrderFill(
  side: Side,
  limitPrice: Krw,
  bar: DayBar,
  slip: (open: Krw) => Krw = (open) => open,
): { price: Krw; at: 'OPEN' | 'LIMIT' } | null {
  if (side === 'BUY') {
    if (bar.open <= limitPrice) return { price: Math.min(slip(bar.open), limitPrice), at: 'OPEN' };
    if (bar.low <= limitPrice) return { price: limitPrice, at: 'LIMIT' };
    return null;
  }
  if (bar.open >= limitPrice) return { price: Math.max(slip(bar.open), limitPrice), at: 'OPEN' };
  if (bar.high >= limitPrice) return { price: limitPrice, at: 'LIMIT' };
  return null;
}

/** Tick-grid last closes of the tickers with fresh data, as the plan prices its legs. */
export function freshPricesOf(signals: MomentumSignals): Map<string, Krw> {
  const prices = new Map<string, Krw>();
  for (const s of [signals.safe, ...signals.risk]) {
    if (s && s.lastClose !== null && s.status !== 'STALE_DATA' && s.status !== 'NO_DATA')
      prices.set(s.ticker, s.lastClose);
  }
  return prices;
}

/**
 * The limit a cycle leg is sent with: the plan's limit, tightened toward the quote at send time when the open
 * moved it beyond the guard's quote distance on the aggressive side (ExecutionService.limitFor does the same
 * with the live quote; the backtest passes the open).
 */
export function sentLimitPrice(side: Side, limitPrice: Krw, quote: Krw, maxQuoteDistanceBp: number): Krw {
  return tightenLimitTowardQuote(side, limitPrice, quote, maxQuoteDistanceBp);
}
