/**
 * Passive benchmarks with the backtest's costs and taxes: fixed weights (e.g. a static 50/50 069500/114260)
 * or an equal-weight universe, rebalanced to their weights on the first trading day of each month at the
 * open (sells first, then buys; slippage, commission, integer shares, the account's sale tax). No guard
 * limits apply: these are reference portfolios, not the desk's orders. A ticker without a bar on a
 * rebalance day keeps its holding until the next one; a ticker whose data has ended is sold at its last close.
 */
import { feeFor, mulDivFloor, nearestTick, type Krw, type Shares } from '../domain/money';
import type { KstDate, TradingCalendar } from '../domain/market';
import type { DailyBar } from '../domain/ports';
import type { BacktestConfig } from './config';
import type { EquityPoint, Fill } from './engine';
import { affordableQuantity, slippedFillPrice } from './fills';
import { etfTaxClass, liquidationTax, saleTax } from './tax';

export interface WeightedRun {
  label: string;
  equity: EquityPoint[];
  fills: Fill[];
  /** Withheld on sales plus what selling out on the last day would owe (tax.ts liquidationTax). */
  taxPaid: Krw;
  /** The last NAV less the tax due if sold out on the last day. */
  finalNavAfterTax: Krw;
}

export type Weights = (date: KstDate, available: readonly string[]) => Map<string, number>;

/** The same weights every month, over whichever of the tickers trade that day (renormalised). */
export const fixedWeights =
  (weights: Record<string, number>): Weights =>
  (_date, available) => {
    const present = Object.entries(weights).filter(([t]) => available.includes(t));
    const total = present.reduce((sum, [, w]) => sum + w, 0);
    return new Map(present.map(([t, w]) => [t, w / total]));
  };

/** Equal weight across the tickers that trade that day. */
export const equalWeights: Weights = (_date, available) =>
  new Map(available.map((t) => [t, 1 / available.length]));

export function runWeightedPortfolio(input: {
  label: string;
  tickers: readonly string[];
  weights: Weights;
  barsByTicker: Readonly<Record<string, readonly DailyBar[]>>;
  calendar: TradingCalendar;
  days: readonly KstDate[];
  config: Pick<BacktestConfig, 'capital' | 'slippageTicks' | 'commissionPpm' | 'accountType'>;
}): WeightedRun {
  const { config, days } = input;
  let cash: Krw = config.capital;
  const held = new Map<string, Shares>();
  const cost = new Map<string, Krw>();
  const pointer = new Map<string, number>(input.tickers.map((t) => [t, -1]));
  const equity: EquityPoint[] = [];
  const fills: Fill[] = [];
  let taxPaid = 0;
  let taxableGain = 0;
  const barOf = (t: string): DailyBar | undefined => input.barsByTicker[t]?.[pointer.get(t)!];
  const fill = (date: KstDate, ticker: string, side: 'BUY' | 'SELL', quantity: Shares, price: Krw) => {
    const value = quantity * price;
    const commission = feeFor(value, config.commissionPpm);
    let tax = 0;
    if (side === 'SELL') {
      const h = held.get(ticker)!;
      const basis = mulDivFloor(cost.get(ticker) ?? 0, quantity, h);
      cost.set(ticker, (cost.get(ticker) ?? 0) - basis);
      const gain = value - commission - basis;
      if (etfTaxClass(ticker) === 'OTHER') taxableGain += gain;
      tax = saleTax(config.accountType, ticker, gain);
      cash += value - commission - tax;
      held.set(ticker, h - quantity);
    } else {
      cash -= value + commission;
      cost.set(ticker, (cost.get(ticker) ?? 0) + value + commission);
      held.set(ticker, (held.get(ticker) ?? 0) + quantity);
    }
    taxPaid += tax;
    fills.push({
      date,
      ticker,
      side,
      quantity,
      price,
      value,
      commission,
      tax,
      reason: 'REBALANCE',
      limitPrice: null,
      filledAt: 'OPEN',
      openBeyondLimit: false,
      plannedQuantity: quantity,
    });
  };

  days.forEach((date, k) => {
    for (const t of input.tickers) {
      const bars = input.barsByTicker[t] ?? [];
      let i = pointer.get(t)!;
      while (i + 1 < bars.length && bars[i + 1]!.date <= date) i++;
      pointer.set(t, i);
      const last = bars[bars.length - 1];
      const q = held.get(t) ?? 0;
      if (q > 0 && last && last.date < date) fill(date, t, 'SELL', q, nearestTick(last.close, 'ETF'));
    }
    const trading = input.tickers.filter((t) => barOf(t)?.date === date);
    if (k === 0 || input.calendar.isFirstTradingDayOfMonth(date)) {
      const open = (t: string): Krw => nearestTick(barOf(t)!.open, 'ETF');
      let nav = cash;
      for (const [t, q] of held) if (q > 0) nav += q * nearestTick(barOf(t)?.close ?? 0, 'ETF');
      const weights = input.weights(date, trading);
      const target = new Map<string, Shares>();
      for (const t of trading) target.set(t, Math.floor(((weights.get(t) ?? 0) * nav) / open(t)));
      for (const t of trading) {
        const q = held.get(t) ?? 0;
        const want = target.get(t)!;
        if (q > want)
          fill(date, t, 'SELL', q - want, slippedFillPrice(open(t), 'SELL', config.slippageTicks));
      }
      for (const t of trading) {
        const q = held.get(t) ?? 0;
        const want = target.get(t)!;
        if (want <= q) continue;
        const price = slippedFillPrice(open(t), 'BUY', config.slippageTicks);
        const quantity = affordableQuantity(want - q, price, cash, config.commissionPpm);
        if (quantity > 0) fill(date, t, 'BUY', quantity, price);
      }
    }
    let nav = cash;
    for (const [t, q] of held) if (q > 0) nav += q * nearestTick(barOf(t)?.close ?? 0, 'ETF');
    equity.push({ date, nav, cash });
  });
  const last = equity[equity.length - 1];
  const unrealised = [...held]
    .filter(([, q]) => q > 0)
    .map(([t, q]) => ({
      ticker: t,
      gain: q * nearestTick(barOf(t)?.close ?? 0, 'ETF') - (cost.get(t) ?? 0),
    }));
  const due = liquidationTax(config.accountType, unrealised, taxableGain);
  return {
    label: input.label,
    equity,
    fills,
    taxPaid: taxPaid + due,
    finalNavAfterTax: (last?.nav ?? config.capital) - due,
  };
}
