/**
 * The study: the grid on the worker pool, the walk-forward over the grid's NAV series, then offsets and
 * universe perturbations around the walk-forward's choice, sub-periods, and the passive benchmarks. Every
 * run is `runBacktest` — the one engine the backtest CLI and the replay check use.
 */
import { availablePriceTickers } from '../../adapters/prices/load';
import type { KstDate } from '../../domain/market';
import { DEFAULT_STRATEGY_CONFIG } from '../../domain/strategy/config';
import { runBuyAndHold } from '../benchmark';
import { equalWeights, fixedWeights, runWeightedPortfolio } from '../benchmarks';
import { DEFAULT_BACKTEST_COSTS } from '../config';
import { loadBacktestData, type BacktestData } from '../load';
import { computeMetrics, type PerformanceMetrics } from '../metrics';
import {
  gridJobs,
  paramsKey,
  paramsOf,
  PREVIOUS_DEFAULTS,
  robustnessJobs,
  studyConfig,
  studyTickers,
  type StudyJob,
  type StudyParams,
} from './jobs';
import type { StudyPool } from './pool';
import { dataProblems, StudyInputError, type StudySpec } from './spec';
import {
  cagrOf,
  indexAtOrAfter,
  majorityParams,
  mostChosen,
  periodReturn,
  walkForward,
  yearsBetween,
  type WalkForwardResult,
} from './walk-forward';
import type { WorkerResult } from './worker';

export interface StudyRun {
  job: StudyJob;
  result: WorkerResult;
}

export interface SubPeriod {
  label: string;
  from: KstDate;
  to: KstDate;
  chosen: number;
  currentDefault: number | null;
  median: number;
  best: number;
  worst: number;
  benchmark: number;
}

export interface BenchmarkRun {
  label: string;
  equity: { date: KstDate; nav: number; cash: number }[];
  metrics: PerformanceMetrics;
  taxPaid: number;
}

export interface StudyResult {
  spec: StudySpec;
  days: KstDate[];
  grid: StudyRun[];
  walkForward: WalkForwardResult;
  /** Each parameter's value the walk-forward chose most often: the desk's defaults come from it. */
  choice: StudyRun;
  /** How often each value of each parameter was chosen across the windows. */
  choiceCounts: Record<keyof StudyParams, Map<string, number>>;
  /** The defaults before the first study (PREVIOUS_DEFAULTS) as a grid run, when the grid contains it. */
  currentDefault: StudyRun | null;
  offsets: StudyRun[];
  universe: StudyRun[];
  subPeriods: SubPeriod[];
  benchmarks: BenchmarkRun[];
  runs: number;
}

/**
 * Every problem with the spec the data reveals, after the flags' own `problems`; throws one StudyInputError
 * listing them all.
 */
export function assertStudyData(spec: StudySpec, flagProblems: readonly string[] = []): BacktestData {
  const available = availablePriceTickers();
  const problems = [...flagProblems];
  problems.push(
    ...dataProblems(spec, available, (tickers) => {
      const data = loadBacktestData(tickers);
      const days = Object.values(data.barsByTicker).flatMap((b) => [b[0]?.date, b.at(-1)?.date]);
      const dates = days.filter((d): d is string => !!d).sort();
      return dates.length ? { first: dates[0]!, last: dates[dates.length - 1]! } : null;
    }),
  );
  if (problems.length > 0) throw new StudyInputError(problems);
  return loadBacktestData(studyTickers(spec));
}

