import type { BreakerKind } from './codes';
import { deriveFacts, type OrderFacts } from './facts';
import type { GuardInput, NewOrder } from './input';
import { checkAccountData } from './rules/account-data';
import { checkAllowList } from './rules/allow-list';
import { checkBlackout, checkDeferQueue } from './rules/blackout';
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
import { pass, type DeferReason, type FailedCheck, type GuardVerdict, type RiskCheck } from './verdict';

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
  checkBlackout,
  checkDeferQueue,
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

/** Rules whose failure makes an order wait rather than be refused. */
const WAITING_RULES: ReadonlySet<string> = new Set(['session', 'blackout']);

function verdictFrom(facts: OrderFacts, checks: RiskCheck[]): GuardVerdict {
  const breaker = breakerOf(facts);
  const base = breaker === undefined ? { checks } : { checks, breaker };
  const failed = checks.filter((c): c is FailedCheck => !c.ok);
  if (failed.length === 0) return { ...base, outcome: 'ALLOW' };
  // The first failure that is not a reason to wait names the denial; a full queue refuses a wait.
  const refusal = failed.find((c) => !WAITING_RULES.has(c.rule));
  if (refusal !== undefined) return { ...base, outcome: 'DENY', code: refusal.code, detail: refusal.detail };
  const { session } = facts;
  const sessionFailed = failed.some((c) => c.rule === 'session');
  if (
    sessionFailed &&
    (session.accepted || session.opensAt === null || session.reason === 'UNKNOWN_ORDER_TYPE')
  ) {
    const check = failed.find((c) => c.rule === 'session')!;
    return { ...base, outcome: 'DENY', code: check.code, detail: check.detail };
  }
  const blackout = facts.input.blackout ?? null;
  const waits: { reason: DeferReason; until: Date; check: FailedCheck }[] = [];
  if (
    sessionFailed &&
    !session.accepted &&
    session.opensAt !== null &&
    session.reason !== 'UNKNOWN_ORDER_TYPE'
  )
    waits.push({
      reason: session.reason,
      until: session.opensAt,
      check: failed.find((c) => c.rule === 'session')!,
    });
  if (blackout !== null)
    waits.push({
      reason: 'BLACKOUT',
      until: blackout.until,
      check: failed.find((c) => c.rule === 'blackout')!,
    });
  // What ends last decides when the order may go (a re-check then finds any window that started meanwhile).
  const last = waits.reduce((a, b) => (b.until.getTime() > a.until.getTime() ? b : a));
  return {
    ...base,
    outcome: 'DEFER',
    code: last.reason === 'BLACKOUT' ? 'ORDER_BLACKOUT' : 'MARKET_CLOSED',
    reason: last.reason,
    waitingFor: waits.map((w) => w.reason),
    deferUntil: last.until,
    detail: last.check.detail,
  };
}
