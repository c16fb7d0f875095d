import { marketSessionAt, orderAcceptedNow, ORDER_DIVISION, type MarketClosedReason } from '../market';
import type { Krw, Shares } from '../money';
import type { BuyingPower, EtfNav, Quote } from '../ports';
import type { DataProblem, RiskCode, RiskRule } from './codes';
import type { AccountSnapshot, GuardInput, NewOrder, PositionSnapshot } from './input';
import type { RiskLimits } from './limits';
import { fail, type RiskCheck, type SessionRefusal } from './verdict';

/**
 * What the rules need, derived once per check. Untrustworthy inputs become `null` with the reason,
 * so every rule that depends on them fails closed with the same code.
 */
export interface OrderFacts {
  input: GuardInput;
  order: NewOrder;
  limits: RiskLimits;
  quote: Quote | null;
  quoteProblem: DataProblem | null;
  account: AccountSnapshot | null;
  accountProblem: DataProblem | null;
  buyingPower: BuyingPower | null;
  buyingPowerProblem: DataProblem | null;
  /** The ETF's NAV in hundredths of a won (KIS reports NAV with two decimals), or null with the reason. */
  navHundredths: number | null;
  navProblem: DataProblem | null;
  /** Whether KRX (or the paper server) accepts this order type now, and if not, from when. */
  session: SessionAcceptance;
  quantityValid: boolean;
  priceValid: boolean;
  /** LIMIT: the limit price; MARKET: the quote price. */
  orderPrice: Krw | null;
  /** quantity × orderPrice. */
  orderValue: Krw | null;
  /** What a buy reserves: KIS provisions market buys at the upper limit price. */
  cashRequired: Krw | null;
  /** Cash plus every position at fresh prices, so open P&L counts. */
  equity: Krw | null;
  heldQuantity: Shares;
  orderableQuantity: Shares;
}

export type SessionAcceptance =
  { accepted: true } | { accepted: false; reason: SessionRefusal; opensAt: Date | null };

const isPositiveInteger = (n: unknown): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

function ageProblem(asOf: Date, now: Date, maxAgeMs: number): boolean {
  const age = now.getTime() - asOf.getTime();
  return !(Math.abs(age) <= maxAgeMs);
}

export function quoteProblemOf(
  quote: Quote | null,
  ticker: string,
  now: Date,
  limits: RiskLimits,
): DataProblem | null {
  if (quote === null) return 'MISSING';
  if (quote.ticker !== ticker) return 'WRONG_TICKER';
  if (ageProblem(quote.asOf, now, limits.maxQuoteAgeMs)) return 'STALE';
  if (!isPositiveInteger(quote.price)) return 'NO_PRICE';
  if (
    !isPositiveInteger(quote.lowerLimit) ||
    !isPositiveInteger(quote.upperLimit) ||
    quote.upperLimit < quote.lowerLimit
  ) {
    return 'BAD_LIMITS';
  }
  return null;
}

export function markPrice(position: PositionSnapshot, quote: Quote | null): Krw {
  return quote !== null && quote.ticker === position.ticker ? quote.price : position.price;
}

function accountProblemOf(
  account: AccountSnapshot | null,
  quote: Quote | null,
  now: Date,
  limits: RiskLimits,
): DataProblem | null {
  if (account === null) return 'MISSING';
  if (ageProblem(account.asOf, now, limits.maxAccountAgeMs)) return 'STALE';
  if (!Number.isSafeInteger(account.cash)) return 'MISSING';
  for (const position of account.positions) {
    if (position.quantity > 0 && !isPositiveInteger(markPrice(position, quote))) return 'POSITION_NOT_PRICED';
  }
  return null;
}

function buyingPowerProblemOf(
  account: AccountSnapshot | null,
  now: Date,
  limits: RiskLimits,
): DataProblem | null {
  const power = account?.buyingPower ?? null;
  if (power === null) return 'NO_BUYING_POWER';
  if (!Number.isSafeInteger(power.maxAmount) || !Number.isSafeInteger(power.orderableCash))
    return 'NO_BUYING_POWER';
  if (ageProblem(power.asOf, now, limits.maxAccountAgeMs)) return 'BUYING_POWER_STALE';
  return null;
}

/** A NAV the guard may compare prices with: this ticker's, fresh, positive. */
export function navOf(
  nav: EtfNav | null,
  ticker: string,
  now: Date,
  limits: RiskLimits,
): { navHundredths: number; navProblem: null } | { navHundredths: null; navProblem: DataProblem } {
  if (nav === null) return { navHundredths: null, navProblem: 'MISSING' };
  if (!nav.supported) return { navHundredths: null, navProblem: 'UNSUPPORTED' };
  if (nav.ticker !== ticker) return { navHundredths: null, navProblem: 'WRONG_TICKER' };
  if (ageProblem(nav.asOf, now, limits.maxQuoteAgeMs)) return { navHundredths: null, navProblem: 'STALE' };
  const hundredths = Math.round(nav.nav * 100);
  if (!Number.isFinite(nav.nav) || !isPositiveInteger(hundredths))
    return { navHundredths: null, navProblem: 'NO_PRICE' };
  return { navHundredths: hundredths, navProblem: null };
}

