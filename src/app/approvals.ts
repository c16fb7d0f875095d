/**
 * Intents and approvals. Anything that wants to trade (the assistant's propose_order, the daily cycle, a
 * monitor) creates an intent here; only an allowed person's ✅ moves it on, through one conditional update.
 */
import { z } from 'zod';
import type { Clock } from '../domain/clock';
import type { OrderIntentDraft } from '../domain/order';
import { checkOrder } from '../domain/risk';
import type { AccountData } from './account-data';
import type { DeskEvents } from './desk-events';
import { isAllowedApprover, type ApprovalPolicy, type Approver } from './approvers';
import { newOrderOf, precheckFrom, type ExecutionService } from './execution';
import type { ExecutionOutcome } from './execution-outcome';
import type { TradingStateService } from './trading-state';
import type { IntentRecord, TradingStore } from './trading-store';

export const orderIntentDraftSchema = z
  .object({
    source: z.enum(['chat', 'cycle', 'monitor']),
    proposer: z.string().min(1).max(200),
    ticker: z.string().regex(/^\d{6}$/, 'ticker must be a 6-digit KRX code'),
    side: z.enum(['BUY', 'SELL']),
    quantity: z.number().int().min(1).max(1_000_000),
    orderType: z.enum(['LIMIT', 'MARKET']),
    limitPrice: z.number().int().positive().max(100_000_000).optional(),
    rationale: z.string().max(2_000),
    sessionId: z.string().uuid().optional(),
    dailyRunId: z.string().uuid().optional(),
    idempotencyKey: z.string().max(200).optional(),
    ttlMs: z
      .number()
      .int()
      .min(60_000)
      .max(24 * 60 * 60_000)
      .optional(),
  })
  .refine((d) => (d.orderType === 'LIMIT') === (d.limitPrice !== undefined), {
    message: 'a LIMIT order needs limitPrice; a MARKET order must not have one',
    path: ['limitPrice'],
  });

const intentIdSchema = z.uuid();

export { isAllowedApprover, type ApprovalPolicy, type Approver };

/** The order's value for the two-person rule: the pre-check's estimate, else quantity × the card's price. */
export function approvalValueOf(intent: IntentRecord): number | null {
  if (intent.precheck.estimatedValue !== null) return intent.precheck.estimatedValue;
  const price = intent.limitPrice ?? intent.precheck.referencePrice;
  return price === null ? null : price * intent.quantity;
}

/** True when this intent needs a second, different approver (an unknown value counts as above). */
export function needsTwoApprovers(intent: IntentRecord, policy: ApprovalPolicy, approver: Approver): boolean {
  const threshold = policy.twoPersonAboveKrw ?? null;
  if (threshold === null || approver.channel !== 'discord') return false;
  const value = approvalValueOf(intent);
  return value === null || value > threshold;
}

export type ApprovalResult =
  | ExecutionOutcome
  | { status: 'not-allowed' }
  | { status: 'not-found' }
  | { status: 'expired'; intent: IntentRecord }
  | { status: 'already-decided'; intent: IntentRecord }
  /** Two-person approval: this ✅ was recorded as the first of two; nothing was sent. */
  | { status: 'awaiting-second'; intent: IntentRecord }
  /** Two-person approval: the first approver pressed ✅ again; nothing changed. */
  | { status: 'same-approver'; intent: IntentRecord };

export interface ApprovalDeps {
  store: TradingStore;
  clock: Clock;
  accountData: AccountData;
  tradingState: TradingStateService;
  execution: ExecutionService;
  events: DeskEvents;
  policy: ApprovalPolicy;
  intentTtlMs: number;
}

export class ApprovalService {
  constructor(private readonly deps: ApprovalDeps) {}

