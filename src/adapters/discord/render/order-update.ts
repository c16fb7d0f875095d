import type { DeskEvent } from '../../../app/desk-events';
import { formatKrw } from '../../../domain/money';
import type { Catalogs } from '../locale';
import { escapeUntrusted } from '../untrusted';

type OrderUpdated = Extract<DeskEvent, { type: 'order.updated' }>;

/** The thread follow-up for an order event, or null when there is nothing a person needs to read. */
export function orderUpdateText(event: OrderUpdated, catalogs: Catalogs): string | null {
  const { order, fill } = event;
  const o = catalogs.text.order;
  const krw = (value: number) => formatKrw(value, catalogs.locale);
  if (fill) return o.fill(fill.quantity, krw(fill.price), order.filledQuantity, order.quantity);
  switch (order.status) {
    case 'ACCEPTED':
      return o.accepted(
        order.ticker,
        catalogs.risk.sides[order.side],
        order.quantity,
        order.brokerOrderId ?? '?',
      );
    case 'FILLED':
      return o.filled(order.filledQuantity, krw(order.filledAmount));
    case 'REJECTED':
      return o.rejected(escapeUntrusted(`${order.rejectMessage ?? ''} (${order.rejectCode ?? '?'})`.trim()));
    case 'UNKNOWN':
      return o.unknown;
    case 'CANCELLED':
      return o.cancelled(order.filledQuantity, order.quantity);
    case 'EXPIRED':
      return o.expired(order.filledQuantity, order.quantity);
    case 'PENDING_SUBMIT':
    case 'PARTIALLY_FILLED':
      return null;
  }
}
