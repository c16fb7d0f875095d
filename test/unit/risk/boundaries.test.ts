import { describe, expect, it } from 'vitest';
import { checkOrder } from '../../../src/domain/risk/check-order';
import type { RiskRule } from '../../../src/domain/risk/codes';
import type { GuardInput } from '../../../src/domain/risk/input';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../../../src/domain/risk/limits';
import { aBuy, aBuyingPower, aGuardInput, anAccount, aNav, aQuote, aSell } from './builders';

/**
 * Each limit at exactly its value and one step past it. The scenarios in rules.test.ts show each denial once,
 * far from its limit; these pin the comparison itself (a `<=` that became `<` is caught here).
 * Baseline (builders.ts): a limit buy of 5 × 069500 at 10,000 (50,000 KRW), cash 400,000, equity 1,000,000.
 */
const limits = (overrides: Partial<RiskLimits>): RiskLimits => ({ ...DEFAULT_RISK_LIMITS, ...overrides });

function check(rule: RiskRule, input: GuardInput) {
  const verdict = checkOrder(input);
  const found = verdict.checks.find((c) => c.rule === rule);
  if (!found) throw new Error(`no ${rule} check`);
  return found;
}

describe('risk guard: limits at their exact value', () => {
  it('when the order value equals the per-order limit then it passes, and one won more is denied', () => {
    expect(check('orderValue', aGuardInput({ limits: limits({ maxOrderValue: 50_000 }) }))).toMatchObject({
      ok: true,
      detail: { orderValue: 50_000, maxOrderValue: 50_000 },
    });
    expect(check('orderValue', aGuardInput({ limits: limits({ maxOrderValue: 49_999 }) }))).toMatchObject({
      ok: false,
      code: 'MAX_ORDER_VALUE',
      detail: { orderValue: 50_000, maxOrderValue: 49_999 },
    });
  });

  it('when the position after the buy is exactly the weight limit then it passes, and one bp lower a limit denies it', () => {
    // (20 held + 5) × 10,000 = 250,000 of 1,000,000 = 2,500 bp
    expect(
      check('positionWeight', aGuardInput({ limits: limits({ maxPositionWeightBp: 2_500 }) })),
    ).toMatchObject({
      ok: true,
      detail: { postTradeValue: 250_000, equity: 1_000_000, weightBp: 2_500, maxBp: 2_500 },
    });
    expect(
      check('positionWeight', aGuardInput({ limits: limits({ maxPositionWeightBp: 2_499 }) })),
    ).toMatchObject({
      ok: false,
      code: 'MAX_POSITION_WEIGHT',
    });
  });

  it('when the quote is below the limit price then the position is valued at the limit, and at the quote when it is above', () => {
    const belowQuote = check(
      'positionWeight',
      aGuardInput({ order: aBuy({ limitPrice: 10_050 }), quote: aQuote({ price: 10_000 }) }),
    );
    const aboveQuote = check(
      'positionWeight',
      aGuardInput({ order: aBuy({ limitPrice: 9_950 }), quote: aQuote({ price: 10_000 }) }),
    );
    expect(belowQuote.detail.postTradeValue).toBe(25 * 10_050);
    expect(aboveQuote.detail.postTradeValue).toBe(25 * 10_000);
  });

  it('when the buy needs exactly the orderable amount then it passes, and either broker figure one won short denies it', () => {
    const power = (maxAmount: number, orderableCash: number) =>
      aGuardInput({ account: anAccount({ buyingPower: aBuyingPower({ maxAmount, orderableCash }) }) });
    expect(check('buyingPower', power(50_000, 50_000))).toMatchObject({
      ok: true,
      detail: { required: 50_000, available: 50_000 },
    });
    expect(check('buyingPower', power(49_999, 400_000))).toMatchObject({
      ok: false,
      code: 'INSUFFICIENT_BUYING_POWER',
      detail: { required: 50_000, available: 49_999 },
    });
    expect(check('buyingPower', power(400_000, 49_999))).toMatchObject({
      ok: false,
      detail: { available: 49_999 },
    });
  });

  it('when a sell arrives then buying power is not asked for', () => {
    const input = aGuardInput({
      order: aSell(),
      account: anAccount({ buyingPower: aBuyingPower({ maxAmount: 0 }) }),
    });
    expect(check('buyingPower', input)).toEqual({ rule: 'buyingPower', ok: true, detail: {} });
  });

  it('when the buy is exactly the fat-finger share of the cash then it passes, and one bp lower a limit denies it', () => {
    // 50,000 of 400,000 cash = 1,250 bp
    expect(check('fatFinger', aGuardInput({ limits: limits({ fatFingerCashBp: 1_250 }) }))).toMatchObject({
      ok: true,
      detail: { orderValue: 50_000, cash: 400_000, maxBp: 1_250, limit: 50_000 },
    });
    expect(check('fatFinger', aGuardInput({ limits: limits({ fatFingerCashBp: 1_249 }) }))).toMatchObject({
      ok: false,
      code: 'FAT_FINGER',
      detail: { limit: 49_960 },
    });
  });

  it('when a sell is worth more than the cash then the fat-finger rule does not apply', () => {
    const input = aGuardInput({ order: aSell(), limits: limits({ fatFingerCashBp: 1 }) });
    expect(check('fatFinger', input)).toEqual({ rule: 'fatFinger', ok: true, detail: {} });
  });

  it('when equity sits exactly on the daily loss line then a buy is denied, and one won above it passes', () => {
    // floor(1,030,928 × 9,700 / 10,000) = 1,000,000 = equity; floor(1,030,927 × 0.97) = 999,999
    const onLine = checkOrder(aGuardInput({ account: anAccount({ startOfDayNav: 1_030_928 }) }));
    const above = checkOrder(aGuardInput({ account: anAccount({ startOfDayNav: 1_030_927 }) }));
    expect(onLine).toMatchObject({ outcome: 'DENY', code: 'DAILY_LOSS_LIMIT', breaker: 'DAILY_LOSS' });
    expect(onLine.checks.find((c) => c.rule === 'dailyLoss')).toMatchObject({
      detail: { equity: 1_000_000, startOfDayNav: 1_030_928, lossBp: 300, maxLossBp: 300 },
    });
    expect(above.checks.find((c) => c.rule === 'dailyLoss')?.ok).toBe(true);
    expect(above.breaker).toBeUndefined();
  });

  it('when equity is on the daily loss line then a sell still passes (and the breaker is still reported)', () => {
    const verdict = checkOrder(
      aGuardInput({ order: aSell(), account: anAccount({ startOfDayNav: 1_030_928 }) }),
    );
    expect(verdict.checks.find((c) => c.rule === 'dailyLoss')?.ok).toBe(true);
    expect(verdict.breaker).toBe('DAILY_LOSS');
  });

  it('when the start-of-day NAV is missing then a buy is refused as unknown account state and a sell passes', () => {
    for (const startOfDayNav of [0, -1, 1.5]) {
      expect(check('dailyLoss', aGuardInput({ account: anAccount({ startOfDayNav }) }))).toMatchObject({
        ok: false,
        code: 'ACCOUNT_STATE_UNKNOWN',
        detail: { problem: 'NO_START_OF_DAY_NAV' },
      });
      expect(
        check('dailyLoss', aGuardInput({ order: aSell(), account: anAccount({ startOfDayNav }) })).ok,
      ).toBe(true);
    }
  });

  it('when equity equals the NAV floor then a buy passes, and a floor one won higher denies it', () => {
    expect(check('navFloor', aGuardInput({ limits: limits({ navFloor: 1_000_000 }) }))).toMatchObject({
      ok: true,
      detail: { equity: 1_000_000, navFloor: 1_000_000 },
    });
    const below = checkOrder(aGuardInput({ limits: limits({ navFloor: 1_000_001 }) }));
    expect(below).toMatchObject({ outcome: 'DENY', code: 'NAV_FLOOR', breaker: 'NAV_FLOOR' });
    expect(
      check('navFloor', aGuardInput({ order: aSell(), limits: limits({ navFloor: 1_000_001 }) })).ok,
    ).toBe(true);
  });

  it('when the limit is exactly on either edge of the price band then it passes, and one tick outside is denied', () => {
    const band = (lowerLimit: number, upperLimit: number) =>
      check('priceBand', aGuardInput({ quote: aQuote({ lowerLimit, upperLimit }) }));
    expect(band(10_000, 13_000)).toMatchObject({
      ok: true,
      detail: { limitPrice: 10_000, lower: 10_000, upper: 13_000 },
    });
    expect(band(7_000, 10_000).ok).toBe(true);
    expect(band(10_005, 13_000)).toMatchObject({ ok: false, code: 'PRICE_OUTSIDE_BAND' });
    expect(band(7_000, 9_995)).toMatchObject({ ok: false, code: 'PRICE_OUTSIDE_BAND' });
  });

  it('when a market order is checked then the price band and the quote distance do not apply', () => {
    const input = aGuardInput({
      order: aBuy({ orderType: 'MARKET', limitPrice: undefined }),
      quote: aQuote({ upperLimit: 9_000 }),
    });
    expect(check('priceBand', input)).toEqual({ rule: 'priceBand', ok: true, detail: {} });
    expect(check('quoteDistance', input)).toEqual({ rule: 'quoteDistance', ok: true, detail: {} });
  });

  it('when the limit is exactly the allowed distance from the quote on either side then it passes, one tick further is denied', () => {
    // 300 bp of 10,000 = 300 KRW
    const at = (limitPrice: number) => check('quoteDistance', aGuardInput({ order: aBuy({ limitPrice }) }));
    expect(at(10_300)).toMatchObject({
      ok: true,
      detail: { limitPrice: 10_300, quotePrice: 10_000, distanceBp: 300, maxBp: 300 },
    });
    expect(at(9_700).ok).toBe(true);
    expect(at(10_305)).toMatchObject({
      ok: false,
      code: 'PRICE_TOO_FAR_FROM_QUOTE',
      detail: { distanceBp: 305 },
    });
    expect(at(9_695)).toMatchObject({ ok: false, code: 'PRICE_TOO_FAR_FROM_QUOTE' });
  });

  it('when a sell is for exactly the orderable quantity then it passes, and one share more is denied', () => {
    expect(check('holdings', aGuardInput({ order: aSell({ quantity: 20 }) }))).toMatchObject({
      ok: true,
      detail: { ticker: '069500', quantity: 20, orderableQuantity: 20 },
    });
    expect(check('holdings', aGuardInput({ order: aSell({ quantity: 21 }) }))).toMatchObject({
      ok: false,
      code: 'INSUFFICIENT_HOLDINGS',
    });
  });

  it('when the held quantity is larger than the orderable quantity then only the orderable part may be sold', () => {
    const account = anAccount({
      positions: [{ ticker: '069500', quantity: 20, orderableQuantity: 12, price: 10_000 }],
    });
    expect(check('holdings', aGuardInput({ order: aSell({ quantity: 12 }), account })).ok).toBe(true);
    expect(check('holdings', aGuardInput({ order: aSell({ quantity: 13 }), account })).ok).toBe(false);
  });

  it('when a buy of a ticker not held arrives then holdings do not apply', () => {
    const input = aGuardInput({ order: aBuy({ ticker: '229200' }), quote: aQuote({ ticker: '229200' }) });
    expect(check('holdings', input)).toEqual({ rule: 'holdings', ok: true, detail: {} });
  });

  it('when one order fewer than the daily maximum was sent then it passes; a count that is not a whole number is refused', () => {
    expect(check('ordersPerDay', aGuardInput({ ordersToday: 9 }))).toMatchObject({
      ok: true,
      detail: { ordersToday: '9', maxOrdersPerDay: 10 },
    });
    expect(check('ordersPerDay', aGuardInput({ ordersToday: 0 })).ok).toBe(true);
    for (const ordersToday of [10, -1, 1.5, Number.NaN]) {
      expect(check('ordersPerDay', aGuardInput({ ordersToday }))).toMatchObject({
        ok: false,
        code: 'MAX_ORDERS_PER_DAY',
      });
    }
  });

  it('when the open order on the same ticker and side has nothing left, or is on the other side or ticker, then it is no duplicate', () => {
    const withOpen = (o: { ticker: string; side: 'BUY' | 'SELL'; remainingQuantity: number }) =>
      check('duplicateOpenOrder', aGuardInput({ openOrders: [o] }));
    expect(withOpen({ ticker: '069500', side: 'BUY', remainingQuantity: 0 })).toEqual({
      rule: 'duplicateOpenOrder',
      ok: true,
      detail: { ticker: '069500', side: 'BUY' },
    });
    expect(withOpen({ ticker: '069500', side: 'SELL', remainingQuantity: 3 }).ok).toBe(true);
    expect(withOpen({ ticker: '102110', side: 'BUY', remainingQuantity: 3 }).ok).toBe(true);
    expect(withOpen({ ticker: '069500', side: 'BUY', remainingQuantity: 1 })).toMatchObject({
      ok: false,
      code: 'DUPLICATE_OPEN_ORDER',
      detail: { ticker: '069500', side: 'BUY', remainingQuantity: 1 },
    });
  });

  it('when a limit is off the tick then the check names the tick and the prices on either side', () => {
    expect(check('priceTick', aGuardInput({ order: aBuy({ limitPrice: 10_003 }) }))).toMatchObject({
      ok: false,
      code: 'PRICE_OFF_TICK',
      detail: { limitPrice: 10_003, tick: 5, below: 10_000, above: 10_005 },
    });
    expect(check('priceTick', aGuardInput({ order: aBuy({ limitPrice: 1_999 }) }))).toMatchObject({
      ok: true,
      detail: { limitPrice: 1_999, tick: 1, below: 1_999, above: 1_999 },
    });
    expect(
      check('priceTick', aGuardInput({ order: aBuy({ orderType: 'MARKET', limitPrice: undefined }) })),
    ).toEqual({
      rule: 'priceTick',
      ok: true,
      detail: { orderType: 'MARKET' },
    });
  });

  it('when the quantity is checked then the detail carries it as text, whole or not', () => {
    expect(check('quantity', aGuardInput())).toEqual({
      rule: 'quantity',
      ok: true,
      detail: { quantity: '5' },
    });
    expect(check('quantity', aGuardInput({ order: aBuy({ quantity: 0 }) }))).toMatchObject({
      ok: false,
      code: 'INVALID_QUANTITY',
      detail: { quantity: '0' },
    });
  });
  it('when equity is zero or less then any buy is over the weight limit, shown as 100 %', () => {
    // positions are worth 600,000: cash −600,000 leaves equity 0
    for (const cash of [-600_000, -700_000]) {
      expect(check('positionWeight', aGuardInput({ account: anAccount({ cash }) }))).toMatchObject({
        ok: false,
        code: 'MAX_POSITION_WEIGHT',
        detail: { weightBp: 10_000 },
      });
    }
  });

  it('when a sell receives exactly the allowed 0.5 % under NAV then it passes, and one tick less is denied', () => {
    // NAV 10,000.00; 9,950 is exactly 50 bp under it
    const sellAt = (price: number) =>
      check(
        'navPremium',
        aGuardInput({
          order: aSell({ limitPrice: price }),
          quote: aQuote({ price }),
          nav: aNav({ nav: 10_000 }),
        }),
      );
    expect(sellAt(9_950)).toMatchObject({
      ok: true,
      detail: { side: 'SELL', price: 9_950, premiumBp: -50, maxBp: 50 },
    });
    expect(sellAt(9_945)).toMatchObject({ ok: false, code: 'NAV_PREMIUM' });
  });

  it('when a sell limit is below the quote then the sale is expected at the quote, not at the limit', () => {
    // A marketable sell at 9,900 trades at the 10,000 quote: no discount to a NAV of 10,000.
    const verdict = check(
      'navPremium',
      aGuardInput({
        order: aSell({ limitPrice: 9_900 }),
        quote: aQuote({ price: 10_000 }),
        nav: aNav({ nav: 10_000 }),
      }),
    );
    expect(verdict).toMatchObject({ ok: true, detail: { price: 10_000, premiumBp: 0 } });
  });
  it('when a rule refuses then the failing line carries its own rule name (NAV floor, NAV unavailable)', () => {
    expect(check('navFloor', aGuardInput({ limits: limits({ navFloor: 1_000_001 }) }))).toMatchObject({
      ok: false,
      code: 'NAV_FLOOR',
    });
    expect(check('navPremium', aGuardInput({ nav: null }))).toMatchObject({
      ok: false,
      code: 'NAV_UNAVAILABLE',
    });
  });

  it('when the limit is off the tick between two 10-won steps then the neighbours are on the 5-won ETF grid', () => {
    expect(check('priceTick', aGuardInput({ order: aBuy({ limitPrice: 10_007 }) }))).toMatchObject({
      ok: false,
      detail: { below: 10_005, above: 10_010 },
    });
  });

  it('when the start-of-day NAV is zero and equity is zero then only the NAV floor breaker is reported', () => {
    const verdict = checkOrder(
      aGuardInput({ order: aSell(), account: anAccount({ cash: -600_000, startOfDayNav: 0 }) }),
    );
    expect(verdict.breaker).toBe('NAV_FLOOR');
  });
});
