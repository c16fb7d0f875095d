/**
 * ExecutionService: the only caller of Broker.placeOrder and Broker.cancelOrder. An approved intent is
 * re-checked by the guard with fresh data, written as a PENDING_SUBMIT order row, then sent with ONE POST.
 * A lost answer is UNKNOWN and stays so until reconciliation resolves it — never re-sent.
 */
import type { Clock } from '../domain/clock';
import { kstInstant, kstDate, type TradingCalendar } from '../domain/market';
import type { Broker, PlaceOrderResult } from '../domain/ports';
import { blackoutDeferral, checkOrder, type GuardVerdict, type NewOrder } from '../domain/risk';
import { tightenLimitTowardQuote } from '../domain/order';
import type { AccountData } from './account-data';
import type { BlackoutService } from './blackouts';
import type { AlertService } from './alerts';
import type { DeskEvents } from './desk-events';
import type { ExecutionOutcome } from './execution-outcome';
import { SerialQueue } from './serial';
import type { TradingStateService } from './trading-state';
import type {
  AuditEventRecord,
  IntentRecord,
  OrderRecord,
  PrecheckSnapshot,
  TradingStore,
} from './trading-store';

/** A market order whose price moved more than this since the card was shown needs a new approval. */
export const MATERIAL_PRICE_MOVE_BP = 200;

export type { ExecutionOutcome };

/** What became of a cancel: `cancelled` only when KIS confirmed it. */
export type CancelOutcome =
  | { status: 'cancelled'; order: OrderRecord }
  | { status: 'rejected'; order: OrderRecord; code: string; message: string }
  /** Sent, answer lost: the order stays open until reconciliation reads KIS's order inquiry. */
  | { status: 'unknown'; order: OrderRecord }
  /** An earlier cancel's outcome is still unknown: nothing is sent again until reconciliation settles it. */
  | { status: 'pending'; order: OrderRecord }
  | { status: 'not-open'; order: OrderRecord }
  | { status: 'blackout'; order: OrderRecord }
  | { status: 'not-found' };

/** An order KIS holds open with a number we can cancel by. */
export function isCancellable(order: OrderRecord): boolean {
  return (
    (order.status === 'ACCEPTED' || order.status === 'PARTIALLY_FILLED') &&
    order.brokerOrderId !== null &&
    order.brokerOrgNo !== null
  );
}

/**
 * The event of a cancel whose outcome nobody has settled yet (its answer was lost, or the process stopped
 * while sending it), or null.
 */
export function pendingCancel(events: readonly AuditEventRecord[]): AuditEventRecord | null {
  const last = [...events].reverse().find((e) => CANCEL_EVENTS.has(e.type));
  return last?.type === 'CANCEL_UNKNOWN' || last?.type === 'CANCEL_REQUESTED' ? last : null;
}

const CANCEL_EVENTS = new Set(['CANCEL_REQUESTED', 'CANCEL_UNKNOWN', 'CANCEL_REJECTED', 'CANCEL_NOT_FOUND']);

export interface ExecutionDeps {
  broker: Broker;
  store: TradingStore;
  clock: Clock;
  calendar: TradingCalendar;
  accountData: AccountData;
  tradingState: TradingStateService;
  alerts: AlertService;
  events: DeskEvents;
  intentTtlMs: number;
  commissionPpm: number;
  /** KIS maintenance windows; absent: none. */
  blackouts?: Pick<BlackoutService, 'active'>;
  /** A blackout-deferred order whose price moved more than this asks for a new approval. Default 300. */
  blackoutMaxDriftBp?: number;
  /** How many approved orders may wait at once. Default 20. */
  maxDeferred?: number;
}

export function precheckFrom(
  verdict: GuardVerdict,
  referencePrice: number | null,
  quantity: number,
  at: Date,
  quotePrice: number | null = null,
): PrecheckSnapshot {
  return {
    outcome: verdict.outcome,
    ...(verdict.outcome !== 'ALLOW' ? { code: verdict.code } : {}),
    checks: [...verdict.checks],
    referencePrice,
    estimatedValue: referencePrice === null ? null : referencePrice * quantity,
    ...(verdict.outcome === 'DEFER'
      ? { deferUntil: verdict.deferUntil.toISOString(), waitingFor: [...verdict.waitingFor] }
      : {}),
    ...(verdict.breaker ? { breaker: verdict.breaker } : {}),
    checkedAt: at.toISOString(),
    quotePrice,
  };
}

