/**
 * The relational schema of kis-desk. Money is bigint KRW (read as JS numbers: every amount an account of this
 * size can hold is a safe integer), quantities are integers, timestamps are timestamptz.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const money = (name: string) => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Channel-scoped conversation key: `discord:<threadId>` or `terminal:<n>`. */
    threadKey: text('thread_key').notNull(),
    channel: text('channel').notNull(),
    ownerUserId: text('owner_user_id').notNull(),
    title: text('title').notNull(),
    locale: text('locale').notNull().default('ko'),
    status: text('status').notNull().default('ACTIVE'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastActivityAt: ts('last_activity_at').notNull().defaultNow(),
    summarizedAt: ts('summarized_at'),
    summaryMemoryId: text('summary_memory_id'),
  },
  (t) => [
    uniqueIndex('sessions_thread_key_uq').on(t.threadKey),
    index('sessions_status_activity_idx').on(t.status, t.lastActivityAt),
  ],
);

export const sessionMessages = pgTable(
  'session_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    role: text('role').notNull(),
    content: text('content').notNull(),
    toolCalls: jsonb('tool_calls'),
    toolCallId: text('tool_call_id'),
    authorId: text('author_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('session_messages_session_seq_uq').on(t.sessionId, t.seq)],
);

export const orderIntents = pgTable(
  'order_intents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').notNull(), // chat | cycle | monitor
    proposer: text('proposer').notNull(),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    dailyRunId: uuid('daily_run_id'),
    /** Makes re-proposals idempotent, e.g. `cycle:2026-11-23:069500:BUY`. */
    idempotencyKey: text('idempotency_key'),
    ticker: text('ticker').notNull(),
    side: text('side').notNull(),
    quantity: integer('quantity').notNull(),
    orderType: text('order_type').notNull(),
    limitPrice: money('limit_price'),
    rationale: text('rationale').notNull(),
    precheck: jsonb('precheck').notNull(),
    status: text('status').notNull(),
    environment: text('environment').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    /** Two-person approval (APPROVAL_TWO_PERSON_ABOVE_KRW): the first approver, until a different one sends it. */
    firstApprovedBy: text('first_approved_by'),
    firstApprovedAt: ts('first_approved_at'),
    /** Where the card lives (channel, message ids) so it can be edited to its final state. */
    cardRef: jsonb('card_ref'),
  },
  (t) => [
    uniqueIndex('order_intents_idempotency_key_uq').on(t.idempotencyKey),
    index('order_intents_status_expires_idx').on(t.status, t.expiresAt),
    index('order_intents_session_idx').on(t.sessionId),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    intentId: uuid('intent_id')
      .notNull()
      .references(() => orderIntents.id),
    environment: text('environment').notNull(),
    ticker: text('ticker').notNull(),
    side: text('side').notNull(),
    quantity: integer('quantity').notNull(),
    orderType: text('order_type').notNull(),
    limitPrice: money('limit_price'),
    status: text('status').notNull(),
    brokerOrderId: text('broker_order_id'),
    brokerOrgNo: text('broker_org_no'),
    filledQuantity: integer('filled_quantity').notNull().default(0),
    filledAmount: money('filled_amount').notNull().default(0),
    fees: money('fees').notNull().default(0),
    rejectCode: text('reject_code'),
    rejectMessage: text('reject_message'),
    unknownReason: text('unknown_reason'),
    reconcileAttempts: integer('reconcile_attempts').notNull().default(0),
    submittedAt: ts('submitted_at'),
    lastReconciledAt: ts('last_reconciled_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_intent_uq').on(t.intentId),
    uniqueIndex('orders_broker_order_uq').on(t.environment, t.brokerOrderId),
    index('orders_status_idx').on(t.status),
  ],
);

/** Append-only audit log: a database trigger refuses UPDATE and DELETE. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id'),
    intentId: uuid('intent_id'),
    type: text('type').notNull(),
    data: jsonb('data')
      .notNull()
      .default(sql`'{}'::jsonb`),
    actor: text('actor').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    index('order_events_order_idx').on(t.orderId, t.id),
    index('order_events_intent_idx').on(t.intentId, t.id),
  ],
);

export const fills = pgTable(
  'fills',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    /** Cumulative filled quantity after this fill: makes fills idempotent whichever feed reports them. */
    cumulativeQuantity: integer('cumulative_quantity').notNull(),
    ticker: text('ticker').notNull(),
    side: text('side').notNull(),
    quantity: integer('quantity').notNull(),
    price: money('price').notNull(),
    amount: money('amount').notNull(),
    fee: money('fee').notNull(),
    tax: money('tax').notNull().default(0),
    source: text('source').notNull(), // websocket | inquiry
    filledAt: ts('filled_at').notNull(),
  },
  (t) => [uniqueIndex('fills_order_cumulative_uq').on(t.orderId, t.cumulativeQuantity)],
);

