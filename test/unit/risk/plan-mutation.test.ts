import { describe, expect, it } from 'vitest';
import { kstInstant } from '../../../src/domain/market';
import type { Quote } from '../../../src/domain/ports';
import { checkPlan, type PlanInput, type PlanVerdict } from '../../../src/domain/risk/check-plan';
import type { RiskRule } from '../../../src/domain/risk/codes';
import type { AccountSnapshot } from '../../../src/domain/risk/input';
import { DEFAULT_RISK_LIMITS } from '../../../src/domain/risk/limits';
import type { RiskDetail } from '../../../src/domain/risk/verdict';
import { aBuy, aBuyingPower, aGuardInput, anAccount, aNav, aQuote, aSell, TRADING_MORNING } from './builders';

/**
 * How a plan carries the portfolio from leg to leg (issue 17, mutation testing of check-plan.ts): each later
 * leg's checks show the cash, buying power, positions, open orders and order count the earlier legs left.
 */
function aPlan(
  overrides: Partial<PlanInput> = {},
  account: AccountSnapshot = anAccount(),
  now = TRADING_MORNING,
): PlanInput {
  const {
    order: _order,
    quote: _quote,
    nav: _nav,
    ...shared
  } = aGuardInput({
    now,
    account,
    // The buy-size rule would otherwise stop most of these plans before the rules they are about.
    limits: { ...DEFAULT_RISK_LIMITS, fatFingerCashBp: 10_000, maxPositionWeightBp: 10_000 },
  });
  const quotes: Quote[] = overrides.quotes
    ? [...overrides.quotes]
    : [
        aQuote({}, now),
        aQuote({ ticker: '102110' }, now),
        aQuote(
          { ticker: '229200', price: 5_000, basePrice: 5_000, upperLimit: 6_500, lowerLimit: 3_500 },
          now,
        ),
      ];
  return {
    ...shared,
    legs: [],
    quotes,
    navs: quotes.map((q) => aNav({ ticker: q.ticker, nav: q.price }, now)),
    ...overrides,
  };
}

const detailOf = (verdict: PlanVerdict, leg: number, rule: RiskRule): RiskDetail | undefined =>
  verdict.legs[leg]?.verdict.checks.find((c) => c.rule === rule)?.detail;
const outcomes = (verdict: PlanVerdict) =>
  verdict.legs.map((l) => (l.verdict.outcome === 'DENY' ? l.verdict.code : l.verdict.outcome));

