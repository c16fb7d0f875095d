import type { PriceRow } from '../../../adapters/prices/load';
import type { KstDate, TradingCalendar } from '../../../domain/market';
import { nearestTick, priceBand, type Krw, type Shares } from '../../../domain/money';
import { randomFor, type Random } from '../random';

/** One trading day of a ticker on the ETF tick grid. */
export interface SimBar {
  date: KstDate;
  open: Krw;
  high: Krw;
  low: Krw;
  close: Krw;
  volume: Shares;
  /** True for days generated after the shipped data ends. */
  synthetic: boolean;
}

/** A historical day expressed relative to the previous close, reused to grow the synthetic path. */
interface DayShape {
  open: number;
  high: number;
  low: number;
  close: number;
}

const BOOTSTRAP_WINDOW_DAYS = 1_250;
const MAX_DAILY_MOVE = 0.29;
const DEFAULT_TURNOVER_KRW = 10_000_000_000;

/**
 * The daily bars of one ticker: the shipped (distribution-adjusted, off-grid) rows snapped onto the tick grid,
 * continued after the data ends by a seeded bootstrap of the ticker's own recent days, so the synthetic
 * daily returns, gaps and ranges resemble its history.
 */
export class DailyHistory {
  private readonly bars: SimBar[] = [];
  private readonly indexByDate = new Map<KstDate, number>();
  private readonly shapes: DayShape[];
  private readonly typicalTurnover: number;
  readonly lastDataDate: KstDate;
  /** Distributions this ticker pays (the bars are then on the price basis). */
  distributions: readonly { exDate: KstDate; amount: number }[] = [];

  constructor(
    readonly ticker: string,
    rows: readonly PriceRow[],
    private readonly calendar: TradingCalendar,
    private readonly seed: number,
  ) {
    if (rows.length === 0) throw new Error(`no price rows for ${ticker}`);
    this.shapes = bootstrapShapes(rows);
    this.typicalTurnover = typicalTurnover(rows);
    for (const row of rows) this.push(snapRow(row));
    this.lastDataDate = rows[rows.length - 1]!.date;
  }

  isExDate(date: KstDate): boolean {
    return this.distributions.some((d) => d.exDate === date);
  }

  get firstDate(): KstDate {
    return this.bars[0]!.date;
  }

  /** The bar of `date`, growing the synthetic path as far as needed. Undefined on days without a bar. */
  barOn(date: KstDate): SimBar | undefined {
    this.extendThrough(date);
    const i = this.indexByDate.get(date);
    return i === undefined ? undefined : this.withVolume(this.bars[i]!);
  }

  /** The last bar strictly before `date`. */
  barBefore(date: KstDate): SimBar | undefined {
    this.extendThrough(date);
    const i = this.lastIndexBefore(date);
    return i < 0 ? undefined : this.withVolume(this.bars[i]!);
  }

  /** Bars with from ≤ date ≤ to, ascending. */
  barsBetween(from: KstDate, to: KstDate): SimBar[] {
    if (to < from) return [];
    this.extendThrough(to);
    const end = this.lastIndexBefore(to) + 1 + (this.indexByDate.has(to) ? 1 : 0);
    const out: SimBar[] = [];
    for (let i = end - 1; i >= 0; i--) {
      const bar = this.bars[i]!;
      if (bar.date < from) break;
      out.push(this.withVolume(bar));
    }
    return out.reverse();
  }

  private push(bar: SimBar): void {
    const last = this.bars[this.bars.length - 1];
    if (last && bar.date <= last.date) return; // data files are sorted; ignore duplicates defensively
    this.indexByDate.set(bar.date, this.bars.length);
    this.bars.push(bar);
  }

