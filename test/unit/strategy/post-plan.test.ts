import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS } from '../../../src/domain/risk';
import {
  carryOverLegs,
  guardLegsOffline,
  limitOrderFill,
  sentLimitPrice,
  undoneTargets,
} from '../../../src/domain/strategy/post-plan';
import { testConfig, weekdayCalendar } from './fixtures';

const LIMITS = { ...DEFAULT_RISK_LIMITS, allowedTickers: ['100010', '100020', '100090'] };

describe('the limit fill model', () => {
  it('when a buy opens at or below its limit then it fills at the open', () => {
    expect(limitOrderFill('BUY', 10_000, { open: 9_950, high: 10_100, low: 9_900 })).toEqual({
      price: 9_950,
      at: 'OPEN',
    });
    expect(limitOrderFill('BUY', 10_000, { open: 10_000, high: 10_100, low: 9_900 })).toEqual({
      price: 10_000,
      at: 'OPEN',
    });
  });

  it('when a buy opens above its limit and the low reaches it then it fills at the limit, else not at all', () => {
    expect(limitOrderFill('BUY', 10_000, { open: 10_050, high: 10_100, low: 10_000 })).toEqual({
      price: 10_000,
      at: 'LIMIT',
    });
    expect(limitOrderFill('BUY', 10_000, { open: 10_050, high: 10_100, low: 10_005 })).toBeNull();
  });

  it('when a sell is mirrored then it fills at an open at or above the limit, at the limit if the high reaches it, else not', () => {
    expect(limitOrderFill('SELL', 10_000, { open: 10_050, high: 10_100, low: 9_900 })).toEqual({
      price: 10_050,
      at: 'OPEN',
    });
    expect(limitOrderFill('SELL', 10_000, { open: 9_950, high: 10_000, low: 9_900 })).toEqual({
      price: 10_000,
      at: 'LIMIT',
    });
    expect(limitOrderFill('SELL', 10_000, { open: 9_950, high: 9_995, low: 9_900 })).toBeNull();
  });

  it('when slippage moves an open fill then it never passes the limit', () => {
    expect(limitOrderFill('BUY', 10_000, { open: 9_995, high: 10_100, low: 9_900 }, (o) => o + 10)).toEqual({
      price: 10_000,
      at: 'OPEN',
    });
    expect(limitOrderFill('SELL', 10_000, { open: 10_005, high: 10_100, low: 9_900 }, (o) => o - 10)).toEqual(
      {
        price: 10_000,
        at: 'OPEN',
      },
    );
  });

  it('when the open moved a buy limit beyond the quote distance then it is sent tightened to 3 % above the open', () => {
    expect(sentLimitPrice('BUY', 11_000, 10_000, 300)).toBe(10_300);
    expect(sentLimitPrice('BUY', 10_200, 10_000, 300)).toBe(10_200);
    expect(sentLimitPrice('SELL', 9_000, 10_000, 300)).toBe(9_700);
  });
});

describe('the offline guard', () => {
  const base = {
    date: '2024-03-04',
    calendar: weekdayCalendar(),
    cash: 1_000_000,
    positions: [] as { ticker: string; quantity: number }[],
    closes: new Map([
      ['100010', 10_000],
      ['100020', 50_000],
    ]),
    ordersToday: 0,
    limits: LIMITS,
  };

  it('when a leg breaks an offline rule then it is denied with that rule, and the legs within every limit pass', () => {
    const result = guardLegsOffline({
      ...base,
      legs: [
        { ticker: '100010', side: 'BUY', quantity: 20, limitPrice: 10_100 },
        { ticker: '100020', side: 'BUY', quantity: 1, limitPrice: 50_003 },
        { ticker: '100010', side: 'SELL', quantity: 5, limitPrice: 9_900 },
      ],
    });
    expect(result).toEqual([
      { ticker: '100010', side: 'SELL', deniedBy: 'INSUFFICIENT_HOLDINGS', breaker: null },
      { ticker: '100010', side: 'BUY', deniedBy: null, breaker: null },
      { ticker: '100020', side: 'BUY', deniedBy: 'PRICE_OFF_TICK', breaker: null },
    ]);
  });

  it('when a buy is worth more than the per-order cap or the day already sent the maximum then it is denied', () => {
    const big = guardLegsOffline({
      ...base,
      legs: [{ ticker: '100010', side: 'BUY', quantity: 31, limitPrice: 10_000 }],
    });
    expect(big[0]!.deniedBy).toBe('MAX_ORDER_VALUE');
    const late = guardLegsOffline({
      ...base,
      ordersToday: 10,
      legs: [{ ticker: '100010', side: 'BUY', quantity: 1, limitPrice: 10_000 }],
    });
    expect(late[0]!.deniedBy).toBe('MAX_ORDERS_PER_DAY');
  });

  it('when a limit lies outside the ±30 % band of the last close then it is denied', () => {
    const result = guardLegsOffline({
      ...base,
      legs: [{ ticker: '100010', side: 'BUY', quantity: 1, limitPrice: 13_050 }],
    });
    expect(result[0]!.deniedBy).toBe('PRICE_OUTSIDE_BAND');
  });
});

