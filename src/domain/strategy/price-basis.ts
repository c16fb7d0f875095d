/**
 * The price basis of the momentum signal. The backtest ranks on distribution-adjusted (total-return) series
 * (resources/krx/SOURCES.md); KIS's daily chart does not add ETF distributions back under either
 * FID_ORG_ADJ_PRC value (docs/backtest/price-basis.md), so its bars are on the price basis and drop by each
 * distribution on its ex-date. `toTotalReturnBars` back-adjusts them the way the data vendors do, so the live
 * signal sees the backtest's basis: every bar before an ex-date is scaled by (1 − distribution ÷ the close
 * before the ex-date). The last bar is never scaled, so the last close (what legs are priced from) stays the
 * exchange's print.
 */
import type { KstDate, TradingCalendar } from '../market';
import type { DailyBar } from '../ports';

export interface Distribution {
  /** The first trading day the ETF trades without the distribution (분배락). */
  exDate: KstDate;
  /** KRW per share. */
  amount: number;
}

/**
 * The ex-date of a distribution whose record date (지급기준일) is `recordDate`: one trading day earlier,
 * since KRX settles on T+2 (a buyer on the day before the record date is the last on the register).
 */
export function exDateOf(recordDate: KstDate, calendar: TradingCalendar): KstDate {
  const onOrBefore = calendar.isTradingDay(recordDate) ? recordDate : calendar.previousTradingDay(recordDate);
  return calendar.previousTradingDay(onOrBefore);
}

/** Price-basis bars (ascending) → total-return bars, rounded to whole KRW. */
export function toTotalReturnBars(
  bars: readonly DailyBar[],
  distributions: readonly Distribution[],
): DailyBar[] {
  if (distributions.length === 0) return [...bars];
  const byDate = new Map<KstDate, number>();
  for (const d of distributions)
    if (d.amount > 0) byDate.set(d.exDate, (byDate.get(d.exDate) ?? 0) + d.amount);
  const out: DailyBar[] = new Array(bars.length);
  let factor = 1;
  for (let j = bars.length - 1; j >= 0; j--) {
    const bar = bars[j]!;
    out[j] =
      factor === 1
        ? bar
        : {
            ...bar,
            open: Math.round(bar.open * factor),
            high: Math.round(bar.high * factor),
            low: Math.round(bar.low * factor),
            close: Math.round(bar.close * factor),
          };
    // A distribution that went ex between bar j−1 and bar j (on bar j's date, or on a day without a bar).
    const previous = bars[j - 1];
    if (!previous) continue;
    let amount = 0;
    for (const [date, d] of byDate) if (date > previous.date && date <= bar.date) amount += d;
    if (amount > 0 && previous.close > amount) factor *= 1 - amount / previous.close;
  }
  return out;
}
