/**
 * Reconciliation: our books against the broker's. UNKNOWN orders are matched to the broker's order inquiry
 * (one match → adopt its order number; none after several polls over ≥ 30 s → REJECTED; several → HALTED
 * and an alert). Open orders pick up fills, cancels and expiry. Positions that drifted are alerted and the
 * broker wins. Until the first complete run after start-up, trading stays HALTED.
 */
import type { Clock } from '../domain/clock';
import { kstDate, kstParts, type TradingCalendar } from '../domain/market';
import { feeFor } from '../domain/money';
import { OPEN_ORDER_STATUSES } from '../domain/order';
import type { Broker, BrokerOrder } from '../domain/ports';
import type { AlertService } from './alerts';
import type { DeskEvents } from './desk-events';
import { pendingCancel } from './execution';
import type { TradingStateService } from './trading-state';
import type { OrderRecord, TradingStore } from './trading-store';

export const MIN_NOT_FOUND_POLLS = 3;
export const MIN_NOT_FOUND_MS = 30_000;
/** How far apart our send time and the broker's order time may be for a match. */
const MATCH_WINDOW_BEFORE_MS = 2 * 60_000;
const MATCH_WINDOW_AFTER_MS = 10 * 60_000;

export interface ReconcileReport {
  ok: boolean;
  error?: string;
  adopted: string[];
  rejectedNotFound: string[];
  stillUnknown: string[];
  ambiguous: string[];
  updated: string[];
  positionDrift: { ticker: string; ours: number; broker: number }[];
}

export interface ReconcileDeps {
  broker: Broker;
  store: TradingStore;
  clock: Clock;
  calendar: TradingCalendar;
  tradingState: TradingStateService;
  alerts: AlertService;
  events: DeskEvents;
  commissionPpm: number;
  /** True for an order this process is sending right now (its answer is about to be stored). */
  isInFlight?: (orderId: string) => boolean;
}

const kstTimeMs = (date: string, hhmmss: string): number =>
  Date.parse(`${date}T${hhmmss.slice(0, 2)}:${hhmmss.slice(2, 4)}:${hhmmss.slice(4, 6)}+09:00`);

export class ReconciliationService {
  constructor(private readonly deps: ReconcileDeps) {}

  async reconcile(): Promise<ReconcileReport> {
    const report: ReconcileReport = {
      ok: false,
      adopted: [],
      rejectedNotFound: [],
      stillUnknown: [],
      ambiguous: [],
      updated: [],
      positionDrift: [],
    };
    const { store, broker, clock } = this.deps;
    const now = clock.now();
    const open = await store.listOrders({ statuses: OPEN_ORDER_STATUSES });
    const today = kstDate(now);
    const from = open.reduce((min, o) => (kstDate(o.createdAt) < min ? kstDate(o.createdAt) : min), today);

    let brokerOrders: BrokerOrder[];
    try {
      brokerOrders = await broker.listOrders(from, today);
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
      return report; // a failed or partial inquiry proves nothing: stay as we are (HALTED at start-up)
    }

    for (const order of open) {
      if (this.deps.isInFlight?.(order.id)) continue;
      if (order.brokerOrderId) {
        const match = brokerOrders.find((b) => b.brokerOrderId === order.brokerOrderId);
        if (match && (await this.syncWithBroker(order, match))) report.updated.push(order.id);
        if (match && !match.cancelled) await this.settleLostCancel(order.id, now);
        continue;
      }
      await this.resolveUnknown(order, brokerOrders, report);
    }

    const balanceOk = await this.reconcilePositions(report);
    report.ok = balanceOk && report.stillUnknown.length === 0 && report.ambiguous.length === 0;
    if (report.ok) this.deps.tradingState.markReconciled();
    return report;
  }

