/**
 * Step 5: the guard over the whole plan (`checkPlan`: sells first, each leg seeing the portfolio the earlier
 * legs leave) with fresh data. Quotes are read again here rather than taken from step 3, because the guard
 * accepts quotes only seconds old and the market fetch may have taken longer than that. The verdicts are a
 * record and decide which legs become intents; each intent is checked again when it is proposed and approved.
 */
import type { EtfNav, Quote } from '../../../domain/ports';
import { checkPlan, describeVerdict, type GuardVerdict, type NewOrder } from '../../../domain/risk';
import { riskEn } from '../../../i18n/en/risk';
import { riskKo } from '../../../i18n/ko/risk';
import type { CycleStep, StepContext } from '../context';
import type { LegVerdict, RiskOutput } from '../outputs';

export const riskStep: CycleStep<'risk'> = {
  name: 'risk',
  async run(ctx: StepContext): Promise<RiskOutput> {
    const { deps, tradeDate } = ctx;
    const { core } = deps;
    const state = await core.tradingState.effective();
    const plan = ctx.output('strategy');
    if (plan.legs.length === 0) return { outcome: 'NO_LEGS', tradingState: state.state, legs: [] };

    const legs: NewOrder[] = plan.legs.map((leg) => ({
      kind: 'NEW',
      ticker: leg.ticker,
      side: leg.side,
      quantity: leg.quantity,
      orderType: 'LIMIT',
      limitPrice: leg.limitPrice,
    }));
    const tickers = [...new Set(legs.map((l) => l.ticker))];
    const quotes = (await Promise.all(tickers.map((t) => core.accountData.quote(t)))).filter(
      (q): q is Quote => q !== null,
    );
    const navs = (await Promise.all(tickers.map((t) => core.accountData.nav(t)))).filter(
      (n): n is EtfNav => n !== null,
    );
    const accountLeg = legs.find((l) => l.side === 'BUY') ?? legs[0]!;
    const account = await core.accountData.account(
      accountLeg,
      quotes.find((q) => q.ticker === accountLeg.ticker) ?? null,
    );
    const { openOrders, ordersToday } = await core.accountData.orderActivity(tradeDate);

    const verdict = checkPlan({
      legs,
      quotes,
      navs,
      account,
      openOrders,
      ordersToday,
      tradingState: state.state,
      environment: deps.broker.environment,
      calendar: deps.calendar,
      now: deps.clock.now(),
      limits: deps.limits,
    });
    return {
      outcome: verdict.outcome,
      tradingState: state.state,
      legs: verdict.legs.map(({ order, verdict: v }) => legVerdict(order, v)),
    };
  },
};

function legVerdict(order: NewOrder, verdict: GuardVerdict): LegVerdict {
  return {
    ticker: order.ticker,
    side: order.side,
    quantity: order.quantity,
    limitPrice: order.limitPrice ?? 0,
    outcome: verdict.outcome,
    code: verdict.outcome === 'ALLOW' ? null : verdict.code,
    reason:
      verdict.outcome === 'ALLOW'
        ? null
        : { ko: describeVerdict(verdict, riskKo), en: describeVerdict(verdict, riskEn) },
    deferUntil: verdict.outcome === 'DEFER' ? verdict.deferUntil.toISOString() : null,
  };
}
