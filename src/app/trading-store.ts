/**
 * The persistence port of the trading core. Every method is atomic (one transaction in the adapter), so a
 * crash between two calls leaves the books in a state reconciliation understands.
 */
import type { IntentSource, IntentStatus, OrderStatus } from '../domain/order';
import type { OrderType } from '../domain/market';
import type { BrokerEnvironment, Side } from '../domain/ports';
import type { BreakerKind, RiskCheck, TradingState } from '../domain/risk';

export interface PrecheckSnapshot {
  outcome: 'ALLOW' | 'DENY' | 'DEFER';
  code?: string;
  checks: RiskCheck[];
  /** Quote price the card showed (market orders are valued at it). */
  referencePrice: number | null;
  estimatedValue: number | null;
  deferUntil?: string;
  /** Why a deferred order waits (KRX session refusals and/or BLACKOUT). */
  waitingFor?: string[];
  breaker?: BreakerKind;
  checkedAt: string;
  /** The fresh quote price this check saw. */
  quotePrice?: number | null;
  /**
   * Set once the approved order waited for a blackout window; `approvedQuote` is the price it was approved
   * against. At the release, a move beyond BLACKOUT_MAX_DRIFT_BP from it asks for a new approval.
   */
  blackoutDeferred?: boolean;
  approvedQuote?: number | null;
}

export interface CardRef {
  channel: 'discord' | 'terminal';
  channelId: string;
  messageId: string;
}

export interface IntentRecord {
  id: string;
  source: IntentSource;
  proposer: string;
  sessionId: string | null;
  dailyRunId: string | null;
  idempotencyKey: string | null;
  ticker: string;
  side: Side;
  quantity: number;
  orderType: OrderType;
  limitPrice: number | null;
  rationale: string;
  precheck: PrecheckSnapshot;
  status: IntentStatus;
  environment: BrokerEnvironment;
  expiresAt: Date;
  createdAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** Two-person approval: who gave the first of two ✅ (null when none yet, or when one ✅ is enough). */
  firstApprovedBy: string | null;
  firstApprovedAt: Date | null;
  cardRef: CardRef | null;
}

export interface NewIntent {
  source: IntentSource;
  proposer: string;
  sessionId?: string | null;
  dailyRunId?: string | null;
  idempotencyKey?: string | null;
  ticker: string;
  side: Side;
  quantity: number;
  orderType: OrderType;
  limitPrice?: number | null;
  rationale: string;
  precheck: PrecheckSnapshot;
  status: IntentStatus;
  environment: BrokerEnvironment;
  expiresAt: Date;
}

export interface OrderRecord {
  id: string;
  intentId: string;
  environment: BrokerEnvironment;
  ticker: string;
  side: Side;
  quantity: number;
  orderType: OrderType;
  limitPrice: number | null;
  status: OrderStatus;
  brokerOrderId: string | null;
  brokerOrgNo: string | null;
  filledQuantity: number;
  filledAmount: number;
  fees: number;
  rejectCode: string | null;
  rejectMessage: string | null;
  unknownReason: string | null;
  reconcileAttempts: number;
  submittedAt: Date | null;
  lastReconciledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type OrderPatch = Partial<
  Pick<
    OrderRecord,
    | 'status'
    | 'brokerOrderId'
    | 'brokerOrgNo'
    | 'rejectCode'
    | 'rejectMessage'
    | 'unknownReason'
    | 'reconcileAttempts'
    | 'submittedAt'
    | 'lastReconciledAt'
  >
>;

export interface AuditEventInput {
  orderId?: string | null;
  intentId?: string | null;
  type: string;
  data?: Record<string, unknown>;
  actor: string;
  at: Date;
}

export interface AuditEventRecord extends AuditEventInput {
  id: number;
}

export interface FillInput {
  orderId: string;
  quantity: number;
  price: number;
  /** Traded value; defaults to quantity × price. Reconciliation passes the exact amount the broker reports. */
  amount?: number;
  fee: number;
  tax: number;
  source: 'websocket' | 'inquiry';
  filledAt: Date;
  /**
   * The broker's cumulative filled quantity and amount (the order inquiry's view). When given, the store books
   * only what lies beyond what it already has, read under the order's lock — so an execution notice booked
   * between the inquiry and this write is not booked twice (then nothing is applied) — and `quantity`,
   * `price`, `amount` and `fee` are derived from that remainder (`fee` at `commissionPpm`).
   */
  brokerTotal?: { quantity: number; amount: number; commissionPpm: number };
}

export interface PositionRecord {
  ticker: string;
  quantity: number;
  costBasis: number;
  realizedPnl: number;
}

export interface BookRecord {
  cash: number;
  feesPaid: number;
  realizedPnl: number;
  syncedAt: Date | null;
}

export interface TradingStateRecord {
  state: TradingState;
  previousState: TradingState | null;
  reason: string;
  actor: string;
  at: Date;
}

export interface NavSnapshotRecord {
  tradeDate: string;
  kind: 'start_of_day' | 'close' | 'intraday';
  nav: number;
  cash: number;
  securitiesValue: number;
  positions: { ticker: string; quantity: number; price: number; value: number }[];
  takenAt: Date;
}

export interface AlertRecord {
  id: number;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  message: string;
  data: Record<string, unknown> | null;
  at: Date;
}

export interface TradingStore {
  insertIntent(intent: NewIntent, at: Date): Promise<{ intent: IntentRecord; created: boolean }>;
  getIntent(id: string): Promise<IntentRecord | null>;
  /**
   * The single conditional update behind ✅: moves the intent from one of `from` to `to` only if it is still
   * there (and, when `notExpiredAt` is given, not expired). Null when another click or the clock won.
   */
  transitionIntent(
    id: string,
    from: readonly IntentStatus[],
    to: IntentStatus,
    patch: {
      decidedBy?: string;
      decidedAt?: Date;
      decisionNote?: string;
      precheck?: PrecheckSnapshot;
      expiresAt?: Date;
    },
    event: AuditEventInput,
    notExpiredAt?: Date,
    /** The second of two approvals: only when a first approval exists and was given by someone else. */
    secondApprover?: { otherThan: string },
  ): Promise<IntentRecord | null>;
  /**
   * The first of two approvals: records `userId` on an intent still AWAITING_APPROVAL, not expired at `at`
   * and without a first approval yet, in one conditional update. Null when any of that no longer holds.
   */
  recordFirstApproval(
    id: string,
    userId: string,
    at: Date,
    event: AuditEventInput,
  ): Promise<IntentRecord | null>;
  listIntents(filter: {
    statuses: readonly IntentStatus[];
    expiresBefore?: Date;
    dailyRunId?: string;
  }): Promise<IntentRecord[]>;
  setIntentCardRef(id: string, ref: CardRef): Promise<void>;

