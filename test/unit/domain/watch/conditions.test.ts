import { describe, expect, it } from 'vitest';
import type { DailyBar } from '../../../../src/domain/ports';
import {
  buyBreakout,
  buyMa20Pullback,
  buyRsiBounce,
  DEFAULT_WATCH_THRESHOLDS,
  evaluateConditions,
  reachesTrigger,
  sellClimax,
  sellMaBreak,
  sellStopLoss,
  sellTakeProfit,
  sellTrailingStop,
  sma,
  wilderRsiSeries,
  type WatchMarket,
  type WatchThresholds,
} from '../../../../src/domain/watch';

const T: WatchThresholds = { ...DEFAULT_WATCH_THRESHOLDS };

function bar(i: number, close: number, extra: Partial<DailyBar> = {}): DailyBar {
  const date = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return { date, open: close, high: close, low: close, close, volume: 1_000, ...extra };
}
const flatBars = (n: number, close: number, extra: Partial<DailyBar> = {}): DailyBar[] =>
  Array.from({ length: n }, (_, i) => bar(i, close, extra));
const market = (bars: DailyBar[], price: number, extra: Partial<WatchMarket> = {}): WatchMarket => ({
  ticker: '069500',
  bars,
  price,
  todayOpen: price,
  todayVolume: 1_000,
  ...extra,
});
const holding = (averageCost: number, highestSinceOpened = averageCost) => ({
  quantity: 10,
  averageCost,
  highestSinceOpened,
});

describe('sell_stop_loss: (price − cost) / cost ≤ −8 %', () => {
  it('when the price is exactly 8 % under the cost then it fires, with the numbers behind it', () => {
    const r = sellStopLoss(market([], 9_200), holding(10_000), T);
    expect(r).toMatchObject({
      fired: true,
      kind: 'sell',
      condition: 'sell_stop_loss',
      ticker: '069500',
      price: 9_200,
      triggerPrice: 9_200,
      numbers: { averageCost: 10_000, changePct: -8, stopLossPct: 8 },
    });
  });
  it('when the price is one tick above −8 % then it does not fire', () => {
    expect(sellStopLoss(market([], 9_205), holding(10_000), T).fired).toBe(false);
  });
  it('when the threshold is overridden to 5 % then −5 % fires', () => {
    expect(sellStopLoss(market([], 9_500), holding(10_000), { ...T, stopLossPct: 5 }).fired).toBe(true);
  });
});

describe('sell_take_profit: (price − cost) / cost ≥ +25 %', () => {
  it('when the price is exactly 25 % over the cost then it fires', () => {
    const r = sellTakeProfit(market([], 12_500), holding(10_000), T);
    expect(r).toMatchObject({ fired: true, triggerPrice: 12_500, numbers: { changePct: 25 } });
  });
  it('when the price is one tick under +25 % then it does not fire', () => {
    expect(sellTakeProfit(market([], 12_495), holding(10_000), T).fired).toBe(false);
  });
});

describe('sell_trailing_stop: price ≤ highest since opened × (1 − 10 %)', () => {
  it('when the price is exactly 10 % under the peak then it fires', () => {
    const r = sellTrailingStop(market([], 18_000), holding(10_000, 20_000), T);
    expect(r).toMatchObject({ fired: true, triggerPrice: 18_000, numbers: { highestSinceOpened: 20_000 } });
  });
  it('when the price is one tick above the trail then it does not fire', () => {
    expect(sellTrailingStop(market([], 18_005), holding(10_000, 20_000), T).fired).toBe(false);
  });
  it('when the live price is a new peak then the trail follows it and does not fire', () => {
    const r = sellTrailingStop(market([], 21_000), holding(10_000, 20_000), T);
    expect(r.fired).toBe(false);
    expect(r.numbers.highestSinceOpened).toBe(21_000);
  });
});

describe('sell_ma_break: price < MA50, high severity when also < MA200', () => {
  it('when the price is just under MA50 and MA200 then it fires with high severity', () => {
    const r = sellMaBreak(market(flatBars(200, 10_000), 9_995), T);
    expect(r).toMatchObject({ fired: true, severity: 'high', numbers: { maMid: 10_000, maSlow: 10_000 } });
  });
  it('when the price equals MA50 then it does not fire', () => {
    expect(sellMaBreak(market(flatBars(200, 10_000), 10_000), T).fired).toBe(false);
  });
  it('when the price is under MA50 but above MA200 then it fires with normal severity', () => {
    const bars = [...flatBars(150, 9_000), ...flatBars(50, 10_000)];
    const r = sellMaBreak(market(bars, 9_995), T);
    expect(r).toMatchObject({ fired: true, severity: 'normal', numbers: { maSlow: 9_250 } });
  });
  it('when there are fewer than 50 bars then it does not fire', () => {
    expect(sellMaBreak(market(flatBars(49, 10_000), 5_000), T).fired).toBe(false);
  });
});