/**
 * A deferred approval is good until the end of the first session that opens at or after `until`, never longer:
 * KRX's 15:30 close on that trading day.
 */
export function deferralExpiry(until: Date, calendar: TradingCalendar): Date {
  const date = kstDate(until);
  const close = kstInstant(date, 15, 30);
  if (calendar.isTradingDay(date) && until.getTime() < close.getTime()) return close;
  return kstInstant(calendar.nextTradingDay(date), 15, 30);
}

/** Carries the blackout marks of an earlier check into a new one (they last until the order is sent). */
function withBlackoutMarks(precheck: PrecheckSnapshot, earlier: PrecheckSnapshot): PrecheckSnapshot {
  const waited = earlier.blackoutDeferred === true || (precheck.waitingFor ?? []).includes('BLACKOUT');
  if (!waited) return precheck;
  const approvedQuote =
    earlier.approvedQuote ?? earlier.quotePrice ?? precheck.quotePrice ?? earlier.referencePrice ?? null;
  return { ...precheck, blackoutDeferred: true, approvedQuote };
}

export function newOrderOf(
  intent: Pick<IntentRecord, 'ticker' | 'side' | 'quantity' | 'orderType' | 'limitPrice'>,
): NewOrder {
  return {
    kind: 'NEW',
    ticker: intent.ticker,
    side: intent.side,
    quantity: intent.quantity,
    orderType: intent.orderType,
    ...(intent.orderType === 'LIMIT' && intent.limitPrice !== null ? { limitPrice: intent.limitPrice } : {}),
  };
}

