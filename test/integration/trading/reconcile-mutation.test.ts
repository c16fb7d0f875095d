import { describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../../src/app/desk-events';
import { ReconciliationService } from '../../../src/app/reconcile';
import type { TradingCore } from '../../../src/app/trading-core';
import { kstInstant } from '../../../src/domain/market';
import type { PlaceOrderRequest } from '../../../src/domain/ports';
import { testDatabaseTargets } from '../../support/db';
import { rowsOf } from '../../support/sql-rows';
import { alice, buildCore, buy, calendar, useTradingWorld } from '../../support/trading';

/**
 * What reconciliation leaves behind that the survivors of its mutation run did not pin: the report's lists, the
 * desk events, the audit actors and data, the alert rows (severity, text, dedupe key), which orders it looks at,
 * the lost-cancel settlement and the position comparison. Written from the mutation run (docs/quality/mutation.md).
 */
describe.each(testDatabaseTargets())('reconciliation mutants on $name', (target) => {
  const w = useTradingWorld(target);

  const orderEvents = (seen: DeskEvent[]) =>
    seen.flatMap((e) => (e.type === 'order.updated' ? [[e.order.id, e.order.status, e.intent?.id]] : []));

  function listen(core: TradingCore): DeskEvent[] {
    const seen: DeskEvent[] = [];
    core.events.subscribe((e) => void seen.push(e));
    return seen;
  }

  async function alertRows(kind: string) {
    const rows = await rowsOf<{
      kind: string;
      severity: string;
      message: string;
      data: unknown;
      dedupe_key: string | null;
    }>(
      w.database,
      `select kind, severity, message, data, dedupe_key from alerts where kind = '${kind}' order by id`,
    );
    return rows.map((r) => ({ ...r, data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data }));
  }

  /** An order sent at the current time whose answer was lost. */
  async function lostOrder(core: TradingCore, script: 'unknown-executed' | 'unknown-not-received') {
    w.broker.placeScript = [script];
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    const order = (await w.store.getOrderByIntent(intent.id))!;
    expect(order.status).toBe('UNKNOWN');
    return order;
  }

  async function acceptedOrder(core: TradingCore, draft = buy()) {
    const { intent } = await core.approvals.propose(draft);
    await core.approvals.approve(intent.id, alice);
    const order = (await w.store.getOrderByIntent(intent.id))!;
    expect(order.status).toBe('ACCEPTED');
    return order;
  }

  /** A cancel whose answer was lost and that never reached KIS (the order rests there, not cancelled). */
  async function lostCancel(core: TradingCore, orderId: string) {
    w.broker.cancelScript = ['unknown-not-received'];
    const result = await core.cancels.cancel(orderId, alice);
    expect(result.status).toBe('unknown');
    return (await w.store.listEvents({ orderId })).at(-1)!;
  }

  it('when a lost order is found at the broker then it is adopted from UNKNOWN, nothing is reported rejected, and one order.updated event carries it', async () => {
    // Arrange
    const core = await w.readyCore();
    const order = await lostOrder(core, 'unknown-executed');
    const seen = listen(core);
    w.clock.advance(5_000);

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(report).toMatchObject({ ok: true, adopted: [order.id], rejectedNotFound: [], stillUnknown: [] });
    expect((await w.store.getOrder(order.id))!.status).toBe('ACCEPTED');
    expect(orderEvents(seen)).toEqual([[order.id, 'ACCEPTED', order.intentId]]);
  });

  it('when a lost order is still not in the inquiry then the run is not complete and its unknown reason is kept', async () => {
    // Arrange
    const core = await w.readyCore();
    const order = await lostOrder(core, 'unknown-not-received');
    const before = await w.store.listEvents({ orderId: order.id });
    w.clock.advance(5_000);

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(report).toMatchObject({ ok: false, stillUnknown: [order.id], rejectedNotFound: [] });
    expect(await w.store.getOrder(order.id)).toMatchObject({
      status: 'UNKNOWN',
      unknownReason: 'TIMEOUT',
      reconcileAttempts: 1,
    });
    expect(await w.store.listEvents({ orderId: order.id })).toHaveLength(before.length);
  });

  it('when the broker never shows a lost order then its rejection is reported, logged by reconciliation and emitted', async () => {
    // Arrange
    const core = await w.readyCore();
    const order = await lostOrder(core, 'unknown-not-received');
    const seen = listen(core);
    const reports = [];

    // Act
    for (let poll = 0; poll < 4; poll++) {
      w.clock.advance(10_000);
      reports.push(await core.reconciliation.reconcile());
    }

    // Assert
    expect(reports.map((r) => r.rejectedNotFound)).toEqual([[], [], [], [order.id]]);
    expect((await w.store.getOrder(order.id))!.status).toBe('REJECTED');
    expect((await w.store.listEvents({ orderId: order.id })).at(-1)).toMatchObject({
      type: 'RECONCILE_NOT_FOUND',
      actor: 'reconciliation',
    });
    expect(orderEvents(seen)).toEqual([[order.id, 'REJECTED', order.intentId]]);
  });

  it('when another process rejects the lost order while our inquiry is in flight then our run does not report it again', async () => {
    // Arrange: three empty polls over 30 s, so the next run rejects it.
    const core = await w.readyCore();
    const order = await lostOrder(core, 'unknown-not-received');
    for (let poll = 0; poll < 3; poll++) {
      w.clock.advance(10_000);
      await core.reconciliation.reconcile();
    }
    const other = buildCore(w.database, w.broker, w.clock);
    const inquiry = w.broker.listOrders.bind(w.broker);
    let otherReport: Awaited<ReturnType<typeof other.reconciliation.reconcile>> | null = null;
    w.broker.listOrders = async () => {
      if (!otherReport) {
        w.broker.listOrders = inquiry;
        otherReport = await other.reconciliation.reconcile();
      }
      return inquiry();
    };
    const seen = listen(core);

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(otherReport!.rejectedNotFound).toEqual([order.id]);
    expect(report.rejectedNotFound).toEqual([]);
    expect(orderEvents(seen)).toEqual([]);
    const types = (await w.store.listEvents({ orderId: order.id })).map((e) => e.type);
    expect(types.filter((t) => t === 'RECONCILE_NOT_FOUND')).toHaveLength(1);
  });

  it('when yesterday’s order was rejected by the broker then it is not looked at and the inquiry covers only today', async () => {
    // Arrange: a refused order has no broker number and is closed.
    const core = await w.readyCore();
    w.broker.placeScript = ['reject'];
    const { intent } = await core.approvals.propose(buy());
    await core.approvals.approve(intent.id, alice);
    const rejected = (await w.store.getOrderByIntent(intent.id))!;
    expect(rejected).toMatchObject({ status: 'REJECTED', brokerOrderId: null });
    w.clock.set(kstInstant('2026-11-24', 10, 0));
    w.broker.calls.length = 0;

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(w.broker.callsOf('listOrders').map((c) => c.args)).toEqual([['2026-11-24', '2026-11-24']]);
    expect(report).toMatchObject({ ok: true, stillUnknown: [], adopted: [], rejectedNotFound: [] });
    expect(await w.store.getOrder(rejected.id)).toMatchObject({ status: 'REJECTED', reconcileAttempts: 0 });
  });

  it('when open orders from yesterday and today are reconciled then the inquiry starts at the older one’s day', async () => {
    // Arrange
    const core = await w.readyCore();
    await acceptedOrder(core);
    w.clock.set(kstInstant('2026-11-24', 10, 0));
    await acceptedOrder(core, buy({ ticker: '114260', quantity: 1, limitPrice: 59_000 }));
    w.broker.calls.length = 0;

    // Act
    await core.reconciliation.reconcile();

    // Assert
    expect(w.broker.callsOf('listOrders').map((c) => c.args)).toEqual([['2026-11-23', '2026-11-24']]);
  });

  it('when reconciliation runs while an order’s POST is in flight then that order is left alone and the run is complete', async () => {
    // Arrange: the POST waits until the test lets it go.
    const core = await w.readyCore();
    const place = w.broker.placeOrder.bind(w.broker);
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    w.broker.placeOrder = async (request: PlaceOrderRequest) => {
      entered();
      await gate;
      return place(request);
    };
    const { intent } = await core.approvals.propose(buy());
    const sending = core.approvals.approve(intent.id, alice);
    await inside;
    const pending = (await w.store.getOrderByIntent(intent.id))!;
    expect(pending.status).toBe('PENDING_SUBMIT');
    expect(core.execution.isInFlight(pending.id)).toBe(true);

    // Act
    const report = await core.reconciliation.reconcile();
    release();
    await sending;

    // Assert
    expect(report).toMatchObject({ ok: true, stillUnknown: [], adopted: [], rejectedNotFound: [] });
    const order = (await w.store.getOrderByIntent(intent.id))!;
    expect(order).toMatchObject({ status: 'ACCEPTED', reconcileAttempts: 0, unknownReason: null });
    const types = (await w.store.listEvents({ orderId: order.id })).map((e) => e.type);
    expect(types).not.toContain('ORDER_UNKNOWN');
    expect(core.execution.isInFlight(order.id)).toBe(false);
  });

  it('when the service is built without an in-flight check then it still reconciles every open order', async () => {
    // Arrange
    const core = await w.readyCore();
    const order = await lostOrder(core, 'unknown-executed');
    const service = new ReconciliationService({
      broker: w.broker,
      store: w.store,
      clock: w.clock,
      calendar,
      tradingState: core.tradingState,
      alerts: core.alerts,
      events: core.events,
      commissionPpm: 140,
    });
    w.clock.advance(5_000);

    // Act
    const report = await service.reconcile();

    // Assert
    expect(report).toMatchObject({ ok: true, adopted: [order.id] });
  });

  it('when two orders are open and only the second filled at the broker then only the second is filled', async () => {
    // Arrange
    const core = await w.readyCore();
    const first = await acceptedOrder(core);
    const second = await acceptedOrder(core, buy({ ticker: '114260', quantity: 1, limitPrice: 59_000 }));
    w.broker.fill(second.brokerOrderId!, 1, 59_000, false);

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(report.updated).toEqual([second.id]);
    expect(await w.store.getOrder(first.id)).toMatchObject({ status: 'ACCEPTED', filledQuantity: 0 });
    expect(await w.store.getOrder(second.id)).toMatchObject({ status: 'FILLED', filledQuantity: 1 });
  });

  it('when an order with a lost cancel is missing from the inquiry then nothing is settled for it', async () => {
    // Arrange
    const core = await w.readyCore();
    const order = await acceptedOrder(core);
    await lostCancel(core, order.id);
    w.broker.brokerOrders.splice(0); // the inquiry does not show it (yet)
    w.clock.advance(35_000);

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(report.updated).toEqual([]);
    const types = (await w.store.listEvents({ orderId: order.id })).map((e) => e.type);
    expect(types).not.toContain('CANCEL_NOT_FOUND');
    expect(await alertRows('RECONCILIATION_MISMATCH')).toEqual([]);
  });

  it('when an order with a lost cancel filled completely at the broker then it is FILLED and no cancel is settled as not found', async () => {
    // Arrange
    const core = await w.readyCore();
    const order = await acceptedOrder(core);
    await lostCancel(core, order.id);
    w.broker.fill(order.brokerOrderId!, 3, 35_980, false);
    w.clock.advance(35_000);

    // Act
    await core.reconciliation.reconcile();

    // Assert
    expect((await w.store.getOrder(order.id))!.status).toBe('FILLED');
    const types = (await w.store.listEvents({ orderId: order.id })).map((e) => e.type);
    expect(types).not.toContain('CANCEL_NOT_FOUND');
    expect(await alertRows('RECONCILIATION_MISMATCH')).toEqual([]);
  });

  it('when a partly filled order’s lost cancel is exactly 30 s old then it is settled as not found with a warning naming the resting quantity', async () => {
    // Arrange: 1 of 3 filled and booked, then the cancel's answer is lost.
    const core = await w.readyCore();
    const order = await acceptedOrder(core);
    w.broker.fill(order.brokerOrderId!, 1, 35_980, false);
    await core.reconciliation.reconcile();
    expect((await w.store.getOrder(order.id))!.status).toBe('PARTIALLY_FILLED');
    const pending = await lostCancel(core, order.id);
    w.clock.advance(30_000);

    // Act
    await core.reconciliation.reconcile();

    // Assert
    expect((await w.store.listEvents({ orderId: order.id })).at(-1)).toMatchObject({
      type: 'CANCEL_NOT_FOUND',
      data: { waitedMs: 30_000 },
      actor: 'reconciliation',
    });
    expect(await alertRows('RECONCILIATION_MISMATCH')).toEqual([
      {
        kind: 'RECONCILIATION_MISMATCH',
        severity: 'warning',
        message:
          '주문 취소가 증권사에 반영되지 않았습니다 (069500 BUY 잔량 2주는 아직 대기 중). 필요하면 다시 취소하세요.',
        data: {
          orderId: order.id,
          en: 'The cancel did not reach KIS (069500 BUY: 2 still resting). Cancel again if needed.',
        },
        dedupe_key: `cancel-not-found:${order.id}:${pending.id}`,
      },
    ]);
  });

  it('when only the second of two resting orders has a lost cancel then only that one is settled as not found', async () => {
    // Arrange
    const core = await w.readyCore();
    const resting = await acceptedOrder(core, buy({ ticker: '114260', quantity: 1, limitPrice: 59_000 }));
    const cancelled = await acceptedOrder(core);
    await lostCancel(core, cancelled.id);
    w.clock.advance(30_000);

    // Act
    await core.reconciliation.reconcile();

    // Assert
    const typesOf = async (orderId: string) =>
      (await w.store.listEvents({ orderId })).map((e) => e.type).filter((t) => t === 'CANCEL_NOT_FOUND');
    expect(await typesOf(resting.id)).toEqual([]);
    expect(await typesOf(cancelled.id)).toEqual(['CANCEL_NOT_FOUND']);
    expect((await alertRows('RECONCILIATION_MISMATCH')).map((a) => a.data)).toEqual([
      expect.objectContaining({ orderId: cancelled.id }),
    ]);
  });

  it('when two broker orders match a lost one then the critical alert names both and trading is halted for that order', async () => {
    // Arrange
    const core = await w.readyCore();
    const order = await lostOrder(core, 'unknown-executed');
    w.broker.brokerOrders.push({ ...w.broker.brokerOrders[0]!, brokerOrderId: '0000000099' });

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(report).toMatchObject({ ok: false, ambiguous: [order.id] });
    expect(await core.tradingState.persisted()).toMatchObject({
      state: 'HALTED',
      reason: `reconciliation:ambiguous:${order.id}`,
      actor: 'breaker',
    });
    expect(await alertRows('RECONCILIATION_AMBIGUOUS')).toEqual([
      {
        kind: 'RECONCILIATION_AMBIGUOUS',
        severity: 'critical',
        message:
          '체결조회에서 주문 069500 BUY 3주와 일치하는 주문이 2건입니다. 거래를 중지(HALTED)했습니다. 확인 후 /resume 하세요.',
        data: {
          orderId: order.id,
          candidates: ['0000000001', '0000000099'],
          en: 'Order inquiry shows 2 matches for 069500 BUY 3; trading HALTED until a person resumes.',
        },
        dedupe_key: `ambiguous:${order.id}`,
      },
    ]);
  });

  it('when a partly filled order had its rest rejected and the session closes then it stays PARTIALLY_FILLED, not expired', async () => {
    // Arrange
    const core = await w.readyCore();
    const order = await acceptedOrder(core);
    w.broker.fill(order.brokerOrderId!, 2, 35_980, false);
    const row = w.broker.brokerOrders[0]!;
    row.rejectedQuantity = 1;
    row.remainingQuantity = 0;
    w.clock.set(kstInstant('2026-11-23', 15, 30));

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(report.updated).toEqual([order.id]);
    expect(await w.store.getOrder(order.id)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 2 });
  });

  it('when the broker shows an accepted order cancelled then it is CANCELLED and one order.updated event carries it', async () => {
    // Arrange
    const core = await w.readyCore();
    const order = await acceptedOrder(core);
    w.broker.brokerOrders[0]!.cancelled = true;
    const seen = listen(core);

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(report.updated).toEqual([order.id]);
    expect((await w.store.getOrder(order.id))!.status).toBe('CANCELLED');
    expect(orderEvents(seen)).toEqual([[order.id, 'CANCELLED', order.intentId]]);
  });

  it('when nothing changed for an open order then no order.updated event is emitted', async () => {
    const core = await w.readyCore();
    await acceptedOrder(core);
    const seen = listen(core);

    const report = await core.reconciliation.reconcile();

    expect(report.updated).toEqual([]);
    expect(orderEvents(seen)).toEqual([]);
  });

  it('when a person cancels the order while the inquiry is in flight then reconciliation reports no update of its own', async () => {
    // Arrange: the cancel is confirmed between our read of the open orders and the inquiry's answer.
    const core = await w.readyCore();
    const order = await acceptedOrder(core);
    const inquiry = w.broker.listOrders.bind(w.broker);
    w.broker.listOrders = async () => {
      w.broker.listOrders = inquiry;
      await core.cancels.cancel(order.id, alice);
      return inquiry();
    };
    const seen = listen(core);

    // Act
    const report = await core.reconciliation.reconcile();

    // Assert
    expect(report.updated).toEqual([]);
    expect(orderEvents(seen)).toEqual([[order.id, 'CANCELLED', order.intentId]]);
    const cancels = (await w.store.listEvents({ orderId: order.id })).filter(
      (e) => e.type === 'ORDER_CANCELLED',
    );
    expect(cancels.map((e) => e.actor)).toEqual(['alice']);
  });

  it('when our positions match the broker’s then no drift is reported and no alert is raised', async () => {
    // Arrange: a filled buy booked from the inquiry, the same quantity at the broker.
    const core = await w.readyCore();
    const order = await acceptedOrder(core);
    w.broker.fill(order.brokerOrderId!, 3, 35_980, false);

    // Act
    const booked = await core.reconciliation.reconcile();
    const again = await core.reconciliation.reconcile();

    // Assert
    expect(booked.positionDrift).toEqual([]);
    expect(again).toMatchObject({ ok: true, positionDrift: [] });
    expect(await alertRows('POSITION_DRIFT')).toEqual([]);
  });

  it('when positions drift after the book was synced then the alert’s dedupe key names the day and each ticker’s broker quantity', async () => {
    const core = await w.readyCore();
    w.broker.holdings.set('114260', { quantity: 2, purchaseAmount: 118_000 });
    w.broker.holdings.set('133690', { quantity: 1, purchaseAmount: 120_000 });

    await core.reconciliation.reconcile();

    expect((await alertRows('POSITION_DRIFT')).map((a) => a.dedupe_key)).toEqual([
      'drift:2026-11-23:114260:2,133690:1',
    ]);
  });
});
