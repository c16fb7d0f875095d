import type { ApprovalResult } from '../../app/approvals';
import type { IntentRecord } from '../../app/trading-store';
import type { Catalogs } from './locale';
import type { CardStatus } from './render/proposal-card';

export type ClickResult = ApprovalResult | { status: 'rejected'; intent: IntentRecord };

export interface ClickResponse {
  /**
   * Re-render the card with this status (none: still waiting, buttons live); `intent` null means read it again
   * (the outcome only has the order).
   */
  card?: { intentId: string; intent: IntentRecord | null; status?: CardStatus };
  /** A new intent that needs its own approval (a new card in the same thread). */
  replacement?: IntentRecord;
  /** Told only to the person who clicked. */
  ephemeral?: string;
}

/** What the clicker sees and what happens to the card, for every answer ✅ / ❌ can get from the desk. */
export function clickResponse(result: ClickResult, clickerId: string, catalogs: Catalogs): ClickResponse {
  const { click, denial } = catalogs.text;
  switch (result.status) {
    case 'submitted':
      return {
        card: {
          intentId: result.order.intentId,
          intent: null,
          status: { kind: 'submitted', order: result.order, approverId: clickerId },
        },
      };
    case 'deferred':
      return {
        card: {
          intentId: result.intent.id,
          intent: result.intent,
          status: { kind: 'deferred', until: result.until, approverId: clickerId },
        },
      };
    case 'denied':
      if (result.verdict.outcome === 'ALLOW') return { ephemeral: click.notApproved };
      return {
        card: {
          intentId: result.intent.id,
          intent: result.intent,
          status: { kind: 'denied', code: result.verdict.code, detail: result.verdict.detail },
        },
      };
    case 'needs-reapproval':
      return {
        card: {
          intentId: result.intent.id,
          intent: result.intent,
          status: { kind: 'needs-reapproval', reason: result.reason },
        },
        replacement: result.replacement,
      };
    case 'rejected':
      return {
        card: {
          intentId: result.intent.id,
          intent: result.intent,
          status: { kind: 'rejected', byUserId: clickerId },
        },
      };
    case 'expired':
      return {
        card: { intentId: result.intent.id, intent: result.intent, status: { kind: 'expired' } },
        ephemeral: click.expired,
      };
    case 'already-decided':
      return { ephemeral: click.alreadyDecided[result.intent.status] };
    case 'not-allowed':
      return { ephemeral: denial.notApprover };
    case 'not-found':
      return { ephemeral: click.notFound };
    case 'not-approved':
      return { ephemeral: click.notApproved };
    case 'awaiting-second':
      // The card shows "1 of 2" and keeps its buttons for the second approver.
      return { card: { intentId: result.intent.id, intent: result.intent }, ephemeral: click.firstOfTwo };
    case 'same-approver':
      return { ephemeral: click.sameApprover };
  }
}
