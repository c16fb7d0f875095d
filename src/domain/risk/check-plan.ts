import type { EtfNav, Quote } from '../ports';
import type { BreakerKind } from './codes';
import { evaluateNewOrder } from './check-order';
import type { OrderFacts } from './facts';
import type { AccountSnapshot, GuardInput, NewOrder, OpenOrder, PositionSnapshot } from './input';
import type { GuardVerdict } from './verdict';

export interface PlanInput extends Omit<GuardInput, 'order' | 'quote' | 'nav'> {
  legs: readonly NewOrder[];
  /** Fresh quotes of the legs' tickers; a leg without one is denied with PRICE_UNAVAILABLE. */
  quotes: readonly Quote[];
  /** The legs' ETF NAVs; a leg without one follows the NAV rule's missing-data policy. */
  navs: readonly EtfNav[];
}

export interface PlanLegVerdict {
  order: NewOrder;
  verdict: GuardVerdict;
}

export interface PlanVerdict {
  /** DENY if any leg is denied, else DEFER if any leg must wait for the session, else ALLOW. */
  outcome: GuardVerdict['outcome'];
  /** In the order they were checked: sells first, then buys, each group in the plan's order. */
  legs: PlanLegVerdict[];
  breaker?: BreakerKind;
}

interface PortfolioState {
  account: AccountSnapshot | null;
  openOrders: readonly OpenOrder[];
  ordersToday: number;
}

/**
 * Checks a rebalance plan leg by leg. Each leg sees the portfolio as if the legs before it (that were not
 * denied) had been sent and filled at their order price: cash, buying power, positions, open orders and the
 * day's order count move with them. Sells go first so their proceeds can fund the buys.
 */
export function checkPlan(input: PlanInput): PlanVerdict {
  const { legs, quotes, navs, ...shared } = input;
  const ordered = [...legs.filter((l) => l.side === 'SELL'), ...legs.filter((l) => l.side !== 'SELL')];
  let state: PortfolioState = {
    account: input.account,
    openOrders: input.openOrders,
    ordersToday: input.ordersToday,
  };
  const results: PlanLegVerdict[] = [];
  let breaker: BreakerKind | undefined;
  for (const order of ordered) {
    const quote = quotes.find((q) => q.ticker === order.ticker) ?? null;
    const nav = navs.find((n) => n.ticker === order.ticker) ?? null;
    const { verdict, facts } = evaluateNewOrder({ ...shared, ...state, order, quote, nav }, order);
    results.push({ order, verdict });
    breaker ??= verdict.breaker;
    if (verdict.outcome !== 'DENY') state = afterLeg(state, facts);
  }
  const outcome = results.some((r) => r.verdict.outcome === 'DENY')
    ? 'DENY'
    : results.some((r) => r.verdict.outcome === 'DEFER')
      ? 'DEFER'
      : 'ALLOW';
  return breaker === undefined ? { outcome, legs: results } : { outcome, legs: results, breaker };
}

function afterLeg(state: PortfolioState, facts: OrderFacts): PortfolioState {
  const { order } = facts;
  const openOrders = [
    ...state.openOrders,
    { ticker: order.ticker, side: order.side, remainingQuantity: order.quantity },
  ];
  return { account: accountAfter(state.account, facts), openOrders, ordersToday: state.ordersToday + 1 };
}

function accountAfter(account: AccountSnapshot | null, facts: OrderFacts): AccountSnapshot | null {
  if (account === null || facts.orderValue === null) return account;
  const { order } = facts;
  const isSell = order.side === 'SELL';
  const cashDelta = isSell ? facts.orderValue : -facts.orderValue;
  const powerDelta = isSell ? facts.orderValue : -(facts.cashRequired ?? facts.orderValue);
  const quantityDelta = isSell ? -order.quantity : order.quantity;
  const power = account.buyingPower;
  return {
    ...account,
    cash: account.cash + cashDelta,
    buyingPower:
      power === null
        ? null
        : {
            ...power,
            maxAmount: power.maxAmount + powerDelta,
            orderableCash: power.orderableCash + powerDelta,
          },
    positions: positionsAfter(
      account.positions,
      order,
      quantityDelta,
      facts.quote?.price ?? facts.orderPrice ?? 0,
    ),
  };
}

function positionsAfter(
  positions: readonly PositionSnapshot[],
  order: NewOrder,
  quantityDelta: number,
  price: number,
): PositionSnapshot[] {
  const existing = positions.find((p) => p.ticker === order.ticker);
  if (existing === undefined) {
    return [...positions, { ticker: order.ticker, quantity: quantityDelta, orderableQuantity: 0, price }];
  }
  // Bought shares are not counted as sellable until the broker says so.
  const orderableDelta = quantityDelta < 0 ? quantityDelta : 0;
  return positions.map((p) =>
    p === existing
      ? {
          ...p,
          quantity: p.quantity + quantityDelta,
          orderableQuantity: p.orderableQuantity + orderableDelta,
        }
      : p,
  );
}
