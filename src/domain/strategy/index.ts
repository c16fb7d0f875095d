export {
  CASH,
  DEFAULT_STRATEGY_CONFIG,
  requiredHistoryBars,
  strategyConfigSchema,
  type StrategyConfig,
} from './config';
export { barsAvailableAt, lastBarIndexBefore } from './bars';
export { averageTrueRange, skipMonthRateOfChange } from './indicators';
export {
  computeMomentumSignals,
  type Hurdle,
  type MomentumSignal,
  type MomentumSignals,
  type SignalStatus,
} from './signals';
export { sizeMomentumPosition, sizeSafePosition, type TargetHolding } from './sizing';
export { marketableLimitPrice } from './limit-price';
export type { PlanNote, PlanNoteCode, RebalanceLeg } from './legs';
export {
  planRebalance,
  StrategyConfigError,
  type PlanInput,
  type PortfolioSnapshot,
  type RebalancePlan,
} from './plan';
export { isPlanDay, nextPlanDay, planDayOfMonth, planDayOnOrBefore } from './schedule';
export { formatBpPercent, formatRatioPercent, type LocalizedText } from './text';
