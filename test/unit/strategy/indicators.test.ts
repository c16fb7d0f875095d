import { describe, expect, it } from 'vitest';
import { barsAvailableAt, lastBarIndexBefore } from '../../../src/domain/strategy/bars';
import { averageTrueRange, skipMonthRateOfChange } from '../../../src/domain/strategy/indicators';
import { makeBars } from './fixtures';

describe('12-1 rate of change', () => {
  it('when the series is long enough then it is close[i - skip] / close[i - lookback] - 1', () => {
    // Arrange: closes 100, 101, …, 110
    const bars = makeBars('2024-01-01', 11, (i) => 100 + i);

    // Act
    const roc = skipMonthRateOfChange(bars, 10, 10, 2);

    // Assert: close[8] / close[0] - 1
    expect(roc).toBeCloseTo(108 / 100 - 1, 12);
  });

  it('when fewer than lookback + 1 bars exist then there is no value', () => {
    const bars = makeBars('2024-01-01', 10, (i) => 100 + i);

    expect(skipMonthRateOfChange(bars, 9, 10, 2)).toBeNull();
  });

  it('with the 252 / 21 defaults then the latest month does not move the value', () => {
    // Arrange: flat for a year, then a spike in the last 21 bars
    const bars = makeBars('2023-01-02', 253, (i) => (i > 231 ? 200 : i === 0 ? 100 : 110));

    // Act
    const roc = skipMonthRateOfChange(bars, 252, 252, 21);

    // Assert: close[231] (110) / close[0] (100) - 1
    expect(roc).toBeCloseTo(0.1, 12);
  });
});

describe('average true range', () => {
  it('when bars have no gaps then it is the mean high - low', () => {
    const bars = makeBars('2024-01-01', 5, () => 1000, 5);

    expect(averageTrueRange(bars, 4, 3)).toBe(10);
  });

  it('when a bar gaps away from the previous close then the gap counts', () => {
    // Arrange: previous close 100, next bar trades 115..120 → TR = 120 - 100 = 20
    const bars = makeBars('2024-01-01', 2, () => 100);
    bars[1] = { ...bars[1]!, open: 116, high: 120, low: 115, close: 118 };

    expect(averageTrueRange(bars, 1, 1)).toBe(20);
  });

  it('when bars are close-only then it is the mean absolute close-to-close change', () => {
    const closes = [100, 104, 101, 107];
    const bars = makeBars('2024-01-01', 4, (i) => closes[i]!);

    expect(averageTrueRange(bars, 3, 3)).toBeCloseTo((4 + 3 + 6) / 3, 12);
  });

  it('when fewer than days + 1 bars exist then there is no value', () => {
    const bars = makeBars('2024-01-01', 3, () => 100, 1);

    expect(averageTrueRange(bars, 2, 3)).toBeNull();
  });
});

describe('bars available at a decision date', () => {
  it('when a bar is dated on the decision day then it is not visible (the 08:00 run has no such bar)', () => {
    const bars = makeBars('2024-01-01', 5, (i) => 100 + i); // 01-01 … 01-05

    expect(lastBarIndexBefore(bars, '2024-01-03')).toBe(1);
    expect(barsAvailableAt(bars, '2024-01-03').map((b) => b.date)).toEqual(['2024-01-01', '2024-01-02']);
    expect(lastBarIndexBefore(bars, '2024-01-01')).toBe(-1);
    expect(lastBarIndexBefore(bars, '2030-01-01')).toBe(4);
  });
});
