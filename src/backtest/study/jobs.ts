/**
 * The runs of a study, each a complete backtest config for the one backtest engine (src/backtest/engine.ts):
 * the grid (every combination of the grid's values), then — around the walk-forward's choice — the
 * rebalance-day offsets and the universe perturbations (leave each ETF out; add each early-ending ETF, and
 * all of them).
 */
import { CASH, DEFAULT_STRATEGY_CONFIG, type StrategyConfig } from '../../domain/strategy/config';
import { DEFAULT_BACKTEST_COSTS, guardLimitsFor, type BacktestConfig } from '../config';
import type { StudyGrid, StudySpec } from './spec';

/** The parameters a study varies; the rest of the strategy and the guard are the desk's defaults. */
export interface StudyParams {
  topN: number;
  lookbackDays: number;
  skipDays: number;
  /** null: no ATR budget (the cap is then 100 % of NAV for a 2-ATR move, i.e. never binding). */
  riskBudgetBp: number | null;
  maxPositionWeightBp: number;
  rebalanceOffsetDays: number;
  cashSweep: boolean;
}

export type StudyGroup = 'grid' | 'offset' | 'universe';

export interface StudyJob {
  id: number;
  group: StudyGroup;
  label: string;
  params: StudyParams;
  universe: string[];
  config: BacktestConfig;
}

/** The desk's defaults before the first study (issue #11): what the study's choice is compared with. */
export const PREVIOUS_DEFAULTS: StudyParams = {
  topN: 2,
  lookbackDays: 252,
  skipDays: 21,
  riskBudgetBp: 100,
  maxPositionWeightBp: 4_000,
  rebalanceOffsetDays: 0,
  cashSweep: false,
};

/** "no ATR budget": a position may lose its whole NAV share over atrMultiplier ATRs. */
export const NO_RISK_BUDGET_BP = 10_000;

export function paramsOf(strategy: StrategyConfig): StudyParams {
  return {
    topN: strategy.topN,
    lookbackDays: strategy.lookbackDays,
    skipDays: strategy.skipDays,
    riskBudgetBp: strategy.riskBudgetBp >= NO_RISK_BUDGET_BP ? null : strategy.riskBudgetBp,
    maxPositionWeightBp: strategy.maxPositionWeightBp,
    rebalanceOffsetDays: strategy.rebalanceOffsetDays,
    cashSweep: strategy.cashSweep,
  };
}

export function paramsLabel(p: StudyParams): string {
  const budget = p.riskBudgetBp === null ? 'off' : `${p.riskBudgetBp / 100}%`;
  return `top ${p.topN}, ${p.lookbackDays}/${p.skipDays}, ATR ${budget}, cap ${p.maxPositionWeightBp / 100}%, day +${p.rebalanceOffsetDays}, sweep ${p.cashSweep ? 'on' : 'off'}`;
}

export const paramsKey = (p: StudyParams): string => JSON.stringify(p);

/** The backtest config of one run: the spec's period, capital and account, these parameters and universe. */
export function studyConfig(
  spec: Pick<StudySpec, 'from' | 'to' | 'capital' | 'safeAsset' | 'account' | 'riskFreeRate'>,
  params: StudyParams,
  universe: readonly string[],
): BacktestConfig {
  const strategy: StrategyConfig = {
    ...DEFAULT_STRATEGY_CONFIG,
    universe: [...universe],
    safeAsset: spec.safeAsset,
    topN: params.topN,
    lookbackDays: params.lookbackDays,
    skipDays: params.skipDays,
    riskBudgetBp: params.riskBudgetBp ?? NO_RISK_BUDGET_BP,
    maxPositionWeightBp: params.maxPositionWeightBp,
    rebalanceOffsetDays: params.rebalanceOffsetDays,
    cashSweep: params.cashSweep,
  };
  return {
    from: spec.from,
    to: spec.to,
    capital: spec.capital,
    strategy,
    ...DEFAULT_BACKTEST_COSTS,
    accountType: spec.account,
    riskFreeRate: spec.riskFreeRate,
    // The weight cap is the guard's too: the desk sets both from one setting.
    limits: { ...guardLimitsFor(strategy, spec.capital), maxPositionWeightBp: params.maxPositionWeightBp },
  };
}

export function gridParams(grid: StudyGrid): StudyParams[] {
  const out: StudyParams[] = [];
  for (const topN of grid.topN)
    for (const lookbackDays of grid.lookbackDays)
      for (const skipDays of grid.skipDays)
        for (const riskBudgetBp of grid.riskBudgetBp)
          for (const maxPositionWeightBp of grid.maxPositionWeightBp)
            for (const rebalanceOffsetDays of grid.rebalanceOffsetDays)
              for (const cashSweep of grid.cashSweep)
                out.push({
                  topN,
                  lookbackDays,
                  skipDays,
                  riskBudgetBp,
                  maxPositionWeightBp,
                  rebalanceOffsetDays,
                  cashSweep,
                });
  return out;
}

export function gridJobs(spec: StudySpec): StudyJob[] {
  return gridParams(spec.grid).map((params, id) => ({
    id,
    group: 'grid',
    label: paramsLabel(params),
    params,
    universe: spec.universe,
    config: studyConfig(spec, params, spec.universe),
  }));
}

/** Offsets and universe perturbations around `base` (the walk-forward's choice), numbered from `firstId`. */
export function robustnessJobs(spec: StudySpec, base: StudyParams, firstId: number): StudyJob[] {
  const jobs: Omit<StudyJob, 'id'>[] = [];
  for (const offset of spec.offsets) {
    const params = { ...base, rebalanceOffsetDays: offset };
    jobs.push({
      group: 'offset',
      label: `day +${offset}`,
      params,
      universe: spec.universe,
      config: studyConfig(spec, params, spec.universe),
    });
  }
  const universe = (label: string, tickers: string[]) =>
    jobs.push({
      group: 'universe',
      label,
      params: base,
      universe: tickers,
      config: studyConfig(spec, base, tickers),
    });
  universe('base universe', spec.universe);
  for (const t of spec.universe)
    universe(
      `without ${t}`,
      spec.universe.filter((u) => u !== t),
    );
  const additions = spec.additions.filter((t) => !spec.universe.includes(t) && t !== spec.safeAsset);
  for (const t of additions) universe(`with ${t}`, [...spec.universe, t]);
  if (additions.length > 1) universe(`with ${additions.join('+')}`, [...spec.universe, ...additions]);
  return jobs.map((j, i) => ({ ...j, id: firstId + i }));
}

/** Every ticker any run of the study needs data for. */
export function studyTickers(spec: StudySpec): string[] {
  return [
    ...new Set([
      ...spec.universe,
      ...spec.additions,
      ...(spec.safeAsset === CASH ? [] : [spec.safeAsset]),
      DEFAULT_BACKTEST_COSTS.benchmark,
    ]),
  ].sort();
}
