import { describe, expect, it } from 'vitest';
import type { BacktestConfig } from '../../../src/backtest/config';
import { CliArgsError } from '../../../src/backtest/cli-args';
import { runBacktest } from '../../../src/backtest/engine';
import {
  createExitOverlay,
  parseOverlaySpec,
  takeOverlayArgs,
  type OverlaySpec,
} from '../../../src/backtest/overlay';
import { nearestTick } from '../../../src/domain/money';
import type { DailyBar } from '../../../src/domain/ports';
import { DEFAULT_RISK_LIMITS } from '../../../src/domain/risk';
import { DEFAULT_WATCH_THRESHOLDS, sellStopLoss, sellTrailingStop } from '../../../src/domain/watch';
import { testConfig, weekdayCalendar, weekdaysFrom } from '../strategy/fixtures';

const DATES = weekdaysFrom('2023-01-02', 160);
const T = DEFAULT_WATCH_THRESHOLDS;
const spec = (conditions: OverlaySpec['conditions']): OverlaySpec => ({ conditions, thresholds: { ...T } });

function flat(count: number, price: number): DailyBar[] {
  return DATES.slice(0, count).map((date) => ({
    date,
    open: price,
    high: price,
    low: price,
    close: price,
    volume: 1_000,
  }));
}

describe('exit overlay on daily bars', () => {
  it('when the day low reaches −8 % under the cost then the stop loss sells that day at its trigger, and one won short of it does not', () => {
    // Arrange: 30 flat bars at 10,000, then a day whose low is 9,205 (−7.95 %), then one at 9,200 (−8 %)
    const bars = [
      ...flat(30, 10_000),
      { date: DATES[30]!, open: 9_600, high: 9_650, low: 9_205, close: 9_400, volume: 1_000 },
      { date: DATES[31]!, open: 9_500, high: 9_550, low: 9_200, close: 9_300, volume: 1_000 },
    ];
    const overlay = createExitOverlay({
      barsByTicker: { '100010': bars },
      spec: spec(['sell_stop_loss']),
      slippageTicks: 1,
    });
    const day = (date: string) =>
      overlay.exits({ date, positions: new Map([['100010', 7]]), averageCost: () => 10_000 });

    // Act
    const before = day(DATES[30]!);
    const on = day(DATES[31]!);

    // Assert: the same domain function agrees on both days
    const market = (price: number) => ({ ticker: '100010', bars: [], price, todayOpen: 0, todayVolume: 0 });
    const holding = { quantity: 7, averageCost: 10_000, highestSinceOpened: 10_000 };
    expect(sellStopLoss(market(9_205), holding, T).fired).toBe(false);
    expect(sellStopLoss(market(9_200), holding, T).fired).toBe(true);
    expect(before).toEqual([]);
    // The trigger 9,200 one tick lower is under the day's low: the sale is at the low, inside the bar
    expect(on).toEqual([{ ticker: '100010', quantity: 7, price: 9_200, atOpen: false }]);
    expect(overlay.log).toMatchObject([
      { date: DATES[31], ticker: '100010', condition: 'sell_stop_loss', at: 'INTRADAY', price: 9_200 },
    ]);
  });

  it('when the open gaps through the stop then it sells at the open, one tick of slippage down', () => {
    // Arrange
    const bars = [
      ...flat(30, 10_000),
      { date: DATES[30]!, open: 9_000, high: 9_100, low: 8_800, close: 9_050, volume: 1_000 },
    ];
    const overlay = createExitOverlay({
      barsByTicker: { '100010': bars },
      spec: spec(['sell_stop_loss', 'sell_trailing_stop']),
      slippageTicks: 1,
    });

    // Act
    const exits = overlay.exits({
      date: DATES[30]!,
      positions: new Map([['100010', 3]]),
      averageCost: () => 10_000,
    });

    // Assert
    expect(exits).toEqual([{ ticker: '100010', quantity: 3, price: 8_995, atOpen: true }]);
    expect(overlay.log[0]).toMatchObject({ at: 'OPEN', condition: 'sell_stop_loss' });
  });

  it('when a trailing stop is on then the peak is the highs since the position was first seen, not today’s', () => {
    // Arrange: bought at 10,000 on day 30, highs climb to 12,000 on day 32, day 33 falls to 10,800 (−10 %)
    const bars = [
      ...flat(30, 10_000),
      { date: DATES[30]!, open: 10_000, high: 10_500, low: 10_000, close: 10_400, volume: 1_000 },
      { date: DATES[31]!, open: 10_400, high: 11_000, low: 10_300, close: 10_900, volume: 1_000 },
      { date: DATES[32]!, open: 11_000, high: 12_000, low: 10_900, close: 11_800, volume: 1_000 },
      { date: DATES[33]!, open: 11_700, high: 11_750, low: 10_800, close: 10_900, volume: 1_000 },
    ];
    const overlay = createExitOverlay({
      barsByTicker: { '100010': bars },
      spec: spec(['sell_trailing_stop']),
      slippageTicks: 0,
    });
    const positions = new Map([['100010', 5]]);

    // Act
    const perDay = [30, 31, 32, 33].map((i) =>
      overlay.exits({ date: DATES[i]!, positions, averageCost: () => 10_000 }),
    );

    // Assert: only day 33 fires, as sellTrailingStop says for its low against the 12,000 peak
    const market = { ticker: '100010', bars: [], price: 10_800, todayOpen: 11_700, todayVolume: 0 };
    expect(
      sellTrailingStop(market, { quantity: 5, averageCost: 10_000, highestSinceOpened: 12_000 }, T).fired,
    ).toBe(true);
    expect(perDay.slice(0, 3)).toEqual([[], [], []]);
    expect(perDay[3]).toEqual([{ ticker: '100010', quantity: 5, price: 10_800, atOpen: false }]);
  });

  describe('in the backtest engine', () => {
    const LOOSE_LIMITS: BacktestConfig['limits'] = {
      ...DEFAULT_RISK_LIMITS,
      allowedTickers: ['100010'],
      maxOrderValue: 1_000_000_000,
      maxPositionWeightBp: 10_000,
      fatFingerCashBp: 10_000,
      maxOrdersPerDay: 100,
    };
    const config: BacktestConfig = {
      from: DATES[20]!,
      to: DATES[DATES.length - 1]!,
      capital: 1_000_000,
      strategy: testConfig({ universe: ['100010'], safeAsset: 'CASH', topN: 1, maxPositionWeightBp: 5_000 }),
      benchmark: '100010',
      slippageTicks: 1,
      commissionPpm: 140,
      sellTaxPpm: 0,
      cashRateBp: 0,
      riskFreeRate: 0,
      limits: LOOSE_LIMITS,
      carryOver: true,
      forceFirstDay: true,
      accountType: 'pension',
    };
    /** Rises 0.4 % a day; day CRASH's low is 12 % under the day before's high; then it climbs again. */
    const CRASH = 52;
    const bars: DailyBar[] = DATES.map((date, i) => {
      const close = nearestTick(10_000 * 1.004 ** i, 'ETF');
      const open = nearestTick(10_000 * 1.004 ** (i - 1), 'ETF');
      const previousHigh = nearestTick(10_000 * 1.004 ** (i - 1) * 1.002, 'ETF');
      return {
        date,
        open,
        high: nearestTick(close * 1.002, 'ETF'),
        low: i === CRASH ? nearestTick(previousHigh * 0.88, 'ETF') : nearestTick(open * 0.998, 'ETF'),
        close,
        volume: 1_000,
      };
    });
    const input = { barsByTicker: { '100010': bars }, calendar: weekdayCalendar(), config };

    it('when the overlay is on then the holding is sold on the day the trailing stop fires and is not bought back before the next plan', () => {
      // Act
      const overlay = createExitOverlay({
        barsByTicker: input.barsByTicker,
        spec: spec(['sell_stop_loss', 'sell_trailing_stop']),
        slippageTicks: config.slippageTicks,
      });
      const run = runBacktest({ ...input, exitHook: overlay });

      // Assert: one overlay exit, on the crash day, of the whole holding, at a price inside that bar
      const exits = run.fills.filter((f) => f.reason === 'OVERLAY_EXIT');
      expect(exits).toHaveLength(1);
      const exit = exits[0]!;
      expect(exit.date).toBe(DATES[CRASH]);
      expect(overlay.log).toMatchObject([{ date: DATES[CRASH], condition: 'sell_trailing_stop' }]);
      const bar = bars[CRASH]!;
      expect(exit.price).toBeGreaterThanOrEqual(bar.low);
      expect(exit.price).toBeLessThanOrEqual(bar.high);
      const heldBefore = run.fills
        .filter((f) => f.date < exit.date)
        .reduce((n, f) => n + (f.side === 'BUY' ? f.quantity : -f.quantity), 0);
      expect(exit.quantity).toBe(heldBefore);

      // Assert: no buy between the exit and the next plan (no carry-over re-entry)
      const nextPlan = run.plans.find((p) => p.date > exit.date)?.date ?? '9999-12-31';
      expect(run.fills.filter((f) => f.side === 'BUY' && f.date > exit.date && f.date < nextPlan)).toEqual(
        [],
      );
      expect(run.fills.some((f) => f.side === 'BUY' && f.date >= nextPlan)).toBe(true);
    });

    it('when no overlay is given (the default) then the run is the plain strategy, and an overlay that never fires changes nothing', () => {
      // Act
      const plain = runBacktest(input);
      const never = runBacktest({
        ...input,
        exitHook: createExitOverlay({
          barsByTicker: input.barsByTicker,
          spec: {
            conditions: ['sell_stop_loss', 'sell_trailing_stop'],
            thresholds: { ...T, stopLossPct: 100, trailingStopPct: 100 },
          },
          slippageTicks: 1,
        }),
      });

      // Assert: the plain run held through the crash day; the never-firing overlay run is identical
      expect(plain.fills.some((f) => f.reason === 'OVERLAY_EXIT')).toBe(false);
      expect(plain.fills.some((f) => f.date === DATES[CRASH])).toBe(false);
      expect(never).toEqual(plain);
      expect(takeOverlayArgs(['--from', '2016-01-01'])).toEqual({
        overlay: null,
        rest: ['--from', '2016-01-01'],
      });
    });
  });

  describe('the --overlay flag', () => {
    it('when given short or full names and thresholds then they are taken out of argv and validated as the watch validates them', () => {
      const taken = takeOverlayArgs([
        '--from',
        '2016-01-01',
        '--overlay',
        'stop_loss,sell_trailing_stop',
        '--overlay-thresholds=stopLossPct=5,trailingStopPct=12',
      ]);
      expect(taken.rest).toEqual(['--from', '2016-01-01']);
      expect(taken.overlay).toEqual({
        conditions: ['sell_stop_loss', 'sell_trailing_stop'],
        thresholds: { ...T, stopLossPct: 5, trailingStopPct: 12 },
      });
    });

    it.each([
      ['an unknown condition', ['--overlay', 'stop_loss,moon'], /unknown condition "moon"/],
      ['a buy condition', ['--overlay', 'buy_breakout'], /unknown condition "buy_breakout"/],
      [
        'a negative threshold',
        ['--overlay', 'stop_loss', '--overlay-thresholds', 'stopLossPct=-5'],
        /stopLossPct must be above 0 %/,
      ],
      [
        'a threshold above 100 %',
        ['--overlay', 'stop_loss', '--overlay-thresholds', 'trailingStopPct=150'],
        /trailingStopPct must be at most 100 %/,
      ],
      [
        'an unknown threshold',
        ['--overlay', 'stop_loss', '--overlay-thresholds', 'nope=1'],
        /"nope=1" is not one of/,
      ],
      ['thresholds without --overlay', ['--overlay-thresholds', 'stopLossPct=5'], /needs --overlay/],
      ['no value', ['--overlay'], /--overlay needs a value/],
    ])('when it has %s then the error names it', (_what, argv, message) => {
      expect(() => takeOverlayArgs(argv)).toThrow(CliArgsError);
      expect(() => takeOverlayArgs(argv)).toThrow(message);
      expect(() => parseOverlaySpec('', null)).toThrow(/at least one condition/);
    });
  });
});
