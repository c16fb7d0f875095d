/**
 * KIS maintenance windows in the trading core: approved orders wait (nothing read or sent to KIS), the guard
 * runs again with fresh data when the window ends, a price that drifted asks for a new approval, the waiting
 * queue is bounded, and /blackout changes are for approvers only with one clear message on bad input.
 */
import { describe, expect, it } from 'vitest';
import { createDbBlackoutStore } from '../../../src/adapters/db/blackout-store';
import { BlackoutService } from '../../../src/app/blackouts';
import { parseDailyBlackouts } from '../../../src/domain/blackout';
import { kstInstant } from '../../../src/domain/market';
import { testDatabaseTargets } from '../../support/db';
import { alice, buildCore, buy, mallory, useTradingWorld, type TradingWorld } from '../../support/trading';

const nightly = parseDailyBlackouts('23:30-00:10');
const DAILY = nightly.ok ? nightly.value : [];
const POLICY = { allowedUserIds: ['alice', 'bob'], allowedRoleIds: [] };

async function coreWithWindows(w: TradingWorld, maxDeferred = 20) {
  const blackouts = new BlackoutService({
    store: createDbBlackoutStore(w.database),
    clock: w.clock,
    daily: DAILY,
    policy: POLICY,
  });
  await blackouts.load();
  const core = buildCore(
    w.database,
    w.broker,
    w.clock,
    {},
    { blackouts, blackoutMaxDriftBp: 300, maxDeferred },
  );
  await core.reconciliation.reconcile();
  return { core, blackouts };
}

/** An ad-hoc window 10:00–10:30 on Monday 2026-11-23, added at 09:50; the clock is then at 10:01. */
async function morningWindow(w: TradingWorld, blackouts: BlackoutService) {
  w.clock.set(kstInstant('2026-11-23', 9, 50));
  const added = await blackouts.add({ from: '10:00', to: '10:30', reason: 'KIS 긴급 점검 공지' }, alice);
  expect(added.status).toBe('ok');
  w.clock.set(kstInstant('2026-11-23', 10, 1));
}

const kisCalls = (w: TradingWorld) => w.broker.calls.length;

