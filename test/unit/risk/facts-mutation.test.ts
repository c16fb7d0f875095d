import { describe, expect, it } from 'vitest';
import { kstInstant } from '../../../src/domain/market';
import type { EtfNav } from '../../../src/domain/ports';
import {
  deriveFacts,
  equityOf,
  marketNeedsQuote,
  markPrice,
  navOf,
  quoteProblemOf,
  unmetNeed,
} from '../../../src/domain/risk/facts';
import type { GuardInput, NewOrder } from '../../../src/domain/risk/input';
import { DEFAULT_RISK_LIMITS } from '../../../src/domain/risk/limits';
import { aBuy, aBuyingPower, aGuardInput, anAccount, aNav, aQuote, aSell, TRADING_MORNING } from './builders';

/**
 * What the guard derives from its inputs before any rule runs (issue 17, mutation testing of facts.ts): which
 * input counts as untrustworthy and why, the order's price, value and cash reservation, equity and holdings.
 */
const limits = DEFAULT_RISK_LIMITS;
const ago = (ms: number) => new Date(TRADING_MORNING.getTime() - ms);
const facts = (input: GuardInput) => deriveFacts(input, input.order as NewOrder);

describe('guard facts: the quote', () => {
  it.each([
    ['no quote', null, 'MISSING'],
    [
      'a quote of another ticker (even when stale)',
      aQuote({ ticker: '102110', asOf: ago(60_000) }),
      'WRONG_TICKER',
    ],
    ['a quote exactly maxQuoteAgeMs old', aQuote({ asOf: ago(10_000) }), null],
    [
      'a quote 1 ms past maxQuoteAgeMs (even with a zero price)',
      aQuote({ asOf: ago(10_001), price: 0 }),
      'STALE',
    ],
    ['a quote dated exactly maxQuoteAgeMs ahead', aQuote({ asOf: ago(-10_000) }), null],
    ['a quote dated 1 ms more than maxQuoteAgeMs ahead', aQuote({ asOf: ago(-10_001) }), 'STALE'],
    ['a zero price', aQuote({ price: 0 }), 'NO_PRICE'],
    ['a negative price', aQuote({ price: -5 }), 'NO_PRICE'],
    ['a fractional price', aQuote({ price: 10_000.5 }), 'NO_PRICE'],
    ['a price of 1 KRW', aQuote({ price: 1 }), null],
    ['a zero lower limit', aQuote({ lowerLimit: 0 }), 'BAD_LIMITS'],
    ['a fractional lower limit', aQuote({ lowerLimit: 7_000.5 }), 'BAD_LIMITS'],
    ['a zero upper limit', aQuote({ upperLimit: 0 }), 'BAD_LIMITS'],
    ['a fractional upper limit', aQuote({ upperLimit: 13_000.5 }), 'BAD_LIMITS'],
    ['an upper limit below the lower limit', aQuote({ upperLimit: 6_999 }), 'BAD_LIMITS'],
    ['an upper limit equal to the lower limit', aQuote({ upperLimit: 7_000 }), null],
  ])('when the input is %s then the problem is %s', (_label, quote, problem) => {
    expect(quoteProblemOf(quote, '069500', TRADING_MORNING, limits)).toBe(problem);
  });

  it('when the quote has a problem then the facts carry no quote and the reason', () => {
    const derived = facts(aGuardInput({ quote: aQuote({ price: 0 }) }));

    expect(derived.quote).toBeNull();
    expect(derived.quoteProblem).toBe('NO_PRICE');
  });

  it('when a position is marked then only a quote of its own ticker replaces the balance price', () => {
    const position = { ticker: '069500', quantity: 20, orderableQuantity: 20, price: 10_000 };

    expect(markPrice(position, aQuote({ price: 9_000 }))).toBe(9_000);
    expect(markPrice(position, aQuote({ ticker: '102110', price: 9_000 }))).toBe(10_000);
    expect(markPrice(position, null)).toBe(10_000);
  });

  it('when equity is computed then it is cash plus every position at its mark', () => {
    expect(equityOf(anAccount(), aQuote({ price: 9_000 }))).toBe(400_000 + 20 * 9_000 + 40 * 10_000);
    expect(equityOf(anAccount(), null)).toBe(1_000_000);
  });
});

