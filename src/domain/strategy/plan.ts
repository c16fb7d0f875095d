import type { Krw, Shares } from '../money';
import type { KstDate, TradingCalendar } from '../market';
import type { DailyBar } from '../ports';
import { CASH, type StrategyConfig } from './config';
import { buildLegs, type PlanNote, type RebalanceLeg } from './legs';
import { legRationale } from './rationale';
import { computeMomentumSignals, type MomentumSignals } from './signals';
import { isPlanDay } from './schedule';
import {
  sizeMomentumPosition,
  sizeSafePosition,
  sweptSafeQuantity,
  weightBpOf,
  type TargetHolding,
} from './sizing';
import { localized } from './text';

export interface PortfolioSnapshot {
  cash: Krw;
  positions: { ticker: string; quantity: Shares }[];
}

export interface PlanInput {
  /** The decision date (KST). Only bars dated before it are used. */
  date: KstDate;
  calendar: TradingCalendar;
  /** Integer daily bars per ticker, ascending. May include bars on or after `date`: they are ignored. */
  barsByTicker: Readonly<Record<string, readonly DailyBar[]>>;
  portfolio: PortfolioSnapshot;
  config: StrategyConfig;
  /** Account value (cash + holdings at the last close), integer KRW. */
  nav: Krw;
  /** Rebalance even when `date` is not the first trading day of its month (first backtest day, manual run). */
  force?: boolean;
}

export interface RebalancePlan {
  date: KstDate;
  isRebalanceDay: boolean;
  /** The latest bar date any signal used; null when there was no data at all. */
  dataAsOf: KstDate | null;
  signals: MomentumSignals;
  /** Empty when it is not a rebalance day. */
  targets: TargetHolding[];
  /** Sells first, then buys. Empty when it is not a rebalance day. */
  legs: RebalanceLeg[];
  notes: PlanNote[];
}

