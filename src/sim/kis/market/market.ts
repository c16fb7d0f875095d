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

/** Extra shares traded at an instant (a scripted volume spike). */
interface VolumeBoost {
  date: KstDate;
  at: number;
  shares: Shares;
}

/** One step of a scripted intraday path: a price reached `afterMs` from now. */
export interface PathStep {
  afterMs: number;
  price: number;
}

const DAY_CACHE_LIMIT = 256;

/**
 * The simulated KRX for the replayed tickers: daily bars from the shipped data (or their synthetic
 * continuation) turned into intraday prints, plus prices pinned by tests.
 */
export class Market {
  private readonly days = new Map<string, IntradayDay | null>();
  /** Per ticker, the pinned prices of one trading day in time order; the latest one at or before t holds. */
  private readonly pins = new Map<string, Pin[]>();
  private readonly boosts = new Map<string, VolumeBoost[]>();

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

  /** Distributions of `ticker` going ex in [from, to] (none unless the simulator was given some). */
  distributionsOf(ticker: string, from: KstDate, to: KstDate): { exDate: KstDate; amount: number }[] {
    return this.histories.distributionsOf(ticker, from, to);
  }

  isExDate(ticker: string, date: KstDate): boolean {
    return this.histories.get(ticker)?.isExDate(date) ?? false;
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
    const dayPins = this.pinsOf(ticker, tradeDate).filter((p) => p.at <= t);
    const boost = this.boostedVolume(ticker, tradeDate, t);
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
    const firstPin = dayPins[0];
    const pathEnd = firstPin
      ? Math.min(lastStep, Math.floor((firstPin.at - day.openAt) / STEP_MS))
      : lastStep;
    const openingPin = dayPins.filter((p) => p.at <= day.openAt).at(-1);
    const open = openingPin ? openingPin.price : day.open;
    let high = pathEnd >= 0 ? day.runningHigh[pathEnd]! : open;
    let low = pathEnd >= 0 ? day.runningLow[pathEnd]! : open;
    for (const p of dayPins) {
      high = Math.max(high, p.price, open);
      low = Math.min(low, p.price, open);
    }
    const price = pin ? pin.price : closed ? day.close : day.prices[lastStep]!;
    const stepVolume = day.cumVolume[lastStep]! - (lastStep > 0 ? day.cumVolume[lastStep - 1]! : 0);
    const volume = day.cumVolume[lastStep]! + (closed ? day.closingVolume : 0) + boost.total;
    const tradedValue = Math.round(
      day.cumValue[lastStep]! + (closed ? day.closingVolume * price : 0) + boost.total * price,
    );
    return {
      ...common,
      price,
      open,
      high,
      low,
      tick: tickSizeForEtf(price),
      volume,
      tradedValue,
      lastPrintVolume: (closed ? day.closingVolume : stepVolume) + boost.latest,
      printKey: `${tradeDate}:${lastStep}:${closed ? 'close' : ''}:${pin?.price ?? ''}:${dayPins.length}:${boost.total}`,
    };
  }

  /** Prints of `date` with fromMs < at ≤ toMs, in time order, pins applied. */
  printsBetween(ticker: string, date: KstDate, fromMs: number, toMs: number): TradePrint[] {
    const day = this.day(ticker, date);
    if (!day || toMs <= fromMs) return [];
    const dayPins = this.pinsOf(ticker, date);
    const priceAt = (at: number, pathPrice: Krw): Krw =>
      dayPins.filter((p) => p.at <= at).at(-1)?.price ?? pathPrice;
    const prints: TradePrint[] = [];
    const firstStep = Math.max(0, Math.floor((fromMs - day.openAt) / STEP_MS) + 1);
    const lastStep = Math.min(day.steps - 1, Math.floor((toMs - day.openAt) / STEP_MS));
    for (let i = firstStep; i <= lastStep; i++) {
      const at = day.openAt + i * STEP_MS;
      if (at <= fromMs) continue;
      prints.push({ at, price: priceAt(at, day.prices[i]!), kind: i === 0 ? 'open' : 'continuous' });
    }
    for (const dayPin of dayPins) {
      if (
        dayPin.at > fromMs &&
        dayPin.at <= toMs &&
        dayPin.at > day.openAt &&
        dayPin.at < day.closingAuctionAt
      )
        prints.push({ at: dayPin.at, price: dayPin.price, kind: 'continuous' });
    }
    if (day.closeAt > fromMs && day.closeAt <= toMs)
      prints.push({ at: day.closeAt, price: priceAt(day.closeAt, day.close), kind: 'close' });
    return prints.sort((a, b) => a.at - b.at);
  }

  /** Pins the price of `ticker` from `instant` until its trading day ends; snapped to the tick grid and band. */
  pin(ticker: string, price: number, instant: Date): Krw {
    return this.scriptPath(ticker, [{ afterMs: 0, price }], instant)[0]!;
  }

  /**
   * Scripts the rest of the day: each step pins the price `afterMs` after `instant` (snapped to the tick grid
   * and the band). Later steps replace any earlier-scripted price from their instant on; earlier prints stay.
   */
  scriptPath(ticker: string, steps: readonly PathStep[], instant: Date): Krw[] {
    const { tradeDate } = this.tradeDateAt(instant);
    const day = this.day(ticker, tradeDate);
    if (!day) throw new Error(`unknown ticker ${ticker}`);
    const start = instant.getTime();
    const kept = this.pinsOf(ticker, tradeDate).filter((p) => p.at < start);
    const snappedPrices: Krw[] = [];
    for (const step of steps) {
      const snapped = Math.min(day.band.upper, Math.max(day.band.lower, nearestTick(step.price, 'ETF')));
      snappedPrices.push(snapped);
      kept.push({ date: tradeDate, at: start + step.afterMs, price: snapped });
    }
    this.pins.set(
      ticker,
      kept.sort((a, b) => a.at - b.at),
    );
    return snappedPrices;
  }

  /** Adds `shares` traded at `instant` to the day's volume (a volume spike), at the price of that moment. */
  addVolume(ticker: string, shares: Shares, instant: Date): void {
    const { tradeDate } = this.tradeDateAt(instant);
    if (!this.day(ticker, tradeDate)) throw new Error(`unknown ticker ${ticker}`);
    const kept = (this.boosts.get(ticker) ?? []).filter((b) => b.date === tradeDate);
    kept.push({ date: tradeDate, at: instant.getTime(), shares });
    this.boosts.set(ticker, kept);
  }

  /** Mean volume of the last `days` completed bars before the trading day shown at `instant`. */
  averageVolume(ticker: string, instant: Date, days: number): number {
    const { tradeDate } = this.tradeDateAt(instant);
    const bars = this.pastBars(ticker, addDays(tradeDate, -days * 3), tradeDate).slice(-days);
    if (bars.length === 0) return 0;
    return bars.reduce((sum, b) => sum + b.volume, 0) / bars.length;
  }

  private pinsOf(ticker: string, date: KstDate): Pin[] {
    return (this.pins.get(ticker) ?? []).filter((p) => p.date === date);
  }

  private boostedVolume(ticker: string, date: KstDate, t: number): { total: Shares; latest: Shares } {
    const active = (this.boosts.get(ticker) ?? []).filter((b) => b.date === date && b.at <= t);
    return {
      total: active.reduce((sum, b) => sum + b.shares, 0),
      latest: active.filter((b) => b.at > t - STEP_MS).reduce((sum, b) => sum + b.shares, 0),
    };
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
    return this.pinsOf(ticker, date)
      .filter((p) => p.at <= t)
      .at(-1);
  }
}