function sessionAcceptanceOf(input: GuardInput, order: NewOrder): SessionAcceptance {
  const division = Object.hasOwn(ORDER_DIVISION, order.orderType)
    ? ORDER_DIVISION[order.orderType]
    : undefined;
  if (division === undefined) return { accepted: false, reason: 'UNKNOWN_ORDER_TYPE', opensAt: null };
  const session = marketSessionAt(input.now, input.calendar);
  const verdict = orderAcceptedNow(session, division, input.environment, input.calendar);
  if (verdict.accepted) return { accepted: true };
  const reason: MarketClosedReason = verdict.reason;
  return { accepted: false, reason, opensAt: verdict.opensAt ?? null };
}

export function equityOf(account: AccountSnapshot, quote: Quote | null): Krw {
  let equity = account.cash;
  for (const position of account.positions) equity += position.quantity * markPrice(position, quote);
  return equity;
}

export function deriveFacts(input: GuardInput, order: NewOrder): OrderFacts {
  const { limits, now } = input;
  const quoteProblem = quoteProblemOf(input.quote, order.ticker, now, limits);
  const quote = quoteProblem === null ? input.quote : null;
  const accountProblem = accountProblemOf(input.account, quote, now, limits);
  const account = accountProblem === null ? input.account : null;
  const buyingPowerProblem = buyingPowerProblemOf(account, now, limits);
  const quantityValid = Number.isSafeInteger(order.quantity) && order.quantity >= 1;
  const priceValid =
    order.orderType === 'LIMIT'
      ? isPositiveInteger(order.limitPrice)
      : order.orderType === 'MARKET' && order.limitPrice === undefined;
  const orderPrice = !priceValid
    ? null
    : order.orderType === 'LIMIT'
      ? (order.limitPrice ?? null)
      : (quote?.price ?? null);
  const orderValue = quantityValid && orderPrice !== null ? order.quantity * orderPrice : null;
  const provisionPrice = order.orderType === 'MARKET' ? (quote?.upperLimit ?? null) : orderPrice;
  const cashRequired = quantityValid && provisionPrice !== null ? order.quantity * provisionPrice : null;
  const held = account?.positions.find((p) => p.ticker === order.ticker);
  return {
    input,
    order,
    limits,
    quote,
    quoteProblem,
    account,
    accountProblem,
    buyingPower: buyingPowerProblem === null ? (account?.buyingPower ?? null) : null,
    buyingPowerProblem,
    ...navOf(input.nav, order.ticker, now, limits),
    session: sessionAcceptanceOf(input, order),
    quantityValid,
    priceValid,
    orderPrice,
    orderValue,
    cashRequired,
    equity: account === null ? null : equityOf(account, quote),
    heldQuantity: held?.quantity ?? 0,
    orderableQuantity: held?.orderableQuantity ?? 0,
  };
}

export type Need = 'quote' | 'account' | 'buyingPower' | 'quantity' | 'price';

/** A market order is priced from the quote; a limit order from its own price. */
export function marketNeedsQuote(facts: OrderFacts, needs: readonly Need[]): readonly Need[] {
  return facts.order.orderType === 'MARKET' ? [...needs, 'quote'] : needs;
}

/** The failure a rule reports when an input it depends on is missing or invalid (fail closed). */
export function unmetNeed(rule: RiskRule, facts: OrderFacts, needs: readonly Need[]): RiskCheck | null {
  for (const need of needs) {
    const blocked = blockerFor(need, facts);
    if (blocked) return fail(rule, blocked.code, blocked.detail);
  }
  return null;
}

function blockerFor(
  need: Need,
  facts: OrderFacts,
): { code: RiskCode; detail: Record<string, string | number> } | null {
  const ticker = facts.order.ticker;
  switch (need) {
    case 'quote':
      return facts.quoteProblem === null
        ? null
        : { code: 'PRICE_UNAVAILABLE', detail: { ticker, problem: facts.quoteProblem } };
    case 'account':
      return facts.accountProblem === null
        ? null
        : { code: 'ACCOUNT_STATE_UNKNOWN', detail: { problem: facts.accountProblem } };
    case 'buyingPower':
      if (facts.accountProblem !== null)
        return { code: 'ACCOUNT_STATE_UNKNOWN', detail: { problem: facts.accountProblem } };
      return facts.buyingPowerProblem === null
        ? null
        : { code: 'ACCOUNT_STATE_UNKNOWN', detail: { problem: facts.buyingPowerProblem } };
    case 'quantity':
      return facts.quantityValid
        ? null
        : { code: 'INVALID_QUANTITY', detail: { quantity: String(facts.order.quantity) } };
    case 'price':
      if (facts.session.accepted === false && facts.session.reason === 'UNKNOWN_ORDER_TYPE') {
        return { code: 'MARKET_CLOSED', detail: { reason: 'UNKNOWN_ORDER_TYPE', opensAt: '-' } };
      }
      return facts.priceValid
        ? null
        : { code: 'INVALID_PRICE', detail: { limitPrice: String(facts.order.limitPrice ?? '-') } };
  }
}
