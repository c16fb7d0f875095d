import type { BreakerKind } from './codes';
import { deriveFacts, type OrderFacts } from './facts';
import type { GuardInput, NewOrder } from './input';
import { checkAccountData } from './rules/account-data';
import { checkAllowList } from './rules/allow-list';
import { checkBuyingPower } from './rules/buying-power';
import { checkDailyLoss, dailyLossBreached } from './rules/daily-loss';
import { checkDuplicateOpenOrder } from './rules/duplicate-open-order';
import { checkFatFinger } from './rules/fat-finger';
import { checkHoldings } from './rules/holdings';
import { checkInstrumentStatus } from './rules/instrument-status';
import { checkNavFloor, navFloorBreached } from './rules/nav-floor';
import { checkNavPremium } from './rules/nav-premium';
import { checkOrderValue } from './rules/order-value';
import { checkOrdersPerDay } from './rules/orders-per-day';
import { checkPositionWeight } from './rules/position-weight';
import { checkPriceBand } from './rules/price-band';
import { checkPriceData } from './rules/price-data';
import { checkPriceTick } from './rules/price-tick';
import { checkQuantity } from './rules/quantity';
import { checkQuoteDistance } from './rules/quote-distance';
import { checkSession } from './rules/session';
import { checkTradingState } from './rules/trading-state';
import { pass, type FailedCheck, type GuardVerdict, type RiskCheck } from './verdict';

/** The rules in RISK_RULES order; the first failure names the denial. */
const RULES: ReadonlyArray<(facts: OrderFacts) => RiskCheck> = [
  checkTradingState,
  checkAllowList,
  checkQuantity,
  checkPriceTick,
  checkPriceData,
  checkInstrumentStatus,
  checkAccountData,
  checkDailyLoss,
  checkNavFloor,
  checkPriceBand,
  checkQuoteDistance,
  checkNavPremium,
  checkOrderValue,
  checkPositionWeight,
  checkBuyingPower,
  checkFatFinger,
  checkHoldings,
  checkOrdersPerDay,
  checkDuplicateOpenOrder,
  checkSession,
];

/**
 * Runs every pre-trade rule against one order and returns the verdict as data. Cancels are never blocked.
 * Pure: the caller supplies fresh quote, account, open orders, trading state and the time.
 */
export function checkOrder(input: GuardInput): GuardVerdict {
  const { order } = input;
  if (order.kind === 'CANCEL') {
    return {
      outcome: 'ALLOW',
      checks: [pass('tradingState', { state: input.tradingState, kind: 'CANCEL' })],
    };
  }
  return evaluateNewOrder(input, order).verdict;
}

/** The verdict for a new order together with the facts it was decided on (a plan applies them to the portfolio). */
export function evaluateNewOrder(
  input: GuardInput,
  order: NewOrder,
): { verdict: GuardVerdict; facts: OrderFacts } {
  const facts = deriveFacts(input, order);
  return {
    verdict: verdictFrom(
      facts,
      RULES.map((rule) => rule(facts)),
    ),
    facts,
  };
}

function breakerOf(facts: OrderFacts): BreakerKind | undefined {
  if (dailyLossBreached(facts)) return 'DAILY_LOSS';
  if (navFloorBreached(facts)) return 'NAV_FLOOR';
  return undefined;
}

function verdictFrom(facts: OrderFacts, checks: RiskCheck[]): GuardVerdict {
  const breaker = breakerOf(facts);
  const base = breaker === undefined ? { checks } : { checks, breaker };
  let first: FailedCheck | undefined;
  let failures = 0;
  for (const check of checks) {
    if (check.ok) continue;
    first ??= check;
    failures += 1;
  }
  if (first === undefined) return { ...base, outcome: 'ALLOW' };
  const { session } = facts;
  const onlySessionFailed = failures === 1 && first.rule === 'session';
  if (
    onlySessionFailed &&
    !session.accepted &&
    session.opensAt !== null &&
    session.reason !== 'UNKNOWN_ORDER_TYPE'
  ) {
    return {
      ...base,
      outcome: 'DEFER',
      code: 'MARKET_CLOSED',
      reason: session.reason,
      deferUntil: session.opensAt,
      detail: first.detail,
    };
  }
  return { ...base, outcome: 'DENY', code: first.code, detail: first.detail };
}
