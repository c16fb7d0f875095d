import { kstInstant } from '../../../domain/market';
/**
 * Step 6: each leg the guard allowed or deferred becomes an intent through ApprovalService.propose, keyed
 * `cycle:<date>:<ticker>:<side>` so a re-run finds the intent it made instead of making another.
 * approve mode: one plan card for people to approve. auto mode: the cycle approves its own intents, sells
 * first; the guard runs again on approval, and deferred legs go out when KRX accepts them. Orders only ever
 * leave through the trading core.
 */
import type { Approver } from '../../approvals';
import type { IntentRecord } from '../../trading-store';
import type { CycleStep, StepContext } from '../context';
import { cycleMessages, LOCALES } from '../messages';
import type { ExecutionOutput, PlanLeg } from '../outputs';
import { strategySignalLines } from '../briefing/compose';
import { legKey, noteLines, planLines } from '../plan-text';
import type { Localized, PlanPublication } from '../ports';

/**
 * The standing approval of CYCLE_ORDERS=auto. The owner gave it in the desk's own configuration, which is
 * why it approves as the operator channel (ApprovalService admits the operator, not Discord strangers).
 */
export const CYCLE_AUTO_APPROVER: Approver = { userId: 'cycle-auto', roleIds: [], channel: 'terminal' };

const MAX_RATIONALE = 2_000;

export function cycleIdempotencyKey(tradeDate: string, leg: { ticker: string; side: string }): string {
  return `cycle:${tradeDate}:${leg.ticker}:${leg.side}`;
}

export function planPublicationKey(runId: string): string {
  return `daily-run:${runId}:plan`;
}

export const executionStep: CycleStep<'execution'> = {
  name: 'execution',
  async run(ctx: StepContext): Promise<ExecutionOutput> {
    const { deps, tradeDate, run } = ctx;
    const mode = deps.settings.orders;
    const plan = ctx.output('strategy');
    const risk = ctx.output('risk');
    const intents: IntentRecord[] = [];
    for (const verdict of risk.legs) {
      if (verdict.outcome === 'DENY') continue;
      const leg = plan.legs.find((l) => legKey(l) === legKey(verdict));
      const { intent } = await deps.core.approvals.propose({
        source: 'cycle',
        proposer: 'cycle',
        ticker: verdict.ticker,
        side: verdict.side,
        quantity: verdict.quantity,
        orderType: 'LIMIT',
        limitPrice: verdict.limitPrice,
        rationale: (leg?.rationale[deps.locale] ?? '').slice(0, MAX_RATIONALE),
        dailyRunId: run.id,
        idempotencyKey: cycleIdempotencyKey(tradeDate, verdict),
        // The plan card waits for a person until shortly before the close, not the 10 minutes of a chat card.
        ttlMs: Math.min(
          24 * 60 * 60_000,
          Math.max(60_000, kstInstant(tradeDate, 15, 20).getTime() - deps.clock.now().getTime()),
        ),
      });
      intents.push(intent);
    }

    const approvals: ExecutionOutput['approvals'] = [];
    let planPublished = false;
    const awaiting = intents.filter((i) => i.status === 'AWAITING_APPROVAL');
    if (mode === 'auto') {
      for (const intent of awaiting) {
        const result = await deps.core.approvals.approve(intent.id, CYCLE_AUTO_APPROVER);
        approvals.push({ intentId: intent.id, result: result.status });
      }
    } else if (awaiting.length > 0) {
      await deps.publisher.publishPlan(publication(ctx, plan.legs, awaiting), planPublicationKey(run.id));
      planPublished = true;
    }

    const final = await Promise.all(intents.map(async (i) => (await deps.tradingStore.getIntent(i.id)) ?? i));
    return {
      mode,
      intents: final.map((i) => ({
        id: i.id,
        ticker: i.ticker,
        side: i.side,
        quantity: i.quantity,
        limitPrice: i.limitPrice,
        status: i.status,
      })),
      approvals,
      planPublished,
    };
  },
};

function publication(ctx: StepContext, legs: PlanLeg[], intents: IntentRecord[]): PlanPublication {
  const { deps, tradeDate, run } = ctx;
  const risk = ctx.output('risk');
  const notes = ctx.output('strategy').notes;
  const names = deps.names ?? {};
  const title = {} as Localized;
  const summary = {} as Localized;
  const context = {} as Localized;
  for (const locale of LOCALES) {
    const m = cycleMessages(locale);
    const lines = planLines({ legs, verdicts: risk.legs, names }, locale);
    title[locale] = m.plan.title({ date: tradeDate });
    summary[locale] = [
      ...lines.legs,
      '',
      `${m.briefing.why}:`,
      ...lines.why,
      ...noteLines(notes, locale),
      '',
      m.plan.approveHint,
    ].join('\n');
    context[locale] = [
      summary[locale],
      '',
      `${m.briefing.signals}:`,
      ...strategySignalLines(ctx.output('strategy'), locale),
    ].join('\n');
  }
  return {
    tradeDate,
    runId: run.id,
    mode: deps.settings.orders,
    title,
    summary,
    context,
    legs,
    verdicts: risk.legs,
    intents,
  };
}
