import { describe, expect, it } from 'vitest';
import type { ActiveBlackout } from '../../../src/domain/blackout';
import { kstInstant } from '../../../src/domain/market';
import { deriveFacts } from '../../../src/domain/risk/facts';
import type { GuardInput, NewOrder } from '../../../src/domain/risk/input';
import { checkAccountData } from '../../../src/domain/risk/rules/account-data';
import { checkAllowList } from '../../../src/domain/risk/rules/allow-list';
import {
  blackoutFailure,
  checkBlackout,
  checkDeferQueue,
  formatKstMinute,
  wouldWait,
} from '../../../src/domain/risk/rules/blackout';
import { checkInstrumentStatus } from '../../../src/domain/risk/rules/instrument-status';
import { checkPriceData } from '../../../src/domain/risk/rules/price-data';
import { checkSession } from '../../../src/domain/risk/rules/session';
import { checkTradingState } from '../../../src/domain/risk/rules/trading-state';
import { aBuy, aBuyingPower, aGuardInput, anAccount, aQuote, aSell, TRADING_MORNING } from './builders';

/**
 * The data, session, blackout and trading-state rules, each on its own (issue 17, mutation testing): the exact
 * line each one writes on the card — rule, outcome, code and measured values — for the inputs that decide it.
 */
const facts = (overrides: Partial<GuardInput> = {}) => {
  const input = aGuardInput(overrides);
  return deriveFacts(input, input.order as NewOrder);
};
const ago = (ms: number) => new Date(TRADING_MORNING.getTime() - ms);

function aBlackout(overrides: Partial<ActiveBlackout> = {}): ActiveBlackout {
  return {
    from: kstInstant('2026-03-10', 10, 0),
    until: kstInstant('2026-03-10', 11, 5),
    windows: [],
    ...overrides,
  };
}

const window = (label: string, reason: string | null) => ({
  from: kstInstant('2026-03-10', 10, 0),
  to: kstInstant('2026-03-10', 11, 5),
  kind: 'adhoc' as const,
  label,
  reason,
});

describe('rule accountData', () => {
  it('when a buy has a fresh balance and buying power then it passes with the balance age', () => {
    expect(checkAccountData(facts())).toEqual({ rule: 'accountData', ok: true, detail: { ageMs: 2_000 } });
  });

  it('when a sell has no buying power then it still passes: only buys spend it', () => {
    const check = checkAccountData(
      facts({ order: aSell(), account: anAccount({ buyingPower: null, asOf: ago(5_000) }) }),
    );

    expect(check).toEqual({ rule: 'accountData', ok: true, detail: { ageMs: 5_000 } });
  });

  it('when a buy has no buying power then it fails under its own name', () => {
    expect(checkAccountData(facts({ account: anAccount({ buyingPower: null }) }))).toEqual({
      rule: 'accountData',
      ok: false,
      code: 'ACCOUNT_STATE_UNKNOWN',
      detail: { problem: 'NO_BUYING_POWER' },
    });
  });

  it('when a sell has no balance then it fails with MISSING', () => {
    expect(checkAccountData(facts({ order: aSell(), account: null }))).toEqual({
      rule: 'accountData',
      ok: false,
      code: 'ACCOUNT_STATE_UNKNOWN',
      detail: { problem: 'MISSING' },
    });
  });
});

describe('rule allowList', () => {
  it('when the ticker is in the universe then it passes naming it', () => {
    expect(checkAllowList(facts())).toEqual({ rule: 'allowList', ok: true, detail: { ticker: '069500' } });
  });

  it('when the ticker is not in the universe then it fails naming it', () => {
    const check = checkAllowList(
      facts({ order: aBuy({ ticker: '005930' }), quote: aQuote({ ticker: '005930' }) }),
    );

    expect(check).toEqual({
      rule: 'allowList',
      ok: false,
      code: 'TICKER_NOT_ALLOWED',
      detail: { ticker: '005930' },
    });
  });

  it('when the limits allow only another ticker then the universe is the limits’ list', () => {
    const limits = { ...aGuardInput().limits, allowedTickers: ['102110'] };

    expect(checkAllowList(facts({ limits }))).toMatchObject({ ok: false, code: 'TICKER_NOT_ALLOWED' });
  });
});

