/**
 * propose_order and get_trading_state. A proposal only ever creates an intent (AWAITING_APPROVAL or DENIED)
 * through the approvals service; the model hears the verdict, the channel shows the card.
 */
import { describeCheck, type RiskCatalog } from '../../../domain/risk';
import type { ApprovalService } from '../../approvals';
import type { TradingStateService } from '../../trading-state';
import { kstStamp } from '../time';
import { toolResult, type ToolOutcome } from './outcome';
import type { ToolArgs } from './schemas';

export interface ProposalContext {
  sessionId: string;
  proposer: string;
  /** Unique per tool call within the session: a retried turn does not create a second intent. */
  idempotencyKey: string;
  riskCatalog: RiskCatalog;
}

export async function proposeOrder(
  approvals: Pick<ApprovalService, 'propose'>,
  args: ToolArgs<'propose_order'>,
  context: ProposalContext,
): Promise<ToolOutcome> {
  const { intent } = await approvals.propose({
    source: 'chat',
    proposer: context.proposer,
    sessionId: context.sessionId,
    idempotencyKey: context.idempotencyKey,
    ticker: args.ticker,
    side: args.side,
    quantity: args.quantity,
    orderType: args.order_type,
    ...(args.limit_price !== undefined ? { limitPrice: args.limit_price } : {}),
    rationale: args.rationale,
  });
  const { precheck } = intent;
  return toolResult(
    {
      intent_id: intent.id,
      status: intent.status,
      sent_to_broker: false,
      note:
        intent.status === 'DENIED'
          ? 'Denied by the risk guard: it cannot be approved. Tell the user why.'
          : 'Awaiting approval: nothing is sent until a person approves (✅) and the guard passes again.',
      outcome: precheck.outcome,
      ...(precheck.code ? { code: precheck.code } : {}),
      checks: precheck.checks.map((check) =>
        check.ok
          ? { rule: check.rule, ok: true }
          : {
              rule: check.rule,
              ok: false,
              code: check.code,
              text: describeCheck(check, context.riskCatalog),
            },
      ),
      reference_price: precheck.referencePrice,
      estimated_value: precheck.estimatedValue,
      expires_at: kstStamp(intent.expiresAt),
    },
    [{ kind: 'kis', call: `inquire-price ${intent.ticker}`, at: precheck.checkedAt }],
    intent,
  );
}

export async function getTradingState(
  tradingState: Pick<TradingStateService, 'effective'>,
): Promise<ToolOutcome> {
  const effective = await tradingState.effective();
  return toolResult({
    state: effective.state,
    awaiting_reconciliation: effective.awaitingReconciliation,
    reason: effective.persisted?.reason ?? null,
    changed_at: effective.persisted ? kstStamp(effective.persisted.at) : null,
  });
}
