import { describe, expect, it } from 'vitest';
import { checkOrder } from '../../../src/domain/risk/check-order';
import { checkPlan, type PlanInput } from '../../../src/domain/risk/check-plan';
import { DEFAULT_RISK_LIMITS } from '../../../src/domain/risk/limits';
import { kstInstant } from '../../../src/domain/market';
import { aBuy, aBuyingPower, aGuardInput, anAccount, aNav, aQuote, aSell, TRADING_MORNING } from './builders';

/** Equity 1,000,000 with only 50,000 KRW of cash: the buys need the sells' proceeds. */
function aRebalance(overrides: Partial<PlanInput> = {}, now = TRADING_MORNING): PlanInput {
  const { order: _order, quote: _quote, nav: _nav, ...shared } = aGuardInput({
    now,
    account: anAccount({
      cash: 50_000,
      buyingPower: aBuyingPower({ maxAmount: 50_000, orderableCash: 50_000 }, now),
      positions: [
        { ticker: '069500', quantity: 20, orderableQuantity: 20, price: 10_000 },
        { ticker: '102110', quantity: 75, orderableQuantity: 75, price: 10_000 },
      ],
    }, now),
    limits: { ...DEFAULT_RISK_LIMITS, fatFingerCashBp: 10_000 },
  });
  const quotes = overrides.quotes ?? [aQuote({}, now), aQuote({ ticker: '102110' }, now)];
  return {
    ...shared,
    legs: [aBuy({ quantity: 10 }), aSell({ ticker: '102110', quantity: 12 })],
    quotes,
    // Unless given, each ticker's NAV equals its quote, so the NAV rule stays out of these tests.
    navs: quotes.map((q) => aNav({ ticker: q.ticker, nav: q.price }, now)),
    ...overrides,
  };
}

describe('risk guard: rebalance plans', () => {
  it('when a plan lists a buy before a sell then the sell is checked first and its proceeds fund the buy', () => {
    const plan = aRebalance();
    const { legs: _legs, quotes: _quotes, navs: _navs, ...alone } = plan;

    const verdict = checkPlan(plan);
    const buyAlone = checkOrder({ ...alone, order: aBuy({ quantity: 10 }), quote: aQuote(), nav: aNav() });

    expect(verdict.outcome).toBe('ALLOW');
    expect(verdict.legs.map((l) => [l.order.side, l.verdict.outcome])).toEqual([
      ['SELL', 'ALLOW'],
      ['BUY', 'ALLOW'],
    ]);
    expect(buyAlone).toMatchObject({ outcome: 'DENY', code: 'INSUFFICIENT_BUYING_POWER' });
  });

  it('when the sell is denied then the buy it would have funded is denied with INSUFFICIENT_BUYING_POWER', () => {
    const plan = aRebalance({ legs: [aBuy({ quantity: 10 }), aSell({ quantity: 25 })] });

    const verdict = checkPlan(plan);

    expect(verdict.outcome).toBe('DENY');
    expect(verdict.legs.map((l) => (l.verdict.outcome === 'DENY' ? l.verdict.code : l.verdict.outcome))).toEqual([
      'INSUFFICIENT_HOLDINGS',
      'INSUFFICIENT_BUYING_POWER',
    ]);
  });

  it('when two buys together exceed the buying power then the second is denied with INSUFFICIENT_BUYING_POWER', () => {
    const plan = aRebalance({
      legs: [aSell({ ticker: '102110', quantity: 5 }), aBuy({ quantity: 6 }), aBuy({ ticker: '229200', quantity: 6 })],
      quotes: [aQuote(), aQuote({ ticker: '102110' }), aQuote({ ticker: '229200' })],
    });

    const verdict = checkPlan(plan);

    expect(verdict.legs.map((l) => (l.verdict.outcome === 'DENY' ? l.verdict.code : l.verdict.outcome))).toEqual([
      'ALLOW',
      'ALLOW',
      'INSUFFICIENT_BUYING_POWER',
    ]);
  });

  it('when a plan would pass the daily order limit then the leg over it is denied with MAX_ORDERS_PER_DAY', () => {
    const plan = aRebalance({ ordersToday: 9 });

    const verdict = checkPlan(plan);

    expect(verdict.legs.map((l) => (l.verdict.outcome === 'DENY' ? l.verdict.code : l.verdict.outcome))).toEqual([
      'ALLOW',
      'MAX_ORDERS_PER_DAY',
    ]);
  });

  it('when a plan sells the same ticker twice then the second sell is denied with DUPLICATE_OPEN_ORDER', () => {
    const plan = aRebalance({ legs: [aSell({ ticker: '102110', quantity: 5 }), aSell({ ticker: '102110', quantity: 5 })] });

    const verdict = checkPlan(plan);

    expect(verdict.legs[1]?.verdict).toMatchObject({ outcome: 'DENY', code: 'DUPLICATE_OPEN_ORDER' });
  });

  it('when a plan sells part of a position then a later buy of it sees the smaller position', () => {
    const plan = aRebalance({
      account: anAccount({
        cash: 50_000,
        positions: [
          { ticker: '069500', quantity: 40, orderableQuantity: 40, price: 10_000 },
          { ticker: '102110', quantity: 55, orderableQuantity: 55, price: 10_000 },
        ],
      }),
      legs: [aBuy({ quantity: 5 }), aSell({ quantity: 10 })],
    });
    const { legs: _legs, quotes: _quotes, navs: _navs, ...alone } = plan;

    const verdict = checkPlan(plan);
    const buyAlone = checkOrder({ ...alone, order: aBuy({ quantity: 5 }), quote: aQuote(), nav: aNav() });

    expect(verdict.outcome).toBe('ALLOW');
    expect(buyAlone).toMatchObject({ outcome: 'DENY', code: 'MAX_POSITION_WEIGHT' });
  });

  it('when the market is closed then every valid leg is deferred and the plan is DEFER', () => {
    const now = kstInstant('2026-03-10', 7, 0);
    const plan = aRebalance({}, now);

    const verdict = checkPlan(plan);

    expect(verdict.outcome).toBe('DEFER');
    expect(verdict.legs.map((l) => l.verdict.outcome)).toEqual(['DEFER', 'DEFER']);
  });
});
