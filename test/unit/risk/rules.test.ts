import { describe, expect, it } from 'vitest';
import { kstInstant } from '../../../src/domain/market';
import { checkOrder } from '../../../src/domain/risk/check-order';
import { RISK_CODES, RISK_RULES } from '../../../src/domain/risk/codes';
import { DEFAULT_RISK_LIMITS } from '../../../src/domain/risk/limits';
import { aBuy, aBuyingPower, aGuardInput, anAccount, aQuote, aSell, TRADING_MORNING } from './builders';
import { DENIAL_SCENARIOS } from './denial-scenarios';

describe('risk guard: one rule each', () => {
  it('when every limit is respected then the baseline buy is allowed', () => {
    const verdict = checkOrder(aGuardInput());

    expect(verdict.outcome).toBe('ALLOW');
    expect(verdict.checks.map((c) => c.rule)).toEqual([...RISK_RULES]);
    expect(verdict.checks.every((c) => c.ok)).toBe(true);
    expect(verdict.breaker).toBeUndefined();
  });

  it('when the scenarios are listed then every denial code has one (ORDER_BLACKOUT only ever defers)', () => {
    const covered = new Set(DENIAL_SCENARIOS.map((s) => s.code));

    expect([...covered].sort()).toEqual(RISK_CODES.filter((c) => c !== 'ORDER_BLACKOUT').sort());
  });

  for (const scenario of DENIAL_SCENARIOS) {
    it(`when ${scenario.when} then it is denied with ${scenario.code}`, () => {
      const verdict = checkOrder(scenario.input);

      expect(verdict.outcome).toBe('DENY');
      expect(verdict.outcome === 'DENY' && verdict.code).toBe(scenario.code);
      expect(verdict.checks).toHaveLength(RISK_RULES.length);
    });
  }
});

describe('risk guard: trading state', () => {
  it('when HALTED then a buy is denied with TRADING_HALTED', () => {
    const verdict = checkOrder(aGuardInput({ tradingState: 'HALTED' }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'TRADING_HALTED' });
  });

  it('when HALTED then a sell of a holding is denied with TRADING_HALTED', () => {
    const verdict = checkOrder(aGuardInput({ tradingState: 'HALTED', order: aSell() }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'TRADING_HALTED' });
  });

  it('when HALTED then a cancel passes', () => {
    const verdict = checkOrder(
      aGuardInput({ tradingState: 'HALTED', order: { kind: 'CANCEL', ticker: '069500', brokerOrderId: '0000117057' } }),
    );

    expect(verdict.outcome).toBe('ALLOW');
  });

  it('when HALTED and nothing else is known then a cancel still passes', () => {
    const verdict = checkOrder(
      aGuardInput({
        tradingState: 'HALTED',
        quote: null,
        account: null,
        now: kstInstant('2026-05-05', 3, 0),
        order: { kind: 'CANCEL', ticker: '069500', brokerOrderId: '0000117057' },
      }),
    );

    expect(verdict.outcome).toBe('ALLOW');
  });

  it('when REDUCING then a buy is denied with TRADING_REDUCING', () => {
    const verdict = checkOrder(aGuardInput({ tradingState: 'REDUCING' }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'TRADING_REDUCING' });
  });

  it('when REDUCING then a sell of a holding passes', () => {
    const verdict = checkOrder(aGuardInput({ tradingState: 'REDUCING', order: aSell({ quantity: 20 }) }));

    expect(verdict.outcome).toBe('ALLOW');
  });

  it('when REDUCING then a sell of a ticker not held is denied with TRADING_REDUCING', () => {
    const verdict = checkOrder(
      aGuardInput({ tradingState: 'REDUCING', order: aSell({ ticker: '229200' }), quote: aQuote({ ticker: '229200' }) }),
    );

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'TRADING_REDUCING' });
  });

  it('when the trading state is not one the guard knows then it is denied with TRADING_HALTED', () => {
    const verdict = checkOrder(aGuardInput({ tradingState: 'PAUSED' as 'ACTIVE', order: aSell() }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'TRADING_HALTED' });
  });
});

