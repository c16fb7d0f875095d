import type { MarketClosedReason } from '../market';
import type { BreakerKind, RiskCode, RiskRule } from './codes';

/** Values a rule measured, keyed by the placeholders of the message catalog. */
export type RiskDetail = Readonly<Record<string, string | number>>;

export type RiskCheck =
  /** A pass may carry a warning: the rule let the order through on missing data it would refuse live. */
  | { rule: RiskRule; ok: true; detail: RiskDetail; warning?: RiskCode }
  | { rule: RiskRule; ok: false; code: RiskCode; detail: RiskDetail };

export type FailedCheck = Extract<RiskCheck, { ok: false }>;

/** Why the session rule refused the order; an order type KRX does not know can never be accepted. */
export type SessionRefusal = MarketClosedReason | 'UNKNOWN_ORDER_TYPE';

interface VerdictBase {
  /** Every rule's result, in the order the rules ran. */
  checks: readonly RiskCheck[];
  /** Set when a breaker condition holds: the caller must move the desk to REDUCING. */
  breaker?: BreakerKind;
}

export type GuardVerdict =
  | (VerdictBase & { outcome: 'ALLOW' })
  | (VerdictBase & { outcome: 'DENY'; code: RiskCode; detail: RiskDetail })
  /**
   * Every rule passed except the session and/or a blackout window: the order can be sent at `deferUntil`.
   * `code` and `reason` name what ends last (KRX opening, or the blackout); `waitingFor` lists every cause.
   */
  | (VerdictBase & {
      outcome: 'DEFER';
      code: 'MARKET_CLOSED' | 'ORDER_BLACKOUT';
      reason: DeferReason;
      waitingFor: DeferReason[];
      deferUntil: Date;
      detail: RiskDetail;
    });

/** Why an order waits: a KRX session refusal, or a KIS maintenance window. */
export type DeferReason = MarketClosedReason | 'BLACKOUT';

export function pass(rule: RiskRule, detail: RiskDetail = {}): RiskCheck {
  return { rule, ok: true, detail };
}

/** Passes, but tells the person why the rule could not really check (shown as ⚠️ on the card). */
export function warn(rule: RiskRule, warning: RiskCode, detail: RiskDetail = {}): RiskCheck {
  return { rule, ok: true, detail, warning };
}

export function fail(rule: RiskRule, code: RiskCode, detail: RiskDetail = {}): RiskCheck {
  return { rule, ok: false, code, detail };
}
