import type { Side } from '../ports';
import type { BreakerKind, DataProblem, RiskCode, RiskRule } from './codes';
import type { TradingState } from './input';
import type { GuardVerdict, SessionRefusal } from './verdict';

/**
 * The shape of a risk message catalog (src/i18n/<locale>/risk.ts). Templates name detail values as
 * `{key}` or `{key:format}`; formats: krw, pct (basis points), side, state, reason (session), problem (data).
 */
export interface RiskCatalog {
  locale: 'ko' | 'en';
  codes: Record<RiskCode, string>;
  rules: Record<RiskRule, string>;
  /** What a passing rule measured, where the numbers matter to a person (shown after the rule's name). */
  passes: Partial<Record<RiskRule, string>>;
  outcomes: Record<GuardVerdict['outcome'], string>;
  breakers: Record<BreakerKind, string>;
  sides: Record<Side, string>;
  tradingStates: Record<TradingState, string>;
  sessionRefusals: Record<SessionRefusal, string>;
  dataProblems: Record<DataProblem, string>;
}