describe('risk guard: session', () => {
  it('when a valid buy arrives at 07:00 on a trading day then it is deferred until the 08:30 order window', () => {
    const now = kstInstant('2026-03-10', 7, 0);

    const verdict = checkOrder(aGuardInput({ now }));

    expect(verdict.outcome).toBe('DEFER');
    if (verdict.outcome !== 'DEFER') return;
    expect(verdict.code).toBe('MARKET_CLOSED');
    expect(verdict.reason).toBe('BEFORE_OPEN');
    expect(verdict.deferUntil).toEqual(kstInstant('2026-03-10', 8, 30));
    expect(verdict.checks.filter((c) => !c.ok).map((c) => c.rule)).toEqual(['session']);
  });

  it('when the account is paper then the deferral lasts until 09:00', () => {
    const now = kstInstant('2026-03-10', 7, 0);

    const verdict = checkOrder(aGuardInput({ now, environment: 'paper' }));

    expect(verdict).toMatchObject({ outcome: 'DEFER', reason: 'PAPER_REGULAR_HOURS_ONLY' });
    expect(verdict.outcome === 'DEFER' && verdict.deferUntil).toEqual(kstInstant('2026-03-10', 9, 0));
  });

  it('when a buy arrives on a holiday then it is deferred to the next trading day', () => {
    const now = kstInstant('2026-05-05', 11, 0);

    const verdict = checkOrder(aGuardInput({ now }));

    expect(verdict).toMatchObject({ outcome: 'DEFER', reason: 'CLOSED_DAY' });
    expect(verdict.outcome === 'DEFER' && verdict.deferUntil).toEqual(kstInstant('2026-05-06', 8, 30));
  });

  it('when the market is closed and another rule fails then it is denied with that rule, not deferred', () => {
    const now = kstInstant('2026-03-10', 7, 0);

    const verdict = checkOrder(aGuardInput({ now, ordersToday: 10 }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'MAX_ORDERS_PER_DAY' });
  });
});

describe('risk guard: prices, values and cash', () => {
  it('when a market buy fits at the quote but not at the upper limit then it is denied with INSUFFICIENT_BUYING_POWER', () => {
    const account = anAccount({ buyingPower: aBuyingPower({ maxAmount: 60_000, orderableCash: 60_000 }) });
    const limitBuy = aGuardInput({ account });
    const marketBuy = aGuardInput({ account, order: aBuy({ orderType: 'MARKET', limitPrice: undefined }) });

    const limitVerdict = checkOrder(limitBuy);
    const marketVerdict = checkOrder(marketBuy);

    expect(limitVerdict.outcome).toBe('ALLOW');
    expect(marketVerdict).toMatchObject({ outcome: 'DENY', code: 'INSUFFICIENT_BUYING_POWER', detail: { required: 65_000 } });
  });

  it('when a market order is checked then its value is quantity × quote price', () => {
    const verdict = checkOrder(aGuardInput({ order: aSell({ orderType: 'MARKET', limitPrice: undefined, quantity: 31 }) }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'MAX_ORDER_VALUE', detail: { orderValue: 310_000 } });
  });

  it('when a market order carries a price then it is denied with INVALID_PRICE', () => {
    const verdict = checkOrder(aGuardInput({ order: aBuy({ orderType: 'MARKET', limitPrice: 10_000 }) }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'INVALID_PRICE' });
  });

  it('when the quantity is zero then it is denied with INVALID_QUANTITY', () => {
    const verdict = checkOrder(aGuardInput({ order: aBuy({ quantity: 0 }) }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'INVALID_QUANTITY' });
  });

  it('when the price is below 2,000 KRW then the 1 KRW tick applies', () => {
    const quote = aQuote({ ticker: '229200', price: 1_999, basePrice: 1_999, upperLimit: 2_595, lowerLimit: 1_400 });

    const onTick = checkOrder(aGuardInput({ quote, order: aBuy({ ticker: '229200', limitPrice: 1_997 }) }));
    const offTick = checkOrder(aGuardInput({ quote, order: aBuy({ ticker: '229200', limitPrice: 2_003 }) }));

    expect(onTick.outcome).toBe('ALLOW');
    expect(offTick).toMatchObject({ outcome: 'DENY', code: 'PRICE_OFF_TICK', detail: { below: 2_000, above: 2_005 } });
  });

  it('when the quote has a zero price then it is denied with PRICE_UNAVAILABLE', () => {
    const verdict = checkOrder(aGuardInput({ quote: aQuote({ price: 0 }) }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'PRICE_UNAVAILABLE', detail: { problem: 'NO_PRICE' } });
  });

  it("when the quote is another ticker's then it is denied with PRICE_UNAVAILABLE", () => {
    const verdict = checkOrder(aGuardInput({ quote: aQuote({ ticker: '102110' }) }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'PRICE_UNAVAILABLE', detail: { problem: 'WRONG_TICKER' } });
  });

  it('when a limit buy is above the quote then its weight is valued at the limit price', () => {
    const limits = { ...DEFAULT_RISK_LIMITS, maxPositionWeightBp: 2_550 };
    const atQuote = aGuardInput({ limits, order: aBuy({ limitPrice: 10_000 }) });
    const above = aGuardInput({ limits, order: aBuy({ limitPrice: 10_250 }) });

    expect(checkOrder(atQuote).outcome).toBe('ALLOW');
    expect(checkOrder(above)).toMatchObject({ outcome: 'DENY', code: 'MAX_POSITION_WEIGHT', detail: { postTradeValue: 256_250 } });
  });

  it('when the buying power is missing then a buy is denied with ACCOUNT_STATE_UNKNOWN but a sell passes', () => {
    const account = anAccount({ buyingPower: null });

    const buy = checkOrder(aGuardInput({ account }));
    const sell = checkOrder(aGuardInput({ account, order: aSell() }));

    expect(buy).toMatchObject({ outcome: 'DENY', code: 'ACCOUNT_STATE_UNKNOWN', detail: { problem: 'NO_BUYING_POWER' } });
    expect(sell.outcome).toBe('ALLOW');
  });

  it('when the balance is older than maxAccountAgeMs then it is denied with ACCOUNT_STATE_UNKNOWN', () => {
    const account = anAccount({ asOf: new Date(TRADING_MORNING.getTime() - 30_001) });

    const verdict = checkOrder(aGuardInput({ account, order: aSell() }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'ACCOUNT_STATE_UNKNOWN', detail: { problem: 'STALE' } });
  });

  it('when a held position has no price then it is denied with ACCOUNT_STATE_UNKNOWN', () => {
    const account = anAccount({
      positions: [
        { ticker: '069500', quantity: 20, orderableQuantity: 20, price: 10_000 },
        { ticker: '102110', quantity: 40, orderableQuantity: 40, price: 0 },
      ],
    });

    const verdict = checkOrder(aGuardInput({ account }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'ACCOUNT_STATE_UNKNOWN', detail: { problem: 'POSITION_NOT_PRICED' } });
  });
});