  /** Index of the last bar with date < `date` (binary search), −1 if none. */
  private lastIndexBefore(date: KstDate): number {
    let lo = 0;
    let hi = this.bars.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.bars[mid]!.date < date) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private extendThrough(date: KstDate): void {
    let last = this.bars[this.bars.length - 1]!;
    if (date <= last.date) return;
    const limit = `${Number(last.date.slice(0, 4)) + 30}-12-31`;
    const target = date < limit ? date : limit;
    for (
      let next = this.calendar.nextTradingDay(last.date);
      next <= target;
      next = this.calendar.nextTradingDay(next)
    ) {
      last = this.syntheticBar(next, last.close);
      this.push(last);
    }
  }

  private syntheticBar(date: KstDate, previousClose: Krw): SimBar {
    const rng = randomFor(this.seed, this.ticker, date);
    const shape = this.shapes[rng.int(this.shapes.length)] ?? { open: 1, high: 1, low: 1, close: 1 };
    const band = priceBand(previousClose, 'ETF');
    const snap = (ratio: number): Krw => {
      const price = nearestTick(previousClose * ratio, 'ETF');
      return Math.min(band.upper, Math.max(band.lower, price));
    };
    const open = snap(shape.open);
    const close = snap(shape.close);
    const high = Math.max(snap(shape.high), open, close);
    const low = Math.min(snap(shape.low), open, close);
    return { date, open, high, low, close, volume: this.syntheticVolume(rng, close), synthetic: true };
  }

  /** Most data rows have no volume; a seeded one is drawn the first time the bar is used. */
  private withVolume(bar: SimBar): SimBar {
    if (bar.volume < 0)
      bar.volume = this.syntheticVolume(randomFor(this.seed, this.ticker, bar.date, 'volume'), bar.close);
    return bar;
  }

  private syntheticVolume(rng: Random, close: number): Shares {
    const turnover = this.typicalTurnover * Math.exp(0.4 * rng.normal());
    return Math.max(1, Math.round(turnover / Math.max(close, 1)));
  }
}

const UNKNOWN_VOLUME = -1;

function snapRow(row: PriceRow): SimBar {
  const volume =
    row.volume !== null && Number.isFinite(row.volume) ? Math.max(0, Math.round(row.volume)) : UNKNOWN_VOLUME;
  const close = nearestTick(row.close, 'ETF');
  const open = row.open === null ? close : nearestTick(row.open, 'ETF');
  const high = Math.max(row.high === null ? close : nearestTick(row.high, 'ETF'), open, close);
  const low = Math.min(row.low === null ? close : nearestTick(row.low, 'ETF'), open, close);
  return { date: row.date, open, high, low, close, volume, synthetic: false };
}

function bootstrapShapes(rows: readonly PriceRow[]): DayShape[] {
  const shapes: DayShape[] = [];
  for (let i = rows.length - 1; i >= 1 && shapes.length < BOOTSTRAP_WINDOW_DAYS; i--) {
    const row = rows[i]!;
    const previous = rows[i - 1]!.close;
    if (!(previous > 0)) continue;
    const close = row.close / previous;
    if (Math.abs(close - 1) > MAX_DAILY_MOVE) continue;
    if (row.open === null || row.high === null || row.low === null) {
      shapes.push({ open: 1, high: Math.max(1, close), low: Math.min(1, close), close });
      continue;
    }
    const open = row.open / previous;
    shapes.push({
      open,
      close,
      high: Math.max(row.high / previous, open, close),
      low: Math.min(row.low / previous, open, close),
    });
  }
  return shapes;
}

/** Median daily traded value over the last year that has volume; used to size synthetic volumes. */
function typicalTurnover(rows: readonly PriceRow[]): number {
  const values: number[] = [];
  for (let i = rows.length - 1; i >= 0 && values.length < 250; i--) {
    const row = rows[i]!;
    if (row.volume !== null && row.volume > 0) values.push(row.volume * row.close);
  }
  if (values.length === 0) return DEFAULT_TURNOVER_KRW;
  values.sort((a, b) => a - b);
  return values[values.length >> 1]!;
}
