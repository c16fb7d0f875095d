import { CASH, DEFAULT_STRATEGY_CONFIG, type StrategyConfig } from '../../domain/strategy';
import type { DailyCycleDeps } from './context';

/**
 * The strategy as the cycle runs it: the defaults, the operator's overrides, the configured universe, and a
 * position weight never above what the guard allows (a plan the guard would deny is no plan).
 */
export function cycleStrategyConfig(
  deps: Pick<DailyCycleDeps, 'settings' | 'strategy' | 'limits'>,
): StrategyConfig {
  const base = { ...DEFAULT_STRATEGY_CONFIG, ...deps.strategy };
  return {
    ...base,
    universe: [...deps.settings.universe],
    safeAsset: deps.settings.safeAsset,
    topN: deps.settings.topN,
    cashSweep: deps.settings.cashSweep ?? base.cashSweep,
    rebalanceOffsetDays: deps.settings.rebalanceOffsetDays ?? base.rebalanceOffsetDays,
    lookbackDays: deps.settings.lookbackDays ?? base.lookbackDays,
    skipDays: deps.settings.skipDays ?? base.skipDays,
    riskBudgetBp: deps.settings.riskBudgetBp ?? base.riskBudgetBp,
    maxPositionWeightBp: Math.min(base.maxPositionWeightBp, deps.limits.maxPositionWeightBp),
  };
}

/** Every ticker the cycle needs prices for: the risk universe and the safe ETF. */
export function cycleTickers(config: Pick<StrategyConfig, 'universe' | 'safeAsset'>): string[] {
  return [...new Set([...config.universe, ...(config.safeAsset === CASH ? [] : [config.safeAsset])])];
}
