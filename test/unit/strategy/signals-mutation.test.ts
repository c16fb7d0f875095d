import { describe, expect, it } from 'vitest';
import type { DailyBar } from '../../../src/domain/ports';
import { barsAvailableAt, lastBarIndexBefore } from '../../../src/domain/strategy/bars';
import { averageTrueRange, skipMonthRateOfChange } from '../../../src/domain/strategy/indicators';
import { computeMomentumSignals, freshnessCutoff, tickerSignal } from '../../../src/domain/strategy/signals';
import { makeBars, testConfig, weekdayCalendar } from './fixtures';

/** Signals, indicators and the bar window at their edges (issue 17). */

const bar = (date: string, close: number, high = close, low = close): DailyBar => ({
  date,
  open: close,
  high,
  low,
  close,
  volume: 1,
});

describe('indicators at their edges', () => {
  const closes = [100, 101, 102, 103, 104, 105];
  const bars = makeBars('2024-01-01', closes.length, (i) => closes[i]!);

  it('when the end index is past the last bar then the return is undefined, even if both closes exist', () => {
    expect(skipMonthRateOfChange(bars, 6, 4, 1)).toBeNull();
    expect(skipMonthRateOfChange(bars, 5, 4, 1)).toBeCloseTo(104 / 101 - 1, 12);
    expect(skipMonthRateOfChange(bars, 5, 5, 0)).toBeCloseTo(105 / 100 - 1, 12);
    expect(skipMonthRateOfChange(bars, 5, 6, 0)).toBeNull();
  });

  it('when the base close is zero or negative then the return is undefined', () => {
    const zero = [bar('2024-01-01', 0), bar('2024-01-02', 100), bar('2024-01-03', 110)];
    expect(skipMonthRateOfChange(zero, 2, 2, 0)).toBeNull();
    const negative = [bar('2024-01-01', -5), bar('2024-01-02', 100), bar('2024-01-03', 110)];
    expect(skipMonthRateOfChange(negative, 2, 2, 0)).toBeNull();
    expect(skipMonthRateOfChange(zero, 2, 1, 0)).toBeCloseTo(0.1, 12);
  });

  it('when the ATR window is zero days or runs past the data then it is undefined', () => {
    expect(averageTrueRange(bars, 5, 0)).toBeNull();
    expect(averageTrueRange(bars, 6, 1)).toBeNull();
    expect(averageTrueRange(bars, 5, 5)).toBe(1);
    expect(averageTrueRange(bars, 5, 6)).toBeNull();
    expect(averageTrueRange(bars, 1, 1)).toBe(1);
    expect(averageTrueRange(bars, 0, 1)).toBeNull();
  });

  it('when a bar gaps down then the distance from its low to the previous close counts', () => {
    // previous close 100; bar 80..85 → TR = |80 − 100| = 20
    const gapDown = [bar('2024-01-01', 100), bar('2024-01-02', 82, 85, 80)];
    expect(averageTrueRange(gapDown, 1, 1)).toBe(20);
    // inside the previous close: high − low wins (99..90 around 95 → 9 vs 4 and 5)
    const inside = [bar('2024-01-01', 95), bar('2024-01-02', 96, 99, 90)];
    expect(averageTrueRange(inside, 1, 1)).toBe(9);
  });

  it('when the ATR covers several days then it is the mean of exactly those days', () => {
    // TRs from index 1: 10, 20, 30 → the last two: 25
    const series = [
      bar('2024-01-01', 100),
      bar('2024-01-02', 110),
      bar('2024-01-03', 130),
      bar('2024-01-04', 160),
    ];
    expect(averageTrueRange(series, 3, 2)).toBe(25);
    expect(averageTrueRange(series, 3, 3)).toBe(20);
    expect(averageTrueRange(series, 2, 2)).toBe(15);
  });
});

