/**
 * Order intents and orders: their states and the only transitions allowed between them.
 */
import { ceilToTick, floorToTick, mulDivCeil, mulDivFloor, type Krw, type Shares } from './money';
import type { OrderType } from './market';
import type { Side } from './ports';

export type IntentSource = 'chat' | 'cycle' | 'monitor';

export type IntentStatus =
  | 'AWAITING_APPROVAL' // card shown, waiting for ✅
  | 'APPROVED' // ✅ taken (one conditional update); the guard is being re-run
  | 'DEFERRED' // approved, waiting for KRX to accept this order type
  | 'SUBMITTED' // an order row exists
  | 'DENIED' // the guard said no (at proposal or after approval)
  | 'REJECTED' // a person said no
  | 'EXPIRED' // nobody approved in time, or a deferred order's window passed
  | 'SUPERSEDED'; // the numbers changed materially: a new intent asks for a new approval

export type OrderStatus =
  | 'PENDING_SUBMIT' // row written, POST not yet answered
  | 'ACCEPTED'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'REJECTED'
  | 'UNKNOWN' // sent, outcome unknown: only reconciliation resolves it
  | 'CANCELLED'
  | 'EXPIRED'; // the session ended with quantity unfilled

export const TERMINAL_ORDER_STATUSES: readonly OrderStatus[] = ['FILLED', 'REJECTED', 'CANCELLED', 'EXPIRED'];
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  'PENDING_SUBMIT',
  'ACCEPTED',
  'PARTIALLY_FILLED',
  'UNKNOWN',
];

const INTENT_TRANSITIONS: Record<IntentStatus, readonly IntentStatus[]> = {
  AWAITING_APPROVAL: ['APPROVED', 'REJECTED', 'EXPIRED', 'DENIED'],
  APPROVED: ['SUBMITTED', 'DENIED', 'DEFERRED', 'SUPERSEDED', 'EXPIRED'],
  DEFERRED: ['SUBMITTED', 'DENIED', 'EXPIRED', 'REJECTED', 'APPROVED'],
  SUBMITTED: [],
  DENIED: [],
  REJECTED: [],
  EXPIRED: [],
  SUPERSEDED: [],
};

const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING_SUBMIT: ['ACCEPTED', 'REJECTED', 'UNKNOWN', 'PARTIALLY_FILLED', 'FILLED'],
  UNKNOWN: ['ACCEPTED', 'REJECTED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'EXPIRED'],
  ACCEPTED: ['PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'EXPIRED', 'REJECTED'],
  PARTIALLY_FILLED: ['PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'EXPIRED'],
  FILLED: [],
  REJECTED: [],
  CANCELLED: [],
  EXPIRED: [],
};

export function canTransitionIntent(from: IntentStatus, to: IntentStatus): boolean {
  return INTENT_TRANSITIONS[from].includes(to);
}

export function canTransitionOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function isTerminalOrder(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.includes(status);
}

/** The status an order reaches once the broker reports this much filled. */
export function statusAfterFill(quantity: Shares, filled: Shares): OrderStatus {
  if (filled <= 0) return 'ACCEPTED';
  return filled >= quantity ? 'FILLED' : 'PARTIALLY_FILLED';
}

export interface OrderIntentDraft {
  source: IntentSource;
  proposer: string;
  ticker: string;
  side: Side;
  quantity: Shares;
  orderType: OrderType;
  limitPrice?: Krw;
  rationale: string;
  sessionId?: string;
  dailyRunId?: string;
  idempotencyKey?: string;
  /** How long the card may wait for ✅ (the cycle's plan card waits longer than a chat proposal). */
  ttlMs?: number;
}

/** Value of an order at a reference price (limit price for limits, the quote for market orders). */
export function orderValue(quantity: Shares, price: Krw): Krw {
  return quantity * price;
}

/**
 * Moves a limit that lies beyond `maxDistanceBp` on the aggressive side of the quote back to the edge of the
 * allowed distance, on the tick grid. Only ever makes the order more conservative (a buy pays at most less, a
 * sell receives at least more), so a person's approval still covers it. A limit on the passive side is left as it is.
 */
export function tightenLimitTowardQuote(
  side: Side,
  limitPrice: Krw,
  quotePrice: Krw,
  maxDistanceBp: number,
): Krw {
  if (quotePrice <= 0) return limitPrice;
  if (side === 'BUY') {
    const ceiling = floorToTick(mulDivFloor(quotePrice, 10_000 + maxDistanceBp, 10_000), 'ETF');
    return limitPrice > ceiling ? ceiling : limitPrice;
  }
  const floor = ceilToTick(mulDivCeil(quotePrice, 10_000 - maxDistanceBp, 10_000), 'ETF');
  return limitPrice < floor ? floor : limitPrice;
}