describe('sell_climax: volume ≥ 3 × 20-day average and price < open', () => {
  const bars = flatBars(20, 10_000);
  it('when volume is exactly 3 × the average and price is under the open then it fires', () => {
    const r = sellClimax(market(bars, 9_995, { todayOpen: 10_000, todayVolume: 3_000 }), T);
    expect(r).toMatchObject({ fired: true, numbers: { averageVolume: 1_000, todayVolume: 3_000 } });
  });
  it('when volume is one share short of 3 × then it does not fire', () => {
    expect(sellClimax(market(bars, 9_995, { todayOpen: 10_000, todayVolume: 2_999 }), T).fired).toBe(false);
  });
  it('when the price equals the open then it does not fire', () => {
    expect(sellClimax(market(bars, 10_000, { todayOpen: 10_000, todayVolume: 9_000 }), T).fired).toBe(false);
  });
});

describe('buy_breakout: price > prior 20-bar high and volume > 1.5 × average', () => {
  const bars = flatBars(20, 10_000);
  it('when price is one tick over the high and volume just over 1.5 × then it fires', () => {
    const r = buyBreakout(market(bars, 10_005, { todayVolume: 1_501 }), T);
    expect(r).toMatchObject({ fired: true, kind: 'buy', triggerPrice: 10_000 });
  });
  it('when price equals the prior high then it does not fire', () => {
    expect(buyBreakout(market(bars, 10_000, { todayVolume: 5_000 }), T).fired).toBe(false);
  });
  it('when volume is exactly 1.5 × then it does not fire', () => {
    expect(buyBreakout(market(bars, 10_005, { todayVolume: 1_500 }), T).fired).toBe(false);
  });
});

describe('buy_ma20_pullback: MA20 > MA50 > MA200, 3-bar low ≤ MA20 × 1.02, price > MA20', () => {
  // A steady uptrend, then three bars whose low is set by the test.
  const trend = (low: number): DailyBar[] => {
    const bars = Array.from({ length: 200 }, (_, i) => bar(i, 10_000 + 10 * i));
    for (let i = 197; i < 200; i++) bars[i] = bar(i, 13_000, { low, high: 13_100 });
    return bars;
  };
  const ma20Of = (bars: DailyBar[]): number =>
    sma(
      bars.map((b) => b.close),
      20,
    )!;
  it('when the 3-bar low is exactly at MA20 × 1.02 then it fires', () => {
    const probe = trend(12_000);
    const limit = (ma20Of(probe) * 102) / 100;
    const bars = trend(Math.floor(limit));
    const r = buyMa20Pullback(market(bars, 13_000), T);
    expect(r.numbers.maFast! > r.numbers.maMid!).toBe(true);
    expect(r.numbers.maMid! > r.numbers.maSlow!).toBe(true);
    expect(r.fired).toBe(true);
  });
  it('when the 3-bar low is one won above the band then it does not fire', () => {
    const limit = (ma20Of(trend(12_000)) * 102) / 100;
    expect(buyMa20Pullback(market(trend(Math.floor(limit) + 1), 13_000), T).fired).toBe(false);
  });
  it('when the price is at or under MA20 then it does not fire', () => {
    const bars = trend(12_000);
    expect(buyMa20Pullback(market(bars, Math.floor(ma20Of(bars))), T).fired).toBe(false);
  });
  it('when the averages are not stacked (downtrend) then it does not fire', () => {
    const bars = Array.from({ length: 200 }, (_, i) => bar(i, 20_000 - 10 * i));
    expect(buyMa20Pullback(market(bars, 19_000), T).fired).toBe(false);
  });
});

