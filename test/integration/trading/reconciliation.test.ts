import { describe, expect, it } from 'vitest';
import { testDatabaseTargets } from '../../support/db';
import { alice, buildCore, buy, useTradingWorld } from '../../support/trading';

describe.each(testDatabaseTargets())('reconciliation on $name', (target) => {
  const w = useTradingWorld(target);

  it('when the broker executed the order but the answer was lost then it is UNKNOWN after exactly one POST and reconciliation adopts the broker order number', async () => {
    // Arrange
    const core = await w.readyCore();
    w.broker.placeScript = ['unknown-executed'];
    const { intent } = await core.approvals.propose(buy());

    // Act
    const sent = await core.approvals.approve(intent.id, alice);
    w.clock.advance(5_000);
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(sent.status).toBe('submitted');
    expect(sent.status === 'submitted' && sent.order.status).toBe('UNKNOWN');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
    const order = await w.store.getOrderByIntent(intent.id);
    expect(report.adopted).toEqual([order!.id]);
    expect(order).toMatchObject({
      status: 'ACCEPTED',
      brokerOrderId: w.broker.brokerOrders[0]!.brokerOrderId,
    });
    expect((await w.store.listEvents({ intentId: intent.id })).map((e) => e.type)).toEqual([
      'INTENT_PROPOSED',
      'INTENT_APPROVED',
      'GUARD_ALLOWED',
      'ORDER_CREATED',
      'ORDER_UNKNOWN',
      'RECONCILE_ADOPTED',
    ]);
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when the broker never received the order then it becomes REJECTED only after several empty polls over at least 30 s, still with one POST', async () => {
    const core = await w.readyCore();
    w.broker.placeScript = ['unknown-not-received'];
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    const order = await w.store.getOrderByIntent(intent.id);

    const statuses: string[] = [];
    for (let poll = 0; poll < 5; poll++) {
      w.clock.advance(10_000);
      await core.reconciliation.reconcile();
      statuses.push((await w.store.getOrder(order!.id))!.status);
    }

    expect(statuses).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'REJECTED', 'REJECTED']);
    expect((await w.store.getOrder(order!.id))!.rejectCode).toBe('NOT_FOUND_AT_BROKER');
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
    expect((await w.store.listEvents({ orderId: order!.id })).map((e) => e.type)).toEqual([
      'ORDER_CREATED',
      'ORDER_UNKNOWN',
      'RECONCILE_NOT_FOUND',
    ]);
  });

  it('when a just-sent order is invisible for two polls and appears on the third then it is adopted, not rejected', async () => {
    const core = await w.readyCore();
    w.broker.placeScript = ['unknown-executed'];
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    const hidden = w.broker.brokerOrders.splice(0); // the inquiry lags behind
    const order = await w.store.getOrderByIntent(intent.id);

    w.clock.advance(15_000);
    await core.reconciliation.reconcile();
    w.clock.advance(15_000);
    await core.reconciliation.reconcile();
    w.broker.brokerOrders.push(...hidden);
    w.clock.advance(15_000);
    const report = await core.reconciliation.reconcile();

    expect(report.adopted).toEqual([order!.id]);
    expect((await w.store.getOrder(order!.id))!.status).toBe('ACCEPTED');
  });

  it('when two broker orders match an unknown one then trading is HALTED and an alert is raised', async () => {
    const core = await w.readyCore();
    w.broker.placeScript = ['unknown-executed'];
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    w.broker.brokerOrders.push({ ...w.broker.brokerOrders[0]!, brokerOrderId: '0000000099' });
    const alerts: string[] = [];
    core.events.subscribe((e) => void (e.type === 'alert' && alerts.push(e.alert.kind)));

    const report = await core.reconciliation.reconcile();

    expect(report.ambiguous).toHaveLength(1);
    expect((await core.tradingState.effective()).state).toBe('HALTED');
    expect(alerts).toContain('RECONCILIATION_AMBIGUOUS');
  });

  it('when the process restarts with PENDING and UNKNOWN rows then trading stays HALTED until reconciliation completes, and a failed inquiry keeps it HALTED', async () => {
    // Arrange: one order crashed between the row write and the POST's answer, one is UNKNOWN.
    const first = await w.readyCore();
    w.broker.placeScript = ['unknown-executed'];
    const { intent } = await first.approvals.propose(buy());
    await first.approvals.approve(intent.id, alice);

    // Act: a new process
    const restarted = buildCore(w.database, w.broker, w.clock);
    const before = await restarted.tradingState.effective();
    w.broker.failListOrders = 1;
    const failed = await restarted.reconciliation.reconcile();
    const afterFailure = await restarted.tradingState.effective();
    const ok = await restarted.reconciliation.reconcile();
    const after = await restarted.tradingState.effective();

    // Assert
    expect(before).toMatchObject({ state: 'HALTED', awaitingReconciliation: true });
    expect(failed.ok).toBe(false);
    expect(afterFailure.state).toBe('HALTED');
    expect(ok.ok).toBe(true);
    expect(after.state).toBe('ACTIVE');
    const { intent: next } = await restarted.approvals.propose(
      buy({ ticker: '114260', quantity: 1, limitPrice: 59_000 }),
    );
    expect(next.status).toBe('AWAITING_APPROVAL');
  });

  it('when the process died while its POST was out and KIS has the order then the restarted desk adopts the PENDING row', async () => {
    // Arrange: KIS takes the order; the answer never comes back because the process stops
    const first = await w.readyCore();
    const placeOrder = w.broker.placeOrder.bind(w.broker);
    w.broker.placeOrder = async (request) => {
      await placeOrder(request);
      return new Promise(() => {}); // the process is gone before the answer
    };
    const { intent } = await first.approvals.propose(buy());
    void first.approvals.approve(intent.id, alice);
    let row = await w.store.getOrderByIntent(intent.id);
    for (let i = 0; i < 100 && w.broker.brokerOrders.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      row = await w.store.getOrderByIntent(intent.id);
    }
    expect(row?.status).toBe('PENDING_SUBMIT');

    // Act: a new process
    w.clock.advance(5_000);
    const restarted = buildCore(w.database, w.broker, w.clock);
    const report = await restarted.reconciliation.reconcile();

    // Assert
    expect(report).toMatchObject({ ok: true, adopted: [row!.id], stillUnknown: [] });
    expect(await w.store.getOrder(row!.id)).toMatchObject({
      status: 'ACCEPTED',
      brokerOrderId: '0000000001',
    });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when a buy is proposed before start-up reconciliation then the guard denies it as halted', async () => {
    const core = buildCore(w.database, w.broker, w.clock);
    const { intent } = await core.approvals.propose(buy());
    expect(intent.status).toBe('DENIED');
    expect(intent.precheck.code).toBe('TRADING_HALTED');
  });

  it('when the broker reports fills the websocket missed then the inquiry fills them in once', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    const sent = await core.approvals.approve(intent.id, alice);
    const odno = sent.status === 'submitted' ? sent.order.brokerOrderId! : '';
    w.broker.fill(odno, 2, 35_980, false);

    await core.reconciliation.reconcile();
    await core.reconciliation.reconcile();

    const order = await w.store.getOrderByIntent(intent.id);
    expect(order).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 2, filledAmount: 71_960 });
    expect(await w.store.getPositions()).toMatchObject([{ ticker: '069500', quantity: 2 }]);
  });

  it('when the inquiry shows the fills the notices missed then the desk is told of each change, the last one FILLED, and of nothing twice', async () => {
    // Arrange: the order rests; its notices never arrive (found by mutation testing: the completing fill was
    // booked but the card was never told)
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    const sent = await core.approvals.approve(intent.id, alice);
    const odno = sent.status === 'submitted' ? sent.order.brokerOrderId! : '';
    const told: string[] = [];
    core.events.subscribe((e) => {
      if (e.type === 'order.updated') told.push(`${e.order.status}:${e.order.filledQuantity}`);
    });

    // Act
    w.broker.fill(odno, 1, 35_980, false);
    await core.reconciliation.reconcile();
    w.broker.fill(odno, 2, 35_975, false);
    await core.reconciliation.reconcile();
    await core.reconciliation.reconcile();

    // Assert
    expect(told).toEqual(['PARTIALLY_FILLED:1', 'FILLED:3']);
    expect(await w.store.getOrderByIntent(intent.id)).toMatchObject({
      status: 'FILLED',
      filledAmount: 107_930,
    });
  });

  it('when the fill notice is booked while the order inquiry is in flight then reconciliation books nothing twice and does not fail', async () => {
    // Arrange: the exchange fills the order; its notice reaches the desk while reconciliation is reading the
    // order inquiry (the order row reconciliation holds still says 0 filled).
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    const sent = await core.approvals.approve(intent.id, alice);
    const odno = sent.status === 'submitted' ? sent.order.brokerOrderId! : '';
    w.broker.fill(odno, 3, 35_980, false);
    const inquiry = w.broker.listOrders.bind(w.broker);
    w.broker.listOrders = async () => {
      const answer = await inquiry();
      await core.fills.onNotice({
        kind: 'fill',
        brokerOrderId: odno,
        originalOrderId: '',
        ticker: '069500',
        side: 'BUY',
        quantity: 3,
        price: 35_980,
        time: '090000',
      });
      return answer;
    };

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(report.ok).toBe(true);
    const order = await w.store.getOrderByIntent(intent.id);
    expect(order).toMatchObject({ status: 'FILLED', filledQuantity: 3, filledAmount: 107_940 });
    expect(await w.store.getPositions()).toMatchObject([{ ticker: '069500', quantity: 3 }]);
  });

  it('when our positions drifted from the broker then an alert is raised and the broker wins', async () => {
    const core = await w.readyCore();
    w.broker.holdings.set('114260', { quantity: 2, purchaseAmount: 118_000 });
    const alerts: string[] = [];
    core.events.subscribe((e) => void (e.type === 'alert' && alerts.push(e.alert.kind)));

    const report = await core.reconciliation.reconcile();

    expect(report.positionDrift).toEqual([{ ticker: '114260', ours: 0, broker: 2 }]);
    expect(alerts).toEqual(['POSITION_DRIFT']);
    expect(await w.store.getPositions()).toMatchObject([
      { ticker: '114260', quantity: 2, costBasis: 118_000 },
    ]);
  });

  it('when a fill notice arrives before the order answer is stored then it is applied once the broker id is known', async () => {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    await core.fills.onNotice({
      kind: 'fill',
      brokerOrderId: '0000000001',
      originalOrderId: '',
      ticker: '069500',
      side: 'BUY',
      quantity: 3,
      price: 35_980,
      time: '100000',
    });
    expect(core.fills.pendingCount()).toBe(1);

    await core.approvals.approve(intent.id, alice);
    await new Promise((r) => setTimeout(r, 50));
    await core.fills.onNotice({
      kind: 'receipt',
      brokerOrderId: '0000000001',
      originalOrderId: '',
      ticker: '069500',
      side: 'BUY',
      quantity: 3,
      price: 35_980,
      time: '100000',
    });

    expect((await w.store.getOrderByIntent(intent.id))!.status).toBe('FILLED');
  });
});
