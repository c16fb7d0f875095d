/**
 * Applies execution notices from the broker's stream. A notice can arrive before the POST's answer has been
 * stored (the order has no broker id yet): such notices wait briefly and are applied when the id is known;
 * anything still unmatched is picked up by reconciliation from the order inquiry.
 */
import type { Clock } from '../domain/clock';
import { feeFor } from '../domain/money';
import type { FillNotice } from '../domain/ports';
import type { DeskEvents } from './desk-events';
import type { OrderRecord, TradingStore } from './trading-store';

const PENDING_NOTICE_TTL_MS = 120_000;

export interface FillServiceDeps {
  store: TradingStore;
  clock: Clock;
  events: DeskEvents;
  environment: string;
  commissionPpm: number;
  onError?: (error: unknown, notice: FillNotice) => void;
}

export class FillService {
  private readonly pending: { notice: FillNotice; receivedAt: number }[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: FillServiceDeps) {}

  /** Entry point for the broker's fill stream. Notices are processed one at a time, in arrival order. */
  onNotice(notice: FillNotice): Promise<void> {
    const next = this.chain
      .then(() => this.process(notice))
      .catch((error) => this.deps.onError?.(error, notice));
    this.chain = next;
    return next;
  }

  /** Retries notices that arrived before their order's broker id was stored. */
  retryPending(): Promise<void> {
    const waiting = this.pending.splice(0);
    const now = this.deps.clock.now().getTime();
    return waiting
      .filter((p) => now - p.receivedAt < PENDING_NOTICE_TTL_MS)
      .reduce((chain, p) => chain.then(() => this.onNotice(p.notice)), Promise.resolve());
  }

  pendingCount(): number {
    return this.pending.length;
  }

  private async process(notice: FillNotice): Promise<void> {
    const { store } = this.deps;
    const order = await store.findOrderByBrokerId(this.deps.environment, notice.brokerOrderId);
    if (!order) {
      this.pending.push({ notice, receivedAt: this.deps.clock.now().getTime() });
      return;
    }
    if (notice.kind === 'fill') return this.applyFill(order, notice);
    const at = this.deps.clock.now();
    if (notice.kind === 'rejected') {
      const updated = await store.updateOrder(
        order.id,
        ['ACCEPTED', 'UNKNOWN', 'PENDING_SUBMIT'],
        {
          status: 'REJECTED',
          rejectCode: 'EXCHANGE_REJECTED',
          rejectMessage: 'rejected by the exchange (notice)',
        },
        { type: 'ORDER_REJECTED', data: { source: 'websocket' }, actor: 'websocket', at },
      );
      if (updated)
        await this.deps.events.emit({
          type: 'order.updated',
          order: updated,
          intent: await store.getIntent(updated.intentId),
        });
    } else if (notice.kind === 'cancelled') {
      const updated = await store.updateOrder(
        order.id,
        ['ACCEPTED', 'PARTIALLY_FILLED'],
        { status: 'CANCELLED' },
        { type: 'ORDER_CANCELLED', data: { source: 'websocket' }, actor: 'websocket', at },
      );
      if (updated)
        await this.deps.events.emit({
          type: 'order.updated',
          order: updated,
          intent: await store.getIntent(updated.intentId),
        });
    }
  }

  private async applyFill(order: OrderRecord, notice: FillNotice): Promise<void> {
    const amount = notice.quantity * notice.price;
    const { applied, order: updated } = await this.deps.store.recordFill({
      orderId: order.id,
      quantity: notice.quantity,
      price: notice.price,
      amount,
      fee: feeFor(amount, this.deps.commissionPpm),
      tax: 0, // KRX ETFs carry no securities transaction tax on sale
      source: 'websocket',
      filledAt: this.deps.clock.now(),
    });
    if (applied) {
      await this.deps.events.emit({
        type: 'order.updated',
        order: updated,
        intent: await this.deps.store.getIntent(updated.intentId),
        fill: { quantity: notice.quantity, price: notice.price },
      });
    }
  }
}