describe('guard facts: the account and buying power', () => {
  const problems = (input: GuardInput) => {
    const f = facts(input);
    return [f.accountProblem, f.buyingPowerProblem, f.account === null, f.buyingPower === null, f.equity];
  };

  it.each<[string, GuardInput, unknown[]]>([
    ['a fresh account', aGuardInput(), [null, null, false, false, 1_000_000]],
    ['no account', aGuardInput({ account: null }), ['MISSING', 'NO_BUYING_POWER', true, true, null]],
    [
      'a balance exactly maxAccountAgeMs old',
      aGuardInput({ account: anAccount({ asOf: ago(30_000) }) }),
      [null, null, false, false, 1_000_000],
    ],
    [
      'a balance 1 ms too old',
      aGuardInput({ account: anAccount({ asOf: ago(30_001) }) }),
      ['STALE', 'NO_BUYING_POWER', true, true, null],
    ],
    [
      'a balance dated 1 ms too far ahead',
      aGuardInput({ account: anAccount({ asOf: ago(-30_001) }) }),
      ['STALE', 'NO_BUYING_POWER', true, true, null],
    ],
    [
      'a balance dated exactly maxAccountAgeMs ahead',
      aGuardInput({ account: anAccount({ asOf: ago(-30_000) }) }),
      [null, null, false, false, 1_000_000],
    ],
    [
      'fractional cash',
      aGuardInput({ account: anAccount({ cash: 400_000.5 }) }),
      ['MISSING', 'NO_BUYING_POWER', true, true, null],
    ],
    [
      'NaN cash',
      aGuardInput({ account: anAccount({ cash: Number.NaN }) }),
      ['MISSING', 'NO_BUYING_POWER', true, true, null],
    ],
    [
      'negative cash (a debit balance is still a balance)',
      aGuardInput({ account: anAccount({ cash: -100_000 }) }),
      [null, null, false, false, 500_000],
    ],
    [
      'an empty position without a price',
      aGuardInput({
        account: anAccount({
          positions: [
            { ticker: '069500', quantity: 20, orderableQuantity: 20, price: 10_000 },
            { ticker: '102110', quantity: 0, orderableQuantity: 0, price: 0 },
          ],
        }),
      }),
      [null, null, false, false, 600_000],
    ],
    [
      'a held position without a balance price but with a fresh quote of its ticker',
      aGuardInput({
        quote: aQuote({ price: 9_000 }),
        account: anAccount({
          positions: [
            { ticker: '069500', quantity: 20, orderableQuantity: 20, price: 0 },
            { ticker: '102110', quantity: 40, orderableQuantity: 40, price: 10_000 },
          ],
        }),
      }),
      [null, null, false, false, 400_000 + 180_000 + 400_000],
    ],
    [
      'a held position without a balance price and a stale quote of its ticker',
      aGuardInput({
        quote: aQuote({ asOf: ago(10_001) }),
        account: anAccount({
          positions: [{ ticker: '069500', quantity: 20, orderableQuantity: 20, price: 0 }],
        }),
      }),
      ['POSITION_NOT_PRICED', 'NO_BUYING_POWER', true, true, null],
    ],
    [
      'a held position with a fractional balance price',
      aGuardInput({
        account: anAccount({
          positions: [{ ticker: '102110', quantity: 1, orderableQuantity: 1, price: 10_000.5 }],
        }),
      }),
      ['POSITION_NOT_PRICED', 'NO_BUYING_POWER', true, true, null],
    ],
    [
      'no buying power',
      aGuardInput({ account: anAccount({ buyingPower: null }) }),
      [null, 'NO_BUYING_POWER', false, true, 1_000_000],
    ],
    [
      'a fractional orderable amount',
      aGuardInput({ account: anAccount({ buyingPower: aBuyingPower({ maxAmount: 400_000.5 }) }) }),
      [null, 'NO_BUYING_POWER', false, true, 1_000_000],
    ],
    [
      'a NaN orderable cash',
      aGuardInput({ account: anAccount({ buyingPower: aBuyingPower({ orderableCash: Number.NaN }) }) }),
      [null, 'NO_BUYING_POWER', false, true, 1_000_000],
    ],
    [
      'buying power exactly maxAccountAgeMs old',
      aGuardInput({ account: anAccount({ buyingPower: aBuyingPower({ asOf: ago(30_000) }) }) }),
      [null, null, false, false, 1_000_000],
    ],
    [
      'buying power 1 ms too old',
      aGuardInput({ account: anAccount({ buyingPower: aBuyingPower({ asOf: ago(30_001) }) }) }),
      [null, 'BUYING_POWER_STALE', false, true, 1_000_000],
    ],
    [
      'buying power dated 1 ms too far ahead',
      aGuardInput({ account: anAccount({ buyingPower: aBuyingPower({ asOf: ago(-30_001) }) }) }),
      [null, 'BUYING_POWER_STALE', false, true, 1_000_000],
    ],
  ])(
    'when the input is %s then [account problem, buying power problem, no account, no power, equity] is %j',
    (_l, input, expected) => {
      expect(problems(input)).toEqual(expected);
    },
  );

  it('when the account is fine then the facts carry it and its buying power unchanged', () => {
    const input = aGuardInput();

    const derived = facts(input);

    expect(derived.account).toBe(input.account);
    expect(derived.buyingPower).toBe(input.account?.buyingPower);
  });

  it('when the quote is untrustworthy then equity marks the position at its balance price', () => {
    const derived = facts(aGuardInput({ quote: aQuote({ price: 9_000, asOf: ago(10_001) }) }));

    expect(derived.equity).toBe(1_000_000);
  });
});