describe('the offline guard at the open: quote distance and breakers', () => {
  const base = {
    date: '2024-03-04',
    calendar: weekdayCalendar(),
    cash: 100_000,
    positions: [{ ticker: '100010', quantity: 90 }],
    ordersToday: 0,
    limits: LIMITS,
  };

  it('when the opening quote is further from the limit than the guard allows then the order is denied', () => {
    const [gapped] = guardLegsOffline({
      ...base,
      closes: new Map([['100020', 53_000]]),
      bases: new Map([['100020', 50_000]]),
      legs: [{ ticker: '100020', side: 'BUY', quantity: 1, limitPrice: 51_000 }],
    });
    expect(gapped!.deniedBy).toBe('PRICE_TOO_FAR_FROM_QUOTE');
    const [near] = guardLegsOffline({
      ...base,
      closes: new Map([['100020', 52_000]]),
      bases: new Map([['100020', 50_000]]),
      legs: [{ ticker: '100020', side: 'BUY', quantity: 1, limitPrice: 51_000 }],
    });
    expect(near!.deniedBy).toBeNull();
  });

  it('when equity at the open is 3 % below the day’s first NAV then buys are denied, the breaker is reported, and in REDUCING only sells pass', () => {
    // 100 000 cash + 90 × 9 000 = 910 000 against a first NAV of 1 000 000: −9 %.
    const closes = new Map([
      ['100010', 9_000],
      ['100020', 50_000],
    ]);
    const legs = [
      { ticker: '100020', side: 'BUY' as const, quantity: 1, limitPrice: 50_000 },
      { ticker: '100010', side: 'SELL' as const, quantity: 10, limitPrice: 9_000 },
    ];
    const [buy] = guardLegsOffline({ ...base, closes, startOfDayNav: 1_000_000, legs: [legs[0]!] });
    const [sell] = guardLegsOffline({ ...base, closes, startOfDayNav: 1_000_000, legs: [legs[1]!] });
    expect(buy).toMatchObject({ deniedBy: 'DAILY_LOSS_LIMIT', breaker: 'DAILY_LOSS' });
    expect(sell).toMatchObject({ deniedBy: null, breaker: 'DAILY_LOSS' });

    const calm = { ...base, closes, startOfDayNav: 910_000, tradingState: 'REDUCING' as const };
    const [reducedBuy] = guardLegsOffline({ ...calm, legs: [legs[0]!] });
    const [reducedSell] = guardLegsOffline({ ...calm, legs: [legs[1]!] });
    expect(reducedBuy).toMatchObject({ deniedBy: 'TRADING_REDUCING', breaker: null });
    expect(reducedSell).toMatchObject({ deniedBy: null, breaker: null });
  });
});

describe('the carry-over rule', () => {
  const plan = {
    date: '2024-03-04',
    targets: [
      { ticker: '100010', quantity: 30 },
      { ticker: '100020', quantity: 0 },
      { ticker: '100090', quantity: 10 },
    ],
  };
  const prices = new Map([
    ['100010', 10_000],
    ['100020', 50_000],
    ['100090', 20_000],
  ]);

  it('when a plan is partly done then only the remainder of the undone tickers is proposed, sells first', () => {
    const held = new Map([
      ['100010', 12],
      ['100020', 2],
      ['100090', 10],
    ]);
    const { legs } = carryOverLegs({
      plan,
      held,
      priceOf: (t) => prices.get(t) ?? null,
      cash: 1_000_000,
      config: testConfig(),
      rationale: () => ({ ko: '', en: '' }),
    });
    expect(legs.map((l) => [l.ticker, l.side, l.quantity, l.targetQuantity])).toEqual([
      ['100020', 'SELL', 2, 0],
      ['100010', 'BUY', 18, 30],
    ]);
    expect(undoneTargets(plan, held).map((u) => u.ticker)).toEqual(['100010', '100020']);
  });

  it('when every target is held then nothing is carried', () => {
    const held = new Map([
      ['100010', 30],
      ['100090', 10],
    ]);
    const { legs } = carryOverLegs({
      plan,
      held,
      priceOf: (t) => prices.get(t) ?? null,
      cash: 0,
      config: testConfig(),
      rationale: () => ({ ko: '', en: '' }),
    });
    expect(legs).toEqual([]);
  });

  it('when the cash does not cover the remainder then the buy is cut to the cash like a plan leg', () => {
    const { legs, notes } = carryOverLegs({
      plan,
      held: new Map([['100090', 10]]),
      priceOf: (t) => prices.get(t) ?? null,
      cash: 100_000,
      config: testConfig(),
      rationale: () => ({ ko: '', en: '' }),
    });
    expect(legs.map((l) => [l.ticker, l.quantity])).toEqual([['100010', 9]]);
    expect(notes.map((n) => n.code)).toContain('BUY_REDUCED_FOR_CASH');
  });
});