describe('rule priceData', () => {
  it('when the quote is fresh then it passes with the ticker, the price and the quote’s age', () => {
    const check = checkPriceData(
      facts({ quote: aQuote({ price: 10_050, asOf: ago(3_000) }), order: aBuy({ limitPrice: 10_050 }) }),
    );

    expect(check).toEqual({
      rule: 'priceData',
      ok: true,
      detail: { ticker: '069500', quotePrice: 10_050, ageMs: 3_000 },
    });
  });

  it('when the quote is stale then it fails under its own name with the problem', () => {
    expect(checkPriceData(facts({ quote: aQuote({ asOf: ago(10_001) }) }))).toEqual({
      rule: 'priceData',
      ok: false,
      code: 'PRICE_UNAVAILABLE',
      detail: { ticker: '069500', problem: 'STALE' },
    });
  });
});

describe('rule instrumentStatus', () => {
  it('when the instrument trades then it passes naming the ticker', () => {
    expect(checkInstrumentStatus(facts())).toEqual({
      rule: 'instrumentStatus',
      ok: true,
      detail: { ticker: '069500' },
    });
  });

  it('when the instrument is halted then it fails with INSTRUMENT_HALTED', () => {
    expect(checkInstrumentStatus(facts({ quote: aQuote({ halted: true }) }))).toEqual({
      rule: 'instrumentStatus',
      ok: false,
      code: 'INSTRUMENT_HALTED',
      detail: { ticker: '069500' },
    });
  });

  it('when there is no quote then it fails closed under its own name', () => {
    expect(checkInstrumentStatus(facts({ quote: null }))).toEqual({
      rule: 'instrumentStatus',
      ok: false,
      code: 'PRICE_UNAVAILABLE',
      detail: { ticker: '069500', problem: 'MISSING' },
    });
  });
});

describe('rule session', () => {
  it('when KRX accepts the order type now then it passes naming the type', () => {
    expect(checkSession(facts({ order: aBuy({ orderType: 'MARKET', limitPrice: undefined }) }))).toEqual({
      rule: 'session',
      ok: true,
      detail: { orderType: 'MARKET' },
    });
  });

  it('when the market is closed then it fails with the reason and the KST opening minute', () => {
    expect(checkSession(facts({ now: kstInstant('2026-03-10', 16, 0) }))).toEqual({
      rule: 'session',
      ok: false,
      code: 'MARKET_CLOSED',
      detail: { reason: 'AFTER_CLOSE', opensAt: '2026-03-11 08:30' },
    });
  });

  it('when the order type is unknown then it fails with no opening time', () => {
    expect(checkSession(facts({ order: aBuy({ orderType: 'STOP' as 'LIMIT' }) }))).toEqual({
      rule: 'session',
      ok: false,
      code: 'MARKET_CLOSED',
      detail: { reason: 'UNKNOWN_ORDER_TYPE', opensAt: '-' },
    });
  });
});

describe('rule tradingState', () => {
  const held = (quantity: number) =>
    anAccount({
      positions: [{ ticker: '069500', quantity, orderableQuantity: quantity, price: 10_000 }],
      cash: 800_000,
    });

  it.each<[string, Partial<GuardInput>, unknown]>([
    ['ACTIVE, a buy', {}, { ok: true }],
    ['HALTED, a sell', { tradingState: 'HALTED', order: aSell() }, { ok: false, code: 'TRADING_HALTED' }],
    [
      'an unknown state, a sell',
      { tradingState: 'PAUSED' as 'ACTIVE', order: aSell() },
      { ok: false, code: 'TRADING_HALTED' },
    ],
    ['REDUCING, a buy', { tradingState: 'REDUCING' }, { ok: false, code: 'TRADING_REDUCING' }],
    [
      'REDUCING, a sell of one held share',
      { tradingState: 'REDUCING', order: aSell({ quantity: 1 }), account: held(1) },
      { ok: true },
    ],
    [
      'REDUCING, a sell of a position at zero',
      { tradingState: 'REDUCING', order: aSell(), account: held(0) },
      { ok: false, code: 'TRADING_REDUCING' },
    ],
  ])('when %s then the line is %j with the state, side and ticker', (_label, overrides, outcome) => {
    const input = aGuardInput(overrides);
    const order = input.order as NewOrder;

    expect(checkTradingState(deriveFacts(input, order))).toEqual({
      rule: 'tradingState',
      ...(outcome as object),
      detail: { state: input.tradingState, side: order.side, ticker: order.ticker },
    });
  });

  it('when REDUCING and the balance is unknown then a sell fails closed under the trading-state rule', () => {
    expect(checkTradingState(facts({ tradingState: 'REDUCING', order: aSell(), account: null }))).toEqual({
      rule: 'tradingState',
      ok: false,
      code: 'ACCOUNT_STATE_UNKNOWN',
      detail: { problem: 'MISSING' },
    });
  });

  it('when REDUCING then a sell needs only the balance, not buying power', () => {
    const check = checkTradingState(
      facts({
        tradingState: 'REDUCING',
        order: aSell(),
        account: anAccount({ buyingPower: aBuyingPower({ asOf: ago(60_000) }) }),
      }),
    );

    expect(check.ok).toBe(true);
  });
});

