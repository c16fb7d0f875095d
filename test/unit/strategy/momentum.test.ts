import { describe, expect, it } from 'vitest';
import { computeMomentumSignals } from '../../../src/domain/strategy/signals';
import { makeBars, testConfig, weekdayCalendar } from './fixtures';

// 30 weekday bars from 2024-01-01 (a Monday); the decision date is the day after the last bar.
const DATE = '2024-02-12';
/** A series growing by `daily` (relative) each bar, so its 10/2 ROC is (1 + daily)^8 - 1. */
const trend = (daily: number, count = 30) =>
  makeBars('2024-01-01', count, (i) => Math.round(10_000 * (1 + daily) ** i), 20);
const rocOf = (daily: number) => (1 + daily) ** 8 - 1;

describe('12-1 momentum selection', () => {
  it('when three assets beat the safe asset then the top two by return are selected', () => {
    // Arrange
    const barsByTicker = {
      '100010': trend(0.01),
      '100020': trend(0.03),
      '100030': trend(0.02),
      '100090': trend(0.001),
    };

    // Act
    const signals = computeMomentumSignals({
      date: DATE,
      calendar: weekdayCalendar(),
      barsByTicker,
      config: testConfig(),
    });

    // Assert
    expect(signals.selected).toEqual(['100020', '100030']);
    expect(signals.risk.map((s) => [s.ticker, s.rank, s.selected])).toEqual([
      ['100020', 1, true],
      ['100030', 2, true],
      ['100010', 3, false],
    ]);
    expect(signals.hurdle.ticker).toBe('100090');
    expect(signals.hurdle.roc).toBeCloseTo(rocOf(0.001), 3);
  });

  it('when only one asset beats the safe asset return then only it is selected (absolute filter)', () => {
    const barsByTicker = {
      '100010': trend(-0.01),
      '100020': trend(0.02),
      '100030': trend(0.0005),
      '100090': trend(0.001),
    };

    const signals = computeMomentumSignals({
      date: DATE,
      calendar: weekdayCalendar(),
      barsByTicker,
      config: testConfig(),
    });

    expect(signals.selected).toEqual(['100020']);
    const third = signals.risk.find((s) => s.ticker === '100030')!;
    expect(third.rank).toBe(2);
    expect(third.aboveHurdle).toBe(false);
  });

  it('when the safe asset is cash then the hurdle is zero and falling assets are not selected', () => {
    const barsByTicker = { '100010': trend(-0.01), '100020': trend(0.001), '100030': trend(-0.002) };

    const signals = computeMomentumSignals({
      date: DATE,
      calendar: weekdayCalendar(),
      barsByTicker,
      config: testConfig({ safeAsset: 'CASH' }),
    });

    expect(signals.hurdle).toEqual({ ticker: 'CASH', roc: 0 });
    expect(signals.safe).toBeNull();
    expect(signals.selected).toEqual(['100020']);
  });

  it('when the safe asset is also listed in the universe then it is never ranked', () => {
    const barsByTicker = { '100010': trend(0.01), '100090': trend(0.05) };

    const signals = computeMomentumSignals({
      date: DATE,
      calendar: weekdayCalendar(),
      barsByTicker,
      config: testConfig({ universe: ['100010', '100090'] }),
    });

    expect(signals.risk.map((s) => s.ticker)).toEqual(['100010']);
    expect(signals.selected).toEqual([]);
  });

  it('when a series is too short or has stopped then it gets no rank and says why', () => {
    // Arrange: 100010 has 8 bars (needs 11); 100020 stopped 10 trading days before the decision
    const barsByTicker = {
      '100010': makeBars('2024-01-29', 8, () => 10_000),
      '100020': trend(0.02, 20),
      '100030': trend(0.01),
      '100090': trend(0),
    };

    // Act
    const signals = computeMomentumSignals({
      date: DATE,
      calendar: weekdayCalendar(),
      barsByTicker,
      config: testConfig(),
    });

    // Assert
    const status = Object.fromEntries(signals.risk.map((s) => [s.ticker, s.status]));
    expect(status).toEqual({ '100010': 'INSUFFICIENT_HISTORY', '100020': 'STALE_DATA', '100030': 'RANKED' });
    expect(signals.selected).toEqual(['100030']);
  });

  it('when a thin ETF misses a few days then it still counts as fresh', () => {
    const bars = trend(0.02);
    const barsByTicker = { '100010': bars.slice(0, 27), '100090': trend(0) }; // last 3 bars missing

    const signals = computeMomentumSignals({
      date: DATE,
      calendar: weekdayCalendar(),
      barsByTicker,
      config: testConfig({ universe: ['100010'] }),
    });

    expect(signals.risk[0]!.status).toBe('RANKED');
  });

  it('when two assets have the same return then the lower ticker ranks first', () => {
    const barsByTicker = { '100030': trend(0.01), '100010': trend(0.01), '100090': trend(0) };

    const signals = computeMomentumSignals({
      date: DATE,
      calendar: weekdayCalendar(),
      barsByTicker,
      config: testConfig({ universe: ['100030', '100010'], topN: 1 }),
    });

    expect(signals.selected).toEqual(['100010']);
  });
});