describe('rebalance plans: what each leg leaves for the next', () => {
  it('when a limit sell goes first then the next buy sees its proceeds, the smaller position and one more order', () => {
    const verdict = checkPlan(
      aPlan({ legs: [aBuy({ quantity: 3 }), aSell({ ticker: '102110', quantity: 12, limitPrice: 10_050 })] }),
    );

    expect(verdict.outcome).toBe('ALLOW');
    expect(verdict.legs.map((l) => [l.order.side, l.order.ticker])).toEqual([
      ['SELL', '102110'],
      ['BUY', '069500'],
    ]);
    expect(detailOf(verdict, 0, 'ordersPerDay')).toEqual({ ordersToday: '0', maxOrdersPerDay: 10 });
    expect(detailOf(verdict, 1, 'ordersPerDay')).toEqual({ ordersToday: '1', maxOrdersPerDay: 10 });
    // 400,000 + 12 × 10,050
    expect(detailOf(verdict, 1, 'buyingPower')).toEqual({ required: 30_000, available: 520_600 });
    expect(detailOf(verdict, 1, 'fatFinger')).toMatchObject({ cash: 520_600 });
    // Equity: 520,600 cash + 20 × 10,000 (069500, marked at its quote) + 28 × 10,000 (102110 at its balance price).
    expect(detailOf(verdict, 1, 'positionWeight')).toMatchObject({
      postTradeValue: 230_000,
      equity: 1_000_600,
    });
    expect(detailOf(verdict, 1, 'duplicateOpenOrder')).toEqual({ ticker: '069500', side: 'BUY' });
  });

  it('when a sell is followed by another sell of the same ticker then the second sees fewer sellable shares and the open order', () => {
    const verdict = checkPlan(aPlan({ legs: [aSell({ quantity: 5 }), aSell({ quantity: 4 })] }));

    expect(outcomes(verdict)).toEqual(['ALLOW', 'DUPLICATE_OPEN_ORDER']);
    expect(detailOf(verdict, 1, 'holdings')).toEqual({
      ticker: '069500',
      quantity: 4,
      orderableQuantity: 15,
    });
    expect(detailOf(verdict, 1, 'duplicateOpenOrder')).toEqual({
      ticker: '069500',
      side: 'SELL',
      remainingQuantity: 5,
    });
    expect(verdict.outcome).toBe('DENY');
  });

  it('when a market buy goes first then the next buy sees the cash less its value and the power less the upper-limit reservation', () => {
    const verdict = checkPlan(
      aPlan({
        legs: [
          aBuy({ orderType: 'MARKET', limitPrice: undefined, quantity: 2 }),
          aBuy({ ticker: '102110', quantity: 1 }),
        ],
      }),
    );

    expect(outcomes(verdict)).toEqual(['ALLOW', 'ALLOW']);
    // Cash 400,000 − 2 × 10,000; buying power 400,000 − 2 × 13,000 (upper limit).
    expect(detailOf(verdict, 1, 'fatFinger')).toMatchObject({ cash: 380_000 });
    expect(detailOf(verdict, 1, 'buyingPower')).toEqual({ required: 10_000, available: 374_000 });
  });

  it('when the broker’s two buying-power figures differ then each moves by the same amount', () => {
    const account = anAccount({ buyingPower: aBuyingPower({ maxAmount: 300_000, orderableCash: 350_000 }) });
    const plan = aPlan(
      {
        legs: [
          aSell({ ticker: '102110', quantity: 10 }),
          aBuy({ quantity: 1 }),
          aBuy({ ticker: '229200', quantity: 1, limitPrice: 5_000 }),
        ],
      },
      account,
    );

    const verdict = checkPlan(plan);

    expect(outcomes(verdict)).toEqual(['ALLOW', 'ALLOW', 'ALLOW']);
    expect(detailOf(verdict, 1, 'buyingPower')).toEqual({ required: 10_000, available: 400_000 });
    expect(detailOf(verdict, 2, 'buyingPower')).toEqual({ required: 5_000, available: 390_000 });
  });

  it('when a buy opens a new position then a later buy of it counts the shares and marks them at the quote', () => {
    const verdict = checkPlan(
      aPlan({
        legs: [
          aBuy({ ticker: '229200', quantity: 4, limitPrice: 5_010 }),
          aBuy({ ticker: '102110', quantity: 1 }),
          aBuy({ ticker: '229200', quantity: 2, limitPrice: 5_000 }),
        ],
      }),
    );

    expect(outcomes(verdict)).toEqual(['ALLOW', 'ALLOW', 'DUPLICATE_OPEN_ORDER']);
    // Cash 400,000 − 4 × 5,010; the new 229200 holding is marked at its quote, 5,000.
    expect(detailOf(verdict, 1, 'positionWeight')).toMatchObject({
      postTradeValue: 410_000,
      equity: 999_960,
    });
    // The 229200 holding is now priced by its own quote; 102110 holds 41 shares.
    expect(detailOf(verdict, 2, 'positionWeight')).toMatchObject({ postTradeValue: 30_000, equity: 999_960 });
    expect(detailOf(verdict, 2, 'duplicateOpenOrder')).toEqual({
      ticker: '229200',
      side: 'BUY',
      remainingQuantity: 4,
    });
  });

  it('when a leg is denied then the next leg sees the portfolio as if it had not been proposed', () => {
    const verdict = checkPlan(aPlan({ legs: [aSell({ quantity: 25 }), aBuy({ quantity: 1 })] }));

    expect(outcomes(verdict)).toEqual(['INSUFFICIENT_HOLDINGS', 'ALLOW']);
    expect(detailOf(verdict, 1, 'ordersPerDay')).toEqual({ ordersToday: '0', maxOrdersPerDay: 10 });
    expect(detailOf(verdict, 1, 'buyingPower')).toEqual({ required: 10_000, available: 400_000 });
    expect(verdict.outcome).toBe('DENY');
  });

  it('when the last of several legs is denied then the plan is denied', () => {
    const verdict = checkPlan(
      aPlan({
        legs: [aSell({ quantity: 1 }), aBuy({ ticker: '102110', quantity: 1 }), aBuy({ ticker: '005930' })],
      }),
    );

    expect(outcomes(verdict)).toEqual(['ALLOW', 'ALLOW', 'TICKER_NOT_ALLOWED']);
    expect(verdict.outcome).toBe('DENY');
  });

  it('when every leg is allowed then the plan is allowed and carries no breaker field', () => {
    const verdict = checkPlan(
      aPlan({ legs: [aSell({ quantity: 1 }), aBuy({ ticker: '102110', quantity: 1 })] }),
    );

    expect(verdict).toEqual({ outcome: 'ALLOW', legs: expect.any(Array) });
    expect(Object.keys(verdict)).toEqual(['outcome', 'legs']);
  });

  it('when the market is closed then a deferred leg still moves the portfolio for the next', () => {
    const now = kstInstant('2026-03-10', 7, 0);
    const verdict = checkPlan(
      aPlan(
        { legs: [aSell({ quantity: 5 }), aBuy({ ticker: '102110', quantity: 1 })] },
        anAccount({}, now),
        now,
      ),
    );

    expect(outcomes(verdict)).toEqual(['DEFER', 'DEFER']);
    expect(verdict.outcome).toBe('DEFER');
    expect(detailOf(verdict, 1, 'ordersPerDay')).toEqual({ ordersToday: '1', maxOrdersPerDay: 10 });
    expect(detailOf(verdict, 1, 'buyingPower')).toEqual({ required: 10_000, available: 450_000 });
  });

  it('when the market is closed and one leg is denied then the plan is denied, not deferred', () => {
    const now = kstInstant('2026-03-10', 7, 0);
    const verdict = checkPlan(
      aPlan(
        { legs: [aSell({ quantity: 25 }), aBuy({ ticker: '102110', quantity: 1 })] },
        anAccount({}, now),
        now,
      ),
    );

    expect(outcomes(verdict)).toEqual(['INSUFFICIENT_HOLDINGS', 'DEFER']);
    expect(verdict.outcome).toBe('DENY');
  });

  it('when there is no buying power then sells still go through one after another', () => {
    const verdict = checkPlan(
      aPlan(
        {
          legs: [
            aSell({ quantity: 1 }),
            aSell({ ticker: '102110', quantity: 1 }),
            aBuy({ ticker: '229200', quantity: 1 }),
          ],
        },
        anAccount({ buyingPower: null }),
      ),
    );

    expect(outcomes(verdict)).toEqual(['ALLOW', 'ALLOW', 'ACCOUNT_STATE_UNKNOWN']);
    expect(verdict.legs[2]?.verdict).toMatchObject({ detail: { problem: 'NO_BUYING_POWER' } });
  });

  it('when each leg has its own quote and NAV then each is checked against its own', () => {
    const quotes = [
      aQuote({ ticker: '102110', price: 9_900, basePrice: 9_900, upperLimit: 12_870, lowerLimit: 6_930 }),
      aQuote(),
    ];
    const verdict = checkPlan(
      aPlan({
        quotes,
        legs: [aBuy({ quantity: 1 }), aBuy({ ticker: '102110', quantity: 1, limitPrice: 9_900 })],
      }),
    );

    expect(outcomes(verdict)).toEqual(['ALLOW', 'ALLOW']);
    expect(detailOf(verdict, 1, 'priceData')).toMatchObject({ ticker: '102110', quotePrice: 9_900 });
    expect(detailOf(verdict, 1, 'navPremium')).toMatchObject({ nav: '9,900.00' });
    expect(detailOf(verdict, 0, 'navPremium')).toMatchObject({ nav: '10,000.00' });
  });

  it('when a leg has no NAV then it follows the missing-NAV policy (refused live)', () => {
    const plan = aPlan({ legs: [aBuy({ quantity: 1 })] });

    const verdict = checkPlan({ ...plan, navs: plan.navs.filter((n) => n.ticker !== '069500') });

    expect(verdict.legs[0]?.verdict).toMatchObject({
      outcome: 'DENY',
      code: 'NAV_UNAVAILABLE',
      detail: { problem: 'MISSING' },
    });
  });

  it('when a leg has no quote then it is denied with PRICE_UNAVAILABLE', () => {
    const verdict = checkPlan(aPlan({ quotes: [aQuote()], legs: [aBuy({ ticker: '102110', quantity: 1 })] }));

    expect(verdict.legs[0]?.verdict).toMatchObject({
      outcome: 'DENY',
      code: 'PRICE_UNAVAILABLE',
      detail: { problem: 'MISSING' },
    });
  });
});

describe('rebalance plans: breakers', () => {
  // Equity 970,000: exactly at the 3 % daily-loss line.
  const atTheLine = anAccount({ cash: 370_000 });

  it('when the first leg sees the daily-loss breaker then the plan reports it', () => {
    const verdict = checkPlan(
      aPlan({ legs: [aSell({ quantity: 1 }), aBuy({ ticker: '102110', quantity: 1 })] }, atTheLine),
    );

    expect(verdict.breaker).toBe('DAILY_LOSS');
    expect(outcomes(verdict)).toEqual(['ALLOW', 'DAILY_LOSS_LIMIT']);
  });

  it('when a sell above the mark lifts equity off the line then the plan still reports the breaker the first leg saw', () => {
    const verdict = checkPlan(
      aPlan(
        { legs: [aSell({ quantity: 20, limitPrice: 10_250 }), aSell({ ticker: '102110', quantity: 1 })] },
        atTheLine,
      ),
    );

    expect(verdict.legs.map((l) => l.verdict.breaker)).toEqual(['DAILY_LOSS', undefined]);
    expect(verdict.breaker).toBe('DAILY_LOSS');
  });
});
