import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { resourcePath } from '../resources';

/**
 * A row of the shipped KRX ETF daily price files. Prices are distribution-adjusted vendor series and may
 * carry decimals and lie off the tick grid: they are data, not money. Snap them to the grid before using
 * them as order or fill prices.
 */
export interface PriceRow {
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  volume: number | null;
}

const cache = new Map<string, PriceRow[]>();

export function availablePriceTickers(dir = resourcePath('krx', 'prices')): string[] {
  return readdirSync(dir)
    .filter((f) => /^\d{6}\.csv$/.test(f))
    .map((f) => f.slice(0, 6))
    .sort();
}

/** Rows ascending by date. Throws if the ticker has no file. */
export function loadDailyPrices(ticker: string, dir = resourcePath('krx', 'prices')): PriceRow[] {
  const key = `${dir}/${ticker}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const file = `${dir}/${ticker}.csv`;
  if (!existsSync(file)) throw new Error(`no price data for ${ticker}`);
  const rows: PriceRow[] = [];
  const num = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
    if (!line) continue;
    const [date, open, high, low, close, volume] = line.split(',');
    const c = num(close);
    if (!date || c === null) continue;
    rows.push({ date, open: num(open), high: num(high), low: num(low), close: c, volume: num(volume) });
  }
  cache.set(key, rows);
  return rows;
}

export interface EtfInfo {
  ticker: string;
  name: string;
}

/** ETF names from the shipped manifest. */
export function loadEtfManifest(file = resourcePath('krx', 'manifest.csv')): EtfInfo[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [ticker, name] = line.split(',');
      return { ticker: ticker ?? '', name: name ?? '' };
    })
    .filter((e) => /^\d{6}$/.test(e.ticker));
}
