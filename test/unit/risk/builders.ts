import { loadTradingCalendar } from '../../../src/adapters/calendar/load';
import { kstInstant } from '../../../src/domain/market';
import type { BuyingPower, EtfNav, Quote } from '../../../src/domain/ports';
import { DEFAULT_RISK_LIMITS } from '../../../src/domain/risk/limits';
import type { AccountSnapshot, GuardInput, NewOrder } from '../../../src/domain/risk/input';

export const calendar = loadTradingCalendar();

/** Tuesday 2026-03-10, 10:30 KST: continuous trading. */
export const TRADING_MORNING = kstInstant('2026-03-10', 10, 30);

export function aQuote(overrides: Partial<Quote> = {}, now = TRADING_MORNING): Quote {
  return {
    ticker: '069500',
    name: 'KODEX 200',
    price: 10_000,
    open: 10_000,
    high: 10_100,
    low: 9_900,
    basePrice: 10_000,
    upperLimit: 13_000,
    lowerLimit: 7_000,
    changeFromPrevious: 0,
    volume: 1_000,
    tickSize: 5,
    halted: false,
    asOf: new Date(now.getTime() - 1_000),
    ...overrides,
  };
}

/** NAV 10,012.34 for a quote of 10,000: the quote is 0.12 % below NAV. */
export function aNav(overrides: Partial<Extract<EtfNav, { supported: true }>> = {}, now = TRADING_MORNING): EtfNav {
  return {
    supported: true,
    ticker: '069500',
    nav: 10_012.34,
    previousNav: 10_000,
    premiumPercent: -0.12,
    asOf: new Date(now.getTime() - 1_000),
    ...overrides,
  };
}

export function aBuyingPower(overrides: Partial<BuyingPower> = {}, now = TRADING_MORNING): BuyingPower {
  return {
    ticker: '069500',
    price: 10_000,
    orderableCash: 400_000,
    maxAmount: 400_000,
    maxQuantity: 40,
    asOf: new Date(now.getTime() - 2_000),
    ...overrides,
  };
}

/** Equity 1,000,000: cash 400,000 + 069500 20 × 10,000 + 102110 40 × 10,000. */
export function anAccount(overrides: Partial<AccountSnapshot> = {}, now = TRADING_MORNING): AccountSnapshot {
  return {
    cash: 400_000,
    buyingPower: aBuyingPower({}, now),
    positions: [
      { ticker: '069500', quantity: 20, orderableQuantity: 20, price: 10_000 },
      { ticker: '102110', quantity: 40, orderableQuantity: 40, price: 10_000 },
    ],
    startOfDayNav: 1_000_000,
    asOf: new Date(now.getTime() - 2_000),
    ...overrides,
  };
}

export function aBuy(overrides: Partial<NewOrder> = {}): NewOrder {
  return { kind: 'NEW', ticker: '069500', side: 'BUY', quantity: 5, orderType: 'LIMIT', limitPrice: 10_000, ...overrides };
}

export function aSell(overrides: Partial<NewOrder> = {}): NewOrder {
  return aBuy({ side: 'SELL', ...overrides });
}

/**
 * An input the guard allows: a 50,000 KRW limit buy of 069500 in continuous trading. Unless given, the NAV is the
 * order's own ticker at the quote's price (premium 0), so tests of other rules are not caught by the NAV rule.
 */
export function aGuardInput(overrides: Partial<GuardInput> = {}): GuardInput {
  const now = overrides.now ?? TRADING_MORNING;
  const order = overrides.order ?? aBuy();
  const quote = overrides.quote === undefined ? aQuote({}, now) : overrides.quote;
  const price = quote?.price ?? (order.kind === 'NEW' ? order.limitPrice : undefined) ?? 10_000;
  return {
    order,
    quote,
    nav: aNav({ ticker: order.ticker, nav: Number.isFinite(price) && price > 0 ? price : 10_000 }, now),
    account: anAccount({}, now),
    openOrders: [],
    ordersToday: 0,
    tradingState: 'ACTIVE',
    environment: 'real',
    calendar,
    now,
    limits: DEFAULT_RISK_LIMITS,
    ...overrides,
  };
}