  /** Creates an intent with its pre-check verdict. Never sends anything. Idempotent on `idempotencyKey`. */
  async propose(draft: OrderIntentDraft): Promise<{ intent: IntentRecord; created: boolean }> {
    const valid = orderIntentDraftSchema.parse(draft);
    const state = await this.deps.tradingState.effective();
    const order = newOrderOf({ ...valid, limitPrice: valid.limitPrice ?? null });
    const input = await this.deps.accountData.guardInput(order, state.state);
    const verdict = checkOrder(input);
    await this.deps.execution.applyBreaker(verdict);
    const now = this.deps.clock.now();
    const referencePrice = valid.orderType === 'LIMIT' ? valid.limitPrice! : (input.quote?.price ?? null);
    const { ttlMs, ...fields } = valid;
    const result = await this.deps.store.insertIntent(
      {
        ...fields,
        limitPrice: valid.limitPrice ?? null,
        precheck: precheckFrom(verdict, referencePrice, valid.quantity, now, input.quote?.price ?? null),
        status: verdict.outcome === 'DENY' ? 'DENIED' : 'AWAITING_APPROVAL',
        environment: input.environment,
        expiresAt: new Date(now.getTime() + (ttlMs ?? this.deps.intentTtlMs)),
      },
      now,
    );
    if (result.created) await this.deps.events.emit({ type: 'intent.updated', intent: result.intent });
    return result;
  }

  /**
   * ✅: allowed people only; a second click, an expired or a decided intent changes nothing. Above the
   * two-person threshold the first ✅ is recorded ("1 of 2") and only a different approver's ✅ sends.
   */
  async approve(intentId: string, approver: Approver): Promise<ApprovalResult> {
    if (!isAllowedApprover(approver, this.deps.policy)) return { status: 'not-allowed' };
    if (!intentIdSchema.safeParse(intentId).success) return { status: 'not-found' };
    const now = this.deps.clock.now();
    if ((this.deps.policy.twoPersonAboveKrw ?? null) !== null && approver.channel === 'discord') {
      const intent = await this.deps.store.getIntent(intentId);
      if (intent && needsTwoApprovers(intent, this.deps.policy, approver))
        return this.approveAsOneOfTwo(intent, approver, now);
    }
    const claimed = await this.deps.store.transitionIntent(
      intentId,
      ['AWAITING_APPROVAL'],
      'APPROVED',
      { decidedBy: approver.userId, decidedAt: now },
      { type: 'INTENT_APPROVED', data: { channel: approver.channel }, actor: approver.userId, at: now },
      now,
    );
    if (!claimed) return this.whyNot(intentId, now);
    await this.deps.events.emit({ type: 'intent.updated', intent: claimed });
    return this.deps.execution.execute(claimed.id);
  }

  /**
   * "Approve all" on a daily plan card: every leg of that run still awaiting approval, sells first, each
   * through the same conditional claim and guard as a single ✅.
   */
  async approvePlan(
    dailyRunId: string,
    approver: Approver,
  ): Promise<{ intentId: string; result: ApprovalResult }[]> {
    if (!isAllowedApprover(approver, this.deps.policy)) return [];
    const ordered = await this.planLegsAwaiting(dailyRunId);
    const results: { intentId: string; result: ApprovalResult }[] = [];
    for (const intent of ordered)
      results.push({ intentId: intent.id, result: await this.approve(intent.id, approver) });
    return results;
  }

  /** The legs of a daily run still awaiting approval, sells first (what "approve all" approves). */
  async planLegsAwaiting(dailyRunId: string): Promise<IntentRecord[]> {
    if (!intentIdSchema.safeParse(dailyRunId).success) return [];
    const legs = await this.deps.store.listIntents({ statuses: ['AWAITING_APPROVAL'], dailyRunId });
    return [...legs.filter((i) => i.side === 'SELL'), ...legs.filter((i) => i.side === 'BUY')];
  }

  async reject(
    intentId: string,
    approver: Approver,
    note?: string,
  ): Promise<ApprovalResult | { status: 'rejected'; intent: IntentRecord }> {
    if (!isAllowedApprover(approver, this.deps.policy)) return { status: 'not-allowed' };
    if (!intentIdSchema.safeParse(intentId).success) return { status: 'not-found' };
    const now = this.deps.clock.now();
    const rejected = await this.deps.store.transitionIntent(
      intentId,
      ['AWAITING_APPROVAL', 'DEFERRED'],
      'REJECTED',
      { decidedBy: approver.userId, decidedAt: now, ...(note ? { decisionNote: note.slice(0, 500) } : {}) },
      { type: 'INTENT_REJECTED', data: { note: note ?? null }, actor: approver.userId, at: now },
    );
    if (!rejected) return this.whyNot(intentId, now);
    await this.deps.events.emit({ type: 'intent.updated', intent: rejected });
    return { status: 'rejected', intent: rejected };
  }

