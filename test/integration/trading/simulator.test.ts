import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseTargets, useTestDatabase } from '../../support/db';
import { startSimStack, type SimStack } from '../../support/sim-stack';
import { alice, bob } from '../../support/trading';

const marketBuy = {
  source: 'chat' as const,
  proposer: 'alice',
  ticker: '069500',
  side: 'BUY' as const,
  quantity: 1,
  orderType: 'MARKET' as const,
  rationale: 'test',
};

describe.each(testDatabaseTargets())('trading core against the KIS simulator on $name', (target) => {
  const handle = useTestDatabase(target);
  let stack: SimStack | null = null;
  afterEach(async () => {
    await stack?.close();
    stack = null;
  });

  async function ready(): Promise<SimStack> {
    stack = await startSimStack(handle.database);
    expect((await stack.core.reconciliation.reconcile()).ok).toBe(true);
    return stack;
  }

  it('when two allowed people approve one intent at once then the simulator receives exactly one order and the loser hears it was already approved', async () => {
    const { core, ordersAtSimulator } = await ready();
    const { intent } = await core.approvals.propose(marketBuy);

    const results = await Promise.all([
      core.approvals.approve(intent.id, alice),
      core.approvals.approve(intent.id, bob),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(['already-decided', 'submitted']);
    expect(ordersAtSimulator()).toHaveLength(1);
  });

  it('when the simulator accepts the order and drops the answer then it is UNKNOWN after exactly one POST and reconciliation adopts its order number', async () => {
    const { core, sim, store, clock, ordersAtSimulator } = await ready();
    const { intent } = await core.approvals.propose(marketBuy);
    sim.control.injectFault({ kind: 'acceptThenDrop', count: 1 });

    const sent = await core.approvals.approve(intent.id, alice);
    clock.advance(5_000);
    const report = await core.reconciliation.reconcile();

    expect(sent.status === 'submitted' && sent.order.status).toBe('UNKNOWN');
    const atSimulator = ordersAtSimulator();
    expect(atSimulator).toHaveLength(1);
    expect(atSimulator[0]!.responseDropped).toBe(true);
    const order = await store.getOrderByIntent(intent.id);
    expect(report.adopted).toEqual([order!.id]);
    expect(order).toMatchObject({ brokerOrderId: atSimulator[0]!.odno });
    expect(['ACCEPTED', 'FILLED']).toContain(order!.status);
    expect(ordersAtSimulator()).toHaveLength(1);
  });

  it('when the order never reaches the simulator then it becomes REJECTED only after several empty polls over at least 30 s of simulated time, still with one POST', async () => {
    const { core, sim, store, clock, ordersAtSimulator } = await ready();
    const { intent } = await core.approvals.propose(marketBuy);
    sim.control.injectFault({ kind: 'dropBeforeReceive', count: 1 });
    const postsBefore = sim.control.stats().byPath['/uapi/domestic-stock/v1/trading/order-cash'] ?? 0;

    await core.approvals.approve(intent.id, alice);
    const order = await store.getOrderByIntent(intent.id);
    const statuses: string[] = [];
    for (let poll = 0; poll < 4; poll++) {
      clock.advance(10_000);
      await core.reconciliation.reconcile();
      statuses.push((await store.getOrder(order!.id))!.status);
    }

    expect(statuses).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'REJECTED']);
    expect(ordersAtSimulator()).toHaveLength(0);
    expect(
      (sim.control.stats().byPath['/uapi/domestic-stock/v1/trading/order-cash'] ?? 0) - postsBefore,
    ).toBe(1); // the one POST, never retried
  });

  it('when an approved market order fills at the simulator then the fill notice updates the order, the position and the cash', async () => {
    const { core, broker, store } = await ready();
    const subscription = await broker.subscribeFills((n) => void core.fills.onNotice(n));
    try {
      const { intent } = await core.approvals.propose({ ...marketBuy, quantity: 2 });
      const filled = new Promise<void>((resolve) => {
        core.events.subscribe((e) => {
          if (e.type === 'order.updated' && e.order.status === 'FILLED') resolve();
        });
      });
      await core.approvals.approve(intent.id, alice);
      await filled;
      const order = await store.getOrderByIntent(intent.id);
      expect(order).toMatchObject({ status: 'FILLED', filledQuantity: 2 });
      expect(order!.filledAmount).toBeGreaterThan(0);
      expect(await store.getPositions()).toMatchObject([{ ticker: '069500', quantity: 2 }]);
    } finally {
      await subscription.close();
    }
  });
});