describe('the bar window', () => {
  const bars = makeBars('2024-01-01', 7, (i) => 100 + i); // 01-01 … 01-09 (weekdays)

  it.each([
    ['2023-12-31', -1],
    ['2024-01-01', -1],
    ['2024-01-02', 0],
    ['2024-01-05', 3],
    ['2024-01-06', 4],
    ['2024-01-09', 5],
    ['2024-01-10', 6],
  ])('before %s the last visible bar is index %i', (date, index) => {
    expect(lastBarIndexBefore(bars, date)).toBe(index);
    expect(barsAvailableAt(bars, date)).toHaveLength(index + 1);
  });

  it('when there are no bars then nothing is visible', () => {
    expect(lastBarIndexBefore([], '2024-01-10')).toBe(-1);
    expect(barsAvailableAt([], '2024-01-10')).toEqual([]);
  });
});

describe('signal freshness', () => {
  const calendar = weekdayCalendar();

  it('when no stale day is tolerated then the cutoff is the previous trading day; each tolerated day moves it back one', () => {
    expect(freshnessCutoff('2024-02-12', calendar, 0)).toBe('2024-02-09');
    expect(freshnessCutoff('2024-02-12', calendar, 1)).toBe('2024-02-08');
    expect(freshnessCutoff('2024-02-12', calendar, 5)).toBe('2024-02-02');
  });

  const config = testConfig({ lookbackDays: 4, skipDays: 1, atrDays: 2 });
  const bars = makeBars('2024-01-01', 10, (i) => 10_000 + 100 * i, 10); // 01-01 … 01-12

  it('when the last bar is exactly at the cutoff then the signal is fresh; one day older is stale', () => {
    const fresh = tickerSignal('100010', bars, '2024-01-15', '2024-01-12', config);
    expect(fresh).toMatchObject({ status: 'RANKED', lastBarDate: '2024-01-12', lastClose: 10_900 });
    expect(fresh.roc).toBeCloseTo(10_800 / 10_500 - 1, 12);
    // each bar: high = previous close + 100 + 10 → TR 110
    expect(fresh.atr).toBe(110);
    const stale = tickerSignal('100010', bars, '2024-01-15', '2024-01-15', config);
    expect(stale).toEqual({
      ticker: '100010',
      status: 'STALE_DATA',
      lastBarDate: '2024-01-12',
      lastClose: 10_900,
      roc: null,
      atr: null,
      rank: null,
      aboveHurdle: false,
      selected: false,
    });
  });

  it('when there are no bars, or none before the date, then the signal says NO_DATA and carries nothing', () => {
    const empty = {
      ticker: '100010',
      status: 'NO_DATA',
      lastBarDate: null,
      lastClose: null,
      roc: null,
      atr: null,
      rank: null,
      aboveHurdle: false,
      selected: false,
    };
    expect(tickerSignal('100010', undefined, '2024-01-15', '2024-01-01', config)).toEqual(empty);
    expect(tickerSignal('100010', [], '2024-01-15', '2024-01-01', config)).toEqual(empty);
    expect(tickerSignal('100010', bars, '2024-01-01', '2023-12-01', config)).toEqual(empty);
  });

  it('when the last close is off the tick grid then the signal snaps it', () => {
    const offGrid = [...bars.slice(0, 9), { ...bars[9]!, close: 10_903 }];
    expect(tickerSignal('100010', offGrid, '2024-01-15', '2024-01-12', config).lastClose).toBe(10_905);
  });

  it('when the return is defined but the ATR is not then the history is insufficient', () => {
    const longAtr = testConfig({ lookbackDays: 4, skipDays: 1, atrDays: 12 });
    const s = tickerSignal('100010', bars, '2024-01-15', '2024-01-12', longAtr);
    expect(s.status).toBe('INSUFFICIENT_HISTORY');
    expect(s.roc).not.toBeNull();
    expect(s.atr).toBeNull();
    const longRoc = testConfig({ lookbackDays: 12, skipDays: 1, atrDays: 2 });
    const r = tickerSignal('100010', bars, '2024-01-15', '2024-01-12', longRoc);
    expect(r.status).toBe('INSUFFICIENT_HISTORY');
    expect(r.atr).toBe(110);
  });
});

