import { loadTradingCalendar } from '../adapters/calendar/load';
import { availablePriceTickers, loadDailyPrices, loadEtfManifest } from '../adapters/prices/load';
import type { TradingCalendar } from '../domain/market';
import type { DailyBar } from '../domain/ports';
import { backtestCalendar } from './calendar';
import { toIntegerBars } from './integer-bars';

export interface BacktestData {
  barsByTicker: Record<string, DailyBar[]>;
  calendar: TradingCalendar;
  names: Record<string, string>;
}

export class UnknownTickerError extends Error {
  constructor(
    readonly tickers: string[],
    readonly available: string[],
  ) {
    super(`no daily price data for ${tickers.join(', ')} (available: ${available.join(', ')})`);
    this.name = 'UnknownTickerError';
  }
}

/** Integer bars of the shipped KRX files for these tickers, and the calendar extended to their dates. */
export function loadBacktestData(tickers: readonly string[]): BacktestData {
  const available = availablePriceTickers();
  const unique = [...new Set(tickers)];
  const missing = unique.filter((t) => !available.includes(t));
  if (missing.length > 0) throw new UnknownTickerError(missing, available);
  const barsByTicker: Record<string, DailyBar[]> = {};
  const dates = new Set<string>();
  for (const ticker of unique) {
    const bars = toIntegerBars(loadDailyPrices(ticker));
    barsByTicker[ticker] = bars;
    for (const bar of bars) dates.add(bar.date);
  }
  const names: Record<string, string> = {};
  for (const etf of loadEtfManifest()) names[etf.ticker] = etf.name;
  return { barsByTicker, calendar: backtestCalendar(loadTradingCalendar(), dates), names };
}
