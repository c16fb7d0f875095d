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
  return {
    config,
    strategy,
    benchmark,
    metrics: {
      strategy: computeMetrics(strategy.equity, strategy.fills, config.capital, config.riskFreeRate),
      benchmark: computeMetrics(benchmark.equity, benchmark.fills, config.capital, config.riskFreeRate),
    },
    yearly: strategyYears.map((y) => ({
      year: y.year,
      strategy: y.return,
      benchmark: benchmarkYears.get(y.year) ?? null,
    })),
  };
}