describe('rule blackout and the deferred queue', () => {
  it('when an instant is formatted then it is the KST date and zero-padded minute', () => {
    expect(formatKstMinute(kstInstant('2026-03-10', 8, 5))).toBe('2026-03-10 08:05');
    expect(formatKstMinute(kstInstant('2026-12-31', 23, 59))).toBe('2026-12-31 23:59');
  });

  it('when no blackout is in force then it passes with no detail', () => {
    expect(checkBlackout(facts())).toEqual({ rule: 'blackout', ok: true, detail: {} });
    expect(checkBlackout(facts({ blackout: null }))).toEqual({ rule: 'blackout', ok: true, detail: {} });
  });

  it('when windows overlap then the failure names each label once, the end, and each non-empty reason once', () => {
    const blackout = aBlackout({
      windows: [
        window('#3', '서버 점검'),
        window('#4', null),
        window('#3', ''),
        window('#5', '서버 점검'),
        window('#6', '망 작업'),
      ],
    });

    expect(checkBlackout(facts({ blackout }))).toEqual({
      rule: 'blackout',
      ok: false,
      code: 'ORDER_BLACKOUT',
      detail: { windows: '#3, #4, #5, #6', until: '2026-03-10 11:05', note: '서버 점검; 망 작업' },
    });
  });

  it('when no window gives a reason then the note is a dash', () => {
    const check = blackoutFailure(aBlackout({ windows: [window('23:30-00:10', null), window('#2', '')] }));

    expect(check).toEqual({
      rule: 'blackout',
      ok: false,
      code: 'ORDER_BLACKOUT',
      detail: { windows: '23:30-00:10, #2', until: '2026-03-10 11:05', note: '-' },
    });
  });

  it.each<[string, Partial<GuardInput>, boolean]>([
    ['in continuous trading with no window', {}, false],
    ['before the open', { now: kstInstant('2026-03-10', 7, 0) }, true],
    ['in a window during trading', { blackout: aBlackout() }, true],
    ['with an order type KRX does not know', { order: aBuy({ orderType: 'STOP' as 'LIMIT' }) }, false],
  ])('when an order arrives %s then whether it would wait is %s', (_label, overrides, waits) => {
    expect(wouldWait(facts(overrides))).toBe(waits);
  });

  it('when no queue is given, or the order would not wait, then the queue rule passes with no detail', () => {
    expect(checkDeferQueue(facts({ blackout: aBlackout() }))).toEqual({
      rule: 'deferQueue',
      ok: true,
      detail: {},
    });
    expect(checkDeferQueue(facts({ deferredQueue: { size: 20, max: 20 } }))).toEqual({
      rule: 'deferQueue',
      ok: true,
      detail: {},
    });
  });

  it('when the order would wait then the queue passes below its size and fails at it, with both numbers', () => {
    const now = kstInstant('2026-03-10', 7, 0);

    expect(checkDeferQueue(facts({ now, deferredQueue: { size: 19, max: 20 } }))).toEqual({
      rule: 'deferQueue',
      ok: true,
      detail: { waiting: 19, max: 20 },
    });
    expect(checkDeferQueue(facts({ now, deferredQueue: { size: 20, max: 20 } }))).toEqual({
      rule: 'deferQueue',
      ok: false,
      code: 'DEFER_QUEUE_FULL',
      detail: { waiting: 20, max: 20 },
    });
    expect(
      checkDeferQueue(facts({ blackout: aBlackout(), deferredQueue: { size: 21, max: 20 } })),
    ).toMatchObject({
      ok: false,
      code: 'DEFER_QUEUE_FULL',
    });
  });
});
