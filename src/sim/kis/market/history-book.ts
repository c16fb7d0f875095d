import { readFileSync } from 'node:fs';
import { availablePriceTickers, loadDailyPrices } from '../../../adapters/prices/load';
import { resourcePath } from '../../../adapters/resources';
import type { TradingCalendar } from '../../../domain/market';
import type { SimDistribution } from '../types';
import { DailyHistory } from './daily-history';
import { toPriceBasis } from './price-basis';

/** The daily histories of the replayed tickers, each read and snapped the first time it is asked for. */
export class HistoryBook {
  private readonly built = new Map<string, DailyHistory>();
  private readonly tickerSet: ReadonlySet<string>;

  /** `replicas`: extra tickers that replay another ticker's daily data (their own intraday paths). */
  constructor(
    tickers: readonly string[],
    private readonly calendar: TradingCalendar,
    private readonly seed: number,
    private readonly replicas: ReadonlyMap<string, string> = new Map(),
    private readonly distributions: readonly SimDistribution[] = [],
  ) {
    const available = new Set(availablePriceTickers());
    for (const t of tickers)
      if (!available.has(replicas.get(t) ?? t)) throw new Error(`no price data for ${t}`);
    this.tickerSet = new Set(tickers);
  }

  tickers(): string[] {
    return [...this.tickerSet];
  }

  has(ticker: string): boolean {
    return this.tickerSet.has(ticker);
  }

  /** Distributions of `ticker` going ex in [from, to]. */
  distributionsOf(ticker: string, from: string, to: string): SimDistribution[] {
    return this.distributions.filter((d) => d.ticker === ticker && d.exDate >= from && d.exDate <= to);
  }

  get(ticker: string): DailyHistory | undefined {
    if (!this.tickerSet.has(ticker)) return undefined;
    let history = this.built.get(ticker);
    if (!history) {
      const paid = this.distributions.filter((d) => d.ticker === ticker);
      const rows = loadDailyPrices(this.replicas.get(ticker) ?? ticker);
      history = new DailyHistory(
        ticker,
        paid.length ? toPriceBasis(rows, paid) : rows,
        this.calendar,
        this.seed,
      );
      history.distributions = paid;
      this.built.set(ticker, history);
    }
    return history;
  }
}

/** Tickers whose shipped data reaches `date`, read from the manifest's last_date column (no price files parsed). */
export function tickersWithDataThrough(
  date: string,
  manifest = resourcePath('krx', 'manifest.csv'),
): string[] {
  const lines = readFileSync(manifest, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = (lines[0] ?? '').split(',');
  const tickerAt = header.indexOf('ticker');
  const lastAt = header.indexOf('last_date');
  const available = new Set(availablePriceTickers());
  return lines
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => (cells[lastAt] ?? '') >= date && available.has(cells[tickerAt] ?? ''))
    .map((cells) => cells[tickerAt]!)
    .sort();
}
