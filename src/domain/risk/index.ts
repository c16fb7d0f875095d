export {
  RISK_CODES,
  RISK_RULES,
  DATA_PROBLEMS,
  type RiskCode,
  type RiskRule,
  type BreakerKind,
  type DataProblem,
} from './codes';
export { riskLimitsSchema, DEFAULT_RISK_LIMITS, type RiskLimits } from './limits';
export type {
  GuardInput,
  GuardOrder,
  NewOrder,
  CancelOrder,
  AccountSnapshot,
  PositionSnapshot,
  OpenOrder,
  TradingState,
} from './input';
export type { DeferReason, GuardVerdict, RiskCheck, RiskDetail, SessionRefusal } from './verdict';
export { checkOrder } from './check-order';
export { blackoutDeferral } from './blackout-deferral';
export { checkPlan, type PlanInput, type PlanVerdict, type PlanLegVerdict } from './check-plan';
export type { RiskCatalog } from './catalog';
export {
  checkMark,
  describeCheck,
  describeVerdict,
  renderRiskText,
  formatBasisPoints,
  WAITING_CODES,
} from './describe';
export { formatNavHundredths } from './rules/nav-premium';
