import type { FakeClock } from '../../../../src/adapters/clock/fake';
import { kstDate, kstParts, type TradingCalendar } from '../../../../src/domain/market';
import type { BrokerBalance, DailyBar, Quote } from '../../../../src/domain/ports';
import { FakeBroker } from '../../../support/fake-broker';

export interface PricePath {
  /** Close on the anchor date (on the tick grid). */
  anchor: number;
  /** Yearly drift, e.g. 0.4 = +40 % a year. */
  yearly: number;
}

/** Closes move by a steady drift from the anchor date, so the 12-1 ranking is known in advance. */
export const TEST_PATHS: Record<string, PricePath> = {
  '133690': { anchor: 120_000, yearly: 0.4 },
  '069500': { anchor: 36_000, yearly: 0.2 },
  '229200': { anchor: 12_000, yearly: -0.1 },
  '114260': { anchor: 59_000, yearly: 0.03 },
};
export const TEST_UNIVERSE = ['133690', '069500', '229200'];
export const TEST_SAFE = '114260';
export const ANCHOR_DATE = '2026-09-30';

const roundTo5 = (x: number): number => Math.max(5, Math.round(x / 5) * 5);

/**
 * FakeBroker with daily bars: a deterministic price path per ticker over the KRX calendar. Quotes and the
 * balance price every ticker at the last close before the clock's date, as the market looks at 08:00; from
 * 09:00 the day's own bar is served too, as KIS does.
 * `staleFrom` hides a ticker's bars from that date on (a data outage); `requests` counts market-data reads.
 */
export class MarketBroker extends FakeBroker {
  readonly staleFrom = new Map<string, string>();
  barRequests = 0;
  private readonly days: string[];
  private readonly index = new Map<string, number>();

  constructor(
    private readonly fakeClock: FakeClock,
    private readonly calendar: TradingCalendar,
    private readonly paths: Record<string, PricePath> = TEST_PATHS,
  ) {
    super(fakeClock);
    this.days = calendar.tradingDaysBetween('2024-06-01', '2026-12-31');
    this.days.forEach((d, i) => this.index.set(d, i));
    this.refreshPrices();
  }

  closeOn(ticker: string, date: string): number {
    const path = this.paths[ticker]!;
    const n = this.index.get(date)! - this.index.get(ANCHOR_DATE)!;
    const daily = Math.pow(1 + path.yearly, 1 / 250);
    return roundTo5(path.anchor * Math.pow(daily, n));
  }

  /** The last close before today (what a quote shows before the open). */
  priceNow(ticker: string): number {
    return this.closeOn(ticker, this.calendar.previousTradingDay(kstDate(this.fakeClock.now())));
  }

  private refreshPrices(): void {
    for (const ticker of Object.keys(this.paths)) this.prices.set(ticker, this.priceNow(ticker));
  }

  // Optional parameters only because FakeBroker declares getDailyBars without any.
  override async getDailyBars(ticker = '', from = '', to = ''): Promise<DailyBar[]> {
    this.barRequests++;
    if (!this.paths[ticker]) return [];
    const now = this.fakeClock.now();
    const today = kstDate(now);
    // As KIS does, today's bar is there once the market has traded (so a cycle must ignore it itself).
    const lastVisible = kstParts(now).minuteOfDay >= 9 * 60 ? today : this.calendar.previousTradingDay(today);
    const hiddenFrom = this.staleFrom.get(ticker);
    return this.days
      .filter((d) => d >= from && d <= to && d <= lastVisible && (!hiddenFrom || d < hiddenFrom))
      .map((date) => {
        const close = this.closeOn(ticker, date);
        return {
          date,
          open: close,
          high: roundTo5(close * 1.002),
          low: roundTo5(close * 0.998),
          close,
          volume: 1_000,
        };
      });
  }

  override async getQuote(ticker: string): Promise<Quote> {
    this.refreshPrices();
    return super.getQuote(ticker);
  }

  override async getBalance(): Promise<BrokerBalance> {
    this.refreshPrices();
    return super.getBalance();
  }

  /** Fills every open broker order at its limit price (as a marketable limit would at the open). */
  fillOpenOrders(): number {
    let filled = 0;
    for (const order of this.brokerOrders) {
      if (order.cancelled || order.remainingQuantity === 0) continue;
      this.fill(order.brokerOrderId, order.remainingQuantity, order.price, false);
      filled++;
    }
    return filled;
  }
}
