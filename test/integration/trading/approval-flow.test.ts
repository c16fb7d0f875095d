import { describe, expect, it } from 'vitest';
import { createDbTradingStore } from '../../../src/adapters/db/trading-store';
import { testDatabaseTargets } from '../../support/db';
import { alice, bob, buy, mallory, useTradingWorld } from '../../support/trading';
import { kstInstant } from '../../../src/domain/market';

describe.each(testDatabaseTargets())('approvals and execution on $name', (target) => {
  const w = useTradingWorld(target);

  it('when an allowed person approves then exactly one order reaches the broker and the audit trail is exact', async () => {
    // Arrange
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    expect(intent.status).toBe('AWAITING_APPROVAL');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);

    // Act
    const result = await core.approvals.approve(intent.id, alice);
    const order = result.status === 'submitted' ? result.order : null;
    w.broker.fill(order!.brokerOrderId!, 3, 35_980);
    await core.fills.onNotice({
      kind: 'fill',
      brokerOrderId: order!.brokerOrderId!,
      originalOrderId: '',
      ticker: '069500',
      side: 'BUY',
      quantity: 3,
      price: 35_980,
      time: '100000',
    });

    // Assert
    expect(result.status).toBe('submitted');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
    const stored = await w.store.getOrder(order!.id);
    expect(stored).toMatchObject({ status: 'FILLED', filledQuantity: 3, filledAmount: 107_940, fees: 15 });
    expect(await w.store.getPositions()).toEqual([
      { ticker: '069500', quantity: 3, costBasis: 107_955, realizedPnl: 0 },
    ]);
    expect((await w.store.getBook())!.cash).toBe(1_000_000 - 107_955);
    const events = (await w.store.listEvents({ intentId: intent.id })).map((e) => e.type);
    expect(events).toEqual([
      'INTENT_PROPOSED',
      'INTENT_APPROVED',
      'GUARD_ALLOWED',
      'ORDER_CREATED',
      'ORDER_ACCEPTED',
      'ORDER_FILLED',
    ]);
  });

  it('when two allowed people click at once then exactly one POST is made and the loser hears it is already approved', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());

    const [a, b] = await Promise.all([
      core.approvals.approve(intent.id, alice),
      core.approvals.approve(intent.id, bob),
    ]);

    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
    expect([a.status, b.status].sort()).toEqual(['already-decided', 'submitted']);
  });

  it('when a person who is not allowed clicks then nothing changes', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());

    const result = await core.approvals.approve(intent.id, mallory);

    expect(result.status).toBe('not-allowed');
    expect((await createDbTradingStore(w.database.db).getIntent(intent.id))!.status).toBe(
      'AWAITING_APPROVAL',
    );
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when a role holder clicks then the role allows the approval', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    const result = await core.approvals.approve(intent.id, {
      userId: 'carol',
      roleIds: ['role-approver'],
      channel: 'discord',
    });
    expect(result.status).toBe('submitted');
  });

  it('when the intent has expired then approval is refused and nothing is sent', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    w.clock.advance(10 * 60_000 + 1);

    const result = await core.approvals.approve(intent.id, alice);
    const expired = await core.approvals.expireDue();

    expect(result.status).toBe('expired');
    expect(expired.map((i) => i.id)).toEqual([intent.id]);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when an intent was already used then a later click is refused', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    const again = await core.approvals.approve(intent.id, bob);
    expect(again.status).toBe('already-decided');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when a person rejects then the rejection is recorded and nothing is sent', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    const result = await core.approvals.reject(intent.id, bob, '너무 비쌈');
    expect(result.status).toBe('rejected');
    const stored = await createDbTradingStore(w.database.db).getIntent(intent.id);
    expect(stored).toMatchObject({ status: 'REJECTED', decidedBy: 'bob', decisionNote: '너무 비쌈' });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when the guard denies at approval then the broker sees no order', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ quantity: 8 })); // 287,840 KRW: allowed
    w.broker.prices.set('069500', 36_980); // limit 35,980 is now 270 bp away: still allowed; value unchanged
    w.broker.cash = 100_000; // but buying power is gone
    const result = await core.approvals.approve(intent.id, alice);
    expect(result.status).toBe('denied');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
  });

  it('when the same cycle leg is proposed twice then one intent exists', async () => {
    const core = await w.readyCore();
    const first = await core.approvals.propose(
      buy({ source: 'cycle', idempotencyKey: 'cycle:2026-11-23:069500:BUY' }),
    );
    const second = await core.approvals.propose(
      buy({ source: 'cycle', idempotencyKey: 'cycle:2026-11-23:069500:BUY' }),
    );
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.intent.id).toBe(first.intent.id);
  });

  it('when the market is closed at approval then the order is deferred and sent once the session opens', async () => {
    w.clock.set(kstInstant('2026-11-23', 7, 0));
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    expect(intent.precheck.outcome).toBe('DEFER');

    const result = await core.approvals.approve(intent.id, alice);
    expect(result.status).toBe('deferred');
    expect(await core.approvals.releaseDeferred()).toEqual([]);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);

    w.clock.set(kstInstant('2026-11-23', 9, 0, 5));
    const released = await core.approvals.releaseDeferred();
    expect(released.map((r) => r.status)).toEqual(['submitted']);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when a market order moved materially since the card then a new approval is required', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ orderType: 'MARKET', limitPrice: undefined }));
    w.broker.prices.set('069500', 37_000); // +2.8 %
    const result = await core.approvals.approve(intent.id, alice);
    expect(result.status).toBe('needs-reapproval');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(0);
    if (result.status === 'needs-reapproval') {
      expect(result.replacement.status).toBe('AWAITING_APPROVAL');
      expect(result.replacement.precheck.referencePrice).toBe(37_000);
    }
  });

  it('when deferred sells and buys open together then the sells go first and the buys on the next pass', async () => {
    w.broker.holdings.set('114260', { quantity: 2, purchaseAmount: 118_000 });
    w.clock.set(kstInstant('2026-11-23', 7, 0));
    const core = await w.readyCore();
    const { intent: buyIntent } = await core.approvals.propose(buy());
    const { intent: sellIntent } = await core.approvals.propose(
      buy({ ticker: '114260', side: 'SELL', quantity: 2, limitPrice: 59_000 }),
    );
    await core.approvals.approve(buyIntent.id, alice);
    await core.approvals.approve(sellIntent.id, alice);

    w.clock.set(kstInstant('2026-11-23', 9, 0, 5));
    const first = await core.approvals.releaseDeferred();
    const second = await core.approvals.releaseDeferred();

    const sent = w.broker.callsOf('placeOrder').map((c) => (c.args[0] as { side: string }).side);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(sent).toEqual(['SELL', 'BUY']);
  });

  it('when the open moves a deferred cycle leg beyond the quote distance then its limit is tightened toward the quote, never loosened, and it is sent', async () => {
    w.broker.holdings.set('114260', { quantity: 2, purchaseAmount: 118_000 });
    w.clock.set(kstInstant('2026-11-23', 7, 0));
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(
      buy({
        source: 'cycle',
        proposer: 'cycle',
        ticker: '114260',
        side: 'SELL',
        quantity: 2,
        limitPrice: 57_820,
      }),
    );
    await core.approvals.approve(intent.id, alice);

    w.broker.prices.set('114260', 60_800); // opens 3 % higher: 57,820 is now 490 bp below the quote
    w.clock.set(kstInstant('2026-11-23', 9, 0, 5));
    const [released] = await core.approvals.releaseDeferred();

    expect(released?.status).toBe('submitted');
    const sent = w.broker.callsOf('placeOrder').map((c) => c.args[0] as { limitPrice: number });
    expect(sent).toEqual([expect.objectContaining({ side: 'SELL', limitPrice: 58_980 })]);
    expect((await w.store.getOrderByIntent(intent.id))!.limitPrice).toBe(58_980);
    const trail = await w.store.listEvents({ intentId: intent.id });
    expect(trail.map((e) => e.type)).toContain('LIMIT_TIGHTENED');
    // The audit says the clock released it, not a person.
    expect(trail.filter((e) => e.type === 'DEFERRED_RELEASED').map((e) => e.actor)).toEqual(['clock']);
  });
});