describe('buy_rsi_bounce: Wilder RSI(14) < 30 within the last 3, latest > 30 and rising', () => {
  // Thirty falling closes push RSI far under 30; the live price jumps back.
  const falling = Array.from({ length: 30 }, (_, i) => bar(i, 20_000 - 200 * i));
  const bouncePrice = 18_000;
  const latestRsi = (): number => wilderRsiSeries([...falling.map((b) => b.close), bouncePrice], 14).at(-1)!;
  it('when the latest RSI is just above the oversold level after a dip under it then it fires', () => {
    const r = latestRsi();
    const oversold = r - 0.01;
    const fired = buyRsiBounce(market(falling, bouncePrice), { ...T, rsiOversold: oversold });
    expect(fired.numbers.recentMinRsi! < oversold).toBe(true);
    expect(fired.fired).toBe(true);
  });
  it('when the latest RSI equals the oversold level then it does not fire', () => {
    expect(buyRsiBounce(market(falling, bouncePrice), { ...T, rsiOversold: latestRsi() }).fired).toBe(false);
  });
  it('when RSI keeps falling under 30 then it does not fire', () => {
    const r = buyRsiBounce(market(falling, 14_000), T);
    expect(r.numbers.rsi! < 30).toBe(true);
    expect(r.fired).toBe(false);
  });
  it('when RSI was never under 30 in the last 3 values then it does not fire', () => {
    const rising = Array.from({ length: 30 }, (_, i) => bar(i, 10_000 + (i % 2 === 0 ? 100 : -50) * i));
    expect(buyRsiBounce(market(rising, 12_000), T).fired).toBe(false);
  });
});

describe('Wilder RSI', () => {
  it('is 50 on a flat series and 100 on a series that only rises', () => {
    expect(wilderRsiSeries(Array(20).fill(100), 14).at(-1)).toBe(50);
    expect(
      wilderRsiSeries(
        Array.from({ length: 20 }, (_, i) => 100 + i),
        14,
      ).at(-1),
    ).toBe(100);
  });
  it('has one value per close after the first period', () => {
    expect(wilderRsiSeries(Array(20).fill(100), 14)).toHaveLength(6);
    expect(wilderRsiSeries(Array(14).fill(100), 14)).toHaveLength(0);
  });
});

describe('evaluateConditions', () => {
  it('when there is no holding then sell conditions are skipped and buy conditions run', () => {
    const out = evaluateConditions({
      market: market(flatBars(200, 10_000), 5_000),
      holding: undefined,
      thresholds: T,
      conditions: ['sell_stop_loss', 'sell_ma_break', 'buy_breakout'],
    });
    expect(out.map((r) => r.condition)).toEqual(['buy_breakout']);
  });
  it('when a holding is 9 % down then stop loss and MA break fire together', () => {
    const out = evaluateConditions({
      market: market(flatBars(200, 10_000), 9_100),
      holding: holding(10_000),
      thresholds: T,
      conditions: ['sell_stop_loss', 'sell_take_profit', 'sell_ma_break'],
    });
    expect(out.filter((r) => r.fired).map((r) => r.condition)).toEqual(['sell_stop_loss', 'sell_ma_break']);
  });
});

describe('reachesTrigger (a tick worth evaluating at once)', () => {
  it('when a price comes to a falling stop at or under its trigger, or a rising level at or over it, then it is reached', () => {
    // Arrange: results at 10,000 that did not fire (stop at 9,200, take profit at 12,500, breakout over 10,400)
    const stop = sellStopLoss(market([], 10_000), holding(10_000), T);
    const take = sellTakeProfit(market([], 10_000), holding(10_000), T);
    const breakout = buyBreakout(market(flatBars(20, 10_000, { high: 10_400 }), 10_000), T);

    // Act + Assert
    expect([stop.triggerPrice, take.triggerPrice, breakout.triggerPrice]).toEqual([9_200, 12_500, 10_400]);
    expect([reachesTrigger(stop, 9_200), reachesTrigger(stop, 9_205)]).toEqual([true, false]);
    expect([reachesTrigger(take, 12_500), reachesTrigger(take, 12_495)]).toEqual([true, false]);
    expect([reachesTrigger(breakout, 10_400), reachesTrigger(breakout, 10_395)]).toEqual([true, false]);
  });

  it('when the result already fired or has no trigger price then nothing is reached', () => {
    const fired = sellStopLoss(market([], 9_000), holding(10_000), T);
    const rsi = buyRsiBounce(market(flatBars(30, 10_000), 10_000), T);
    expect(fired.fired).toBe(true);
    expect(reachesTrigger(fired, 1)).toBe(false);
    expect(rsi.triggerPrice).toBeNull();
    expect(reachesTrigger(rsi, 1)).toBe(false);
  });
});