export const positions = pgTable('positions', {
  ticker: text('ticker').primaryKey(),
  quantity: integer('quantity').notNull(),
  /** Total cost of the shares held, fees included (KRW). */
  costBasis: money('cost_basis').notNull(),
  realizedPnl: money('realized_pnl').notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** One row per account book: the locally tracked cash (the broker's balance wins on reconciliation). */
export const accountBook = pgTable('account_book', {
  id: text('id').primaryKey(),
  cash: money('cash').notNull(),
  feesPaid: money('fees_paid').notNull().default(0),
  realizedPnl: money('realized_pnl').notNull().default(0),
  syncedAt: ts('synced_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const navSnapshots = pgTable(
  'nav_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tradeDate: text('trade_date').notNull(),
    kind: text('kind').notNull(), // start_of_day | close | intraday
    nav: money('nav').notNull(),
    cash: money('cash').notNull(),
    securitiesValue: money('securities_value').notNull(),
    positions: jsonb('positions').notNull(),
    takenAt: ts('taken_at').notNull(),
  },
  (t) => [uniqueIndex('nav_snapshots_date_kind_uq').on(t.tradeDate, t.kind)],
);

export const dailyRuns = pgTable(
  'daily_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tradeDate: text('trade_date').notNull(),
    status: text('status').notNull(), // RUNNING | COMPLETED | FAILED | SKIPPED
    trigger: text('trigger').notNull(), // schedule | catch_up | manual
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [uniqueIndex('daily_runs_trade_date_uq').on(t.tradeDate)],
);

export const dailyRunSteps = pgTable(
  'daily_run_steps',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => dailyRuns.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    status: text('status').notNull(), // RUNNING | DONE | FAILED
    attempts: integer('attempts').notNull().default(0),
    output: jsonb('output'),
    error: text('error'),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ name: 'daily_run_steps_pk', columns: [t.runId, t.step] })],
);

export const tradingStateChanges = pgTable(
  'trading_state_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    state: text('state').notNull(), // ACTIVE | REDUCING | HALTED
    previousState: text('previous_state'),
    reason: text('reason').notNull(),
    actor: text('actor').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('trading_state_changes_at_idx').on(t.at)],
);

export const newsItems = pgTable(
  'news_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    source: text('source').notNull(),
    summary: text('summary').notNull(),
    tickers: text('tickers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    publishedAt: ts('published_at'),
    fetchedAt: ts('fetched_at').notNull(),
    memoryId: text('memory_id'),
  },
  (t) => [uniqueIndex('news_items_url_uq').on(t.url), index('news_items_published_idx').on(t.publishedAt)],
);

export const llmUsage = pgTable(
  'llm_usage',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sessionId: uuid('session_id'),
    purpose: text('purpose').notNull(), // turn | summary | news | briefing
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    /** Cost in millionths of a US dollar (integer). */
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull(),
    tradeDate: text('trade_date').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('llm_usage_trade_date_idx').on(t.tradeDate)],
);

