import { loadTradingCalendar } from '../../../src/adapters/calendar/load';
import { kstInstant } from '../../../src/domain/market';
import type { BuyingPower, Quote } from '../../../src/domain/ports';
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

/** An input the guard allows: a 50,000 KRW limit buy of 069500 in continuous trading. */
export function aGuardInput(overrides: Partial<GuardInput> = {}): GuardInput {
  const now = overrides.now ?? TRADING_MORNING;
  return {
    order: aBuy(),
    quote: aQuote({}, now),
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