describe('guard facts: the NAV', () => {
  const fresh = aNav({ nav: 10_012.34 });

  it.each<[string, EtfNav | null, ReturnType<typeof navOf>]>([
    ['a fresh NAV', fresh, { navHundredths: 1_001_234, navProblem: null }],
    ['no NAV', null, { navHundredths: null, navProblem: 'MISSING' }],
    [
      'an unsupported NAV',
      { supported: false, ticker: '069500', reason: 'paper' },
      { navHundredths: null, navProblem: 'UNSUPPORTED' },
    ],
    ['another ticker’s NAV', aNav({ ticker: '102110' }), { navHundredths: null, navProblem: 'WRONG_TICKER' }],
    [
      'a NAV exactly maxQuoteAgeMs old',
      aNav({ asOf: ago(10_000) }),
      { navHundredths: 1_001_234, navProblem: null },
    ],
    ['a NAV 1 ms too old', aNav({ asOf: ago(10_001) }), { navHundredths: null, navProblem: 'STALE' }],
    [
      'a NAV dated 1 ms too far ahead',
      aNav({ asOf: ago(-10_001) }),
      { navHundredths: null, navProblem: 'STALE' },
    ],
    ['a NaN NAV', aNav({ nav: Number.NaN }), { navHundredths: null, navProblem: 'NO_PRICE' }],
    [
      'an infinite NAV',
      aNav({ nav: Number.POSITIVE_INFINITY }),
      { navHundredths: null, navProblem: 'NO_PRICE' },
    ],
    ['a zero NAV', aNav({ nav: 0 }), { navHundredths: null, navProblem: 'NO_PRICE' }],
    [
      'a NAV that rounds to zero hundredths',
      aNav({ nav: 0.004 }),
      { navHundredths: null, navProblem: 'NO_PRICE' },
    ],
    ['a negative NAV', aNav({ nav: -10 }), { navHundredths: null, navProblem: 'NO_PRICE' }],
    ['a NAV of half a hundredth', aNav({ nav: 0.005 }), { navHundredths: 1, navProblem: null }],
    ['a NAV with a third decimal', aNav({ nav: 10_000.256 }), { navHundredths: 1_000_026, navProblem: null }],
  ])('when the input is %s then the NAV fact is %j', (_label, nav, expected) => {
    expect(navOf(nav, '069500', TRADING_MORNING, limits)).toEqual(expected);
  });

  it('when the guard derives facts then the NAV is this ticker’s, in hundredths', () => {
    const derived = deriveFacts(aGuardInput({ nav: aNav({ nav: 10_012.34 }) }), aBuy());

    expect([derived.navHundredths, derived.navProblem]).toEqual([1_001_234, null]);
  });
});

