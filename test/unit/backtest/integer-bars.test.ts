import { describe, expect, it } from 'vitest';
import { isOnTick } from '../../../src/domain/money';
import { toIntegerBars } from '../../../src/backtest/integer-bars';

describe('integer bars from the shipped price rows', () => {
  it('when prices are adjusted decimals off the grid then every price is snapped to the nearest ETF tick', () => {
    const [bar] = toIntegerBars([
      { date: '2010-01-04', open: 5126.77, high: 5258.69, low: 4989.16, close: 5094.5, volume: 3920414 },
    ]);

    expect(bar).toEqual({
      date: '2010-01-04',
      open: 5125,
      high: 5260,
      low: 4990,
      close: 5095,
      volume: 3920414,
    });
    for (const p of [bar!.open, bar!.high, bar!.low, bar!.close]) expect(isOnTick(p, 'ETF')).toBe(true);
  });

  it('when a row is close-only then open, high and low equal the close and volume is 0', () => {
    const [bar] = toIntegerBars([
      { date: '2020-01-02', open: null, high: null, low: null, close: 1999.4, volume: null },
    ]);

    expect(bar).toEqual({ date: '2020-01-02', open: 1999, high: 1999, low: 1999, close: 1999, volume: 0 });
  });

  it('when snapping would put the close outside the high/low then the range is widened to cover it', () => {
    const [bar] = toIntegerBars([
      { date: '2020-01-02', open: 10_001, high: 10_002, low: 9_998, close: 10_003, volume: 1 },
    ]);

    expect(bar!.low).toBeLessThanOrEqual(Math.min(bar!.open, bar!.close));
    expect(bar!.high).toBeGreaterThanOrEqual(Math.max(bar!.open, bar!.close));
  });
});
