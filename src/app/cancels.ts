/**
 * Cancels asked for by a person: `/orders`, the cancel button on an order card, `/stop`'s "cancel every resting
 * order" and the terminal's `/cancel <n>`. Approvers only; each goes to KIS through ExecutionService (one
 * revise-cancel POST, never re-sent on its own).
 */
import { z } from 'zod';
import { OPEN_ORDER_STATUSES } from '../domain/order';
import { isAllowedApprover, type ApprovalPolicy, type Approver } from './approvers';
import { isCancellable, type CancelOutcome, type ExecutionService } from './execution';
import type { OrderRecord, TradingStore } from './trading-store';

export type CancelResult = CancelOutcome | { status: 'not-allowed' };

export interface CancelDeps {
  store: TradingStore;
  execution: Pick<ExecutionService, 'cancel'>;
  policy: ApprovalPolicy;
}

const orderIdSchema = z.uuid();

export class CancelService {
  constructor(private readonly deps: CancelDeps) {}

  /** Every order not yet final, oldest first (those KIS holds open can be cancelled). */
  async openOrders(): Promise<OrderRecord[]> {
    const open = await this.deps.store.listOrders({ statuses: OPEN_ORDER_STATUSES });
    return [...open].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async cancel(orderId: string, approver: Approver): Promise<CancelResult> {
    if (!isAllowedApprover(approver, this.deps.policy)) return { status: 'not-allowed' };
    if (!orderIdSchema.safeParse(orderId).success) return { status: 'not-found' };
    return this.deps.execution.cancel(orderId, approver.userId);
  }

  /** Every order KIS holds open, one cancel each (in order); an empty list when there is none or not allowed. */
  async cancelAll(approver: Approver): Promise<{ order: OrderRecord; result: CancelResult }[]> {
    if (!isAllowedApprover(approver, this.deps.policy)) return [];
    const resting = (await this.openOrders()).filter(isCancellable);
    const results: { order: OrderRecord; result: CancelResult }[] = [];
    for (const order of resting)
      results.push({ order, result: await this.deps.execution.cancel(order.id, approver.userId) });
    return results;
  }
}