export class StrategyConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid strategy config: ${problems.join('; ')}`);
    this.name = 'StrategyConfigError';
  }
}

/**
 * Invariants the arithmetic relies on. Cheap, because the backtester calls this every simulated day; the
 * full validation is `strategyConfigSchema` where a config enters the program (CLI flags, environment).
 */
function planInputProblems({ config, nav, portfolio }: PlanInput): string[] {
  const problems: string[] = [];
  const positiveInt = (name: string, v: number, min = 1): void => {
    if (!Number.isSafeInteger(v) || v < min) problems.push(`${name} must be an integer ≥ ${min}, got ${v}`);
  };
  positiveInt('topN', config.topN);
  positiveInt('lookbackDays', config.lookbackDays);
  positiveInt('skipDays', config.skipDays, 0);
  positiveInt('atrDays', config.atrDays);
  positiveInt('riskBudgetBp', config.riskBudgetBp);
  positiveInt('maxPositionWeightBp', config.maxPositionWeightBp);
  positiveInt('minTradeValue', config.minTradeValue, 0);
  positiveInt('limitOffsetTicks', config.limitOffsetTicks, 0);
  positiveInt('limitOffsetBp', config.limitOffsetBp, 0);
  positiveInt('cashReserveBp', config.cashReserveBp, 0);
  positiveInt('maxStaleTradingDays', config.maxStaleTradingDays, 0);
  positiveInt('rebalanceOffsetDays', config.rebalanceOffsetDays, 0);
  if (config.skipDays >= config.lookbackDays) problems.push('skipDays must be smaller than lookbackDays');
  if (!(config.atrMultiplier > 0))
    problems.push(`atrMultiplier must be positive, got ${config.atrMultiplier}`);
  if (!Number.isSafeInteger(nav)) problems.push(`nav must be integer KRW, got ${nav}`);
  if (!Number.isSafeInteger(portfolio.cash)) problems.push(`cash must be integer KRW, got ${portfolio.cash}`);
  for (const p of portfolio.positions) positiveInt(`quantity of ${p.ticker}`, p.quantity, 0);
  return problems;
}

/**
 * The whole strategy as one pure function, called by the live daily cycle and by the backtester:
 * signals every day; on the first trading day of the month (or when forced) target holdings and the legs
 * that reach them.
 */
export function planRebalance(input: PlanInput): RebalancePlan {
  const problems = planInputProblems(input);
  if (problems.length > 0) throw new StrategyConfigError(problems);
  const { date, calendar, config, portfolio, nav } = input;
  const signals = computeMomentumSignals(input);
  const dates = [signals.safe, ...signals.risk].map((s) => s?.lastBarDate).filter((d): d is string => !!d);
  const dataAsOf = dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
  const isRebalanceDay = input.force === true || isPlanDay(date, calendar, config.rebalanceOffsetDays);
  if (!isRebalanceDay) return { date, isRebalanceDay, dataAsOf, signals, targets: [], legs: [], notes: [] };

  const notes: PlanNote[] = [];
  const targets: TargetHolding[] = [];
  for (const ticker of signals.selected) {
    const s = signals.risk.find((r) => r.ticker === ticker)!;
    const price = s.lastClose!;
    const { quantity, limit } = sizeMomentumPosition(nav, price, s.atr!, config);
    targets.push({
      ticker,
      role: 'MOMENTUM',
      quantity,
      price,
      weightBp: weightBpOf(quantity, price, nav),
      limit,
    });
  }
  const emptySlots = config.topN - signals.selected.length;
  const safePrice = signals.safe && signals.safe.status !== 'STALE_DATA' ? signals.safe.lastClose : null;
  const momentumValue = targets.reduce((sum, t) => sum + t.quantity * t.price, 0);
  const sweep = config.cashSweep && safePrice !== null && safePrice > 0 && config.safeAsset !== CASH;
  if (sweep) {
    const quantity = sweptSafeQuantity(nav, momentumValue, safePrice, config);
    if (quantity > 0)
      targets.push({
        ticker: config.safeAsset,
        role: 'SAFE',
        quantity,
        price: safePrice,
        weightBp: weightBpOf(quantity, safePrice, nav),
        limit: 'CASH_SWEEP',
      });
  } else if (emptySlots > 0 && config.safeAsset !== CASH) {
    if (safePrice === null) {
      const safe = config.safeAsset;
      notes.push({
        code: 'SAFE_ASSET_UNAVAILABLE',
        ticker: safe,
        text: localized((m) => m.notes.safeAssetUnavailable({ safe })),
      });
    } else {
      const quantity = sizeSafePosition(nav, safePrice, emptySlots, config);
      const weightBp = weightBpOf(quantity, safePrice, nav);
      targets.push({
        ticker: config.safeAsset,
        role: 'SAFE',
        quantity,
        price: safePrice,
        weightBp,
        limit: 'SAFE_SLOTS',
      });
    }
  }

  const managed = new Set([...config.universe, ...(config.safeAsset === CASH ? [] : [config.safeAsset])]);
  const held = new Map<string, Shares>();
  for (const p of portfolio.positions) {
    if (p.quantity <= 0) continue;
    if (managed.has(p.ticker)) held.set(p.ticker, (held.get(p.ticker) ?? 0) + p.quantity);
    else {
      const ticker = p.ticker;
      notes.push({
        code: 'UNMANAGED_HOLDING',
        ticker,
        text: localized((m) => m.notes.unmanagedHolding({ ticker })),
      });
    }
  }
  const freshPrice = new Map<string, Krw>();
  for (const s of [signals.safe, ...signals.risk]) {
    if (s && s.lastClose !== null && s.status !== 'STALE_DATA' && s.status !== 'NO_DATA')
      freshPrice.set(s.ticker, s.lastClose);
  }
  const targetMap = new Map(targets.map((t) => [t.ticker, t]));
  const built = buildLegs({
    order: targets.map((t) => t.ticker),
    held,
    targets: targetMap,
    priceOf: (ticker) => freshPrice.get(ticker) ?? null,
    cash: portfolio.cash,
    config,
    rationale: (ticker, heldQuantity, target) =>
      legRationale(ticker, heldQuantity, target, { signals, config, emptySlots, swept: sweep }),
  });
  return {
    date,
    isRebalanceDay,
    dataAsOf,
    signals,
    targets,
    legs: built.legs,
    notes: [...notes, ...built.notes],
  };
}