  private async resolveUnknown(
    order: OrderRecord,
    brokerOrders: BrokerOrder[],
    report: ReconcileReport,
  ): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const sentAt = (order.submittedAt ?? order.createdAt).getTime();
    const candidates: BrokerOrder[] = [];
    for (const b of brokerOrders) {
      if (b.ticker !== order.ticker || b.side !== order.side || b.quantity !== order.quantity) continue;
      if (order.orderType === 'LIMIT' && b.price !== order.limitPrice) continue;
      const t = kstTimeMs(b.date, b.time);
      if (t < sentAt - MATCH_WINDOW_BEFORE_MS || t > sentAt + MATCH_WINDOW_AFTER_MS) continue;
      if (await store.findOrderByBrokerId(order.environment, b.brokerOrderId)) continue; // already someone else's
      candidates.push(b);
    }
    if (candidates.length === 1) {
      const match = candidates[0]!;
      const adopted = await store.updateOrder(
        order.id,
        ['UNKNOWN', 'PENDING_SUBMIT'],
        {
          status: 'ACCEPTED',
          brokerOrderId: match.brokerOrderId,
          brokerOrgNo: match.orgNo,
          lastReconciledAt: now,
          reconcileAttempts: order.reconcileAttempts + 1,
        },
        {
          type: 'RECONCILE_ADOPTED',
          data: { brokerOrderId: match.brokerOrderId, brokerTime: match.time },
          actor: 'reconciliation',
          at: now,
        },
      );
      if (adopted) {
        report.adopted.push(order.id);
        await this.syncWithBroker(adopted, match);
        await this.emit(order.id);
      }
      return;
    }
    if (candidates.length > 1) {
      report.ambiguous.push(order.id);
      await this.deps.tradingState.trip('HALTED', `reconciliation:ambiguous:${order.id}`);
      await this.deps.alerts.raise({
        kind: 'RECONCILIATION_AMBIGUOUS',
        severity: 'critical',
        message: `체결조회에서 주문 ${order.ticker} ${order.side} ${order.quantity}주와 일치하는 주문이 ${candidates.length}건입니다. 거래를 중지(HALTED)했습니다. 확인 후 /resume 하세요.`,
        data: {
          orderId: order.id,
          candidates: candidates.map((c) => c.brokerOrderId),
          en: `Order inquiry shows ${candidates.length} matches for ${order.ticker} ${order.side} ${order.quantity}; trading HALTED until a person resumes.`,
        },
        dedupeKey: `ambiguous:${order.id}`,
      });
      return;
    }
    const attempts = order.reconcileAttempts + 1;
    const waited = now.getTime() - sentAt;
    if (attempts > MIN_NOT_FOUND_POLLS && waited >= MIN_NOT_FOUND_MS) {
      const rejected = await store.updateOrder(
        order.id,
        ['UNKNOWN', 'PENDING_SUBMIT'],
        {
          status: 'REJECTED',
          rejectCode: 'NOT_FOUND_AT_BROKER',
          rejectMessage: `not in the broker's order inquiry after ${attempts - 1} polls over ${Math.round(waited / 1000)} s`,
          reconcileAttempts: attempts,
          lastReconciledAt: now,
        },
        {
          type: 'RECONCILE_NOT_FOUND',
          data: { polls: attempts - 1, waitedMs: waited },
          actor: 'reconciliation',
          at: now,
        },
      );
      if (rejected) {
        report.rejectedNotFound.push(order.id);
        await this.emit(order.id);
      }
      return;
    }
    await store.updateOrder(
      order.id,
      ['UNKNOWN', 'PENDING_SUBMIT'],
      {
        status: 'UNKNOWN',
        reconcileAttempts: attempts,
        lastReconciledAt: now,
        ...(order.status === 'PENDING_SUBMIT' ? { unknownReason: 'PENDING_AT_RESTART' } : {}),
      },
      order.status === 'PENDING_SUBMIT'
        ? { type: 'ORDER_UNKNOWN', data: { reason: 'PENDING_AT_RESTART' }, actor: 'reconciliation', at: now }
        : null,
    );
    report.stillUnknown.push(order.id);
  }

  /** Brings one of our orders in line with the broker's view. Returns whether anything changed. */
  private async syncWithBroker(order: OrderRecord, b: BrokerOrder): Promise<boolean> {
    const { store, clock } = this.deps;
    const now = clock.now();
    let changed = false;
    let current = order;
    if (b.filledQuantity > current.filledQuantity) {
      const quantity = b.filledQuantity - current.filledQuantity;
      const amount = b.filledAmount - current.filledAmount;
      const { order: after } = await store.recordFill({
        orderId: current.id,
        quantity,
        price: Math.round(amount / quantity),
        amount,
        fee: feeFor(amount, this.deps.commissionPpm),
        tax: 0,
        source: 'inquiry',
        filledAt: now,
        // A notice booked since `order` was read is not booked again (the store reads under the lock).
        brokerTotal: {
          quantity: b.filledQuantity,
          amount: b.filledAmount,
          commissionPpm: this.deps.commissionPpm,
        },
      });
      current = after;
      changed = true;
    }
    if (current.status === 'FILLED') {
      // The last fill came from the inquiry (the notice was missed): the card is told, like any other change.
      if (changed) await this.emit(current.id);
      return changed;
    }
    const sessionOver =
      b.date < kstDate(now) ||
      kstParts(now).minuteOfDay >= 15 * 60 + 30 ||
      !this.deps.calendar.isTradingDay(kstDate(now));
    let next: { status: OrderRecord['status']; type: string } | null = null;
    if (b.cancelled) next = { status: 'CANCELLED', type: 'ORDER_CANCELLED' };
    else if (b.rejectedQuantity > 0 && b.filledQuantity === 0)
      next = { status: 'REJECTED', type: 'ORDER_REJECTED' };
    else if (sessionOver && b.remainingQuantity > 0 && current.filledQuantity < current.quantity)
      next = { status: 'EXPIRED', type: 'ORDER_EXPIRED' };
    if (next) {
      const updated = await store.updateOrder(
        current.id,
        ['ACCEPTED', 'PARTIALLY_FILLED', 'UNKNOWN'],
        { status: next.status, lastReconciledAt: now },
        {
          type: next.type,
          data: { source: 'inquiry', remaining: b.remainingQuantity },
          actor: 'reconciliation',
          at: now,
        },
      );
      if (updated) changed = true;
    }
    if (changed) await this.emit(current.id);
    return changed;
  }

  /**
   * A cancel whose answer was lost is settled like an order: KIS's inquiry showing the order cancelled makes it
   * CANCELLED (syncWithBroker); still open there after MIN_NOT_FOUND_MS means the cancel never took effect, and
   * a person may cancel again (nothing is re-sent on its own).
   */
  private async settleLostCancel(orderId: string, now: Date): Promise<void> {
    const { store } = this.deps;
    const order = await store.getOrder(orderId);
    if (!order || (order.status !== 'ACCEPTED' && order.status !== 'PARTIALLY_FILLED')) return;
    const pending = pendingCancel(await store.listEvents({ orderId }));
    if (!pending || now.getTime() - pending.at.getTime() < MIN_NOT_FOUND_MS) return;
    await store.appendEvent({
      orderId,
      intentId: order.intentId,
      type: 'CANCEL_NOT_FOUND',
      data: { waitedMs: now.getTime() - pending.at.getTime() },
      actor: 'reconciliation',
      at: now,
    });
    await this.deps.alerts.raise({
      kind: 'RECONCILIATION_MISMATCH',
      severity: 'warning',
      message: `주문 취소가 증권사에 반영되지 않았습니다 (${order.ticker} ${order.side} 잔량 ${order.quantity - order.filledQuantity}주는 아직 대기 중). 필요하면 다시 취소하세요.`,
      data: {
        orderId,
        en: `The cancel did not reach KIS (${order.ticker} ${order.side}: ${order.quantity - order.filledQuantity} still resting). Cancel again if needed.`,
      },
      dedupeKey: `cancel-not-found:${orderId}:${pending.id}`,
    });
  }

  private async reconcilePositions(report: ReconcileReport): Promise<boolean> {
    const { store, broker, clock } = this.deps;
    let balance;
    try {
      balance = await broker.getBalance();
    } catch {
      return false;
    }
    const ours = new Map((await store.getPositions()).map((p) => [p.ticker, p]));
    const theirs = new Map(balance.positions.map((p) => [p.ticker, p]));
    for (const ticker of new Set([...ours.keys(), ...theirs.keys()])) {
      const a = ours.get(ticker)?.quantity ?? 0;
      const b = theirs.get(ticker)?.quantity ?? 0;
      if (a !== b) report.positionDrift.push({ ticker, ours: a, broker: b });
    }
    const book = await store.getBook();
    const now = clock.now();
    if (report.positionDrift.length > 0 && book?.syncedAt) {
      await this.deps.alerts.raise({
        kind: 'POSITION_DRIFT',
        severity: 'warning',
        message: `보유 수량이 증권사 잔고와 달라 증권사 기준으로 맞췄습니다: ${report.positionDrift.map((d) => `${d.ticker} ${d.ours}→${d.broker}`).join(', ')}`,
        data: {
          drift: report.positionDrift,
          en: `Positions differed from the broker's balance and were replaced by it: ${report.positionDrift.map((d) => `${d.ticker} ${d.ours}→${d.broker}`).join(', ')}`,
        },
        dedupeKey: `drift:${kstDate(now)}:${report.positionDrift.map((d) => `${d.ticker}:${d.broker}`).join(',')}`,
      });
    }
    const ourCash = book?.cash ?? null;
    if (report.positionDrift.length === 0 && ourCash === balance.cashD2 && book?.syncedAt) return true;
    await store.replaceBook(
      {
        cash: balance.cashD2,
        positions: balance.positions.map((p) => ({
          ticker: p.ticker,
          quantity: p.quantity,
          costBasis: p.purchaseAmount,
        })),
      },
      {
        type: report.positionDrift.length > 0 ? 'BOOK_DRIFT_CORRECTED' : 'BOOK_SYNCED',
        data: { drift: report.positionDrift, cash: balance.cashD2 },
        actor: 'reconciliation',
        at: now,
      },
    );
    return true;
  }

  private async emit(orderId: string): Promise<void> {
    const order = await this.deps.store.getOrder(orderId);
    if (order)
      await this.deps.events.emit({
        type: 'order.updated',
        order,
        intent: await this.deps.store.getIntent(order.intentId),
      });
  }
}
