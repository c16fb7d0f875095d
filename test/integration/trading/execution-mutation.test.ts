/**
 * Written from the mutation run of src/app/execution.ts (docs/quality/mutation.md, part 4): what the guard's
 * verdict at execution leaves behind (audit actors and data, the stored precheck, the desk event), the price-move
 * edges that decide between sending and asking again, the breakers' state changes and alerts, every cancel
 * outcome's event and alert. (An order whose POST is in flight while reconciliation runs: reconcile-mutation.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDbBlackoutStore } from '../../../src/adapters/db/blackout-store';
import { BlackoutService } from '../../../src/app/blackouts';
import type { DeskEvent } from '../../../src/app/desk-events';
import type { TradingCore } from '../../../src/app/trading-core';
import { parseDailyBlackouts } from '../../../src/domain/blackout';
import { kstInstant } from '../../../src/domain/market';
import type { PlaceOrderRequest } from '../../../src/domain/ports';
import type { GuardVerdict } from '../../../src/domain/risk';
import { testDatabaseTargets } from '../../support/db';
import { rowsOf } from '../../support/sql-rows';
import { alice, buildCore, buy, useTradingWorld, type TradingWorld } from '../../support/trading';

const nightly = parseDailyBlackouts('23:30-00:10');
const NIGHTLY = nightly.ok ? nightly.value : [];

describe.each(testDatabaseTargets())('execution: what each outcome leaves behind on $name', (target) => {
  const w = useTradingWorld(target);

  const watch = (core: TradingCore) => {
    const seen: DeskEvent[] = [];
    core.events.subscribe((e) => void seen.push(e));
    return seen;
  };
  const intentUpdates = (seen: DeskEvent[]) =>
    seen.flatMap((e) => (e.type === 'intent.updated' ? [e.intent.status] : []));
  const audit = async (filter: { intentId?: string; orderId?: string }) =>
    (await w.store.listEvents(filter)).map((e) => ({ type: e.type, actor: e.actor, data: e.data }));
  const alertRows = () =>
    rowsOf<{
      kind: string;
      severity: string;
      message: string;
      data: Record<string, unknown>;
      dedupe_key: string | null;
    }>(w.database, 'select kind, severity, message, data, dedupe_key from alerts order by id');

  /** A core with KIS maintenance windows: the nightly one, and ad-hoc ones a test adds. */
  async function coreWithWindows(world: TradingWorld, blackoutMaxDriftBp?: number) {
    const blackouts = new BlackoutService({
      store: createDbBlackoutStore(world.database),
      clock: world.clock,
      daily: NIGHTLY,
      policy: { allowedUserIds: ['alice'], allowedRoleIds: [] },
    });
    await blackouts.load();
    const core = buildCore(
      world.database,
      world.broker,
      world.clock,
      {},
      { blackouts, ...(blackoutMaxDriftBp !== undefined ? { blackoutMaxDriftBp } : {}) },
    );
    await core.reconciliation.reconcile();
    return { core, blackouts };
  }

  /**
   * A LIMIT card at `approvedQuote`, approved inside a 10:00–10:30 window, released at 10:31 with the quote at
   * `freshQuote`.
   */
  async function throughMorningWindow(
    approvedQuote: number,
    freshQuote: number,
    blackoutMaxDriftBp?: number,
  ) {
    const { core, blackouts } = await coreWithWindows(w, blackoutMaxDriftBp);
    w.clock.set(kstInstant('2026-11-23', 9, 50));
    expect((await blackouts.add({ from: '10:00', to: '10:30', reason: '점검' }, alice)).status).toBe('ok');
    w.broker.prices.set('069500', approvedQuote);
    w.clock.set(kstInstant('2026-11-23', 10, 5));
    // A limit between the two quotes, inside the guard's 300 bp quote distance of both.
    const limitPrice = Math.round((approvedQuote + freshQuote) / 10) * 5;
    const { intent } = await core.approvals.propose(buy({ limitPrice, quantity: 1 }));
    expect((await core.approvals.approve(intent.id, alice)).status).toBe('deferred');
    const waiting = (await w.store.getIntent(intent.id))!;
    w.broker.prices.set('069500', freshQuote);
    w.clock.set(kstInstant('2026-11-23', 10, 31));
    const [outcome] = await core.approvals.releaseDeferred();
    return { waiting, outcome };
  }

  it('when a LIMIT card is approved before the open then the deferral keeps the limit as reference, the quote apart, and tells the desk it is DEFERRED', async () => {
    // Arrange: Monday 08:50, the quote 35,980, the limit 35,950
    w.clock.set(kstInstant('2026-11-23', 8, 50));
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ limitPrice: 35_950 }));
    const seen = watch(core);

    // Act
    const result = await core.approvals.approve(intent.id, alice);

    // Assert
    expect(result).toMatchObject({ status: 'deferred', intent: { status: 'DEFERRED' } });
    const stored = (await w.store.getIntent(intent.id))!;
    expect(stored.precheck).toMatchObject({
      outcome: 'DEFER',
      referencePrice: 35_950,
      estimatedValue: 3 * 35_950,
      quotePrice: 35_980,
    });
    const deferral = (await audit({ intentId: intent.id })).find((e) => e.type === 'GUARD_DEFERRED');
    expect(deferral).toEqual({
      type: 'GUARD_DEFERRED',
      actor: 'risk-guard',
      data: {
        reason: stored.precheck.waitingFor![0],
        waitingFor: stored.precheck.waitingFor,
        until: stored.precheck.deferUntil,
      },
    });
    expect(stored.precheck.deferUntil).toBe(kstInstant('2026-11-23', 9, 0).toISOString());
    expect(intentUpdates(seen).at(-1)).toBe('DEFERRED');
  });

  it('when the quote cannot be read at execution then the order is DENIED by the risk guard without a price, and the desk is told', async () => {
    // Arrange: a market card shown at 35,980; the quote is gone when it is approved
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ orderType: 'MARKET', limitPrice: undefined }));
    w.broker.prices.delete('069500');
    const seen = watch(core);

    // Act
    const result = await core.approvals.approve(intent.id, alice);

    // Assert
    expect(result).toMatchObject({ status: 'denied', intent: { status: 'DENIED' } });
    const stored = (await w.store.getIntent(intent.id))!;
    expect(stored.status).toBe('DENIED');
    expect(stored.precheck).toMatchObject({ outcome: 'DENY', referencePrice: null, quotePrice: null });
    const denial = (await audit({ intentId: intent.id })).at(-1);
    expect(denial).toEqual({
      type: 'GUARD_DENIED',
      actor: 'risk-guard',
      data: { code: stored.precheck.code },
    });
    expect(stored.precheck.code).toEqual(expect.any(String));
    expect(intentUpdates(seen).at(-1)).toBe('DENIED');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when a cycle leg’s quote cannot be read then its own limit is the reference of the denial', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(
      buy({ source: 'cycle', proposer: 'cycle', limitPrice: 36_100 }),
    );
    w.broker.prices.delete('069500');

    await core.approvals.approve(intent.id, alice);

    expect((await w.store.getIntent(intent.id))!.precheck).toMatchObject({
      outcome: 'DENY',
      referencePrice: 36_100,
      estimatedValue: 3 * 36_100,
    });
  });

  it('when an order is allowed then the audit names the guard with its checks and the broker with its answer', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());

    await core.approvals.approve(intent.id, alice);

    const order = (await w.store.getOrderByIntent(intent.id))!;
    const allowed = (await audit({ intentId: intent.id })).find((e) => e.type === 'GUARD_ALLOWED');
    expect(allowed?.actor).toBe('risk-guard');
    expect((allowed?.data as { checks: number }).checks).toBeGreaterThan(10);
    expect((await audit({ orderId: order.id })).find((e) => e.type === 'ORDER_ACCEPTED')).toEqual({
      type: 'ORDER_ACCEPTED',
      actor: 'broker',
      data: { brokerOrderId: '0000000001', orderTime: '100000' },
    });
  });

  it('when a cycle leg’s limit is beyond the quote distance then it is tightened, and the audit names execution with both prices', async () => {
    // Arrange: the leg was priced at 37,500 off yesterday's close; the quote is 35,980 (300 bp → 37,055)
    const core = await w.readyCore();
    w.broker.prices.set('069500', 37_500);
    const { intent } = await core.approvals.propose(
      buy({ source: 'cycle', proposer: 'cycle', limitPrice: 37_500 }),
    );
    w.broker.prices.set('069500', 35_980);

    // Act
    await core.approvals.approve(intent.id, alice);

    // Assert
    const sent = w.broker.callsOf('placeOrder').map((c) => (c.args[0] as PlaceOrderRequest).limitPrice);
    expect(sent).toEqual([37_055]);
    expect((await audit({ intentId: intent.id })).find((e) => e.type === 'LIMIT_TIGHTENED')).toEqual({
      type: 'LIMIT_TIGHTENED',
      actor: 'execution',
      data: { from: 37_500, to: 37_055, quote: 35_980 },
    });
  });

  it('when a person’s BUY limit is far above the quote then it is not tightened: the guard denies it and nothing is sent', async () => {
    const core = await w.readyCore();
    w.broker.prices.set('069500', 37_500);
    const { intent } = await core.approvals.propose(buy({ source: 'chat', limitPrice: 37_500 }));
    w.broker.prices.set('069500', 35_980);

    const result = await core.approvals.approve(intent.id, alice);

    expect(result).toMatchObject({ status: 'denied', verdict: { code: 'PRICE_TOO_FAR_FROM_QUOTE' } });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when a cycle MARKET sell is sent then no limit is made up for it', async () => {
    // Arrange: 5 shares held at the broker
    w.broker.holdings.set('069500', { quantity: 5, purchaseAmount: 5 * 35_000 });
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(
      buy({
        source: 'cycle',
        proposer: 'cycle',
        side: 'SELL',
        orderType: 'MARKET',
        limitPrice: undefined,
        quantity: 2,
      }),
    );

    // Act
    await core.approvals.approve(intent.id, alice);

    // Assert
    expect(w.broker.callsOf('placeOrder').map((c) => c.args[0])).toEqual([
      { ticker: '069500', side: 'SELL', quantity: 2, orderType: 'MARKET' },
    ]);
    expect((await w.store.getOrderByIntent(intent.id))!.limitPrice).toBeNull();
    expect((await audit({ intentId: intent.id })).map((e) => e.type)).not.toContain('LIMIT_TIGHTENED');
  });

  it('when the broker rejects or the call throws then the order event names the broker and the reason', async () => {
    const core = await w.readyCore();
    w.broker.placeScript = ['reject', 'throw'];
    const rejected = await core.approvals.propose(buy({ quantity: 1 }));
    const thrown = await core.approvals.propose(buy({ quantity: 2 }));

    await core.approvals.approve(rejected.intent.id, alice);
    await core.approvals.approve(thrown.intent.id, alice);

    const rejectedOrder = (await w.store.getOrderByIntent(rejected.intent.id))!;
    const unknownOrder = (await w.store.getOrderByIntent(thrown.intent.id))!;
    expect((await audit({ orderId: rejectedOrder.id })).at(-1)).toMatchObject({
      type: 'ORDER_REJECTED',
      actor: 'broker',
    });
    expect((await audit({ orderId: unknownOrder.id })).at(-1)).toEqual({
      type: 'ORDER_UNKNOWN',
      actor: 'broker',
      data: { reason: 'EXCEPTION' },
    });
    expect((await alertRows()).map((a) => [a.kind, a.dedupe_key])).toEqual([
      ['ORDER_UNKNOWN', `unknown:${unknownOrder.id}`],
    ]);
  });

  it('when a market order moved exactly 200 bp then it is sent, and one won more asks again with the fresh check stored', async () => {
    // Arrange: two cards shown at 40,000
    const core = await w.readyCore();
    w.broker.prices.set('069500', 40_000);
    w.broker.prices.set('114260', 40_000);
    const market = buy({ orderType: 'MARKET', limitPrice: undefined, quantity: 1 });
    const first = await core.approvals.propose(market);
    const second = await core.approvals.propose({ ...market, ticker: '114260' });

    // Act: 40,800 is exactly 200 bp; 40,805 is beyond it
    w.broker.prices.set('069500', 40_800);
    const atEdge = await core.approvals.approve(first.intent.id, alice);
    w.broker.prices.set('114260', 40_805);
    const beyond = await core.approvals.approve(second.intent.id, alice);

    // Assert
    expect(atEdge.status).toBe('submitted');
    expect(beyond).toMatchObject({ status: 'needs-reapproval', reason: 'PRICE_MOVED:40000->40805' });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
    const superseded = (await w.store.getIntent(second.intent.id))!;
    expect(superseded).toMatchObject({
      status: 'SUPERSEDED',
      precheck: { outcome: 'ALLOW', referencePrice: 40_805, quotePrice: 40_805 },
    });
    expect((await audit({ intentId: second.intent.id })).at(-1)).toEqual({
      type: 'INTENT_SUPERSEDED',
      actor: 'risk-guard',
      data: { reason: 'PRICE_MOVED:40000->40805' },
    });
  });

  it('when an order waited out a window and the price moved exactly 300 bp then it is sent; the waiting card kept the quote it was approved at', async () => {
    const { waiting, outcome } = await throughMorningWindow(40_000, 41_200);

    expect(waiting.precheck).toMatchObject({
      blackoutDeferred: true,
      quotePrice: 40_000,
      approvedQuote: 40_000,
    });
    expect(outcome?.status).toBe('submitted');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when no drift limit is configured then a 100 bp move during the window is sent', async () => {
    const small = await throughMorningWindow(40_000, 40_400);
    expect(small.outcome?.status).toBe('submitted');
  });

  it('when no drift limit is configured and the price moved 400 bp then the order asks again', async () => {
    const large = await throughMorningWindow(40_000, 41_600);
    expect(large.outcome).toMatchObject({
      status: 'needs-reapproval',
      reason: 'BLACKOUT_DRIFT:40000->41600',
    });
  });

  it('when the drift limit is 500 bp then a 400 bp move during the window is still sent', async () => {
    const { outcome } = await throughMorningWindow(40_000, 41_600, 500);
    expect(outcome?.status).toBe('submitted');
  });

  it('when a nightly-window order waits again for the open then the drift is measured from the approval, not from the quote at the second wait', async () => {
    // Arrange: approved at 23:45 at 35,980; at 00:11 the quote reads 37,500 and the order waits for the open
    const { core } = await coreWithWindows(w, 300);
    w.clock.set(kstInstant('2026-11-23', 23, 40));
    const { intent } = await core.approvals.propose(buy({ limitPrice: 36_700 }));
    w.clock.set(kstInstant('2026-11-23', 23, 45));
    await core.approvals.approve(intent.id, alice);
    w.broker.prices.set('069500', 37_500);
    w.clock.set(kstInstant('2026-11-24', 0, 11));
    expect((await core.approvals.releaseDeferred()).map((o) => o.status)).toEqual(['deferred']);
    expect((await w.store.getIntent(intent.id))!.precheck).toMatchObject({
      quotePrice: 37_500,
      approvedQuote: 35_980,
    });

    // Act: the open, still 37,500 — 4.2 % above the approval
    w.clock.set(kstInstant('2026-11-24', 9, 0, 5));
    const [outcome] = await core.approvals.releaseDeferred();

    // Assert
    expect(outcome).toMatchObject({ status: 'needs-reapproval', reason: 'BLACKOUT_DRIFT:35980->37500' });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when execution is asked for an intent that is unknown or not approved then nothing is read or sent', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    const before = w.broker.calls.length;

    const unknown = await core.execution.execute(randomUUID());
    const awaiting = await core.execution.execute(intent.id);

    expect(unknown).toEqual({ status: 'not-approved', intent: null });
    expect(awaiting).toMatchObject({
      status: 'not-approved',
      intent: { id: intent.id, status: 'AWAITING_APPROVAL' },
    });
    expect(w.broker.calls.length).toBe(before);
    expect((await w.store.getIntent(intent.id))!.status).toBe('AWAITING_APPROVAL');
  });

  describe('breakers', () => {
    const verdict = (breaker: 'DAILY_LOSS' | 'NAV_FLOOR'): GuardVerdict => ({
      outcome: 'DENY',
      code: breaker === 'DAILY_LOSS' ? 'DAILY_LOSS_LIMIT' : 'NAV_FLOOR',
      detail: {},
      checks: [],
      breaker,
    });

    it('when the daily loss breaker trips then the desk is REDUCING for that reason and one critical alert says so in both languages', async () => {
      const core = await w.readyCore();

      await core.execution.applyBreaker(verdict('DAILY_LOSS'));

      expect(await core.tradingState.persisted()).toMatchObject({
        state: 'REDUCING',
        reason: 'breaker:daily-loss',
        actor: 'breaker',
      });
      expect(await alertRows()).toEqual([
        {
          kind: 'DAILY_LOSS_BREAKER',
          severity: 'critical',
          message: '일일 손실 한도에 도달해 신규 매수를 막았습니다 (REDUCING). 사람이 /resume 해야 풀립니다.',
          data: { en: 'Daily loss limit reached: new buys are blocked (REDUCING) until a person resumes.' },
          dedupe_key: 'breaker:DAILY_LOSS:2026-11-23',
        },
      ]);
    });

    it('when the NAV floor breaker trips then the desk is REDUCING for that reason and one critical alert says so in both languages', async () => {
      const core = await w.readyCore();

      await core.execution.applyBreaker(verdict('NAV_FLOOR'));

      expect(await core.tradingState.persisted()).toMatchObject({
        state: 'REDUCING',
        reason: 'breaker:nav-floor',
      });
      expect(await alertRows()).toEqual([
        {
          kind: 'NAV_FLOOR',
          severity: 'critical',
          message:
            '순자산이 하한 아래로 내려가 신규 매수를 막았습니다 (REDUCING). 사람이 /resume 해야 풀립니다.',
          data: { en: 'NAV below the floor: new buys are blocked (REDUCING) until a person resumes.' },
          dedupe_key: 'breaker:NAV_FLOOR:2026-11-23',
        },
      ]);
    });

    it('when the desk is already REDUCING then a second breaker changes nothing and raises nothing', async () => {
      const core = await w.readyCore();
      await core.execution.applyBreaker(verdict('DAILY_LOSS'));

      await core.execution.applyBreaker(verdict('NAV_FLOOR'));
      await core.execution.applyBreaker({ outcome: 'ALLOW', checks: [] });

      expect((await alertRows()).map((a) => a.kind)).toEqual(['DAILY_LOSS_BREAKER']);
      expect(await core.tradingState.persisted()).toMatchObject({ reason: 'breaker:daily-loss' });
    });

    it('when a person resumes and the same breaker trips again that day then the desk reduces again but the alert is not repeated', async () => {
      const core = await w.readyCore();
      await core.execution.applyBreaker(verdict('DAILY_LOSS'));
      await core.tradingState.command('resume', 'alice');

      await core.execution.applyBreaker(verdict('DAILY_LOSS'));

      expect(await core.tradingState.persisted()).toMatchObject({
        state: 'REDUCING',
        reason: 'breaker:daily-loss',
      });
      expect(await alertRows()).toHaveLength(1);
    });
  });

  describe('cancels', () => {
    async function restingOrder(core: TradingCore) {
      const { intent } = await core.approvals.propose(buy({ limitPrice: 35_900 }));
      const sent = await core.approvals.approve(intent.id, alice);
      if (sent.status !== 'submitted') throw new Error(`not submitted: ${sent.status}`);
      return sent.order;
    }

    it('when the order does not exist then the answer is not-found and KIS is not asked', async () => {
      const core = await w.readyCore();

      expect(await core.execution.cancel(randomUUID(), 'alice')).toEqual({ status: 'not-found' });
      expect(w.broker.callsOf('cancelOrder')).toHaveLength(0);
    });

    it('when KIS refuses the cancel then the refusal is recorded from the broker with its code', async () => {
      const core = await w.readyCore();
      const order = await restingOrder(core);
      w.broker.cancelScript = ['reject'];

      await core.execution.cancel(order.id, 'alice');

      expect((await audit({ orderId: order.id })).at(-1)).toEqual({
        type: 'CANCEL_REJECTED',
        actor: 'broker',
        data: { status: 'rejected', code: 'APBK0918', message: '취소 가능 수량이 없습니다' },
      });
      expect(await alertRows()).toEqual([]);
    });

    it('when the cancel call throws then it is recorded as unknown from the broker and one warning says so in both languages', async () => {
      const core = await w.readyCore();
      const order = await restingOrder(core);
      w.broker.cancelScript = ['throw'];

      const result = await core.execution.cancel(order.id, 'alice');

      expect(result).toMatchObject({ status: 'unknown' });
      expect((await audit({ orderId: order.id })).at(-1)).toEqual({
        type: 'CANCEL_UNKNOWN',
        actor: 'broker',
        data: { status: 'unknown', reason: 'EXCEPTION', message: 'socket hang up' },
      });
      expect(await alertRows()).toEqual([
        {
          kind: 'ORDER_UNKNOWN',
          severity: 'warning',
          message: '주문 취소 결과를 알 수 없습니다 (069500 BUY 3주). 재전송하지 않고 체결조회로 확인합니다.',
          data: {
            orderId: order.id,
            reason: 'EXCEPTION',
            en: 'Cancel outcome unknown (069500 BUY 3); it will be resolved by order inquiry, never re-sent.',
          },
          dedupe_key: `cancel-unknown:${order.id}:${w.clock.now().toISOString()}`,
        },
      ]);
    });

    it('when a partly filled order is cancelled then it is CANCELLED and the event carries the cancel’s own number', async () => {
      const core = await w.readyCore();
      const order = await restingOrder(core);
      w.broker.fill(order.brokerOrderId!, 1, 35_900, false);
      await core.reconciliation.reconcile();
      expect((await w.store.getOrder(order.id))!.status).toBe('PARTIALLY_FILLED');

      const result = await core.execution.cancel(order.id, 'alice');

      expect(result).toMatchObject({
        status: 'cancelled',
        order: { status: 'CANCELLED', filledQuantity: 1 },
      });
      expect((await audit({ orderId: order.id })).at(-1)).toEqual({
        type: 'ORDER_CANCELLED',
        actor: 'alice',
        data: { source: 'cancel', cancelOrderId: '0000000002', message: 'ok' },
      });
    });

    it('when the order fills completely while KIS answers the cancel then it stays FILLED and the answer is not-open', async () => {
      // Arrange: the exchange fills the order and reconciliation books it while the cancel POST is out
      const core = await w.readyCore();
      const order = await restingOrder(core);
      const cancelOrder = w.broker.cancelOrder.bind(w.broker);
      w.broker.cancelOrder = async (request) => {
        w.broker.fill(order.brokerOrderId!, 3, 35_900, false);
        await core.reconciliation.reconcile();
        return cancelOrder(request);
      };
      const seen = watch(core);

      // Act
      const result = await core.execution.cancel(order.id, 'alice');

      // Assert
      expect(result).toMatchObject({ status: 'not-open', order: { id: order.id, status: 'FILLED' } });
      expect((await w.store.getOrder(order.id))!.status).toBe('FILLED');
      expect(
        seen
          .filter((e) => e.type === 'order.updated')
          .map((e) => e.type === 'order.updated' && e.order.status),
      ).toEqual(['FILLED']);
    });
  });
});
