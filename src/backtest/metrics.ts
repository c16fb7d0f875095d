import type { KstDate } from '../domain/market';
import type { Krw } from '../domain/money';
import { calendarDaysBetween } from './days';
import type { EquityPoint, Fill } from './engine';

const TRADING_DAYS_PER_YEAR = 252;

export interface PerformanceMetrics {
  from: KstDate;
  to: KstDate;
  /** Calendar years from the first to the last day, inclusive of both (days / 365.25). */
  years: number;
  initialCapital: Krw;
  finalNav: Krw;
  totalReturn: number;
  cagr: number;
  /** Sample standard deviation of daily NAV returns × √252. */
  annualVolatility: number;
  /** (mean daily return − riskFree / 252) / daily standard deviation × √252. */
  sharpe: number;
  /** Largest peak-to-trough fall of the close-marked NAV, as a negative ratio. */
  maxDrawdown: number;
  maxDrawdownPeak: KstDate | null;
  maxDrawdownTrough: KstDate | null;
  /** Traded value (buys + sells) ÷ average NAV, per year. */
  annualTurnover: number;
  trades: number;
  commissionPaid: Krw;
}

export function computeMetrics(
  equity: readonly EquityPoint[],
  fills: readonly Fill[],
  initialCapital: Krw,
  riskFreeRate: number,
): PerformanceMetrics {
  const first = equity[0];
  const last = equity[equity.length - 1];
  if (!first || !last) throw new Error('no equity points: the backtest range has no trading days');
  const days = calendarDaysBetween(first.date, last.date) + 1;
  const years = days / 365.25;

  const returns: number[] = [];
  let previous = initialCapital;
  let peak = initialCapital;
  let peakDate: KstDate | null = null;
  let maxDrawdown = 0;
  let maxDrawdownPeak: KstDate | null = null;
  let maxDrawdownTrough: KstDate | null = null;
  let navSum = 0;
  for (const point of equity) {
    returns.push(previous > 0 ? point.nav / previous - 1 : 0);
    previous = point.nav;
    navSum += point.nav;
    if (point.nav > peak) {
      peak = point.nav;
      peakDate = point.date;
    }
    const drawdown = peak > 0 ? point.nav / peak - 1 : 0;
    if (drawdown < maxDrawdown) {
      maxDrawdown = drawdown;
      maxDrawdownPeak = peakDate ?? first.date;
      maxDrawdownTrough = point.date;
    }
  }
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const variance =
    returns.length > 1 ? returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (returns.length - 1) : 0;
  const dailySd = Math.sqrt(variance);
  const totalReturn = last.nav / initialCapital - 1;
  const traded = fills.reduce((sum, f) => sum + f.value, 0);
  return {
    from: first.date,
    to: last.date,
    years,
    initialCapital,
    finalNav: last.nav,
    totalReturn,
    cagr: last.nav > 0 ? (last.nav / initialCapital) ** (1 / years) - 1 : -1,
    annualVolatility: dailySd * Math.sqrt(TRADING_DAYS_PER_YEAR),
    sharpe:
      dailySd > 0
        ? ((mean - riskFreeRate / TRADING_DAYS_PER_YEAR) / dailySd) * Math.sqrt(TRADING_DAYS_PER_YEAR)
        : 0,
    maxDrawdown,
    maxDrawdownPeak,
    maxDrawdownTrough,
    annualTurnover: traded / (navSum / equity.length) / years,
    trades: fills.length,
    commissionPaid: fills.reduce((sum, f) => sum + f.commission, 0),
  };
}

/** Calendar-year returns of a close-marked NAV series, the first year measured from the initial capital. */
export function yearlyReturns(
  equity: readonly EquityPoint[],
  initialCapital: Krw,
): { year: number; return: number }[] {
  const out: { year: number; return: number }[] = [];
  let start = initialCapital;
  for (let i = 0; i < equity.length; i++) {
    const point = equity[i]!;
    const next = equity[i + 1];
    if (!next || next.date.slice(0, 4) !== point.date.slice(0, 4)) {
      out.push({ year: Number(point.date.slice(0, 4)), return: point.nav / start - 1 });
      start = point.nav;
    }
  }
  return out;
}
