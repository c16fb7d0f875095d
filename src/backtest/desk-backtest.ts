/**
 * A backtest a person asks for from Discord or the terminal (`/backtest`): the desk's own strategy settings and
 * guard limits over the last N months of the shipped KRX prices, run by the one backtest engine (the engine the
 * replay check proves equal to the live cycle) on a worker thread, so the desk's event loop keeps answering
 * clicks. It runs as a `backtest` job: whichever desk process takes it, under the job audit.
 */
import { addDays, type KstDate } from '../domain/market';
import { mulDivFloor } from '../domain/money';
import type { RiskLimits } from '../domain/risk';
import { CASH, type StrategyConfig } from '../domain/strategy/config';
import { runBuyAndHold } from './benchmark';
import { DEFAULT_BACKTEST_COSTS, type BacktestConfig } from './config';
import { loadBacktestData } from './load';
import { computeMetrics } from './metrics';
import {
  deskBacktestBriefSchema,
  NO_BACKTEST_DATA,
  type DeskBacktestBrief,
  type DeskBacktestRequest,
} from './desk-request';
import { paramsOf, type StudyJob } from './study/jobs';
import { createStudyPool } from './study/pool';
import type { WorkerResult } from './study/worker';

export {
  DEFAULT_DESK_BACKTEST,
  deskBacktestBriefSchema,
  deskBacktestRequestSchema,
  type DeskBacktestBrief,
  type DeskBacktestRequest,
} from './desk-request';

/** What the desk trades with: its cycle's strategy, its guard limits and its broker commission. */
export interface DeskBacktestSetup {
  strategy: StrategyConfig;
  limits: RiskLimits;
  commissionPpm: number;
  /** The NAV floor as a share of the starting capital, basis points (the desk's floor ÷ its capital). */
  navFloorBp: number;
}

export class NoBacktestDataError extends Error {
  constructor(readonly asked: DeskBacktestRequest) {
    super(`no shipped prices cover the last ${asked.months} months`);
    this.name = NO_BACKTEST_DATA;
  }
}

/** The same day `months` calendar months earlier (clamped to the month's last day). */
export function monthsBefore(date: KstDate, months: number): KstDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function tickersOf(strategy: StrategyConfig, benchmark: string): string[] {
  const safe = strategy.safeAsset === CASH ? [] : [strategy.safeAsset];
  return [...new Set([...strategy.universe, ...safe, benchmark])];
}

/**
 * The run's config: the last `months` months of data up to yesterday (the shipped data may end earlier),
 * the desk's strategy and limits with the NAV floor scaled to the capital asked for.
 */
export function deskBacktestConfig(
  request: DeskBacktestRequest,
  setup: DeskBacktestSetup,
  today: KstDate,
  lastDataDay: KstDate,
): BacktestConfig {
  const yesterday = addDays(today, -1);
  const to = lastDataDay < yesterday ? lastDataDay : yesterday;
  return {
    from: monthsBefore(to, request.months),
    to,
    capital: request.capital,
    strategy: setup.strategy,
    ...DEFAULT_BACKTEST_COSTS,
    commissionPpm: setup.commissionPpm,
    limits: { ...setup.limits, navFloor: mulDivFloor(request.capital, setup.navFloorBp, 10_000) },
    // The live cycle plans only on its rebalance day; so does this run.
    forceFirstDay: false,
  };
}

export interface DeskBacktestRunner {
  /** Runs one backtest config; the default runs it on a one-thread worker pool. */
  (config: BacktestConfig, dataTickers: readonly string[]): Promise<WorkerResult>;
}

async function onWorkerThread(config: BacktestConfig, dataTickers: readonly string[]): Promise<WorkerResult> {
  const pool = createStudyPool(1, dataTickers);
  try {
    const job: StudyJob = {
      id: 1,
      group: 'grid',
      label: 'desk',
      params: paramsOf(config.strategy),
      universe: [...config.strategy.universe],
      config,
    };
    const [result] = await pool.run([job]);
    if (!result) throw new Error('the backtest worker returned nothing');
    return result;
  } finally {
    await pool.close();
  }
}

export async function runDeskBacktest(
  request: DeskBacktestRequest,
  setup: DeskBacktestSetup,
  today: KstDate,
  run: DeskBacktestRunner = onWorkerThread,
): Promise<DeskBacktestBrief> {
  const benchmark = DEFAULT_BACKTEST_COSTS.benchmark;
  const tickers = tickersOf(setup.strategy, benchmark);
  // Only the benchmark here (the range and the buy & hold): the worker loads the whole universe itself, so the
  // desk's event loop does not parse every price file twice.
  const benchmarkBars = loadBacktestData([benchmark]).barsByTicker[benchmark] ?? [];
  const lastDataDay = benchmarkBars[benchmarkBars.length - 1]?.date;
  if (!lastDataDay) throw new NoBacktestDataError(request);
  const config = deskBacktestConfig(request, setup, today, lastDataDay);
  if (!benchmarkBars.some((b) => b.date >= config.from && b.date <= config.to))
    throw new NoBacktestDataError(request);
  const result = await run(config, tickers);
  const hold = runBuyAndHold(benchmark, benchmarkBars, result.days, config);
  const held = computeMetrics(hold.equity, hold.fills, config.capital, config.riskFreeRate);
  const m = result.metrics;
  const years = Math.max(m.years, 1e-9);
  return deskBacktestBriefSchema.parse({
    from: m.from,
    to: m.to,
    months: request.months,
    capital: config.capital,
    finalNav: m.finalNav,
    finalNavAfterTax: result.finalNavAfterTax,
    cagr: m.cagr,
    cagrAfterTax: Math.pow(result.finalNavAfterTax / config.capital, 1 / years) - 1,
    maxDrawdown: m.maxDrawdown,
    sharpe: Number.isFinite(m.sharpe) ? m.sharpe : 0,
    trades: m.trades,
    clipped: result.clipped,
    carried: result.carried,
    abandoned: result.abandoned,
    averageCash: result.averageCash,
    benchmark: { ticker: benchmark, cagr: held.cagr, maxDrawdown: held.maxDrawdown, finalNav: held.finalNav },
    settings: {
      topN: setup.strategy.topN,
      lookbackDays: setup.strategy.lookbackDays,
      skipDays: setup.strategy.skipDays,
      maxPositionWeightBp: setup.strategy.maxPositionWeightBp,
      cashSweep: setup.strategy.cashSweep,
    },
  });
}
