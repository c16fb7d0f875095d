import { describe, expect, it } from 'vitest';
import { loadTradingCalendar } from '../../../src/adapters/calendar/load';
import {
  deferralExpiry,
  isCancellable,
  newOrderOf,
  pendingCancel,
  precheckFrom,
} from '../../../src/app/execution';
import type { AuditEventRecord } from '../../../src/app/trading-store';
import { order } from '../discord/fixtures';
import { kstInstant } from '../../../src/domain/market';
import type { GuardVerdict } from '../../../src/domain/risk';
import { fail, pass } from '../../../src/domain/risk/verdict';

const calendar = loadTradingCalendar();
const at = new Date('2026-11-23T01:00:00.000Z');

describe('execution: precheck snapshot', () => {
  it('when the guard allows then the snapshot has no code, no deferral and the value at the reference price', () => {
    // Arrange
    const verdict: GuardVerdict = { outcome: 'ALLOW', checks: [pass('quantity')] };

    // Act
    const snapshot = precheckFrom(verdict, 35_980, 3, at, 36_000);

    // Assert (strictly: an allowed snapshot has no `code` key at all)
    expect(snapshot).toStrictEqual({
      outcome: 'ALLOW',
      checks: [{ rule: 'quantity', ok: true, detail: {} }],
      referencePrice: 35_980,
      estimatedValue: 107_940,
      checkedAt: '2026-11-23T01:00:00.000Z',
      quotePrice: 36_000,
    });
  });

  it('when the guard denies with a breaker then the code and the breaker are kept and an unknown price values nothing', () => {
    const verdict: GuardVerdict = {
      outcome: 'DENY',
      code: 'DAILY_LOSS_LIMIT',
      detail: {},
      checks: [fail('dailyLoss', 'DAILY_LOSS_LIMIT')],
      breaker: 'DAILY_LOSS',
    };

    const snapshot = precheckFrom(verdict, null, 3, at);

    expect(snapshot).toEqual({
      outcome: 'DENY',
      code: 'DAILY_LOSS_LIMIT',
      checks: [{ rule: 'dailyLoss', ok: false, code: 'DAILY_LOSS_LIMIT', detail: {} }],
      referencePrice: null,
      estimatedValue: null,
      breaker: 'DAILY_LOSS',
      checkedAt: '2026-11-23T01:00:00.000Z',
      quotePrice: null,
    });
  });

  it('when the guard defers then the snapshot says until when and what it waits for, as copies', () => {
    const waitingFor = ['BEFORE_OPEN' as const, 'BLACKOUT' as const];
    const checks = [fail('session', 'MARKET_CLOSED')];
    const verdict: GuardVerdict = {
      outcome: 'DEFER',
      code: 'MARKET_CLOSED',
      reason: 'BEFORE_OPEN',
      waitingFor,
      deferUntil: kstInstant('2026-11-23', 9, 0),
      detail: {},
      checks,
    };

    const snapshot = precheckFrom(verdict, 100, 2, at, 101);

    expect(snapshot).toMatchObject({
      outcome: 'DEFER',
      code: 'MARKET_CLOSED',
      estimatedValue: 200,
      deferUntil: '2026-11-23T00:00:00.000Z',
      waitingFor: ['BEFORE_OPEN', 'BLACKOUT'],
    });
    expect(snapshot.waitingFor).not.toBe(waitingFor);
    expect(snapshot.checks).not.toBe(checks);
    expect(snapshot).not.toHaveProperty('breaker');
  });
});

