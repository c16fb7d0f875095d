import { kstInstant, type KstDate } from '../../../domain/market';
import { nearestTick, type Krw, type PriceBand } from '../../../domain/money';
import { randomFor } from '../random';
import type { SimBar } from './daily-history';

/** One simulated trade print every 10 seconds of continuous trading. */
export const STEP_MS = 10_000;

const OPENING_AUCTION_SHARE = 0.04;
const CLOSING_AUCTION_SHARE = 0.06;

/**
 * The intraday life of one ticker on one trading day: the opening print at the open, a price every STEP_MS
 * until 15:20, and the closing print at 15:30. It always starts at the bar's open, touches its high and low
 * and ends on its close, so the day it produces is the daily bar it came from.
 */
export interface IntradayDay {
  date: KstDate;
  /** Epoch ms of the opening print (09:00, or 10:00 on the first trading day of the year). */
  openAt: number;
  /** Epoch ms when continuous trading stops (15:20). */
  closingAuctionAt: number;
  /** Epoch ms of the closing print (15:30). */
  closeAt: number;
  /** Continuous steps; step i trades at openAt + i × STEP_MS. Step 0 is the opening print. */
  steps: number;
  prices: Int32Array;
  /** Cumulative volume and traded value through step i, inclusive. */
  cumVolume: Float64Array;
  cumValue: Float64Array;
  runningHigh: Int32Array;
  runningLow: Int32Array;
  closingVolume: number;
  /** The opening and closing prints (the bar's open and close, clamped into the band). */
  open: Krw;
  close: Krw;
  bar: SimBar;
  base: Krw;
  band: PriceBand;
}

export function buildIntradayDay(input: {
  ticker: string;
  bar: SimBar;
  base: Krw;
  band: PriceBand;
  openMinute: number;
  seed: number;
}): IntradayDay {
  const { bar, band } = input;
  const clamp = (p: number): Krw => Math.min(band.upper, Math.max(band.lower, p));
  const open = clamp(bar.open);
  const close = clamp(bar.close);
  const high = Math.max(clamp(bar.high), open, close);
  const low = Math.min(clamp(bar.low), open, close);

  const openAt = kstInstant(bar.date, Math.floor(input.openMinute / 60), input.openMinute % 60).getTime();
  const closingAuctionAt = kstInstant(bar.date, 15, 20).getTime();
  const closeAt = kstInstant(bar.date, 15, 30).getTime();
  const steps = Math.max(3, Math.floor((closingAuctionAt - openAt) / STEP_MS));
  const rng = randomFor(input.seed, input.ticker, bar.date, 'intraday');

  const raw = new Float64Array(steps);
  const range = high - low;
  // An open near the high usually means the high comes early in the day, and vice versa.
  const highFirst = rng.next() < (range === 0 ? 0.5 : (open - low) / range);
  const a = 1 + rng.int(steps - 2);
  let b = 1 + rng.int(steps - 2);
  if (b === a) b = a === steps - 2 ? a - 1 : a + 1;
  const [t1, t2] = a < b ? [a, b] : [b, a];
  const [x1, x2] = highFirst ? [high, low] : [low, high];
  const anchors: Array<[number, number]> = [
    [0, open],
    [t1, x1],
    [t2, x2],
    [steps - 1, close],
  ];
  const sigma = (range / Math.sqrt(steps)) * 0.6;
  for (let k = 0; k < anchors.length - 1; k++) {
    const [from, fromPrice] = anchors[k]!;
    const [to, toPrice] = anchors[k + 1]!;
    const length = to - from;
    if (length <= 0) continue;
    let walk = 0;
    const walkAt = new Float64Array(length + 1);
    for (let i = 1; i <= length; i++) {
      walk += sigma * rng.normal();
      walkAt[i] = walk;
    }
    for (let i = 0; i <= length; i++) {
      const share = i / length;
      raw[from + i] = fromPrice + (toPrice - fromPrice) * share + (walkAt[i]! - share * walkAt[length]!);
    }
  }

  const prices = new Int32Array(steps);
  for (let i = 0; i < steps; i++) prices[i] = Math.min(high, Math.max(low, nearestTick(raw[i]!, 'ETF')));
  for (const [at, price] of anchors) prices[at] = price;

  const volumes = splitVolume(bar.volume, steps, rng.next.bind(rng));
  const cumVolume = new Float64Array(steps);
  const cumValue = new Float64Array(steps);
  const runningHigh = new Int32Array(steps);
  const runningLow = new Int32Array(steps);
  let volume = 0;
  let value = 0;
  for (let i = 0; i < steps; i++) {
    const price = prices[i]!;
    volume += volumes.steps[i]!;
    value += volumes.steps[i]! * price;
    cumVolume[i] = volume;
    cumValue[i] = value;
    runningHigh[i] = i === 0 ? price : Math.max(runningHigh[i - 1]!, price);
    runningLow[i] = i === 0 ? price : Math.min(runningLow[i - 1]!, price);
  }
  return {
    date: bar.date,
    openAt,
    closingAuctionAt,
    closeAt,
    steps,
    prices,
    cumVolume,
    cumValue,
    runningHigh,
    runningLow,
    closingVolume: volumes.closing,
    open,
    close,
    bar,
    base: input.base,
    band,
  };
}

/** Integer volumes per step: an opening and a closing auction share, the rest U-shaped through the day. */
function splitVolume(
  total: number,
  steps: number,
  random: () => number,
): { steps: number[]; closing: number } {
  const opening = Math.floor(total * OPENING_AUCTION_SHARE);
  const closing = Math.floor(total * CLOSING_AUCTION_SHARE);
  const continuous = total - opening - closing;
  const weights: number[] = [];
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const x = (i / (steps - 1) - 0.5) * 2;
    const w = (1 + 2 * x * x) * (0.5 + random());
    weights.push(w);
    sum += w;
  }
  const out = weights.map((w) => Math.floor((continuous * w) / sum));
  const allocated = out.reduce((acc, v) => acc + v, 0);
  out[steps - 1] = (out[steps - 1] ?? 0) + (continuous - allocated);
  out[0] = (out[0] ?? 0) + opening;
  return { steps: out, closing };
}
