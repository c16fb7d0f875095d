/**
 * Indicators over daily closes for the watch. Floats (they compare against prices; they never become one).
 * Each returns null when the series is too short.
 */

/** Simple moving average of the last `period` values. */
export function sma(values: readonly number[], period: number): number | null {
  if (period < 1 || values.length < period) return null;
  let sum = 0;
  for (let i = values.length - period; i < values.length; i++) sum += values[i]!;
  return sum / period;
}

/** Highest of the last `count` values. */
export function highest(values: readonly number[], count: number): number | null {
  if (count < 1 || values.length < count) return null;
  let max = -Infinity;
  for (let i = values.length - count; i < values.length; i++) max = Math.max(max, values[i]!);
  return max;
}

/** Lowest of the last `count` values. */
export function lowest(values: readonly number[], count: number): number | null {
  if (count < 1 || values.length < count) return null;
  let min = Infinity;
  for (let i = values.length - count; i < values.length; i++) min = Math.min(min, values[i]!);
  return min;
}

/**
 * Wilder's RSI series: seeded with the simple mean of the first `period` gains and losses, then smoothed
 * with (previous × (period − 1) + current) / period. Element k is the RSI after close k + period.
 * A flat series (no gains, no losses) is 50; only gains is 100.
 */
export function wilderRsiSeries(closes: readonly number[], period: number): number[] {
  if (period < 1 || closes.length <= period) return [];
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = closes[i]! - closes[i - 1]!;
    if (change > 0) gain += change;
    else loss -= change;
  }
  gain /= period;
  loss /= period;
  const out = [rsiOf(gain, loss)];
  for (let i = period + 1; i < closes.length; i++) {
    const change = closes[i]! - closes[i - 1]!;
    gain = (gain * (period - 1) + Math.max(change, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
    out.push(rsiOf(gain, loss));
  }
  return out;
}

function rsiOf(gain: number, loss: number): number {
  if (gain === 0 && loss === 0) return 50;
  if (loss === 0) return 100;
  return 100 - 100 / (1 + gain / loss);
}
