import { describe, expect, it } from 'vitest';
import { checkOrder } from '../../../src/domain/risk/check-order';
import { RISK_RULES } from '../../../src/domain/risk/codes';
import type { GuardInput } from '../../../src/domain/risk/input';
import { aBuy, aBuyingPower, aGuardInput, anAccount, aQuote, aSell, TRADING_MORNING } from './builders';

/**
 * Fail closed, rule by rule: when an input a rule depends on is missing, stale or invalid, that rule itself
 * refuses with the reason (not only the data rules at the top). Each map is every failed rule and its code.
 */
const failedRules = (input: GuardInput) =>
  Object.fromEntries(
    checkOrder(input)
      .checks.filter((c) => !c.ok)
      .map((c) => [c.rule, c.ok ? '' : c.code]),
  );

const old = new Date(TRADING_MORNING.getTime() - 60_000);
const market = { orderType: 'MARKET' as const, limitPrice: undefined };

describe('risk guard: every rule fails closed on the inputs it needs', () => {
  it.each<[string, GuardInput, Record<string, string>]>([
    [
      'a buy of a fraction of a share',
      aGuardInput({ order: aBuy({ quantity: 1.5 }) }),
      {
        quantity: 'INVALID_QUANTITY',
        orderValue: 'INVALID_QUANTITY',
        positionWeight: 'INVALID_QUANTITY',
        buyingPower: 'INVALID_QUANTITY',
        fatFinger: 'INVALID_QUANTITY',
      },
    ],
    [
      'a sell of a fraction of a share',
      aGuardInput({ order: aSell({ quantity: 1.5 }) }),
      { quantity: 'INVALID_QUANTITY', orderValue: 'INVALID_QUANTITY', holdings: 'INVALID_QUANTITY' },
    ],
    [
      'a limit buy without a price',
      aGuardInput({ order: aBuy({ limitPrice: undefined }) }),
      {
        priceTick: 'INVALID_PRICE',
        priceBand: 'INVALID_PRICE',
        quoteDistance: 'INVALID_PRICE',
        navPremium: 'INVALID_PRICE',
        orderValue: 'INVALID_PRICE',
        positionWeight: 'INVALID_PRICE',
        buyingPower: 'INVALID_PRICE',
        fatFinger: 'INVALID_PRICE',
      },
    ],
    [
      'a limit buy without a quote',
      aGuardInput({ quote: null }),
      {
        priceData: 'PRICE_UNAVAILABLE',
        instrumentStatus: 'PRICE_UNAVAILABLE',
        priceBand: 'PRICE_UNAVAILABLE',
        quoteDistance: 'PRICE_UNAVAILABLE',
        navPremium: 'PRICE_UNAVAILABLE',
        positionWeight: 'PRICE_UNAVAILABLE',
      },
    ],
    [
      'a limit buy with another ticker’s quote',
      aGuardInput({ quote: aQuote({ ticker: '102110' }) }),
      {
        priceData: 'PRICE_UNAVAILABLE',
        instrumentStatus: 'PRICE_UNAVAILABLE',
        priceBand: 'PRICE_UNAVAILABLE',
        quoteDistance: 'PRICE_UNAVAILABLE',
        navPremium: 'PRICE_UNAVAILABLE',
        positionWeight: 'PRICE_UNAVAILABLE',
      },
    ],
    [
      'a market buy without a quote',
      aGuardInput({ quote: null, order: aBuy(market) }),
      {
        priceData: 'PRICE_UNAVAILABLE',
        instrumentStatus: 'PRICE_UNAVAILABLE',
        navPremium: 'PRICE_UNAVAILABLE',
        orderValue: 'PRICE_UNAVAILABLE',
        positionWeight: 'PRICE_UNAVAILABLE',
        buyingPower: 'PRICE_UNAVAILABLE',
        fatFinger: 'PRICE_UNAVAILABLE',
      },
    ],
    [
      'a market buy with a stale quote',
      aGuardInput({ quote: aQuote({ asOf: old }), order: aBuy(market) }),
      {
        priceData: 'PRICE_UNAVAILABLE',
        instrumentStatus: 'PRICE_UNAVAILABLE',
        navPremium: 'PRICE_UNAVAILABLE',
        orderValue: 'PRICE_UNAVAILABLE',
        positionWeight: 'PRICE_UNAVAILABLE',
        buyingPower: 'PRICE_UNAVAILABLE',
        fatFinger: 'PRICE_UNAVAILABLE',
      },
    ],
    [
      'a market sell without a quote',
      aGuardInput({ quote: null, order: aSell(market) }),
      {
        priceData: 'PRICE_UNAVAILABLE',
        instrumentStatus: 'PRICE_UNAVAILABLE',
        navPremium: 'PRICE_UNAVAILABLE',
        orderValue: 'PRICE_UNAVAILABLE',
      },
    ],
    [
      'a buy without an account',
      aGuardInput({ account: null }),
      {
        accountData: 'ACCOUNT_STATE_UNKNOWN',
        dailyLoss: 'ACCOUNT_STATE_UNKNOWN',
        navFloor: 'ACCOUNT_STATE_UNKNOWN',
        positionWeight: 'ACCOUNT_STATE_UNKNOWN',
        buyingPower: 'ACCOUNT_STATE_UNKNOWN',
        fatFinger: 'ACCOUNT_STATE_UNKNOWN',
      },
    ],
    [
      'a buy with a stale account',
      aGuardInput({ account: anAccount({ asOf: old }) }),
      {
        accountData: 'ACCOUNT_STATE_UNKNOWN',
        dailyLoss: 'ACCOUNT_STATE_UNKNOWN',
        navFloor: 'ACCOUNT_STATE_UNKNOWN',
        positionWeight: 'ACCOUNT_STATE_UNKNOWN',
        buyingPower: 'ACCOUNT_STATE_UNKNOWN',
        fatFinger: 'ACCOUNT_STATE_UNKNOWN',
      },
    ],
    [
      'a sell without an account',
      aGuardInput({ account: null, order: aSell() }),
      {
        accountData: 'ACCOUNT_STATE_UNKNOWN',
        dailyLoss: 'ACCOUNT_STATE_UNKNOWN',
        navFloor: 'ACCOUNT_STATE_UNKNOWN',
        holdings: 'ACCOUNT_STATE_UNKNOWN',
      },
    ],
    [
      'a sell with a stale account',
      aGuardInput({ account: anAccount({ asOf: old }), order: aSell() }),
      {
        accountData: 'ACCOUNT_STATE_UNKNOWN',
        dailyLoss: 'ACCOUNT_STATE_UNKNOWN',
        navFloor: 'ACCOUNT_STATE_UNKNOWN',
        holdings: 'ACCOUNT_STATE_UNKNOWN',
      },
    ],
    [
      'a buy with stale buying power',
      aGuardInput({ account: anAccount({ buyingPower: aBuyingPower({ asOf: old }) }) }),
      { accountData: 'ACCOUNT_STATE_UNKNOWN', buyingPower: 'ACCOUNT_STATE_UNKNOWN' },
    ],
  ])('when the guard sees %s then exactly these rules refuse', (_what, input, expected) => {
    // Act
    const verdict = checkOrder(input);

    // Assert
    expect(failedRules(input)).toEqual(expected);
    expect(verdict.checks.map((c) => c.rule)).toEqual([...RISK_RULES]);
    expect(verdict.outcome).toBe('DENY');
  });

  it.each<[string, GuardInput]>([
    ['a limit buy', aGuardInput()],
    ['a limit sell', aGuardInput({ order: aSell() })],
    ['a market buy', aGuardInput({ order: aBuy(market) })],
    ['a market sell', aGuardInput({ order: aSell(market) })],
  ])('when %s passes then every rule reports under its own name, in order', (_what, input) => {
    const verdict = checkOrder(input);

    expect(verdict.outcome).toBe('ALLOW');
    expect(verdict.checks.map((c) => [c.rule, c.ok])).toEqual(RISK_RULES.map((rule) => [rule, true]));
  });

  it('when the account or its start-of-day NAV is missing then no breaker is reported', () => {
    expect(checkOrder(aGuardInput({ account: null })).breaker).toBeUndefined();
    expect(checkOrder(aGuardInput({ account: null, order: aSell() })).breaker).toBeUndefined();
    for (const startOfDayNav of [0, -1])
      expect(
        checkOrder(aGuardInput({ order: aSell(), account: anAccount({ startOfDayNav }) })).breaker,
      ).toBeUndefined();
  });
});