describe('execution: how long a deferred approval lasts', () => {
  it('when the order waits for a time before the close of a trading day then it lasts until 15:30 that day', () => {
    expect(deferralExpiry(kstInstant('2026-11-23', 9, 0), calendar)).toEqual(
      kstInstant('2026-11-23', 15, 30),
    );
  });

  it('when the order waits for exactly 15:30 then it lasts until the next trading day’s close', () => {
    expect(deferralExpiry(kstInstant('2026-11-23', 15, 30), calendar)).toEqual(
      kstInstant('2026-11-24', 15, 30),
    );
  });

  it('when the order waits for a minute before 15:30 then it still lasts until that day’s close', () => {
    expect(deferralExpiry(kstInstant('2026-11-23', 15, 29), calendar)).toEqual(
      kstInstant('2026-11-23', 15, 30),
    );
  });

  it('when the order waits for a Saturday then it lasts until Monday’s close', () => {
    expect(deferralExpiry(kstInstant('2026-11-21', 9, 0), calendar)).toEqual(
      kstInstant('2026-11-23', 15, 30),
    );
  });
});

describe('execution: the order sent for an intent', () => {
  it('when the intent is a limit order then the limit price goes with it', () => {
    expect(
      newOrderOf({ ticker: '069500', side: 'BUY', quantity: 3, orderType: 'LIMIT', limitPrice: 35_980 }),
    ).toEqual({
      kind: 'NEW',
      ticker: '069500',
      side: 'BUY',
      quantity: 3,
      orderType: 'LIMIT',
      limitPrice: 35_980,
    });
  });

  it('when the intent is a market order then no limit price is sent even if one is stored', () => {
    expect(
      newOrderOf({ ticker: '069500', side: 'SELL', quantity: 1, orderType: 'MARKET', limitPrice: 35_980 }),
    ).toEqual({ kind: 'NEW', ticker: '069500', side: 'SELL', quantity: 1, orderType: 'MARKET' });
  });

  it('when a limit intent has no price then the order has none (the guard refuses it)', () => {
    const order = newOrderOf({
      ticker: '069500',
      side: 'BUY',
      quantity: 1,
      orderType: 'LIMIT',
      limitPrice: null,
    });
    expect(order).toEqual({ kind: 'NEW', ticker: '069500', side: 'BUY', quantity: 1, orderType: 'LIMIT' });
    expect(order).not.toHaveProperty('limitPrice');
  });
});

describe('execution: which orders can be cancelled', () => {
  it.each([
    ['ACCEPTED', true],
    ['PARTIALLY_FILLED', true],
    ['PENDING_SUBMIT', false],
    ['UNKNOWN', false],
    ['FILLED', false],
    ['CANCELLED', false],
  ] as const)('when the order is %s then cancellable is %s', (status, expected) => {
    expect(isCancellable(order({ status }))).toBe(expected);
  });

  it('when KIS’s order number or branch is missing then there is nothing to cancel by', () => {
    expect(isCancellable(order({ brokerOrderId: null }))).toBe(false);
    expect(isCancellable(order({ brokerOrgNo: null }))).toBe(false);
  });
});

describe('execution: a cancel nobody has settled yet', () => {
  const events = (...types: string[]): AuditEventRecord[] =>
    types.map((type, i) => ({ id: i + 1, orderId: 'o1', type, actor: 'x', at }));

  it('when the last cancel event is a request or an unknown answer then that event is pending', () => {
    expect(pendingCancel(events('ORDER_ACCEPTED', 'CANCEL_REQUESTED'))?.id).toBe(2);
    expect(pendingCancel(events('CANCEL_REQUESTED', 'CANCEL_UNKNOWN', 'ORDER_PARTIALLY_FILLED'))?.id).toBe(2);
  });

  it('when the last cancel event is a refusal or a not-found then nothing is pending, whatever came before', () => {
    expect(pendingCancel(events('CANCEL_REQUESTED', 'CANCEL_UNKNOWN', 'CANCEL_REJECTED'))).toBeNull();
    expect(pendingCancel(events('CANCEL_REQUESTED', 'CANCEL_UNKNOWN', 'CANCEL_NOT_FOUND'))).toBeNull();
    expect(pendingCancel(events('ORDER_ACCEPTED'))).toBeNull();
    expect(pendingCancel([])).toBeNull();
  });
});