describe.each(testDatabaseTargets())('blackout windows in the trading core on $name', (target) => {
  const w = useTradingWorld(target);

  it('when an order is approved inside a window then nothing reaches KIS until it ends, and it is sent once after it', async () => {
    // Arrange
    const { core, blackouts } = await coreWithWindows(w);
    await morningWindow(w, blackouts);
    const { intent } = await core.approvals.propose(buy());
    w.clock.set(kstInstant('2026-11-23', 10, 5));
    const before = kisCalls(w);

    // Act: approved in the window
    const approved = await core.approvals.approve(intent.id, alice);

    // Assert: deferred with the reason, and KIS was not asked anything
    expect(approved.status).toBe('deferred');
    expect(kisCalls(w)).toBe(before);
    const waiting = (await w.store.getIntent(intent.id))!;
    expect(waiting.status).toBe('DEFERRED');
    expect(waiting.precheck).toMatchObject({
      outcome: 'DEFER',
      code: 'ORDER_BLACKOUT',
      deferUntil: kstInstant('2026-11-23', 10, 30).toISOString(),
      blackoutDeferred: true,
    });
    expect(waiting.precheck.checks.find((c) => c.rule === 'blackout')).toMatchObject({
      ok: false,
      code: 'ORDER_BLACKOUT',
      detail: { windows: '#1', until: '2026-11-23 10:30', note: 'KIS 긴급 점검 공지' },
    });

    // Act: ticks inside the window, then after it, then again
    w.clock.set(kstInstant('2026-11-23', 10, 20));
    const during = await core.approvals.releaseDeferred();
    const duringCalls = kisCalls(w);
    w.clock.set(kstInstant('2026-11-23', 10, 30, 5));
    const after = await core.approvals.releaseDeferred();
    const again = await core.approvals.releaseDeferred();

    // Assert
    expect(during).toEqual([]);
    expect(duringCalls).toBe(before);
    expect(after.map((o) => o.status)).toEqual(['submitted']);
    expect(again).toEqual([]);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
    expect(w.broker.callsOf('getQuote').length).toBeGreaterThan(0); // fresh data at the release
  });

  it('when the price drifts more than 300 bp during the window then the order asks for a new approval instead of being sent', async () => {
    // Arrange
    const { core, blackouts } = await coreWithWindows(w);
    await morningWindow(w, blackouts);
    const { intent } = await core.approvals.propose(buy({ limitPrice: 37_000 }));
    w.clock.set(kstInstant('2026-11-23', 10, 5));
    await core.approvals.approve(intent.id, alice);

    // Act: the market jumps 4.2 % while KIS is down
    w.broker.prices.set('069500', 37_500);
    w.clock.set(kstInstant('2026-11-23', 10, 31));
    const [outcome] = await core.approvals.releaseDeferred();

    // Assert
    expect(outcome).toMatchObject({ status: 'needs-reapproval', reason: 'BLACKOUT_DRIFT:35980->37500' });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
    if (outcome?.status !== 'needs-reapproval') return;
    expect(outcome.intent.status).toBe('SUPERSEDED');
    expect(outcome.replacement).toMatchObject({ status: 'AWAITING_APPROVAL', ticker: '069500', quantity: 3 });
    expect(outcome.replacement.precheck.blackoutDeferred).toBeUndefined();
  });

  it('when the price moves less than 300 bp during the window then the order is sent', async () => {
    const { core, blackouts } = await coreWithWindows(w);
    await morningWindow(w, blackouts);
    const { intent } = await core.approvals.propose(buy({ limitPrice: 37_000 }));
    w.clock.set(kstInstant('2026-11-23', 10, 5));
    await core.approvals.approve(intent.id, alice);

    w.broker.prices.set('069500', 36_950); // +2.7 %
    w.clock.set(kstInstant('2026-11-23', 10, 31));
    const outcomes = await core.approvals.releaseDeferred();

    expect(outcomes.map((o) => o.status)).toEqual(['submitted']);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when approved in the nightly 23:30-00:10 window then it waits past the window and the open, keeping the drift check', async () => {
    // Arrange: Monday 23:45, paper (orders from 09:00)
    const { core } = await coreWithWindows(w);
    w.clock.set(kstInstant('2026-11-23', 23, 40));
    const { intent } = await core.approvals.propose(buy({ limitPrice: 37_000 }));
    w.clock.set(kstInstant('2026-11-23', 23, 45));

    // Act
    const approved = await core.approvals.approve(intent.id, alice);
    w.clock.set(kstInstant('2026-11-24', 0, 11));
    const afterWindow = await core.approvals.releaseDeferred();
    const rewaiting = (await w.store.getIntent(intent.id))!;
    w.broker.prices.set('069500', 37_500);
    w.clock.set(kstInstant('2026-11-24', 9, 0, 5));
    const atOpen = await core.approvals.releaseDeferred();

    // Assert
    expect(approved).toMatchObject({ status: 'deferred', until: kstInstant('2026-11-24', 0, 10) });
    expect(afterWindow.map((o) => o.status)).toEqual(['deferred']);
    expect(rewaiting.precheck).toMatchObject({
      code: 'MARKET_CLOSED',
      blackoutDeferred: true,
      approvedQuote: 35_980,
    });
    expect(rewaiting.expiresAt).toEqual(kstInstant('2026-11-24', 15, 30));
    expect(atOpen.map((o) => o.status)).toEqual(['needs-reapproval']);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when the waiting queue is full then another approval in a window is denied with DEFER_QUEUE_FULL and nothing is sent', async () => {
    // Arrange
    const { core, blackouts } = await coreWithWindows(w, 2);
    await morningWindow(w, blackouts);
    const intents = [];
    for (const ticker of ['069500', '114260', '133690']) {
      const price = ticker === '069500' ? 35_980 : ticker === '114260' ? 59_000 : 120_000;
      intents.push((await core.approvals.propose(buy({ ticker, quantity: 1, limitPrice: price }))).intent);
    }
    w.clock.set(kstInstant('2026-11-23', 10, 5));

    // Act
    const results = [];
    for (const intent of intents) results.push(await core.approvals.approve(intent.id, alice));

    // Assert
    expect(results.map((r) => r.status)).toEqual(['deferred', 'deferred', 'denied']);
    const third = (await w.store.getIntent(intents[2]!.id))!;
    expect(third).toMatchObject({ status: 'DENIED', precheck: { code: 'DEFER_QUEUE_FULL' } });
    expect(third.precheck.checks.find((c) => c.rule === 'deferQueue')).toMatchObject({
      detail: { waiting: 2, max: 2 },
    });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when a cancel is asked for inside a window then it is refused without a request to KIS', async () => {
    const { core, blackouts } = await coreWithWindows(w);
    const { intent } = await core.approvals.propose(buy({ limitPrice: 35_000 }));
    const sent = await core.approvals.approve(intent.id, alice);
    expect(sent.status).toBe('submitted');
    const order = (await w.store.getOrderByIntent(intent.id))!;
    await morningWindow(w, blackouts);
    w.clock.set(kstInstant('2026-11-23', 10, 10));

    const result = await core.execution.cancel(order.id, 'alice');

    expect(result.status).toBe('blackout');
    expect(w.broker.callsOf('cancelOrder')).toHaveLength(0);
  });

  it('when someone who is not an approver or a bad window is given then one clear problem comes back and nothing is stored', async () => {
    const { blackouts } = await coreWithWindows(w);
    await morningWindow(w, blackouts);

    const byMallory = await blackouts.add({ from: '11:00', to: '12:00' }, mallory);
    const overlapping = await blackouts.add({ from: '10:15', to: '11:00' }, alice);
    const tooLong = await blackouts.add({ from: '2026-11-24 08:00', to: '2026-11-25 09:00' }, alice);
    const garbled = await blackouts.add({ from: 'tomorrow', to: '12:00' }, alice);
    const removeUnknown = await blackouts.remove('#99', alice);
    const removeByMallory = await blackouts.remove('#1', mallory);

    expect(byMallory).toEqual({ status: 'not-allowed' });
    expect(overlapping).toMatchObject({ status: 'invalid', problem: { code: 'OVERLAP', first: '#1' } });
    expect(tooLong).toMatchObject({ status: 'invalid', problem: { code: 'TOO_LONG' } });
    expect(garbled).toMatchObject({ status: 'invalid', problem: { code: 'FORMAT', input: 'tomorrow' } });
    expect(removeUnknown).toMatchObject({ status: 'invalid', problem: { code: 'NOT_FOUND' } });
    expect(removeByMallory).toEqual({ status: 'not-allowed' });
    const list = await blackouts.list();
    expect(list.adhoc.map((a) => a.id)).toEqual([1]);

    const removed = await blackouts.remove('1', alice);
    expect(removed.status).toBe('ok');
    expect((await blackouts.list()).adhoc).toEqual([]);
  });
});
