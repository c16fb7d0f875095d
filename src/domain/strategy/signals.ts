import { nearestTick, type Krw } from '../money';
import type { KstDate, TradingCalendar } from '../market';
import type { DailyBar } from '../ports';
import type { SignalProblem } from '../../i18n/ko/strategy';
import { lastBarIndexBefore } from './bars';
import { CASH, type StrategyConfig } from './config';
import { averageTrueRange, skipMonthRateOfChange } from './indicators';

export type SignalStatus = 'RANKED' | SignalProblem;

export interface MomentumSignal {
  ticker: string;
  status: SignalStatus;
  /** Date of the last bar the decision used (always before the decision date). */
  lastBarDate: KstDate | null;
  /** That bar's close snapped to the ETF tick grid: integer KRW. */
  lastClose: Krw | null;
  /** 12-1 rate of change (a ratio, e.g. 0.234 = +23.4 %). */
  roc: number | null;
  /** ATR in KRW per share. */
  atr: number | null;
  /** 1 = strongest among the ranked risk assets; null when not ranked. */
  rank: number | null;
  aboveHurdle: boolean;
  selected: boolean;
}

export interface Hurdle {
  /** The safe ETF, or 'CASH'. */
  ticker: string;
  /** The return a risk asset must beat: the safe asset's 12-1 return, or 0 for cash or a safe ETF without one. */
  roc: number;
}

export interface MomentumSignals {
  hurdle: Hurdle;
  /** Risk assets, ranked ones first by rank, then the unranked ones in universe order. */
  risk: MomentumSignal[];
  /** The safe ETF's own signal; null when the safe asset is cash. */
  safe: MomentumSignal | null;
  /** Tickers picked for the momentum slots, best first (at most topN). */
  selected: string[];
}

export interface SignalInput {
  date: KstDate;
  calendar: TradingCalendar;
  barsByTicker: Readonly<Record<string, readonly DailyBar[]>>;
  config: StrategyConfig;
}

/**
 * The oldest last-bar date that still counts as fresh: `maxStale` missing trading days are tolerated (thin
 * ETFs have days without trades and so without bars). Computed once per decision, not per ticker.
 */
export function freshnessCutoff(date: KstDate, calendar: TradingCalendar, maxStale: number): KstDate {
  let cutoff = calendar.previousTradingDay(date);
  for (let missing = 0; missing < maxStale; missing++) cutoff = calendar.previousTradingDay(cutoff);
  return cutoff;
}

export function tickerSignal(
  ticker: string,
  bars: readonly DailyBar[] | undefined,
  date: KstDate,
  cutoff: KstDate,
  config: StrategyConfig,
): MomentumSignal {
  const end = bars ? lastBarIndexBefore(bars, date) : -1;
  const last = bars?.[end];
  const signal: MomentumSignal = {
    ticker,
    status: 'NO_DATA',
    lastBarDate: null,
    lastClose: null,
    roc: null,
    atr: null,
    rank: null,
    aboveHurdle: false,
    selected: false,
  };
  if (!bars || !last) return signal;
  signal.lastBarDate = last.date;
  signal.lastClose = nearestTick(last.close, 'ETF');
  if (last.date < cutoff) {
    signal.status = 'STALE_DATA';
    return signal;
  }
  signal.roc = skipMonthRateOfChange(bars, end, config.lookbackDays, config.skipDays);
  signal.atr = averageTrueRange(bars, end, config.atrDays);
  signal.status = signal.roc === null || signal.atr === null ? 'INSUFFICIENT_HISTORY' : 'RANKED';
  return signal;
}

/**
 * Relative plus absolute momentum: rank the risk universe by 12-1 return (ties by ticker), and keep the best
 * `topN` whose return is strictly above the hurdle (the safe asset's 12-1 return, or 0 % for cash).
 */
export function computeMomentumSignals(input: SignalInput): MomentumSignals {
  const { config, barsByTicker, date } = input;
  const cutoff = freshnessCutoff(date, input.calendar, config.maxStaleTradingDays);
  const signalOf = (ticker: string): MomentumSignal =>
    tickerSignal(ticker, barsByTicker[ticker], date, cutoff, config);
  const safe = config.safeAsset === CASH ? null : signalOf(config.safeAsset);
  const hurdle: Hurdle = { ticker: config.safeAsset, roc: safe?.status === 'RANKED' ? safe.roc! : 0 };
  const riskTickers = [...new Set(config.universe)].filter((t) => t !== config.safeAsset);
  const signals = riskTickers.map(signalOf);
  const ranked = signals
    .filter((s) => s.status === 'RANKED')
    .sort((a, b) => b.roc! - a.roc! || (a.ticker < b.ticker ? -1 : 1));
  const selected: string[] = [];
  ranked.forEach((s, i) => {
    s.rank = i + 1;
    s.aboveHurdle = s.roc! > hurdle.roc;
    if (s.aboveHurdle && selected.length < config.topN) {
      s.selected = true;
      selected.push(s.ticker);
    }
  });
  const unranked = signals.filter((s) => s.status !== 'RANKED');
  return { hurdle, risk: [...ranked, ...unranked], safe, selected };
}
