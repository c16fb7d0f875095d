/**
 * One study run inside a worker thread: the same `runBacktest` the backtest CLI runs, on data loaded once per
 * worker. Returns the daily NAV (for the walk-forward and the sub-periods, which slice it) and the summary.
 */
import { CASH } from '../../domain/strategy/config';
import type { BacktestConfig } from '../config';
import { runBacktest } from '../engine';
import { loadBacktestData, type BacktestData } from '../load';
import { computeMetrics, type PerformanceMetrics } from '../metrics';

export interface WorkerJob {
  id: number;
  config: BacktestConfig;
  /** Every ticker of the study: the data (and so the calendar) is the same for every run. */
  dataTickers: string[];
}

export interface WorkerResult {
  id: number;
  days: string[];
  nav: number[];
  /** Cash ÷ NAV averaged over the days. */
  averageCash: number;
  metrics: PerformanceMetrics;
  fills: number;
  clipped: number;
  carried: number;
  abandoned: number;
  taxPaid: number;
  finalNavAfterTax: number;
}

let cache: { key: string; data: BacktestData } | null = null;

function dataFor(tickers: readonly string[]): BacktestData {
  const key = tickers.join(',');
  if (cache?.key !== key) cache = { key, data: loadBacktestData(tickers) };
  return cache.data;
}

export function runStudyJob(job: WorkerJob): WorkerResult {
  const data = dataFor(job.dataTickers);
  const { strategy } = job.config;
  const needed = [...strategy.universe, ...(strategy.safeAsset === CASH ? [] : [strategy.safeAsset])];
  const barsByTicker = Object.fromEntries(needed.map((t) => [t, data.barsByTicker[t] ?? []]));
  const run = runBacktest({ barsByTicker, calendar: data.calendar, config: job.config });
  const nav = run.equity.map((e) => e.nav);
  return {
    id: job.id,
    days: run.days,
    nav,
    averageCash:
      run.equity.reduce((sum, e) => sum + (e.nav > 0 ? e.cash / e.nav : 0), 0) / Math.max(1, nav.length),
    metrics: computeMetrics(run.equity, run.fills, job.config.capital, job.config.riskFreeRate),
    fills: run.fills.length,
    clipped: run.clipped.filter((c) => c.kind === 'PLAN').length,
    carried: run.orders.filter((o) => o.kind === 'CARRY_OVER').length,
    abandoned: run.abandoned.length,
    taxPaid: run.taxPaid,
    finalNavAfterTax: run.finalNavAfterTax,
  };
}

export default runStudyJob;
