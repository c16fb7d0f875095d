import { addDays, marketSessionAt, type KstDate, type TradingCalendar } from '../../../domain/market';
import {
  nearestTick,
  priceBand,
  tickSizeForEtf,
  type Krw,
  type PriceBand,
  type Shares,
} from '../../../domain/money';
import type { SimBar } from './daily-history';
import type { HistoryBook } from './history-book';
import { buildIntradayDay, STEP_MS, type IntradayDay } from './intraday-path';

export type QuotePhase = 'PRE_OPEN' | 'OPENING_AUCTION' | 'CONTINUOUS' | 'CLOSING_AUCTION' | 'CLOSED';

/** What the exchange shows for a ticker at one instant. Open/high/low are 0 until the first print of the day. */
export interface MarketSnapshot {
  ticker: string;
  name: string;
  /** The trading day the numbers belong to (the previous trading day on weekends and holidays). */
  tradeDate: KstDate;
  phase: QuotePhase;
  price: Krw;
  open: Krw;
  high: Krw;
  low: Krw;
  /** stck_sdpr: the previous trading day's close. */
  base: Krw;
  band: PriceBand;
  tick: Krw;
  volume: Shares;
  tradedValue: Krw;
  /** Volume of the most recent print, for realtime frames. */
  lastPrintVolume: Shares;
  /** Changes whenever a new print happens; realtime frames are sent once per key. */
  printKey: string;
  previousBar: SimBar | undefined;
}

export interface TradePrint {
  at: number;
  price: Krw;
  kind: 'open' | 'continuous' | 'close';
}

interface Pin {
  date: KstDate;
  at: number;
  price: Krw;
}

const DAY_CACHE_LIMIT = 256;

/**
 * The simulated KRX for the replayed tickers: daily bars from the shipped data (or their synthetic
 * continuation) turned into intraday prints, plus prices pinned by tests.
 */
export class Market {
  private readonly days = new Map<string, IntradayDay | null>();
  private readonly pins = new Map<string, Pin>();

  constructor(
    private readonly histories: HistoryBook,
    private readonly names: ReadonlyMap<string, string>,
    readonly calendar: TradingCalendar,
    private readonly seed: number,
  ) {}

  tickers(): string[] {
    return this.histories.tickers();
  }

  has(ticker: string): boolean {
    return this.histories.has(ticker);
  }

  name(ticker: string): string {
    return this.names.get(ticker) ?? ticker;
  }

  /** Completed daily bars strictly before `before` (never a bar of "today" or the future). */
  pastBars(ticker: string, from: KstDate, before: KstDate): SimBar[] {
    return this.histories.get(ticker)?.barsBetween(from, addDays(before, -1)) ?? [];
  }

  /** The trading day whose prices are shown at `instant` and where it is in that day. */
  tradeDateAt(instant: Date): { tradeDate: KstDate; phase: QuotePhase } {
    const session = marketSessionAt(instant, this.calendar);
    switch (session.phase) {
      case 'CLOSED_DAY':
        return { tradeDate: this.calendar.previousTradingDay(session.date), phase: 'CLOSED' };
      case 'BEFORE_OPEN':
        return { tradeDate: session.date, phase: 'PRE_OPEN' };
      case 'OPENING_AUCTION':
        return { tradeDate: session.date, phase: 'OPENING_AUCTION' };
      case 'CONTINUOUS':
        return { tradeDate: session.date, phase: 'CONTINUOUS' };
      case 'CLOSING_AUCTION':
        return { tradeDate: session.date, phase: 'CLOSING_AUCTION' };
      default:
        return { tradeDate: session.date, phase: 'CLOSED' };
    }
  }

  /** Undefined when the ticker is unknown or did not trade yet at that time. */
  snapshot(ticker: string, instant: Date): MarketSnapshot | undefined {
    const { tradeDate, phase } = this.tradeDateAt(instant);
    const day = this.day(ticker, tradeDate);
    if (!day) return undefined;
    const t = instant.getTime();
    const pin = this.activePin(ticker, tradeDate, t);
    const common = {
      ticker,
      name: this.name(ticker),
      tradeDate,
      phase,
      base: day.base,
      band: day.band,
      previousBar: this.histories.get(ticker)?.barBefore(tradeDate),
    };
    if (phase === 'PRE_OPEN' || phase === 'OPENING_AUCTION') {
      const price = pin?.price ?? day.base;
      return {
        ...common,
        price,
        open: 0,
        high: 0,
        low: 0,
        tick: tickSizeForEtf(price),
        volume: 0,
        tradedValue: 0,
        lastPrintVolume: 0,
        printKey: `${tradeDate}:pre:${pin?.price ?? ''}`,
      };
    }
    const closed = phase === 'CLOSED';
    const lastStep = closed ? day.steps - 1 : Math.min(day.steps - 1, Math.floor((t - day.openAt) / STEP_MS));
    const pathEnd = pin ? Math.min(lastStep, Math.floor((pin.at - day.openAt) / STEP_MS)) : lastStep;
    const open = pin && pin.at <= day.openAt ? pin.price : day.open;
    let high = pathEnd >= 0 ? day.runningHigh[pathEnd]! : open;
    let low = pathEnd >= 0 ? day.runningLow[pathEnd]! : open;
    if (pin) {
      high = Math.max(high, pin.price, open);
      low = Math.min(low, pin.price, open);
    }
    const price = pin ? pin.price : closed ? day.close : day.prices[lastStep]!;
    const stepVolume = day.cumVolume[lastStep]! - (lastStep > 0 ? day.cumVolume[lastStep - 1]! : 0);
    const volume = day.cumVolume[lastStep]! + (closed ? day.closingVolume : 0);
    const tradedValue = Math.round(day.cumValue[lastStep]! + (closed ? day.closingVolume * price : 0));
    return {
      ...common,
      price,
      open,
      high,
      low,
      tick: tickSizeForEtf(price),
      volume,
      tradedValue,
      lastPrintVolume: closed ? day.closingVolume : stepVolume,
      printKey: `${tradeDate}:${lastStep}:${closed ? 'close' : ''}:${pin?.price ?? ''}`,
    };
  }

