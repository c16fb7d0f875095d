import { describe, expect, it } from 'vitest';
import { kstInstant } from '../../../src/domain/market';
import type { BrokerOrder } from '../../../src/domain/ports';
import { testDatabaseTargets } from '../../support/db';
import { rowsOf } from '../../support/sql-rows';
import { alice, buildCore, buy, useTradingWorld } from '../../support/trading';

/**
 * How reconciliation matches an UNKNOWN order to the broker's inquiry, and how it brings open orders and the
 * book in line: the rows, events and alerts it leaves. Written from the mutation run (docs/quality/mutation.md).
 */
describe.each(testDatabaseTargets())('reconciliation matching on $name', (target) => {
  const w = useTradingWorld(target);

  /** The inquiry row the broker would show for our order sent at 10:00:00 (MARKET_OPEN). */
  const brokerRow = (overrides: Partial<BrokerOrder> = {}): BrokerOrder => ({
    brokerOrderId: '0000000077',
    orgNo: '00951',
    originalOrderId: '',
    date: '2026-11-23',
    time: '100000',
    ticker: '069500',
    side: 'BUY',
    orderDivision: '00',
    quantity: 3,
    price: 35_980,
    filledQuantity: 0,
    filledAmount: 0,
    remainingQuantity: 3,
    rejectedQuantity: 0,
    cancelled: false,
    ...overrides,
  });

  /** An order sent at 10:00:00 whose answer was lost and that the broker's inquiry does not show (yet). */
  async function unknownOrder(draft = buy()) {
    const core = await w.readyCore();
    w.broker.placeScript = ['unknown-not-received'];
    const { intent } = await core.approvals.propose(draft);
    await core.approvals.approve(intent.id, alice);
    const order = (await w.store.getOrderByIntent(intent.id))!;
    expect(order.status).toBe('UNKNOWN');
    return { core, order };
  }

  /** An order the broker accepted as 0000000001. */
  async function acceptedOrder() {
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    const order = (await w.store.getOrderByIntent(intent.id))!;
    expect(order).toMatchObject({ status: 'ACCEPTED', brokerOrderId: '0000000001' });
    return { core, order, row: w.broker.brokerOrders[0]! };
  }

  it.each([
    ['another ticker', { ticker: '114260' }],
    ['the other side', { side: 'SELL' as const }],
    ['another quantity', { quantity: 2, remainingQuantity: 2 }],
    ['another limit price', { price: 35_985 }],
    ['a time more than 2 min before the send', { time: '095759' }],
    ['a time more than 10 min after the send', { time: '101001' }],
  ])(
    'when the only broker order has %s then it is not adopted and the order stays UNKNOWN',
    async (_what, overrides) => {
      // Arrange
      const { core, order } = await unknownOrder();
      w.broker.brokerOrders.push(brokerRow(overrides));
      w.clock.advance(5_000);

      // Act
      const report = await core.reconciliation.reconcile();

      // Assert
      expect(report).toMatchObject({ ok: false, adopted: [], stillUnknown: [order.id], ambiguous: [] });
      expect(await w.store.getOrder(order.id)).toMatchObject({
        status: 'UNKNOWN',
        brokerOrderId: null,
        reconcileAttempts: 1,
      });
    },
  );

  it.each([
    ['exactly 2 min before the send', '095800'],
    ['exactly 10 min after the send', '101000'],
  ])(
    'when the broker order is timed %s then it is adopted with its number and branch',
    async (_what, time) => {
      const { core, order } = await unknownOrder();
      w.broker.brokerOrders.push(brokerRow({ time }));
      w.clock.advance(5_000);

      const report = await core.reconciliation.reconcile();

      expect(report).toMatchObject({ ok: true, adopted: [order.id], stillUnknown: [] });
      expect(await w.store.getOrder(order.id)).toMatchObject({
        status: 'ACCEPTED',
        brokerOrderId: '0000000077',
        brokerOrgNo: '00951',
        reconcileAttempts: 1,
        lastReconciledAt: w.clock.now(),
      });
      expect((await w.store.listEvents({ orderId: order.id })).at(-1)).toMatchObject({
        type: 'RECONCILE_ADOPTED',
        data: { brokerOrderId: '0000000077', brokerTime: time },
        actor: 'reconciliation',
      });
    },
  );

  it('when an unknown market order is found at the broker then its price is not compared, and its fills come with it', async () => {
    const { core, order } = await unknownOrder(buy({ orderType: 'MARKET', limitPrice: undefined }));
    w.broker.brokerOrders.push(
      brokerRow({
        price: 0,
        orderDivision: '01',
        filledQuantity: 1,
        filledAmount: 36_010,
        remainingQuantity: 2,
      }),
    );
    w.clock.advance(5_000);

    const report = await core.reconciliation.reconcile();

    expect(report.adopted).toEqual([order.id]);
    expect(await w.store.getOrder(order.id)).toMatchObject({
      status: 'PARTIALLY_FILLED',
      filledQuantity: 1,
      filledAmount: 36_010,
      fees: 5, // 36,010 × 140 ppm = 5.04, floored
    });
  });

  it('when the only matching broker order already belongs to another of our orders then it is not adopted twice', async () => {
    // Arrange: the first order was accepted and filled; the second, identical one got lost.
    const { core, order: first } = await acceptedOrder();
    w.broker.fill('0000000001', 3, 35_980, false);
    await core.reconciliation.reconcile();
    expect((await w.store.getOrder(first.id))!.status).toBe('FILLED');
    w.broker.placeScript = ['unknown-not-received'];
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    const second = (await w.store.getOrderByIntent(intent.id))!;
    w.clock.advance(5_000);

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(report).toMatchObject({ adopted: [], ambiguous: [], stillUnknown: [second.id] });
    expect((await w.store.getOrder(second.id))!.brokerOrderId).toBeNull();
  });

  it('when the broker never shows the order then it is rejected only once both 3 polls and 30 s have passed', async () => {
    // Arrange: polls every 5 s, so the fourth poll (20 s) is too early and the sixth (30 s) is the first that counts.
    const { core, order } = await unknownOrder();

    // Act
    const statuses: string[] = [];
    for (let poll = 0; poll < 6; poll++) {
      w.clock.advance(5_000);
      await core.reconciliation.reconcile();
      statuses.push((await w.store.getOrder(order.id))!.status);
    }

    // Assert
    expect(statuses).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'REJECTED']);
    expect(await w.store.getOrder(order.id)).toMatchObject({
      rejectCode: 'NOT_FOUND_AT_BROKER',
      rejectMessage: "not in the broker's order inquiry after 5 polls over 30 s",
      reconcileAttempts: 6,
      lastReconciledAt: w.clock.now(),
    });
    expect((await w.store.listEvents({ orderId: order.id })).at(-1)).toMatchObject({
      type: 'RECONCILE_NOT_FOUND',
      data: { polls: 5, waitedMs: 30_000 },
    });
    expect(w.broker.callsOf('placeOrder')).toHaveLength(1);
  });

  it('when a PENDING_SUBMIT row is found after a restart then it becomes UNKNOWN for PENDING_AT_RESTART, logged once', async () => {
    // Arrange: the process wrote the row and died before the POST's answer.
    const core = await w.readyCore();
    const { intent } = await core.approvals.propose(buy());
    const now = w.clock.now();
    const approved = await w.store.transitionIntent(
      intent.id,
      ['AWAITING_APPROVAL'],
      'APPROVED',
      { decidedBy: 'alice', decidedAt: now },
      { type: 'INTENT_APPROVED', actor: 'alice', at: now },
    );
    const pending = await w.store.createOrderForIntent(approved!, now);
    const restarted = buildCore(w.database, w.broker, w.clock);
    w.clock.advance(5_000);

    // Act
    const first = await restarted.reconciliation.reconcile();
    w.clock.advance(5_000);
    await restarted.reconciliation.reconcile();

    // Assert
    expect(first).toMatchObject({ ok: false, stillUnknown: [pending.id] });
    expect(await w.store.getOrder(pending.id)).toMatchObject({
      status: 'UNKNOWN',
      unknownReason: 'PENDING_AT_RESTART',
      reconcileAttempts: 2,
    });
    const events = await w.store.listEvents({ orderId: pending.id });
    expect(events.map((e) => [e.type, e.data, e.actor])).toEqual([
      ['ORDER_CREATED', expect.anything(), expect.anything()],
      ['ORDER_UNKNOWN', { reason: 'PENDING_AT_RESTART' }, 'reconciliation'],
    ]);
    expect((await restarted.tradingState.effective()).state).toBe('HALTED');
  });

  it('when the broker shows our open order cancelled then it is CANCELLED with the remaining quantity logged', async () => {
    const { core, order, row } = await acceptedOrder();
    row.cancelled = true;

    const report = await core.reconciliation.reconcile();

    expect(report.updated).toEqual([order.id]);
    expect(await w.store.getOrder(order.id)).toMatchObject({
      status: 'CANCELLED',
      lastReconciledAt: w.clock.now(),
    });
    expect((await w.store.listEvents({ orderId: order.id })).at(-1)).toMatchObject({
      type: 'ORDER_CANCELLED',
      data: { source: 'inquiry', remaining: 3 },
      actor: 'reconciliation',
    });
  });

  it('when a partly filled order was cancelled at the broker then the fill is booked and the order is CANCELLED', async () => {
    const { core, order, row } = await acceptedOrder();
    w.broker.fill('0000000001', 1, 35_980, false);
    row.cancelled = true;

    await core.reconciliation.reconcile();

    expect(await w.store.getOrder(order.id)).toMatchObject({
      status: 'CANCELLED',
      filledQuantity: 1,
      filledAmount: 35_980,
      fees: 5,
    });
    expect(await w.store.getPositions()).toMatchObject([{ ticker: '069500', quantity: 1 }]);
  });

  it('when the broker rejected the whole order after accepting it then it is REJECTED', async () => {
    const { core, order, row } = await acceptedOrder();
    row.rejectedQuantity = 3;
    row.remainingQuantity = 0;

    const report = await core.reconciliation.reconcile();

    expect(report.updated).toEqual([order.id]);
    expect((await w.store.getOrder(order.id))!.status).toBe('REJECTED');
    expect((await w.store.listEvents({ orderId: order.id })).at(-1)?.type).toBe('ORDER_REJECTED');
  });

  it('when part of a partly filled order was rejected then the order stays open with its fill', async () => {
    const { core, order, row } = await acceptedOrder();
    w.broker.fill('0000000001', 2, 35_980, false);
    row.rejectedQuantity = 1;
    row.remainingQuantity = 0;

    await core.reconciliation.reconcile();

    expect(await w.store.getOrder(order.id)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 2 });
  });

  it('when fills at two prices arrive in one inquiry then one fill is booked at the rounded average price', async () => {
    const { core, order } = await acceptedOrder();
    w.broker.fill('0000000001', 1, 35_980, false);
    w.broker.fill('0000000001', 2, 35_985, false);

    await core.reconciliation.reconcile();

    const fills = await rowsOf<{
      quantity: number;
      price: number;
      amount: number;
      fee: number;
      source: string;
    }>(w.database, `select quantity, price, amount, fee, source from fills where order_id = '${order.id}'`);
    expect(
      fills.map((f) => [Number(f.quantity), Number(f.price), Number(f.amount), Number(f.fee), f.source]),
    ).toEqual([[3, 35_983, 107_950, 15, 'inquiry']]);
  });

  it('when the session is still open a minute before the close then an open order stays open', async () => {
    const { core, order } = await acceptedOrder();
    w.clock.set(kstInstant('2026-11-23', 15, 29, 59));

    const report = await core.reconciliation.reconcile();

    expect(report.updated).toEqual([]);
    expect((await w.store.getOrder(order.id))!.status).toBe('ACCEPTED');
  });

  it('when the session closed at 15:30 with quantity left then the order EXPIRES', async () => {
    const { core, order } = await acceptedOrder();
    w.clock.set(kstInstant('2026-11-23', 15, 30));

    const report = await core.reconciliation.reconcile();

    expect(report.updated).toEqual([order.id]);
    expect((await w.store.getOrder(order.id))!.status).toBe('EXPIRED');
    expect((await w.store.listEvents({ orderId: order.id })).at(-1)).toMatchObject({
      type: 'ORDER_EXPIRED',
      data: { source: 'inquiry', remaining: 3 },
    });
  });

  it('when yesterday’s open order is reconciled the next morning then the inquiry starts at its day and it EXPIRES', async () => {
    // Arrange
    const { core, order } = await acceptedOrder();
    w.clock.set(kstInstant('2026-11-24', 8, 0));
    w.broker.calls.length = 0;

    // Act
    await core.reconciliation.reconcile();

    // Assert
    expect(w.broker.callsOf('listOrders').map((c) => c.args)).toEqual([['2026-11-23', '2026-11-24']]);
    expect((await w.store.getOrder(order.id))!.status).toBe('EXPIRED');
  });

  it('when an order filled completely after the close then it is FILLED, not expired', async () => {
    const { core, order } = await acceptedOrder();
    w.broker.fill('0000000001', 3, 35_980, false);
    w.clock.set(kstInstant('2026-11-23', 15, 40));

    const report = await core.reconciliation.reconcile();

    expect(report.updated).toEqual([order.id]);
    expect((await w.store.getOrder(order.id))!.status).toBe('FILLED');
  });

  it('when nothing changed at the broker then the report lists no update and no event is added', async () => {
    const { core, order } = await acceptedOrder();
    const before = (await w.store.listEvents({ orderId: order.id })).length;

    const report = await core.reconciliation.reconcile();

    expect(report).toMatchObject({ ok: true, updated: [], adopted: [], positionDrift: [] });
    expect(await w.store.listEvents({ orderId: order.id })).toHaveLength(before);
  });

  it('when the balance cannot be read then the run is not complete and a fresh process stays HALTED', async () => {
    const core = buildCore(w.database, w.broker, w.clock);
    w.broker.failBalance = 1;

    const failed = await core.reconciliation.reconcile();
    const halted = await core.tradingState.effective();
    const ok = await core.reconciliation.reconcile();

    expect(failed.ok).toBe(false);
    expect(halted.state).toBe('HALTED');
    expect(ok.ok).toBe(true);
    expect((await core.tradingState.effective()).state).toBe('ACTIVE');
  });

  it('when only the cash differs from the broker then the book takes the broker’s cash without a drift alert', async () => {
    const core = await w.readyCore();
    w.broker.cash = 900_000;

    const report = await core.reconciliation.reconcile();

    expect(report).toMatchObject({ ok: true, positionDrift: [] });
    expect((await w.store.getBook())!.cash).toBe(900_000);
    expect(await w.store.listRecentAlerts(10)).toEqual([]);
    const events = await w.store.listEvents({});
    expect(events.filter((e) => e.type.startsWith('BOOK_')).map((e) => [e.type, e.data])).toEqual([
      ['BOOK_SYNCED', { drift: [], cash: 1_000_000 }],
      ['BOOK_SYNCED', { drift: [], cash: 900_000 }],
    ]);
  });

  it('when the book already matches the broker then nothing is written', async () => {
    const core = await w.readyCore();
    const before = (await w.store.listEvents({})).length;

    await core.reconciliation.reconcile();

    expect(await w.store.listEvents({})).toHaveLength(before);
  });

  it('when positions drift after the book was synced then the alert names each ticker in Korean and English', async () => {
    const core = await w.readyCore();
    w.broker.holdings.set('114260', { quantity: 2, purchaseAmount: 118_000 });
    w.broker.holdings.set('133690', { quantity: 1, purchaseAmount: 120_000 });

    await core.reconciliation.reconcile();

    const alerts = await w.store.listRecentAlerts(10);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'POSITION_DRIFT',
      severity: 'warning',
      message: '보유 수량이 증권사 잔고와 달라 증권사 기준으로 맞췄습니다: 114260 0→2, 133690 0→1',
      data: {
        drift: [
          { ticker: '114260', ours: 0, broker: 2 },
          { ticker: '133690', ours: 0, broker: 1 },
        ],
        en: "Positions differed from the broker's balance and were replaced by it: 114260 0→2, 133690 0→1",
      },
    });
    const events = await w.store.listEvents({});
    expect(events.at(-1)).toMatchObject({ type: 'BOOK_DRIFT_CORRECTED', actor: 'reconciliation' });
  });

  it('when positions differ at the very first sync then the broker’s book is taken without an alert', async () => {
    w.broker.holdings.set('114260', { quantity: 2, purchaseAmount: 118_000 });
    const core = buildCore(w.database, w.broker, w.clock);

    const report = await core.reconciliation.reconcile();

    expect(report.positionDrift).toEqual([{ ticker: '114260', ours: 0, broker: 2 }]);
    expect(await w.store.listRecentAlerts(10)).toEqual([]);
    expect(await w.store.getPositions()).toMatchObject([
      { ticker: '114260', quantity: 2, costBasis: 118_000 },
    ]);
  });
});