describe('guard facts: the order', () => {
  const orderFacts = (input: GuardInput) => {
    const f = facts(input);
    return {
      quantityValid: f.quantityValid,
      priceValid: f.priceValid,
      orderPrice: f.orderPrice,
      orderValue: f.orderValue,
      cashRequired: f.cashRequired,
    };
  };
  const market = { orderType: 'MARKET' as const, limitPrice: undefined };

  it.each<[string, GuardInput, ReturnType<typeof orderFacts>]>([
    [
      'a limit buy',
      aGuardInput(),
      { quantityValid: true, priceValid: true, orderPrice: 10_000, orderValue: 50_000, cashRequired: 50_000 },
    ],
    [
      'a limit buy of one share above the quote',
      aGuardInput({ order: aBuy({ quantity: 1, limitPrice: 10_050 }) }),
      { quantityValid: true, priceValid: true, orderPrice: 10_050, orderValue: 10_050, cashRequired: 10_050 },
    ],
    [
      'a limit buy without a quote (priced at its limit)',
      aGuardInput({ quote: null }),
      { quantityValid: true, priceValid: true, orderPrice: 10_000, orderValue: 50_000, cashRequired: 50_000 },
    ],
    [
      'a market buy (valued at the quote, provisioned at the upper limit)',
      aGuardInput({ order: aBuy(market) }),
      { quantityValid: true, priceValid: true, orderPrice: 10_000, orderValue: 50_000, cashRequired: 65_000 },
    ],
    [
      'a market sell',
      aGuardInput({ order: aSell({ ...market, quantity: 3 }), quote: aQuote({ price: 9_990 }) }),
      { quantityValid: true, priceValid: true, orderPrice: 9_990, orderValue: 29_970, cashRequired: 39_000 },
    ],
    [
      'a market buy without a quote',
      aGuardInput({ order: aBuy(market), quote: null }),
      { quantityValid: true, priceValid: true, orderPrice: null, orderValue: null, cashRequired: null },
    ],
    [
      'a market buy that carries a price',
      aGuardInput({ order: aBuy({ orderType: 'MARKET', limitPrice: 10_000 }) }),
      { quantityValid: true, priceValid: false, orderPrice: null, orderValue: null, cashRequired: 65_000 },
    ],
    [
      'a limit buy without a price',
      aGuardInput({ order: aBuy({ limitPrice: undefined }) }),
      { quantityValid: true, priceValid: false, orderPrice: null, orderValue: null, cashRequired: null },
    ],
    [
      'a limit buy at zero',
      aGuardInput({ order: aBuy({ limitPrice: 0 }) }),
      { quantityValid: true, priceValid: false, orderPrice: null, orderValue: null, cashRequired: null },
    ],
    [
      'a limit buy at a fractional price',
      aGuardInput({ order: aBuy({ limitPrice: 10_000.5 }) }),
      { quantityValid: true, priceValid: false, orderPrice: null, orderValue: null, cashRequired: null },
    ],
    [
      'a limit buy of zero shares',
      aGuardInput({ order: aBuy({ quantity: 0 }) }),
      { quantityValid: false, priceValid: true, orderPrice: 10_000, orderValue: null, cashRequired: null },
    ],
    [
      'a market buy of a fraction of a share',
      aGuardInput({ order: aBuy({ ...market, quantity: 1.5 }) }),
      { quantityValid: false, priceValid: true, orderPrice: 10_000, orderValue: null, cashRequired: null },
    ],
    [
      'a limit buy of an unsafe number of shares',
      aGuardInput({ order: aBuy({ quantity: 2 ** 53 }) }),
      { quantityValid: false, priceValid: true, orderPrice: 10_000, orderValue: null, cashRequired: null },
    ],
    [
      'an order type the desk does not know, without a price',
      aGuardInput({ order: aBuy({ orderType: 'STOP' as 'LIMIT', limitPrice: undefined }) }),
      { quantityValid: true, priceValid: false, orderPrice: null, orderValue: null, cashRequired: null },
    ],
    [
      'an order type the desk does not know',
      aGuardInput({ order: aBuy({ orderType: 'STOP' as 'LIMIT' }) }),
      { quantityValid: true, priceValid: false, orderPrice: null, orderValue: null, cashRequired: null },
    ],
  ])('when the order is %s then its derived values are %j', (_label, input, expected) => {
    expect(orderFacts(input)).toEqual(expected);
  });

  it('when the ticker is held then the held and orderable quantities are that position’s', () => {
    const account = anAccount({
      positions: [
        { ticker: '102110', quantity: 40, orderableQuantity: 40, price: 10_000 },
        { ticker: '069500', quantity: 20, orderableQuantity: 15, price: 10_000 },
      ],
    });

    const derived = facts(aGuardInput({ account }));

    expect([derived.heldQuantity, derived.orderableQuantity]).toEqual([20, 15]);
  });

  it('when the ticker is not held, or the account is unknown, then both quantities are zero', () => {
    const notHeld = facts(
      aGuardInput({ order: aBuy({ ticker: '229200' }), quote: aQuote({ ticker: '229200' }) }),
    );
    const unknown = facts(aGuardInput({ account: null }));

    expect([notHeld.heldQuantity, notHeld.orderableQuantity]).toEqual([0, 0]);
    expect([unknown.heldQuantity, unknown.orderableQuantity]).toEqual([0, 0]);
  });

  it('when the inputs are fine then the facts carry the input, the order and the limits as given', () => {
    const input = aGuardInput();

    const derived = facts(input);

    expect(derived.input).toBe(input);
    expect(derived.order).toBe(input.order);
    expect(derived.limits).toBe(input.limits);
    expect(derived.quote).toBe(input.quote);
    expect(derived.quoteProblem).toBeNull();
  });
});