describe('risk guard: breakers', () => {
  it('when open losses take equity 4 % below the start of day then buys are denied and the DAILY_LOSS breaker is reported', () => {
    const account = anAccount({
      positions: [
        { ticker: '069500', quantity: 20, orderableQuantity: 20, price: 10_000 },
        { ticker: '102110', quantity: 40, orderableQuantity: 40, price: 9_000 },
      ],
    });

    const buy = checkOrder(aGuardInput({ account }));
    const sell = checkOrder(aGuardInput({ account, order: aSell() }));

    expect(buy).toMatchObject({ outcome: 'DENY', code: 'DAILY_LOSS_LIMIT', breaker: 'DAILY_LOSS', detail: { equity: 960_000 } });
    expect(sell).toMatchObject({ outcome: 'ALLOW', breaker: 'DAILY_LOSS' });
  });

  it('when the fresh quote is below the balance price then equity uses the quote', () => {
    const quote = aQuote({ price: 8_000, upperLimit: 13_000, lowerLimit: 7_000 });

    const verdict = checkOrder(aGuardInput({ quote, order: aBuy({ limitPrice: 8_000 }) }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'DAILY_LOSS_LIMIT', detail: { equity: 960_000 } });
  });

  it('when equity is exactly 3 % below the start of day then the breaker trips', () => {
    const verdict = checkOrder(aGuardInput({ account: anAccount({ cash: 370_000 }) }));

    expect(verdict).toMatchObject({ outcome: 'DENY', code: 'DAILY_LOSS_LIMIT', breaker: 'DAILY_LOSS' });
  });

  it('when equity is just above the 3 % line then the buy is allowed without a breaker', () => {
    const verdict = checkOrder(aGuardInput({ account: anAccount({ cash: 370_001 }) }));

    expect(verdict.outcome).toBe('ALLOW');
    expect(verdict.breaker).toBeUndefined();
  });

  it('when equity is below the NAV floor then a sell passes and the NAV_FLOOR breaker is reported', () => {
    const account = anAccount({ cash: 190_000, startOfDayNav: 800_000 });

    const verdict = checkOrder(aGuardInput({ account, order: aSell() }));

    expect(verdict).toMatchObject({ outcome: 'ALLOW', breaker: 'NAV_FLOOR' });
  });
});