  /**
   * Writes the PENDING_SUBMIT order row (unique per intent) and marks the intent SUBMITTED, atomically. The
   * order's limit is the intent's unless `limitPrice` overrides it (a cycle leg tightened toward the quote).
   */
  createOrderForIntent(intent: IntentRecord, at: Date, limitPrice?: number | null): Promise<OrderRecord>;
  updateOrder(
    id: string,
    from: readonly OrderStatus[],
    patch: OrderPatch,
    event: AuditEventInput | null,
  ): Promise<OrderRecord | null>;
  getOrder(id: string): Promise<OrderRecord | null>;
  getOrderByIntent(intentId: string): Promise<OrderRecord | null>;
  findOrderByBrokerId(environment: string, brokerOrderId: string): Promise<OrderRecord | null>;
  listOrders(filter: {
    statuses?: readonly OrderStatus[];
    createdSince?: Date;
    ticker?: string;
  }): Promise<OrderRecord[]>;
  countOrdersCreatedSince(since: Date): Promise<number>;

  /**
   * Applies one fill: fill row, the order's cumulative quantity/amount/fees and status, the position and the
   * cash book, and an audit event — atomically. Idempotent on (order, cumulative quantity).
   */
  recordFill(fill: FillInput): Promise<{ applied: boolean; order: OrderRecord }>;

  getPositions(): Promise<PositionRecord[]>;
  getBook(): Promise<BookRecord | null>;
  /** The broker wins: positions and cash are replaced by the broker's balance, with an audit event. */
  replaceBook(
    book: { cash: number; positions: { ticker: string; quantity: number; costBasis: number }[] },
    event: AuditEventInput,
  ): Promise<void>;

  appendEvent(event: AuditEventInput): Promise<void>;
  listEvents(filter: { orderId?: string; intentId?: string }): Promise<AuditEventRecord[]>;

  currentTradingState(): Promise<TradingStateRecord | null>;
  appendTradingState(change: TradingStateRecord): Promise<void>;

  saveNavSnapshot(snapshot: NavSnapshotRecord): Promise<boolean>;
  getNavSnapshot(tradeDate: string, kind: NavSnapshotRecord['kind']): Promise<NavSnapshotRecord | null>;
  listNavSnapshots(filter: {
    kind: NavSnapshotRecord['kind'];
    fromDate?: string;
    toDate?: string;
  }): Promise<NavSnapshotRecord[]>;

  listRecentAlerts(limit: number): Promise<AlertRecord[]>;

  /** Null when an alert with the same dedupe key already exists. */
  insertAlert(alert: Omit<AlertRecord, 'id'> & { dedupeKey?: string }): Promise<AlertRecord | null>;
}