  /** Prints of `date` with fromMs < at ≤ toMs, in time order, pins applied. */
  printsBetween(ticker: string, date: KstDate, fromMs: number, toMs: number): TradePrint[] {
    const day = this.day(ticker, date);
    if (!day || toMs <= fromMs) return [];
    const pin = this.pins.get(ticker);
    const dayPin = pin && pin.date === date ? pin : undefined;
    const priceAt = (at: number, pathPrice: Krw): Krw =>
      dayPin && at >= dayPin.at ? dayPin.price : pathPrice;
    const prints: TradePrint[] = [];
    const firstStep = Math.max(0, Math.floor((fromMs - day.openAt) / STEP_MS) + 1);
    const lastStep = Math.min(day.steps - 1, Math.floor((toMs - day.openAt) / STEP_MS));
    for (let i = firstStep; i <= lastStep; i++) {
      const at = day.openAt + i * STEP_MS;
      if (at <= fromMs) continue;
      prints.push({ at, price: priceAt(at, day.prices[i]!), kind: i === 0 ? 'open' : 'continuous' });
    }
    if (
      dayPin &&
      dayPin.at > fromMs &&
      dayPin.at <= toMs &&
      dayPin.at > day.openAt &&
      dayPin.at < day.closingAuctionAt
    ) {
      prints.push({ at: dayPin.at, price: dayPin.price, kind: 'continuous' });
    }
    if (day.closeAt > fromMs && day.closeAt <= toMs)
      prints.push({ at: day.closeAt, price: priceAt(day.closeAt, day.close), kind: 'close' });
    return prints.sort((a, b) => a.at - b.at);
  }

  /** Pins the price of `ticker` from `instant` until its trading day ends; snapped to the tick grid and band. */
  pin(ticker: string, price: number, instant: Date): Krw {
    const { tradeDate } = this.tradeDateAt(instant);
    const day = this.day(ticker, tradeDate);
    if (!day) throw new Error(`unknown ticker ${ticker}`);
    const snapped = Math.min(day.band.upper, Math.max(day.band.lower, nearestTick(price, 'ETF')));
    this.pins.set(ticker, { date: tradeDate, at: instant.getTime(), price: snapped });
    return snapped;
  }

  /** The intraday path of a trading day, or undefined if the ticker had no price by then. */
  day(ticker: string, date: KstDate): IntradayDay | undefined {
    const key = `${ticker}|${date}`;
    const cached = this.days.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const built = this.buildDay(ticker, date);
    if (this.days.size >= DAY_CACHE_LIMIT) {
      const oldest = this.days.keys().next();
      if (!oldest.done) this.days.delete(oldest.value);
    }
    this.days.set(key, built ?? null);
    return built;
  }

  private buildDay(ticker: string, date: KstDate): IntradayDay | undefined {
    const history = this.histories.get(ticker);
    if (!history || !this.calendar.isTradingDay(date)) return undefined;
    const previous = history.barBefore(date);
    const own = history.barOn(date);
    const bar: SimBar | undefined =
      own ??
      (previous && {
        date,
        open: previous.close,
        high: previous.close,
        low: previous.close,
        close: previous.close,
        volume: 0,
        synthetic: true,
      });
    if (!bar) return undefined;
    const base = previous?.close ?? bar.open;
    return buildIntradayDay({
      ticker,
      bar,
      base,
      band: priceBand(base, 'ETF'),
      openMinute: this.calendar.isFirstTradingDayOfYear(date) ? 600 : 540,
      seed: this.seed,
    });
  }

  private activePin(ticker: string, date: KstDate, t: number): Pin | undefined {
    const pin = this.pins.get(ticker);
    return pin && pin.date === date && t >= pin.at ? pin : undefined;
  }
}
