import type { DailyBar } from '../ports';

/**
 * 12-1 momentum on trading-day bars: close[i − skipDays] / close[i − lookbackDays] − 1, where i is the last
 * bar the decision may see. With the defaults (252, 21) this is the return from about twelve months ago to
 * about one month ago; the latest month is left out because it tends to reverse. A ratio, not money.
 * null when the series is too short.
 */
export function skipMonthRateOfChange(
  bars: readonly DailyBar[],
  endIndex: number,
  lookbackDays: number,
  skipDays: number,
): number | null {
  const from = bars[endIndex - lookbackDays];
  const to = bars[endIndex - skipDays];
  if (endIndex >= bars.length || !from || !to || from.close <= 0) return null;
  return to.close / from.close - 1;
}

/**
 * Average true range over the `days` bars ending at `endIndex`: the simple mean of
 * TR = max(high − low, |high − previous close|, |low − previous close|). A simple mean rather than Wilder's
 * smoothing, so the value depends only on the last days + 1 bars and a live run that fetched a short window
 * agrees exactly with the backtest. Close-only bars (open = high = low = close) reduce TR to the absolute
 * close-to-close change. In KRW per share (a float: it sizes positions, it is never an order price).
 * null when the series is too short.
 */
export function averageTrueRange(bars: readonly DailyBar[], endIndex: number, days: number): number | null {
  if (days < 1 || endIndex >= bars.length || endIndex - days < 0) return null;
  let sum = 0;
  for (let i = endIndex - days + 1; i <= endIndex; i++) {
    const bar = bars[i]!;
    const previousClose = bars[i - 1]!.close;
    sum += Math.max(
      bar.high - bar.low,
      Math.abs(bar.high - previousClose),
      Math.abs(bar.low - previousClose),
    );
  }
  return sum / days;
}