  /** Expires cards nobody approved in time and deferred approvals whose session has passed. */
  async expireDue(): Promise<IntentRecord[]> {
    const now = this.deps.clock.now();
    const due = await this.deps.store.listIntents({
      statuses: ['AWAITING_APPROVAL', 'DEFERRED'],
      expiresBefore: now,
    });
    const expired: IntentRecord[] = [];
    for (const intent of due) {
      const done = await this.deps.store.transitionIntent(
        intent.id,
        ['AWAITING_APPROVAL', 'DEFERRED'],
        'EXPIRED',
        {},
        { type: 'INTENT_EXPIRED', actor: 'clock', at: now },
      );
      if (done) {
        expired.push(done);
        await this.deps.events.emit({ type: 'intent.updated', intent: done });
      }
    }
    return expired;
  }

  /** Sends deferred approvals whose session has opened (the guard runs again with fresh data). */
  async releaseDeferred(): Promise<ExecutionOutcome[]> {
    const now = this.deps.clock.now();
    const deferred = await this.deps.store.listIntents({ statuses: ['DEFERRED'] });
    const due = deferred.filter((i) => i.precheck.deferUntil && new Date(i.precheck.deferUntil) <= now);
    // Sells go first; buys wait for the next pass so the sale proceeds can show up in the buying power.
    const sells = due.filter((i) => i.side === 'SELL');
    const batch = sells.length > 0 ? sells : due;
    const outcomes: ExecutionOutcome[] = [];
    for (const intent of batch) {
      const claimed = await this.deps.store.transitionIntent(
        intent.id,
        ['DEFERRED'],
        'APPROVED',
        {},
        { type: 'DEFERRED_RELEASED', actor: 'clock', at: now },
        now,
      );
      if (!claimed) continue;
      const outcome = await this.deps.execution.execute(claimed.id);
      outcomes.push(outcome);
      await this.deps.events.emit({
        type: 'deferred.released',
        intentId: claimed.id,
        approverId: claimed.decidedBy,
        outcome,
      });
    }
    return outcomes;
  }

  /**
   * Two-person approval, safe across processes: the first ✅ is one conditional update (only while no first
   * approval exists), the second is the usual claim with the extra condition that a first approval exists and
   * is someone else's. Two different people clicking at once therefore send it once; one person twice never.
   */
  private async approveAsOneOfTwo(
    intent: IntentRecord,
    approver: Approver,
    now: Date,
  ): Promise<ApprovalResult> {
    const { store, events } = this.deps;
    let current: IntentRecord | null = intent;
    if (current.status === 'AWAITING_APPROVAL' && current.firstApprovedBy === null) {
      const first = await store.recordFirstApproval(current.id, approver.userId, now, {
        type: 'INTENT_FIRST_APPROVAL',
        data: { channel: approver.channel, of: 2 },
        actor: approver.userId,
        at: now,
      });
      if (first) {
        await events.emit({ type: 'intent.updated', intent: first });
        return { status: 'awaiting-second', intent: first };
      }
      current = await store.getIntent(intent.id);
      if (!current) return { status: 'not-found' };
    }
    const sameApprover = (i: IntentRecord) =>
      i.status === 'AWAITING_APPROVAL' && i.expiresAt > now && i.firstApprovedBy === approver.userId;
    if (sameApprover(current)) return { status: 'same-approver', intent: current };
    const claimed = await store.transitionIntent(
      current.id,
      ['AWAITING_APPROVAL'],
      'APPROVED',
      { decidedBy: approver.userId, decidedAt: now },
      {
        type: 'INTENT_APPROVED',
        data: { channel: approver.channel, firstApprovedBy: current.firstApprovedBy },
        actor: approver.userId,
        at: now,
      },
      now,
      { otherThan: approver.userId },
    );
    if (!claimed) {
      const latest = await store.getIntent(current.id);
      if (latest && sameApprover(latest)) return { status: 'same-approver', intent: latest };
      return this.whyNot(current.id, now);
    }
    await events.emit({ type: 'intent.updated', intent: claimed });
    return this.deps.execution.execute(claimed.id);
  }

  private async whyNot(intentId: string, now: Date): Promise<ApprovalResult> {
    const intent = await this.deps.store.getIntent(intentId);
    if (!intent) return { status: 'not-found' };
    if (intent.status === 'AWAITING_APPROVAL' && intent.expiresAt <= now)
      return { status: 'expired', intent };
    if (intent.status === 'EXPIRED') return { status: 'expired', intent };
    return { status: 'already-decided', intent };
  }
}
