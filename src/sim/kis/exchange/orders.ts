import type { KstDate } from '../../../domain/market';
import type { Krw, Shares } from '../../../domain/money';
import type { SimEnvironment, SimOrderStatus } from '../types';
import type { Rejection } from './order-rules';

export type Side = 'BUY' | 'SELL';

export interface Fill {
  quantity: Shares;
  price: Krw;
  fee: Krw;
  at: Date;
}

/** An order as the exchange keeps it. Modify and cancel instructions are orders too (kind), with their own ODNO. */
export interface SimOrder {
  odno: string;
  orgNo: string;
  environment: SimEnvironment;
  cano: string;
  productCode: string;
  kind: 'order' | 'modify' | 'cancel';
  originalOdno: string;
  ticker: string;
  side: Side;
  ordDvsn: string;
  quantity: Shares;
  /** Limit price, 0 for market-type orders and cancels. */
  price: Krw;
  /** Per-share amount reserved from buying power while a buy is open (the upper limit for market buys). */
  provisionPrice: Krw;
  receivedAt: Date;
  tradeDate: KstDate;
  expiresAt: number;
  /** Prints up to this instant (epoch ms) have been matched. */
  checkedUntil: number;
  fills: Fill[];
  filledQuantity: Shares;
  filledAmount: Krw;
  fees: Krw;
  cancelledQuantity: Shares;
  replacedQuantity: Shares;
  expired: boolean;
  /** After a partialFill fault the rest of the order stays open but never fills. */
  stuck: boolean;
  partialRatio: number | undefined;
  rejection: Rejection | undefined;
  responseDropped: boolean;
}

export function remainingOf(order: SimOrder): Shares {
  if (order.kind === 'cancel' || order.rejection) return 0;
  return order.quantity - order.filledQuantity - order.cancelledQuantity - order.replacedQuantity;
}

export function isLive(order: SimOrder): boolean {
  return remainingOf(order) > 0 && !order.expired;
}

export function statusOf(order: SimOrder): SimOrderStatus {
  if (order.rejection) return 'rejected';
  if (order.kind === 'cancel') return 'confirmed';
  const remaining = remainingOf(order);
  if (remaining > 0) {
    if (order.expired) return 'expired';
    return order.filledQuantity > 0 ? 'partiallyFilled' : 'open';
  }
  if (order.filledQuantity === order.quantity) return 'filled';
  return order.replacedQuantity > 0 ? 'replaced' : 'cancelled';
}
