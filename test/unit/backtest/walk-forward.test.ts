import { describe, expect, it } from 'vitest';
import {
  addMonths,
  majorityParams,
  walkForward,
  type WalkForwardWindow,
} from '../../../src/backtest/study/walk-forward';

/** One day per month from 2016-01 for `months` months. */
const monthly = (months: number): string[] =>
  Array.from({ length: months }, (_, i) => `${addMonths('2016-01-01', i).slice(0, 7)}-15`);

describe('walk-forward over the grid’s NAV series', () => {
  it('when one run leads in-sample and then lags then the procedure earns the lagging run’s out-of-sample return', () => {
    // Arrange: 48 months. Run A grows 2 %/month for 36 months, then falls 1 %/month; run B grows 1 %/month.
    const days = monthly(48);
    const a = days.map((_, i) => 1_000_000 * (i < 36 ? 1.02 ** (i + 1) : 1.02 ** 36 * 0.99 ** (i - 35)));
    const b = days.map((_, i) => 1_000_000 * 1.01 ** (i + 1));

    // Act
    const result = walkForward(days, [a, b], 1_000_000, { inSampleMonths: 36, outOfSampleMonths: 12 });

    // Assert: one window, A chosen (better in-sample), and its out-of-sample loss is what is earned.
    expect(result.windows).toHaveLength(1);
    expect(result.windows[0]).toMatchObject({
      chosen: 0,
      inSample: { from: '2016-01-15', to: '2018-12-15' },
      outOfSample: { from: '2019-01-15', to: '2019-12-15' },
    });
    expect(result.windows[0]!.outOfSampleReturn).toBeCloseTo(0.99 ** 12 - 1, 10);
    expect(result.equity).toHaveLength(12);
    expect(result.equity.at(-1)!.nav).toBeCloseTo(1_000_000 * 0.99 ** 12, 4);
    expect(result.cagr).toBeLessThan(0);
  });

  it('when the windows chose neighbouring runs then each parameter takes the value chosen most, ties to the latest', () => {
    const runs = [
      { top: 2, lookback: 126 },
      { top: 3, lookback: 126 },
      { top: 3, lookback: 252 },
    ];
    const window = (chosen: number): WalkForwardWindow => ({
      chosen,
      inSample: { from: '', to: '' },
      outOfSample: { from: '', to: '' },
      inSampleReturn: 0,
      outOfSampleReturn: 0,
    });

    expect(majorityParams([window(0), window(1), window(2), window(2)], runs)).toEqual({
      top: 3,
      lookback: 252,
    });
    // top 2 and top 3 twice each: the latest window's value (top 3) wins the tie.
    expect(majorityParams([window(0), window(1), window(0), window(2)], runs)).toEqual({
      top: 3,
      lookback: 126,
    });
    expect(majorityParams([window(1), window(0), window(0)], runs)).toEqual({ top: 2, lookback: 126 });
    expect(majorityParams([], runs)).toBeNull();
  });
});
