import { CASH } from '../domain/strategy/config';
import { runBuyAndHold, type BuyAndHoldRun } from './benchmark';
import { equalWeights, fixedWeights, runWeightedPortfolio } from './benchmarks';
import type { BacktestConfig } from './config';
import { runBacktest, type BacktestRun } from './engine';
import type { BacktestData } from './load';
import { computeMetrics, yearlyReturns, type PerformanceMetrics } from './metrics';
import { liquidationTax } from './tax';

/** A passive portfolio beside the strategy, with the same capital, costs and account. */
export interface Comparison {
  label: string;
  metrics: PerformanceMetrics;
  /** CAGR of the last NAV less the tax due if sold out on the last day. */
  cagrAfterTax: number;
  taxPaid: number;
  yearly: Map<number, number>;
}

/** The static 50/50 the report compares with: KODEX 200 and KODEX 국고채3년. */
export const FIFTY_FIFTY = { '069500': 0.5, '114260': 0.5 } as const;

export interface BacktestResult {
  config: BacktestConfig;
  strategy: BacktestRun;
  benchmark: BuyAndHoldRun;
  metrics: { strategy: PerformanceMetrics; benchmark: PerformanceMetrics };
  yearly: { year: number; strategy: number; benchmark: number | null }[];
  /** 069500 buy & hold, the static 50/50 069500/114260 and the equal-weight universe (monthly). */
  comparisons: Comparison[];
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
  return [...new Set([...config.strategy.universe, ...safe, config.benchmark, ...Object.keys(FIFTY_FIFTY)])];
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
  const comparison = (
    label: string,
    equity: BuyAndHoldRun['equity'],
    fills: BuyAndHoldRun['fills'],
    taxPaid: number,
    navAfterTax: number,
  ): Comparison => ({
    label,
    metrics: computeMetrics(equity, fills, config.capital, config.riskFreeRate),
    cagrAfterTax: cagrOf(navAfterTax),
    taxPaid,
    yearly: new Map(yearlyReturns(equity, config.capital).map((y) => [y.year, y.return])),
  });
  const bought = benchmark.fills[0];
  const bhDue = liquidationTax(
    config.accountType,
    bought
      ? [
          {
            ticker: config.benchmark,
            gain:
              (benchmark.equity.at(-1)?.nav ?? 0) -
              (benchmark.equity.at(-1)?.cash ?? 0) -
              bought.value -
              bought.commission,
          },
        ]
      : [],
    0,
  );
  const weighted = (
    label: string,
    tickers: string[],
    weights: Parameters<typeof runWeightedPortfolio>[0]['weights'],
  ) => {
    const run = runWeightedPortfolio({
      label,
      tickers,
      weights,
      barsByTicker: data.barsByTicker,
      calendar: data.calendar,
      days: strategy.days,
      config,
    });
    return comparison(label, run.equity, run.fills, run.taxPaid, run.finalNavAfterTax);
  };
  const comparisons = [
    comparison(
      `${config.benchmark} buy & hold`,
      benchmark.equity,
      benchmark.fills,
      bhDue,
      (benchmark.equity.at(-1)?.nav ?? config.capital) - bhDue,
    ),
    ...(Object.keys(FIFTY_FIFTY).every((t) => data.barsByTicker[t])
      ? [weighted('50/50 069500/114260', Object.keys(FIFTY_FIFTY), fixedWeights(FIFTY_FIFTY))]
      : []),
    weighted(
      `Equal-weight universe (${config.strategy.universe.length})`,
      config.strategy.universe,
      equalWeights,
    ),
  ];
  return {
    comparisons,
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
