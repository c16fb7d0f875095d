import { CASH } from '../domain/strategy/config';
import { runBuyAndHold, type BuyAndHoldRun } from './benchmark';
import type { BacktestConfig } from './config';
import { runBacktest, type BacktestRun } from './engine';
import type { BacktestData } from './load';
import { computeMetrics, yearlyReturns, type PerformanceMetrics } from './metrics';

export interface BacktestResult {
  config: BacktestConfig;
  strategy: BacktestRun;
  benchmark: BuyAndHoldRun;
  metrics: { strategy: PerformanceMetrics; benchmark: PerformanceMetrics };
  yearly: { year: number; strategy: number; benchmark: number | null }[];
  /** The same run without tax (a pension account), and the after-tax CAGR of the configured account. */
  tax: {
    accountType: BacktestConfig['accountType'];
    paid: number;
    cagrBeforeTax: number;
    cagrAfterTax: number;
  };
}

/** Every ticker a backtest needs data for: the universe, the safe ETF and the benchmark. */
export function tickersFor(config: BacktestConfig): string[] {
  const safe = config.strategy.safeAsset === CASH ? [] : [config.strategy.safeAsset];
  return [...new Set([...config.strategy.universe, ...safe, config.benchmark])];
}

export function runBacktestWithBenchmark(config: BacktestConfig, data: BacktestData): BacktestResult {
  const strategy = runBacktest({ barsByTicker: data.barsByTicker, calendar: data.calendar, config });
  const benchmark = runBuyAndHold(
    config.benchmark,
    data.barsByTicker[config.benchmark] ?? [],
    strategy.days,
    config,
  );
  const strategyYears = yearlyReturns(strategy.equity, config.capital);
  const benchmarkYears = new Map(
    yearlyReturns(benchmark.equity, config.capital).map((y) => [y.year, y.return]),
  );
  const metrics = computeMetrics(strategy.equity, strategy.fills, config.capital, config.riskFreeRate);
  const untaxed =
    config.accountType === 'pension'
      ? strategy
      : runBacktest({
          barsByTicker: data.barsByTicker,
          calendar: data.calendar,
          config: { ...config, accountType: 'pension' },
        });
  const cagrOf = (nav: number) => Math.pow(nav / config.capital, 1 / Math.max(metrics.years, 1e-9)) - 1;
  return {
    tax: {
      accountType: config.accountType,
      paid: strategy.taxPaid,
      cagrBeforeTax: cagrOf(untaxed.equity.at(-1)?.nav ?? config.capital),
      cagrAfterTax: cagrOf(strategy.finalNavAfterTax),
    },
    config,
    strategy,
    benchmark,
    metrics: {
      strategy: metrics,
      benchmark: computeMetrics(benchmark.equity, benchmark.fills, config.capital, config.riskFreeRate),
    },
    yearly: strategyYears.map((y) => ({
      year: y.year,
      strategy: y.return,
      benchmark: benchmarkYears.get(y.year) ?? null,
    })),
  };
}