export class ExecutionService {
  private readonly queue = new SerialQueue();
  /** Orders whose POST this process is making right now: reconciliation leaves them alone. */
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: ExecutionDeps) {}

  /** Runs the guard on an APPROVED intent and, if it allows, sends the order. Serialised per account. */
  execute(intentId: string): Promise<ExecutionOutcome> {
    return this.queue.run(() => this.executeNow(intentId));
  }

  private async executeNow(intentId: string): Promise<ExecutionOutcome> {
    const { store, clock } = this.deps;
    const intent = await store.getIntent(intentId);
    if (!intent || intent.status !== 'APPROVED') return { status: 'not-approved', intent };

    // In a KIS maintenance window nothing is read or sent: the order waits for the window to end.
    const blackout = this.deps.blackouts?.active(clock.now()) ?? null;
    if (blackout !== null) {
      const verdict = blackoutDeferral(blackout, intent.precheck.checks, await this.deferredQueue());
      const now = clock.now();
      const precheck = withBlackoutMarks(
        {
          ...precheckFrom(verdict, intent.precheck.referencePrice, intent.quantity, now),
          quotePrice: intent.precheck.quotePrice ?? null,
        },
        intent.precheck,
      );
      return verdict.outcome === 'DEFER'
        ? this.defer(intent, verdict, precheck, now)
        : this.deny(intent, verdict, precheck, now);
    }

    const state = await this.deps.tradingState.effective();
    const quote = await this.deps.accountData.quote(intent.ticker);
    const limitPrice = this.limitFor(intent, quote?.price ?? null);
    const input = await this.deps.accountData.guardInput(
      newOrderOf({ ...intent, limitPrice }),
      state.state,
      quote,
    );
    const verdict = checkOrder(input);
    const now = clock.now();
    const referencePrice = intent.orderType === 'LIMIT' ? limitPrice : (input.quote?.price ?? null);
    const precheck = withBlackoutMarks(
      precheckFrom(verdict, referencePrice, intent.quantity, now, input.quote?.price ?? null),
      intent.precheck,
    );
    await this.applyBreaker(verdict);

    if (verdict.outcome === 'DENY') return this.deny(intent, verdict, precheck, now);
    if (verdict.outcome === 'DEFER') return this.defer(intent, verdict, precheck, now);

    const moved =
      this.materialMove(intent, input.quote?.price ?? null) ??
      this.blackoutDrift(precheck, input.quote?.price ?? null);
    if (moved) return this.supersede(intent, precheck, moved, now);

    await store.appendEvent({
      intentId: intent.id,
      type: 'GUARD_ALLOWED',
      data: { checks: verdict.checks.length },
      actor: 'risk-guard',
      at: now,
    });
    if (limitPrice !== intent.limitPrice) {
      await store.appendEvent({
        intentId: intent.id,
        type: 'LIMIT_TIGHTENED',
        data: { from: intent.limitPrice, to: limitPrice, quote: input.quote?.price ?? null },
        actor: 'execution',
        at: now,
      });
    }
    const order = await store.createOrderForIntent(intent, now, limitPrice);
    this.inFlight.add(order.id);
    let settled: OrderRecord;
    let result: PlaceOrderResult;
    try {
      result = await this.send(order);
      settled = await this.settleSendResult(order, result);
    } finally {
      this.inFlight.delete(order.id);
    }
    const finalIntent = (await store.getIntent(intent.id)) ?? intent;
    await this.deps.events.emit({ type: 'order.updated', order: settled, intent: finalIntent });
    return { status: 'submitted', order: settled, result };
  }

  private async deferredQueue(): Promise<{ size: number; max: number }> {
    const waiting = await this.deps.store.listIntents({ statuses: ['DEFERRED'] });
    return { size: waiting.length, max: this.deps.maxDeferred ?? 20 };
  }

  private async deny(
    intent: IntentRecord,
    verdict: Extract<GuardVerdict, { outcome: 'DENY' }>,
    precheck: PrecheckSnapshot,
    now: Date,
  ): Promise<ExecutionOutcome> {
    const denied = await this.deps.store.transitionIntent(
      intent.id,
      ['APPROVED'],
      'DENIED',
      { precheck },
      { type: 'GUARD_DENIED', data: { code: verdict.code }, actor: 'risk-guard', at: now },
    );
    const result = denied ?? intent;
    await this.deps.events.emit({ type: 'intent.updated', intent: result });
    return { status: 'denied', intent: result, verdict };
  }

  private async defer(
    intent: IntentRecord,
    verdict: Extract<GuardVerdict, { outcome: 'DEFER' }>,
    precheck: PrecheckSnapshot,
    now: Date,
  ): Promise<ExecutionOutcome> {
    const until = verdict.deferUntil;
    const deferred = await this.deps.store.transitionIntent(
      intent.id,
      ['APPROVED'],
      'DEFERRED',
      { precheck, expiresAt: deferralExpiry(until, this.deps.calendar) },
      {
        type: 'GUARD_DEFERRED',
        data: { reason: verdict.reason, waitingFor: verdict.waitingFor, until: until.toISOString() },
        actor: 'risk-guard',
        at: now,
      },
    );
    const result = deferred ?? intent;
    await this.deps.events.emit({ type: 'intent.updated', intent: result });
    return { status: 'deferred', intent: result, until };
  }

  /** The numbers changed materially since the approval: a new intent asks for a new approval. */
  private async supersede(
    intent: IntentRecord,
    precheck: PrecheckSnapshot,
    reason: string,
    now: Date,
  ): Promise<ExecutionOutcome> {
    const { store } = this.deps;
    const superseded = await store.transitionIntent(
      intent.id,
      ['APPROVED'],
      'SUPERSEDED',
      { precheck },
      { type: 'INTENT_SUPERSEDED', data: { reason }, actor: 'risk-guard', at: now },
    );
    const { blackoutDeferred: _waited, approvedQuote: _approvedAt, ...fresh } = precheck;
    const { intent: replacement } = await store.insertIntent(
      {
        source: intent.source,
        proposer: intent.proposer,
        sessionId: intent.sessionId,
        dailyRunId: intent.dailyRunId,
        idempotencyKey: intent.idempotencyKey ? `${intent.idempotencyKey}:re:${intent.id.slice(0, 8)}` : null,
        ticker: intent.ticker,
        side: intent.side,
        quantity: intent.quantity,
        orderType: intent.orderType,
        limitPrice: intent.limitPrice,
        rationale: intent.rationale,
        precheck: fresh,
        status: 'AWAITING_APPROVAL',
        environment: intent.environment,
        expiresAt: new Date(now.getTime() + this.deps.intentTtlMs),
      },
      now,
    );
    await this.deps.events.emit({ type: 'intent.updated', intent: superseded ?? intent, note: reason });
    await this.deps.events.emit({ type: 'intent.updated', intent: replacement });
    return { status: 'needs-reapproval', intent: superseded ?? intent, replacement, reason };
  }

  /** A blackout-deferred order whose price moved beyond BLACKOUT_MAX_DRIFT_BP is not sent on the old approval. */
  private blackoutDrift(precheck: PrecheckSnapshot, freshPrice: number | null): string | null {
    const approved = precheck.approvedQuote ?? null;
    if (!precheck.blackoutDeferred || approved === null || approved <= 0 || freshPrice === null) return null;
    const maxBp = this.deps.blackoutMaxDriftBp ?? 300;
    if (Math.abs(freshPrice - approved) * 10_000 <= maxBp * approved) return null;
    return `BLACKOUT_DRIFT:${approved}->${freshPrice}`;
  }

  /**
   * A cycle leg's limit was set off the previous close; if the open moved it beyond the allowed distance on the
   * aggressive side, it is tightened toward the live quote (never loosened). A person's limit is left alone:
   * the guard explains why it is too far.
   */
  private limitFor(intent: IntentRecord, quotePrice: number | null): number | null {
    if (
      intent.orderType !== 'LIMIT' ||
      intent.limitPrice === null ||
      intent.source !== 'cycle' ||
      quotePrice === null
    )
      return intent.limitPrice;
    return tightenLimitTowardQuote(
      intent.side,
      intent.limitPrice,
      quotePrice,
      this.deps.accountData.limits.maxQuoteDistanceBp,
    );
  }

  private materialMove(intent: IntentRecord, freshPrice: number | null): string | null {
    const shown = intent.precheck.referencePrice;
    if (intent.orderType !== 'MARKET' || shown === null || freshPrice === null || shown <= 0) return null;
    const moveBp = Math.abs(freshPrice - shown) * 10_000;
    if (moveBp <= MATERIAL_PRICE_MOVE_BP * shown) return null;
    return `PRICE_MOVED:${shown}->${freshPrice}`;
  }

  private async send(order: OrderRecord): Promise<PlaceOrderResult> {
    try {
      return await this.deps.broker.placeOrder({
        ticker: order.ticker,
        side: order.side,
        quantity: order.quantity,
        orderType: order.orderType,
        ...(order.orderType === 'LIMIT' && order.limitPrice !== null ? { limitPrice: order.limitPrice } : {}),
      });
    } catch (error) {
      // The adapter maps every outcome; an exception here means we cannot tell whether it left the process.
      return {
        status: 'unknown',
        reason: 'EXCEPTION',
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }

  private async settleSendResult(order: OrderRecord, result: PlaceOrderResult): Promise<OrderRecord> {
    const { store, clock } = this.deps;
    const at = clock.now();
    let updated: OrderRecord | null = null;
    if (result.status === 'accepted') {
      updated = await store.updateOrder(
        order.id,
        ['PENDING_SUBMIT'],
        {
          status: 'ACCEPTED',
          brokerOrderId: result.brokerOrderId,
          brokerOrgNo: result.orgNo,
          submittedAt: order.createdAt,
        },
        {
          type: 'ORDER_ACCEPTED',
          data: { brokerOrderId: result.brokerOrderId, orderTime: result.orderTime },
          actor: 'broker',
          at,
        },
      );
    } else if (result.status === 'rejected') {
      updated = await store.updateOrder(
        order.id,
        ['PENDING_SUBMIT'],
        {
          status: 'REJECTED',
          rejectCode: result.code,
          rejectMessage: result.message,
          submittedAt: order.createdAt,
        },
        { type: 'ORDER_REJECTED', data: { code: result.code, message: result.message }, actor: 'broker', at },
      );
    } else {
      updated = await store.updateOrder(
        order.id,
        ['PENDING_SUBMIT'],
        { status: 'UNKNOWN', unknownReason: result.reason, submittedAt: order.createdAt },
        { type: 'ORDER_UNKNOWN', data: { reason: result.reason }, actor: 'broker', at },
      );
      await this.deps.alerts.raise({
        kind: 'ORDER_UNKNOWN',
        severity: 'warning',
        message: `주문 결과를 알 수 없습니다 (${order.ticker} ${order.side} ${order.quantity}주). 재전송하지 않고 체결조회로 확인합니다.`,
        data: {
          orderId: order.id,
          reason: result.reason,
          en: `Order outcome unknown (${order.ticker} ${order.side} ${order.quantity}); it will be resolved by order inquiry, never re-sent.`,
        },
        dedupeKey: `unknown:${order.id}`,
      });
    }
    return updated ?? (await store.getOrder(order.id)) ?? order;
  }

  /** A verdict that found a breaker condition moves the desk to REDUCING (once) and alerts. */
  async applyBreaker(verdict: GuardVerdict): Promise<void> {
    if (!verdict.breaker) return;
    const change = await this.deps.tradingState.trip(
      'REDUCING',
      verdict.breaker === 'DAILY_LOSS' ? 'breaker:daily-loss' : 'breaker:nav-floor',
    );
    if (!change) return;
    const today = kstDate(this.deps.clock.now());
    await this.deps.alerts.raise({
      kind: verdict.breaker === 'DAILY_LOSS' ? 'DAILY_LOSS_BREAKER' : 'NAV_FLOOR',
      severity: 'critical',
      message:
        verdict.breaker === 'DAILY_LOSS'
          ? '일일 손실 한도에 도달해 신규 매수를 막았습니다 (REDUCING). 사람이 /resume 해야 풀립니다.'
          : '순자산이 하한 아래로 내려가 신규 매수를 막았습니다 (REDUCING). 사람이 /resume 해야 풀립니다.',
      data: {
        en:
          verdict.breaker === 'DAILY_LOSS'
            ? 'Daily loss limit reached: new buys are blocked (REDUCING) until a person resumes.'
            : 'NAV below the floor: new buys are blocked (REDUCING) until a person resumes.',
      },
      dedupeKey: `breaker:${verdict.breaker}:${today}`,
    });
  }

  /**
   * Cancels the remaining quantity of an open order with one revise-cancel POST (passes in every trading state).
   * The order is CANCELLED only when KIS confirms; a lost answer leaves it open with the cancel pending, and
   * reconciliation settles it from KIS's order inquiry — the cancel is never re-sent on its own.
   */
  async cancel(orderId: string, actor: string): Promise<CancelOutcome> {
    return this.queue.run(() => this.cancelNow(orderId, actor));
  }

  private async cancelNow(orderId: string, actor: string): Promise<CancelOutcome> {
    const { store, clock } = this.deps;
    const order = await store.getOrder(orderId);
    if (!order) return { status: 'not-found' };
    // A cancel is an order POST too: KIS does not take it during maintenance.
    if (this.deps.blackouts?.active(clock.now())) return { status: 'blackout', order };
    if (!isCancellable(order)) return { status: 'not-open', order };
    if (pendingCancel(await store.listEvents({ orderId })) !== null) return { status: 'pending', order };
    await store.appendEvent({
      orderId,
      intentId: order.intentId,
      type: 'CANCEL_REQUESTED',
      actor,
      at: clock.now(),
    });
    let result: PlaceOrderResult;
    try {
      result = await this.deps.broker.cancelOrder({
        brokerOrderId: order.brokerOrderId!,
        orgNo: order.brokerOrgNo!,
      });
    } catch (error) {
      result = {
        status: 'unknown',
        reason: 'EXCEPTION',
        message: error instanceof Error ? error.message : String(error),
      };
    }
    const at = clock.now();
    if (result.status !== 'accepted') {
      await store.appendEvent({
        orderId,
        intentId: order.intentId,
        type: result.status === 'rejected' ? 'CANCEL_REJECTED' : 'CANCEL_UNKNOWN',
        data: { ...result },
        actor: 'broker',
        at,
      });
      if (result.status === 'rejected')
        return { status: 'rejected', order, code: result.code, message: result.message };
      await this.deps.alerts.raise({
        kind: 'ORDER_UNKNOWN',
        severity: 'warning',
        message: `주문 취소 결과를 알 수 없습니다 (${order.ticker} ${order.side} ${order.quantity}주). 재전송하지 않고 체결조회로 확인합니다.`,
        data: {
          orderId,
          reason: result.reason,
          en: `Cancel outcome unknown (${order.ticker} ${order.side} ${order.quantity}); it will be resolved by order inquiry, never re-sent.`,
        },
        dedupeKey: `cancel-unknown:${orderId}:${at.toISOString()}`,
      });
      return { status: 'unknown', order };
    }
    const cancelled = await store.updateOrder(
      orderId,
      ['ACCEPTED', 'PARTIALLY_FILLED'],
      { status: 'CANCELLED' },
      {
        type: 'ORDER_CANCELLED',
        data: { source: 'cancel', cancelOrderId: result.brokerOrderId, message: result.message },
        actor,
        at,
      },
    );
    const current = cancelled ?? (await store.getOrder(orderId)) ?? order;
    if (!cancelled) return { status: 'not-open', order: current };
    await this.deps.events.emit({
      type: 'order.updated',
      order: cancelled,
      intent: await store.getIntent(cancelled.intentId),
    });
    return { status: 'cancelled', order: cancelled };
  }

  isInFlight(orderId: string): boolean {
    return this.inFlight.has(orderId);
  }
}
