import { describe, expect, it } from 'vitest';
import type { Fill } from '../../../src/backtest/engine';
import { computeMetrics, yearlyReturns } from '../../../src/backtest/metrics';

const fill = (value: number, commission: number): Fill => ({
  date: '2020-01-02',
  ticker: '069500',
  side: 'BUY',
  quantity: 1,
  price: value,
  value,
  commission,
  tax: 0,
  reason: 'REBALANCE',
  limitPrice: null,
  filledAt: 'OPEN',
  openBeyondLimit: false,
  plannedQuantity: 1,
});

describe('performance metrics', () => {
  it('when NAV rises, falls and recovers then return, drawdown and its dates are exact', () => {
    // Arrange
    const equity = [
      { date: '2020-01-01', nav: 1100, cash: 0 },
      { date: '2020-06-30', nav: 990, cash: 0 },
      { date: '2021-12-31', nav: 1210, cash: 0 },
    ];

    // Act
    const m = computeMetrics(equity, [fill(1000, 3)], 1000, 0);

    // Assert
    expect(m.totalReturn).toBeCloseTo(0.21, 12);
    expect(m.maxDrawdown).toBeCloseTo(-0.1, 12);
    expect(m.maxDrawdownPeak).toBe('2020-01-01');
    expect(m.maxDrawdownTrough).toBe('2020-06-30');
    expect(m.years).toBeCloseTo(731 / 365.25, 12);
    expect(m.cagr).toBeCloseTo(1.21 ** (365.25 / 731) - 1, 12);
    expect(m.annualTurnover).toBeCloseTo(1000 / ((1100 + 990 + 1210) / 3) / (731 / 365.25), 12);
    expect(m.trades).toBe(1);
    expect(m.commissionPaid).toBe(3);
  });

  it('when every daily return is the same then volatility and Sharpe are zero', () => {
    const equity = [1010, 1020.1, 1030.301].map((nav, i) => ({ date: `2020-01-0${i + 2}`, nav, cash: 0 }));

    const m = computeMetrics(equity, [], 1000, 0);

    expect(m.annualVolatility).toBeCloseTo(0, 9);
    expect(m.sharpe).toBe(0);
    expect(m.maxDrawdown).toBe(0);
  });

  it('when returns vary then volatility is the sample deviation × √252 and Sharpe subtracts the daily risk-free rate', () => {
    const navs = [1010, 999.9, 1019.898];
    const equity = navs.map((nav, i) => ({ date: `2020-01-0${i + 2}`, nav, cash: 0 }));
    const r = [0.01, -0.01, 0.02];
    const mean = (0.01 - 0.01 + 0.02) / 3;
    const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 2);

    const m = computeMetrics(equity, [], 1000, 0.0252);

    expect(m.annualVolatility).toBeCloseTo(sd * Math.sqrt(252), 9);
    expect(m.sharpe).toBeCloseTo(((mean - 0.0001) / sd) * Math.sqrt(252), 9);
  });

  it('when the series spans years then each calendar year is measured from the previous year end', () => {
    const equity = [
      { date: '2020-06-01', nav: 1100, cash: 0 },
      { date: '2020-12-30', nav: 1200, cash: 0 },
      { date: '2021-03-02', nav: 1500, cash: 0 },
    ];

    expect(yearlyReturns(equity, 1000)).toEqual([
      { year: 2020, return: 1200 / 1000 - 1 },
      { year: 2021, return: 1500 / 1200 - 1 },
    ]);
  });
});