describe('ranking and the hurdle', () => {
  const DATE = '2024-02-12';
  const calendar = weekdayCalendar();
  const trend = (daily: number, count = 30) =>
    makeBars('2024-01-01', count, (i) => Math.round(10_000 * (1 + daily) ** i), 20);

  it('when a risk asset’s return equals the hurdle then it is ranked but not above it, and not selected', () => {
    const signals = computeMomentumSignals({
      date: DATE,
      calendar,
      barsByTicker: { '100010': trend(0.01), '100020': trend(0.02), '100090': trend(0.01) },
      config: testConfig({ universe: ['100010', '100020'] }),
    });
    expect(signals.selected).toEqual(['100020']);
    expect(signals.risk.map((s) => [s.ticker, s.rank, s.aboveHurdle, s.selected])).toEqual([
      ['100020', 1, true, true],
      ['100010', 2, false, false],
    ]);
    expect(signals.hurdle.roc).toBe(signals.risk[1]!.roc);
    expect(signals.safe).toMatchObject({ ticker: '100090', status: 'RANKED', rank: null, selected: false });
  });

  it('when the safe asset has no fresh signal then the hurdle is 0 % under its own name', () => {
    const signals = computeMomentumSignals({
      date: DATE,
      calendar,
      barsByTicker: { '100010': trend(0.001), '100020': trend(-0.001), '100090': trend(0.05, 15) },
      config: testConfig({ universe: ['100010', '100020'] }),
    });
    expect(signals.safe?.status).toBe('STALE_DATA');
    expect(signals.hurdle).toEqual({ ticker: '100090', roc: 0 });
    expect(signals.selected).toEqual(['100010']);
  });

  it('when more assets beat the hurdle than there are slots then only topN are selected, best first', () => {
    const signals = computeMomentumSignals({
      date: DATE,
      calendar,
      barsByTicker: {
        '100010': trend(0.01),
        '100020': trend(0.04),
        '100030': trend(0.03),
        '100040': trend(0.02),
      },
      config: testConfig({ universe: ['100010', '100020', '100030', '100040'], safeAsset: 'CASH', topN: 3 }),
    });
    expect(signals.selected).toEqual(['100020', '100030', '100040']);
    expect(signals.risk.map((s) => [s.ticker, s.rank, s.aboveHurdle, s.selected])).toEqual([
      ['100020', 1, true, true],
      ['100030', 2, true, true],
      ['100040', 3, true, true],
      ['100010', 4, true, false],
    ]);
  });

  it('when the universe lists a ticker twice then it gets one signal; unranked ones follow in universe order', () => {
    const signals = computeMomentumSignals({
      date: DATE,
      calendar,
      barsByTicker: {
        '100010': trend(0.01),
        '100020': makeBars('2024-02-05', 5, () => 10_000),
        '100040': trend(0.02),
      },
      config: testConfig({ universe: ['100030', '100010', '100020', '100010', '100040'], safeAsset: 'CASH' }),
    });
    expect(signals.risk.map((s) => [s.ticker, s.status, s.rank])).toEqual([
      ['100040', 'RANKED', 1],
      ['100010', 'RANKED', 2],
      ['100030', 'NO_DATA', null],
      ['100020', 'INSUFFICIENT_HISTORY', null],
    ]);
    expect(signals.risk.find((s) => s.ticker === '100030')!.aboveHurdle).toBe(false);
  });

  it('when the higher ticker has the better return then it ranks first despite the tie-break', () => {
    const signals = computeMomentumSignals({
      date: DATE,
      calendar,
      barsByTicker: { '100010': trend(0.01), '100030': trend(0.02), '100020': trend(0.01) },
      config: testConfig({ universe: ['100010', '100020', '100030'], safeAsset: 'CASH', topN: 3 }),
    });
    expect(signals.risk.map((s) => s.ticker)).toEqual(['100030', '100010', '100020']);
  });
});
