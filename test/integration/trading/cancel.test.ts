import { describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../../src/app/desk-events';
import { testDatabaseTargets } from '../../support/db';
import { alice, buy, mallory, useTradingWorld } from '../../support/trading';

describe.each(testDatabaseTargets())('cancelling a resting order on $name', (target) => {
  const w = useTradingWorld(target);

  async function restingOrder() {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy({ limitPrice: 35_900 }));
    const sent = await core.approvals.approve(intent.id, alice);
    if (sent.status !== 'submitted') throw new Error(`not submitted: ${sent.status}`);
    const events: DeskEvent[] = [];
    core.events.subscribe((event) => {
      events.push(event);
    });
    return { core, order: sent.order, events };
  }

  it('when KIS confirms the cancel then one revise-cancel POST carries the order number and the order is CANCELLED by the person', async () => {
    // Arrange
    const { core, order, events } = await restingOrder();

    // Act
    const result = await core.cancels.cancel(order.id, alice);

    // Assert
    expect(result.status).toBe('cancelled');
    expect(w.broker.callsOf('cancelOrder').map((c) => c.args[0])).toEqual([
      { brokerOrderId: order.brokerOrderId, orgNo: order.brokerOrgNo },
    ]);
    expect((await w.store.getOrder(order.id))!.status).toBe('CANCELLED');
    const cancelEvents = (await w.store.listEvents({ orderId: order.id })).filter((e) =>
      e.type.includes('CANCEL'),
    );
    expect(cancelEvents.map((e) => [e.type, e.actor])).toEqual([
      ['CANCEL_REQUESTED', 'alice'],
      ['ORDER_CANCELLED', 'alice'],
    ]);
    expect(
      events
        .filter((e) => e.type === 'order.updated')
        .map((e) => e.type === 'order.updated' && e.order.status),
    ).toEqual(['CANCELLED']);
  });

  it('when KIS refuses the cancel then the order stays open and the refusal comes back', async () => {
    const { core, order } = await restingOrder();
    w.broker.cancelScript = ['reject'];

    const result = await core.cancels.cancel(order.id, alice);

    expect(result).toMatchObject({ status: 'rejected', code: 'APBK0918' });
    expect((await w.store.getOrder(order.id))!.status).toBe('ACCEPTED');
    expect(w.broker.callsOf('cancelOrder')).toHaveLength(1);
  });

  it('when the cancel answer is lost then nothing is re-sent and reconciliation marks the order CANCELLED from the inquiry', async () => {
    // Arrange
    const { core, order } = await restingOrder();
    w.broker.cancelScript = ['unknown-executed'];

    // Act
    const first = await core.cancels.cancel(order.id, alice);
    const again = await core.cancels.cancel(order.id, alice);
    const openBefore = (await w.store.getOrder(order.id))!.status;
    w.clock.advance(5_000);
    await core.reconciliation.reconcile();

    // Assert
    expect(first.status).toBe('unknown');
    expect(again.status).toBe('pending');
    expect(openBefore).toBe('ACCEPTED');
    expect(w.broker.callsOf('cancelOrder')).toHaveLength(1);
    expect((await w.store.getOrder(order.id))!.status).toBe('CANCELLED');
    expect((await w.store.listRecentAlerts(5)).map((a) => a.kind)).toContain('ORDER_UNKNOWN');
  });

  it('when a lost cancel never reached KIS then after 30 s of open inquiries the cancel is settled as not found and a person may cancel again', async () => {
    const { core, order } = await restingOrder();
    w.broker.cancelScript = ['unknown-not-received'];

    await core.cancels.cancel(order.id, alice);
    w.clock.advance(10_000);
    await core.reconciliation.reconcile();
    const early = await core.cancels.cancel(order.id, alice);
    w.clock.advance(25_000);
    await core.reconciliation.reconcile();
    const retried = await core.cancels.cancel(order.id, alice);

    expect(early.status).toBe('pending');
    expect(retried.status).toBe('cancelled');
    expect(w.broker.callsOf('cancelOrder')).toHaveLength(2);
    const types = (await w.store.listEvents({ orderId: order.id })).map((e) => e.type);
    expect(types.filter((t) => t.includes('CANCEL'))).toEqual([
      'CANCEL_REQUESTED',
      'CANCEL_UNKNOWN',
      'CANCEL_NOT_FOUND',
      'CANCEL_REQUESTED',
      'ORDER_CANCELLED',
    ]);
  });

  it('when the cancel throws then it is unknown, not failed, and not re-sent', async () => {
    const { core, order } = await restingOrder();
    w.broker.cancelScript = ['throw'];

    const result = await core.cancels.cancel(order.id, alice);

    expect(result.status).toBe('unknown');
    expect((await w.store.getOrder(order.id))!.status).toBe('ACCEPTED');
    expect(w.broker.callsOf('cancelOrder')).toHaveLength(1);
  });

  it('when someone who is not an approver asks then nothing reaches KIS', async () => {
    const { core, order } = await restingOrder();

    const result = await core.cancels.cancel(order.id, mallory);
    const all = await core.cancels.cancelAll(mallory);

    expect(result.status).toBe('not-allowed');
    expect(all).toEqual([]);
    expect(w.broker.callsOf('cancelOrder')).toHaveLength(0);
  });

  it('when the order already filled then the cancel is refused without a request to KIS', async () => {
    const { core, order } = await restingOrder();
    w.broker.fill(order.brokerOrderId!, order.quantity, 35_900);
    w.clock.advance(1_000);
    await core.reconciliation.reconcile();

    const result = await core.cancels.cancel(order.id, alice);

    expect(result.status).toBe('not-open');
    expect(w.broker.callsOf('cancelOrder')).toHaveLength(0);
  });

  it('when every resting order is cancelled then each open order gets exactly one cancel', async () => {
    const { core, order } = await restingOrder();
    const { intent: second } = await core.approvals.propose(
      buy({ ticker: '114260', limitPrice: 58_900, quantity: 1 }),
    );
    await core.approvals.approve(second.id, alice);

    const results = await core.cancels.cancelAll(alice);

    expect(results.map((r) => r.result.status)).toEqual(['cancelled', 'cancelled']);
    expect(results[0]!.order.id).toBe(order.id);
    expect(w.broker.callsOf('cancelOrder')).toHaveLength(2);
    expect(await core.cancels.openOrders()).toEqual([]);
  });
});
