import { describe, expect, it } from 'vitest';
import { kstInstant } from '../../../src/domain/market';
import type { DeskEvent } from '../../../src/app/desk-events';
import { testDatabaseTargets } from '../../support/db';
import { alice, bob, buy, mallory, useTradingWorld } from '../../support/trading';

/**
 * What ExecutionService and ApprovalService leave behind for each outcome: the POST the broker saw, the rows,
 * the audit events, the alerts and the desk events. Written from the mutation run (docs/quality/mutation.md).
 */
describe.each(testDatabaseTargets())('execution outcomes on $name', (target) => {
  const w = useTradingWorld(target);

  const eventsOf = (core: Awaited<ReturnType<typeof w.readyCore>>) => {
    const seen: DeskEvent[] = [];
    core.events.subscribe((e) => void seen.push(e));
    return seen;
  };

  it('when a limit order is approved then the broker gets exactly the intent’s ticker, side, quantity and limit', async () => {
    // Arrange
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ quantity: 2, limitPrice: 35_975 }));
    const seen = eventsOf(core);

    // Act
    const result = await core.approvals.approve(intent.id, alice);

    // Assert
    expect(w.broker.callsOf('placeOrder').map((c) => c.args[0])).toEqual([
      { ticker: '069500', side: 'BUY', quantity: 2, orderType: 'LIMIT', limitPrice: 35_975 },
    ]);
    expect(result.status).toBe('submitted');
    const order = await w.store.getOrderByIntent(intent.id);
    expect(order).toMatchObject({
      status: 'ACCEPTED',
      brokerOrderId: '0000000001',
      brokerOrgNo: '00950',
      limitPrice: 35_975,
    });
    expect(order!.submittedAt).toEqual(order!.createdAt);
    expect(seen.map((e) => e.type)).toEqual(['intent.updated', 'order.updated']);
    const updated = seen[1] as Extract<DeskEvent, { type: 'order.updated' }>;
    expect(updated.order.status).toBe('ACCEPTED');
    expect(updated.intent?.status).toBe('SUBMITTED');
  });

  it('when a market order is approved then no limit price is sent', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ orderType: 'MARKET', limitPrice: undefined }));
    expect(intent.precheck.referencePrice).toBe(35_980);
    expect(intent.precheck.estimatedValue).toBe(3 * 35_980);

    await core.approvals.approve(intent.id, alice);

    expect(w.broker.callsOf('placeOrder').map((c) => c.args[0])).toEqual([
      { ticker: '069500', side: 'BUY', quantity: 3, orderType: 'MARKET' },
    ]);
  });

  it('when the broker rejects the order then the row keeps its code and message, and no alert is raised', async () => {
    const core = await w.readyCore();
    w.broker.placeScript = ['reject'];
    const { intent } = await core.approvals.propose(buy());

    const result = await core.approvals.approve(intent.id, alice);

    expect(result.status).toBe('submitted');
    const order = await w.store.getOrderByIntent(intent.id);
    expect(order).toMatchObject({
      status: 'REJECTED',
      rejectCode: 'APBK0952',
      rejectMessage: '주문가능금액을 초과 했습니다',
      brokerOrderId: null,
    });
    expect(order!.submittedAt).toEqual(order!.createdAt);
    const events = await w.store.listEvents({ orderId: order!.id });
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['ORDER_CREATED', expect.anything()],
      ['ORDER_REJECTED', { code: 'APBK0952', message: '주문가능금액을 초과 했습니다' }],
    ]);
    expect(await w.store.listRecentAlerts(10)).toEqual([]);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when the broker call throws then the order is UNKNOWN for EXCEPTION, one warning is raised, and nothing is re-sent', async () => {
    const core = await w.readyCore();
    w.broker.placeScript = ['throw'];
    const { intent } = await core.approvals.propose(buy());

    const result = await core.approvals.approve(intent.id, alice);

    expect(result.status === 'submitted' && result.result).toEqual({
      status: 'unknown',
      reason: 'EXCEPTION',
      message: 'socket hang up',
    });
    const order = await w.store.getOrderByIntent(intent.id);
    expect(order).toMatchObject({ status: 'UNKNOWN', unknownReason: 'EXCEPTION' });
    const alerts = await w.store.listRecentAlerts(10);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'ORDER_UNKNOWN',
      severity: 'warning',
      message: '주문 결과를 알 수 없습니다 (069500 BUY 3주). 재전송하지 않고 체결조회로 확인합니다.',
      data: {
        orderId: order!.id,
        reason: 'EXCEPTION',
        en: 'Order outcome unknown (069500 BUY 3); it will be resolved by order inquiry, never re-sent.',
      },
    });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when a market order moved exactly 200 bp since the card then it is still sent on the old approval', async () => {
    // Arrange: 200 bp of 35,980 is 719.6 KRW; 36,695 is 715 away.
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ orderType: 'MARKET', limitPrice: undefined }));
    w.broker.prices.set('069500', 36_695);

    // Act
    const result = await core.approvals.approve(intent.id, alice);

    // Assert
    expect(result.status).toBe('submitted');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when a market order fell just over 200 bp then a replacement card with a derived key and a fresh expiry is made', async () => {
    // Arrange: 35,260 is 720 KRW (200.1 bp) below 35,980.
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(
      buy({ orderType: 'MARKET', limitPrice: undefined, idempotencyKey: 'chat:k1' }),
    );
    w.clock.advance(60_000);
    w.broker.prices.set('069500', 35_260);
    const seen = eventsOf(core);

    // Act
    const result = await core.approvals.approve(intent.id, alice);

    // Assert
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
    expect(result).toMatchObject({ status: 'needs-reapproval', reason: 'PRICE_MOVED:35980->35260' });
    if (result.status !== 'needs-reapproval') throw new Error('unreachable');
    expect(result.intent.status).toBe('SUPERSEDED');
    expect(result.replacement).toMatchObject({
      status: 'AWAITING_APPROVAL',
      idempotencyKey: `chat:k1:re:${intent.id.slice(0, 8)}`,
      ticker: '069500',
      side: 'BUY',
      quantity: 3,
      orderType: 'MARKET',
      source: 'chat',
      proposer: 'alice',
    });
    expect(result.replacement.expiresAt).toEqual(new Date(w.clock.now().getTime() + 10 * 60_000));
    expect(result.replacement.precheck.referencePrice).toBe(35_260);
    expect(result.replacement.precheck).not.toHaveProperty('blackoutDeferred');
    const superseded = await w.store.listEvents({ intentId: intent.id });
    expect(superseded.at(-1)).toMatchObject({
      type: 'INTENT_SUPERSEDED',
      data: { reason: 'PRICE_MOVED:35980->35260' },
    });
    const updates = seen.filter((e) => e.type === 'intent.updated');
    expect(updates.map((e) => [e.intent.id, e.intent.status, e.note])).toEqual([
      [intent.id, 'APPROVED', undefined],
      [intent.id, 'SUPERSEDED', 'PRICE_MOVED:35980->35260'],
      [result.replacement.id, 'AWAITING_APPROVAL', undefined],
    ]);
  });

  it('when a market order without a key moved then the replacement has no key either', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ orderType: 'MARKET', limitPrice: undefined }));
    w.broker.prices.set('069500', 37_000);

    const result = await core.approvals.approve(intent.id, alice);

    expect(result.status === 'needs-reapproval' && result.replacement.idempotencyKey).toBeNull();
  });

  it('when a limit order’s quote moved more than 200 bp then it is not superseded: the guard judges its distance', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    w.broker.prices.set('069500', 36_800); // 228 bp above the limit, inside the 300 bp quote distance

    const result = await core.approvals.approve(intent.id, alice);

    expect(result.status).toBe('submitted');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when a person’s limit is far from the quote then it is not tightened: the guard denies it', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ source: 'chat', limitPrice: 35_980 }));
    w.broker.prices.set('069500', 37_500); // 405 bp above the limit

    const result = await core.approvals.approve(intent.id, alice);

    expect(result).toMatchObject({ status: 'denied', verdict: { code: 'PRICE_TOO_FAR_FROM_QUOTE' } });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
    expect((await w.store.getIntent(intent.id))!.status).toBe('DENIED');
    expect((await w.store.listEvents({ intentId: intent.id })).at(-1)).toMatchObject({
      type: 'GUARD_DENIED',
      data: { code: 'PRICE_TOO_FAR_FROM_QUOTE' },
    });
  });

  it('when a cycle leg’s limit is already within the quote distance then it is sent unchanged with no tightening event', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ source: 'cycle', proposer: 'cycle' }));

    await core.approvals.approve(intent.id, alice);

    expect(
      w.broker.callsOf('placeOrder').map((c) => (c.args[0] as { limitPrice: number }).limitPrice),
    ).toEqual([35_980]);
    const types = (await w.store.listEvents({ intentId: intent.id })).map((e) => e.type);
    expect(types).not.toContain('LIMIT_TIGHTENED');
  });

  it('when a deferred approval is released then the release event names the approver and the outcome', async () => {
    w.clock.set(kstInstant('2026-11-23', 7, 0));
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    const deferred = await core.approvals.approve(intent.id, alice);
    const seen = eventsOf(core);

    w.clock.set(kstInstant('2026-11-23', 9, 0, 5));
    await core.approvals.releaseDeferred();

    expect(deferred).toMatchObject({ status: 'deferred', until: kstInstant('2026-11-23', 9, 0) });
    const stored = await w.store.getIntent(intent.id);
    expect(stored!.expiresAt).toEqual(kstInstant('2026-11-23', 15, 30));
    const released = seen.filter((e) => e.type === 'deferred.released');
    expect(released).toHaveLength(1);
    expect(released[0]).toMatchObject({
      intentId: intent.id,
      approverId: 'alice',
      outcome: { status: 'submitted' },
    });
  });

  it('when a deferred approval’s session has passed then it expires and a later release sends nothing', async () => {
    w.clock.set(kstInstant('2026-11-23', 7, 0));
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    const waiting = await core.approvals.propose(buy({ ticker: '114260', limitPrice: 59_000, quantity: 1 }));

    w.clock.set(kstInstant('2026-11-23', 15, 30, 1));
    const expired = await core.approvals.expireDue();
    const released = await core.approvals.releaseDeferred();

    expect(expired.map((i) => [i.id, i.status]).sort()).toEqual(
      [
        [intent.id, 'EXPIRED'],
        [waiting.intent.id, 'EXPIRED'],
      ].sort(),
    );
    expect(released).toEqual([]);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
    expect(await core.approvals.expireDue()).toEqual([]);
  });

  it('when an intent is not yet due then expireDue leaves it alone', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    w.clock.advance(10 * 60_000 - 1);

    expect(await core.approvals.expireDue()).toEqual([]);
    expect((await w.store.getIntent(intent.id))!.status).toBe('AWAITING_APPROVAL');
  });

  it('when a card is clicked exactly at its expiry or after it expired then the answer is expired', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    w.clock.advance(10 * 60_000);

    const atExpiry = await core.approvals.approve(intent.id, alice);
    w.clock.advance(1);
    expect(await core.approvals.expireDue()).toHaveLength(1);
    const afterExpiry = await core.approvals.approve(intent.id, alice);

    expect(atExpiry.status).toBe('expired');
    expect(afterExpiry).toMatchObject({ status: 'expired', intent: { status: 'EXPIRED' } });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when a proposal asks for its own time to live then the card expires after it', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ ttlMs: 120_000 }));
    expect(intent.expiresAt).toEqual(new Date(w.clock.now().getTime() + 120_000));
    expect(intent).not.toHaveProperty('ttlMs');
  });

  it('when the same key is proposed twice then only the first proposal is announced', async () => {
    const core = await w.readyCore();
    const seen = eventsOf(core);

    await core.approvals.propose(buy({ idempotencyKey: 'k' }));
    await core.approvals.propose(buy({ idempotencyKey: 'k' }));

    expect(seen.map((e) => e.type)).toEqual(['intent.updated']);
  });

  it('when a deferred approval is rejected then it is REJECTED with the note cut to 500 characters and is never sent', async () => {
    w.clock.set(kstInstant('2026-11-23', 7, 0));
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);

    const result = await core.approvals.reject(intent.id, bob, '가'.repeat(600));
    w.clock.set(kstInstant('2026-11-23', 9, 0, 5));
    const released = await core.approvals.releaseDeferred();

    expect(result.status).toBe('rejected');
    const stored = await w.store.getIntent(intent.id);
    expect(stored).toMatchObject({ status: 'REJECTED', decidedBy: 'bob' });
    expect(stored!.decisionNote).toBe('가'.repeat(500));
    expect(released).toEqual([]);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when a rejection has no note then none is stored, and a second rejection is already decided', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());

    await core.approvals.reject(intent.id, bob);
    const again = await core.approvals.reject(intent.id, alice);

    expect((await w.store.getIntent(intent.id))!.decisionNote).toBeNull();
    expect((await w.store.listEvents({ intentId: intent.id })).at(-1)).toMatchObject({
      type: 'INTENT_REJECTED',
      data: { note: null },
      actor: 'bob',
    });
    expect(again.status).toBe('already-decided');
  });

  it('when someone not allowed rejects, or the id is not a uuid, then nothing changes', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());

    expect((await core.approvals.reject(intent.id, mallory)).status).toBe('not-allowed');
    expect((await core.approvals.reject('not-a-uuid', alice)).status).toBe('not-found');
    expect((await core.approvals.reject(crypto.randomUUID(), alice)).status).toBe('not-found');
    expect((await w.store.getIntent(intent.id))!.status).toBe('AWAITING_APPROVAL');
  });

  it('when a whole daily plan is approved then its sells go before its buys and other runs are left alone', async () => {
    // Arrange
    w.broker.holdings.set('114260', { quantity: 2, purchaseAmount: 118_000 });
    const core = await w.readyCore();
    const runId = crypto.randomUUID();
    const leg = { source: 'cycle' as const, proposer: 'cycle', dailyRunId: runId };
    const { intent: buyLeg } = await core.approvals.propose(
      buy({ ...leg, ticker: '133690', quantity: 1, limitPrice: 120_000 }),
    );
    const { intent: sellLeg } = await core.approvals.propose(
      buy({ ...leg, ticker: '114260', side: 'SELL', quantity: 2, limitPrice: 59_000 }),
    );
    const { intent: other } = await core.approvals.propose(buy({ dailyRunId: crypto.randomUUID() }));

    // Act
    const results = await core.approvals.approvePlan(runId, alice);

    // Assert
    expect(results.map((r) => [r.intentId, r.result.status])).toEqual([
      [sellLeg.id, 'submitted'],
      [buyLeg.id, 'submitted'],
    ]);
    expect(w.broker.callsOf('placeOrder').map((c) => (c.args[0] as { side: string }).side)).toEqual([
      'SELL',
      'BUY',
    ]);
    expect((await w.store.getIntent(other.id))!.status).toBe('AWAITING_APPROVAL');
  });

  it('when someone not allowed approves a plan, or the run id is not a uuid, then nothing is sent', async () => {
    const core = await w.readyCore();
    const runId = crypto.randomUUID();
    await core.approvals.propose(buy({ source: 'cycle', proposer: 'cycle', dailyRunId: runId }));

    expect(await core.approvals.approvePlan(runId, mallory)).toEqual([]);
    expect(await core.approvals.approvePlan('run-1', alice)).toEqual([]);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when the intent id is not a uuid then approval answers not found without touching the store', async () => {
    const core = await w.readyCore();
    expect(await core.approvals.approve('1; drop table order_intents', alice)).toEqual({
      status: 'not-found',
    });
    expect(await core.approvals.approve(crypto.randomUUID(), alice)).toEqual({ status: 'not-found' });
  });
});