export const kisTokenCache = pgTable('kis_token_cache', {
  /** A hash of (environment, app key): never the key itself. */
  keyId: text('key_id').primaryKey(),
  /** AES-GCM ciphertext of the access token; the key is derived from the app secret. */
  ciphertext: text('ciphertext'),
  expiresAt: ts('expires_at'),
  issuedAt: ts('issued_at'),
  lastIssueAttemptAt: ts('last_issue_attempt_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    message: text('message').notNull(),
    data: jsonb('data'),
    dedupeKey: text('dedupe_key'),
    at: ts('at').notNull(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [uniqueIndex('alerts_dedupe_key_uq').on(t.dedupeKey), index('alerts_at_idx').on(t.at)],
);

/** Messages a channel has published under an idempotency key (plan cards, briefings): never posted twice. */
export const publications = pgTable('publications', {
  key: text('key').primaryKey(),
  channel: text('channel').notNull(),
  at: ts('at').notNull(),
});

/** Ad-hoc KIS maintenance windows added by approvers (`/blackout add`); removal is recorded, never deleted. */
export const blackoutWindows = pgTable(
  'blackout_windows',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    reason: text('reason').notNull().default(''),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    removedBy: text('removed_by'),
    removedAt: ts('removed_at'),
  },
  (t) => [index('blackout_windows_ends_idx').on(t.endsAt)],
);

/** The pre-open canary's result per trade date (read-only probes of KIS, the database and memory). */
export const canaryRuns = pgTable('canary_runs', {
  tradeDate: text('trade_date').primaryKey(),
  status: text('status').notNull(), // PASSED | FAILED | SKIPPED
  attempts: integer('attempts').notNull().default(0),
  probes: jsonb('probes').notNull(),
  reason: text('reason'),
  firstAt: ts('first_at').notNull(),
  lastAt: ts('last_at').notNull(),
});

/**
 * KIS REST requests counted per minute, TR id and outcome ('OK', a msg_cd such as 'EGW00201', 'HTTP_500',
 * 'TIMEOUT'). Written in batches by the metering fetch; read by the dashboards through dashboard.kis_requests.
 */
export const kisRequestCounts = pgTable(
  'kis_request_counts',
  {
    bucket: ts('bucket').notNull(),
    trId: text('tr_id').notNull(),
    outcome: text('outcome').notNull(),
    requests: integer('requests').notNull(),
    latencyMsSum: bigint('latency_ms_sum', { mode: 'number' }).notNull(),
    latencyMsMax: integer('latency_ms_max').notNull(),
  },
  (t) => [primaryKey({ name: 'kis_request_counts_pk', columns: [t.bucket, t.trId, t.outcome] })],
);

/** Settings the dashboards show next to the data (the NAV floor), written at start from the configuration. */
export const deskSettings = pgTable('desk_settings', {
  key: text('key').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * The approval scorecard: one row per decision on an intent or plan leg (approved, rejected, expired,
 * cancelled) with the reference price at the decision; the closes and KRW effects 1, 5 and 20 trading days
 * later are filled in once known (src/domain/scorecard.ts explains the baseline and the sign).
 */
export const decisionScores = pgTable(
  'decision_scores',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    intentId: uuid('intent_id').notNull(),
    decision: text('decision').notNull(), // APPROVED | REJECTED | EXPIRED | CANCELLED
    source: text('source').notNull(), // chat | cycle | monitor
    baseline: text('baseline').notNull(), // plan | nothing
    person: text('person'), // null: expired, nobody decided
    decidedAt: ts('decided_at').notNull(),
    decidedOn: text('decided_on').notNull(), // KST date
    ticker: text('ticker').notNull(),
    side: text('side').notNull(),
    quantity: integer('quantity').notNull(),
    referencePrice: money('reference_price').notNull(),
    exposure: integer('exposure').notNull(),
    due1: text('due_1').notNull(),
    due5: text('due_5').notNull(),
    due20: text('due_20').notNull(),
    close1: money('close_1'),
    close5: money('close_5'),
    close20: money('close_20'),
    effect1: money('effect_1'),
    effect5: money('effect_5'),
    effect20: money('effect_20'),
  },
  (t) => [
    uniqueIndex('decision_scores_intent_decision_uq').on(t.intentId, t.decision),
    index('decision_scores_decided_on_idx').on(t.decidedOn),
  ],
);

/** The intraday watch's watchlist (`/watch add`): the conditions to watch and per-ticker threshold overrides. */
export const watchlist = pgTable('watchlist', {
  ticker: text('ticker').primaryKey(),
  conditions: jsonb('conditions').$type<string[]>().notNull(),
  overrides: jsonb('overrides').$type<Record<string, number>>().notNull().default({}),
  addedBy: text('added_by').notNull(),
  addedAt: ts('added_at').notNull(),
});

/** Watch firings that were posted: at most one per ticker, condition and trading day. */
export const watchFirings = pgTable(
  'watch_firings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticker: text('ticker').notNull(),
    condition: text('condition').notNull(),
    tradeDate: text('trade_date').notNull(),
    kind: text('kind').notNull(), // buy | sell
    severity: text('severity').notNull(),
    price: money('price').notNull(),
    numbers: jsonb('numbers').notNull(),
    intentId: uuid('intent_id'),
    firedAt: ts('fired_at').notNull(),
  },
  (t) => [
    uniqueIndex('watch_firings_once_per_day_uq').on(t.ticker, t.condition, t.tradeDate),
    index('watch_firings_fired_at_idx').on(t.firedAt),
  ],
);

/**
 * The audit of every job handed to the job queue (src/app/jobs): who asked, which process ran each attempt and
 * how it ended. The queue's own tables are pruned after days; this row stays. `state`: QUEUED | RUNNING |
 * RETRYING | COMPLETED | FAILED | REJECTED (a payload the worker refused: kept here with its error, never run).
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    jobId: text('job_id').primaryKey(),
    kind: text('kind').notNull(),
    singletonKey: text('singleton_key').notNull(),
    payload: jsonb('payload').notNull(),
    requestedBy: text('requested_by').notNull(),
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    worker: text('worker'),
    error: text('error'),
    output: jsonb('output'),
    queuedAt: ts('queued_at').notNull(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('job_runs_kind_key_idx').on(t.kind, t.singletonKey),
    index('job_runs_queued_at_idx').on(t.queuedAt),
  ],
);