/** Sub-periods: the whole years of the range in three nearly equal parts (fewer for short ranges). */
export function subPeriodsOf(days: readonly KstDate[]): { label: string; from: KstDate; to: KstDate }[] {
  const years = [...new Set(days.map((d) => d.slice(0, 4)))];
  const parts = Math.min(3, years.length);
  const out: { label: string; from: KstDate; to: KstDate }[] = [];
  for (let p = 0; p < parts; p++) {
    const group = years.slice(
      Math.floor((p * years.length) / parts),
      Math.floor(((p + 1) * years.length) / parts),
    );
    const first = group[0]!;
    const last = group[group.length - 1]!;
    out.push({
      label: first === last ? first : `${first}–${last}`,
      from: days.find((d) => d.startsWith(first))!,
      to: [...days].reverse().find((d) => d.startsWith(last))!,
    });
  }
  return out;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function runStudy(
  spec: StudySpec,
  data: BacktestData,
  pool: StudyPool,
  onProgress?: (done: number, total: number) => void,
): Promise<StudyResult> {
  const grid = gridJobs(spec);
  const base = paramsOf({ ...DEFAULT_STRATEGY_CONFIG, universe: spec.universe, safeAsset: spec.safeAsset });
  const expected = grid.length + robustnessJobs(spec, base, 0).length;
  const gridResults = await pool.run(grid, (done) => onProgress?.(done, expected));
  const days = gridResults[0]?.days ?? [];
  for (const r of gridResults)
    if (r.days.length !== days.length)
      throw new Error(`run ${r.id} has ${r.days.length} days, not ${days.length}`);
  const gridRuns = grid.map((job, i) => ({ job, result: gridResults[i]! }));
  const navs = gridResults.map((r) => r.nav);
  const wf = walkForward(days, navs, spec.capital, spec);
  const majority = majorityParams(
    wf.windows,
    gridRuns.map((r) => r.job.params),
  );
  let choiceIndex = majority
    ? gridRuns.findIndex((r) => paramsKey(r.job.params) === paramsKey(majority))
    : -1;
  if (choiceIndex < 0) choiceIndex = mostChosen(wf.windows) ?? 0;
  const choice = gridRuns[choiceIndex]!;

  const robustness = robustnessJobs(spec, choice.job.params, grid.length);
  const robustResults = await pool.run(robustness, (done) => onProgress?.(done, expected));
  const robustRuns = robustness.map((job, i) => ({ job, result: robustResults[i]! }));

  const currentKey = paramsKey(PREVIOUS_DEFAULTS);
  const currentDefault = gridRuns.find((r) => paramsKey(r.job.params) === currentKey) ?? null;
  const choiceCounts = {} as StudyResult['choiceCounts'];
  for (const key of Object.keys(choice.job.params) as (keyof StudyParams)[]) {
    choiceCounts[key] = new Map();
    for (const w of wf.windows) {
      const value = String(gridRuns[w.chosen]!.job.params[key]);
      choiceCounts[key].set(value, (choiceCounts[key].get(value) ?? 0) + 1);
    }
  }

  const benchmarks = benchmarkRuns(spec, data, days);
  const bh = benchmarks[0]!;
  const subPeriods = subPeriodsOf(days).map((p) => {
    const a = indexAtOrAfter(days, p.from);
    const b = indexAtOrAfter(days, p.to) + 1;
    const years = yearsBetween(p.from, p.to);
    const cagr = (nav: readonly number[]) => cagrOf(periodReturn(nav, spec.capital, a, b), years);
    const all = navs.map(cagr);
    return {
      ...p,
      chosen: cagr(choice.result.nav),
      currentDefault: currentDefault ? cagr(currentDefault.result.nav) : null,
      median: median(all),
      best: Math.max(...all),
      worst: Math.min(...all),
      benchmark: cagr(bh.equity.map((e) => e.nav)),
    };
  });

  return {
    spec,
    days,
    grid: gridRuns,
    walkForward: wf,
    choice,
    choiceCounts,
    currentDefault,
    offsets: robustRuns.filter((r) => r.job.group === 'offset'),
    universe: robustRuns.filter((r) => r.job.group === 'universe'),
    subPeriods,
    benchmarks,
    runs: grid.length + robustness.length,
  };
}

/** Buy-and-hold KODEX 200, a static 50/50 069500/114260 and an equal-weight universe, same costs and tax. */
export function benchmarkRuns(spec: StudySpec, data: BacktestData, days: readonly KstDate[]): BenchmarkRun[] {
  const config = studyConfig(spec, paramsOf(DEFAULT_STRATEGY_CONFIG), spec.universe);
  const bars = data.barsByTicker;
  const withMetrics = (
    label: string,
    equity: BenchmarkRun['equity'],
    fills: Parameters<typeof computeMetrics>[1],
    taxPaid: number,
  ) => ({
    label,
    equity,
    taxPaid,
    metrics: computeMetrics(equity, fills, spec.capital, spec.riskFreeRate),
  });
  const bench = DEFAULT_BACKTEST_COSTS.benchmark;
  const bh = runBuyAndHold(bench, bars[bench] ?? [], days, config);
  const weighted = (
    label: string,
    tickers: string[],
    weights: Parameters<typeof runWeightedPortfolio>[0]['weights'],
  ) => {
    const run = runWeightedPortfolio({
      label,
      tickers,
      weights,
      barsByTicker: bars,
      calendar: data.calendar,
      days,
      config,
    });
    return withMetrics(label, run.equity, run.fills, run.taxPaid);
  };
  return [
    withMetrics(`${bench} buy & hold`, bh.equity, bh.fills, 0),
    weighted(
      '50/50 069500/114260, monthly',
      ['069500', '114260'],
      fixedWeights({ '069500': 0.5, '114260': 0.5 }),
    ),
    weighted(`equal-weight universe (${spec.universe.length}), monthly`, spec.universe, equalWeights),
  ];
}