describe('guard facts: the session', () => {
  it('when the order arrives in continuous trading then it is accepted', () => {
    expect(facts(aGuardInput()).session).toEqual({ accepted: true });
  });

  it('when the order arrives before the open then it is refused with the opening time', () => {
    const now = kstInstant('2026-03-10', 7, 0);

    expect(facts(aGuardInput({ now })).session).toEqual({
      accepted: false,
      reason: 'BEFORE_OPEN',
      opensAt: kstInstant('2026-03-10', 8, 30),
    });
  });

  it.each(['STOP', 'toString', 'constructor'])(
    'when the order type is %s then it is refused as unknown with no opening time',
    (orderType) => {
      const session = facts(aGuardInput({ order: aBuy({ orderType: orderType as 'LIMIT' }) })).session;

      expect(session).toEqual({ accepted: false, reason: 'UNKNOWN_ORDER_TYPE', opensAt: null });
    },
  );
});

describe('guard facts: the needs a rule fails closed on', () => {
  it('when a market order names its needs then the quote is added; a limit order’s are unchanged', () => {
    const limitFacts = facts(aGuardInput());
    const marketFacts = facts(aGuardInput({ order: aBuy({ orderType: 'MARKET', limitPrice: undefined }) }));

    expect(marketNeedsQuote(marketFacts, ['quantity'])).toEqual(['quantity', 'quote']);
    expect(marketNeedsQuote(limitFacts, ['quantity'])).toEqual(['quantity']);
  });

  it('when every need is met then nothing is reported', () => {
    expect(
      unmetNeed('orderValue', facts(aGuardInput()), ['quote', 'account', 'buyingPower', 'quantity', 'price']),
    ).toBeNull();
    expect(unmetNeed('orderValue', facts(aGuardInput()), [])).toBeNull();
  });

  it.each<[string, GuardInput, Parameters<typeof unmetNeed>[2], unknown]>([
    [
      'a stale quote',
      aGuardInput({ quote: aQuote({ asOf: ago(10_001) }) }),
      ['quantity', 'quote'],
      { code: 'PRICE_UNAVAILABLE', detail: { ticker: '069500', problem: 'STALE' } },
    ],
    [
      'no account',
      aGuardInput({ account: null }),
      ['account'],
      { code: 'ACCOUNT_STATE_UNKNOWN', detail: { problem: 'MISSING' } },
    ],
    [
      'a stale account (for buying power)',
      aGuardInput({ account: anAccount({ asOf: ago(30_001) }) }),
      ['buyingPower'],
      { code: 'ACCOUNT_STATE_UNKNOWN', detail: { problem: 'STALE' } },
    ],
    [
      'stale buying power',
      aGuardInput({ account: anAccount({ buyingPower: aBuyingPower({ asOf: ago(30_001) }) }) }),
      ['account', 'buyingPower'],
      { code: 'ACCOUNT_STATE_UNKNOWN', detail: { problem: 'BUYING_POWER_STALE' } },
    ],
    [
      'a fraction of a share',
      aGuardInput({ order: aBuy({ quantity: 1.5 }) }),
      ['quote', 'quantity', 'price'],
      { code: 'INVALID_QUANTITY', detail: { quantity: '1.5' } },
    ],
    [
      'a zero limit price',
      aGuardInput({ order: aBuy({ limitPrice: 0 }) }),
      ['price', 'quantity'],
      { code: 'INVALID_PRICE', detail: { limitPrice: '0' } },
    ],
    [
      'a limit order without a price',
      aGuardInput({ order: aBuy({ limitPrice: undefined }) }),
      ['price'],
      { code: 'INVALID_PRICE', detail: { limitPrice: '-' } },
    ],
    [
      'an unknown order type',
      aGuardInput({ order: aBuy({ orderType: 'STOP' as 'LIMIT' }) }),
      ['price'],
      { code: 'MARKET_CLOSED', detail: { reason: 'UNKNOWN_ORDER_TYPE', opensAt: '-' } },
    ],
  ])('when the input has %s then the first unmet need fails the rule', (_label, input, needs, expected) => {
    expect(unmetNeed('fatFinger', facts(input), needs)).toEqual({
      rule: 'fatFinger',
      ok: false,
      ...(expected as object),
    });
  });

  it('when a sell has no buying power then only the buying-power need is unmet', () => {
    const derived = facts(aGuardInput({ order: aSell(), account: anAccount({ buyingPower: null }) }));

    expect(unmetNeed('holdings', derived, ['account', 'quote', 'quantity', 'price'])).toBeNull();
    expect(unmetNeed('holdings', derived, ['buyingPower'])).toEqual({
      rule: 'holdings',
      ok: false,
      code: 'ACCOUNT_STATE_UNKNOWN',
      detail: { problem: 'NO_BUYING_POWER' },
    });
  });

  it('when the market is closed then a valid price is still a met need (the session rule decides the wait)', () => {
    const derived = facts(aGuardInput({ now: kstInstant('2026-03-10', 7, 0) }));

    expect(unmetNeed('priceTick', derived, ['price'])).toBeNull();
  });
});
