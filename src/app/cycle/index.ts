export {
  createDailyCycle,
  CYCLE_STEPS,
  DEFAULT_RETRY,
  DEFAULT_RETRY_FAILED_AFTER_MS,
  manualRunDateAt,
  summarizeRun,
  type DailyCycle,
} from './daily-cycle';
export type { CycleSettings, DailyCycleDeps, RetryPolicy, StepContext, CycleStep } from './context';
export type {
  Briefing,
  BriefingEmbed,
  ChartRenderer,
  CyclePublisher,
  Localized,
  NewsSource,
  PlanPublication,
} from './ports';
export { STEP_NAMES, type StepName, type StepOutputs, type PlanLeg, type LegVerdict } from './outputs';
export { takeCloseSnapshot, type NavCloseDeps } from './nav-close';
export { CYCLE_AUTO_APPROVER, cycleIdempotencyKey, planPublicationKey } from './steps/execution';
export { briefingPublicationKey } from './steps/briefing';
export { briefingMemoryId, cycleNoteId } from './steps/memory-summary';
export {
  fetchMarketData,
  marketFetchStep,
  type MarketData,
  type MarketFetchInput,
} from './steps/market-fetch';
export { cycleStrategyConfig, cycleTickers } from './strategy-config';
