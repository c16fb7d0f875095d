/**
 * Step 4: the pure strategy (`planRebalance`, the same function the backtester runs) over the checkpointed
 * bars and balance: on the first trading day of the month, target holdings and the legs that reach them,
 * sells first, integer shares. On the other trading days of the month, the carry-over of what that plan
 * left undone (`carryOverLegs`). Either way the legs are then cut to the risk guard's per-order limits
 * (`fitLegsToLimits`) — the post-plan path of src/domain/strategy/post-plan.ts, which the backtester runs
 * too. Incomplete data plans nothing.
 */
import type { DailyBar } from '../../../domain/ports';
import { formatBpPercent, planRebalance, type RebalanceLeg } from '../../../domain/strategy';
import type { CycleStep, StepContext } from '../context';
import {
  carryOverLegs,
  fitLegsToLimits,
  freshPricesOf,
  planTargetsOf,
  type PlanTargets,
} from '../../../domain/strategy/post-plan';
import { inBothLocales, won } from '../messages';
import {
  strategyOutputSchema,
  type CompactBar,
  type MarketOutput,
  type PlanLeg,
  type StrategyOutput,
} from '../outputs';
import { planDayOnOrBefore } from '../../../domain/strategy/schedule';
import { cycleStrategyConfig } from '../strategy-config';

export const strategyStep: CycleStep<'strategy'> = {
  name: 'strategy',
  async run(ctx: StepContext): Promise<StrategyOutput> {
    const { deps, tradeDate } = ctx;
    const market = ctx.output('market_fetch');
    const balance = market.balance;
    const empty = { hurdle: null, signals: [], legs: [], notes: [], dataAsOf: null };
    if (!market.complete || balance === null)
      return { status: 'DATA_INCOMPLETE', nav: balance?.totalValue ?? null, ...empty };

    const plan = planRebalance({
      date: tradeDate,
      calendar: deps.calendar,
      barsByTicker: barsOf(market),
      portfolio: {
        cash: balance.cashD2,
        positions: balance.positions.map((p) => ({ ticker: p.ticker, quantity: p.quantity })),
      },
      config: cycleStrategyConfig(deps),
      nav: balance.totalValue,
    });
    const signals = [...plan.signals.risk, ...(plan.signals.safe ? [plan.signals.safe] : [])].map((s) => ({
      ticker: s.ticker,
      status: s.status,
      rank: s.rank,
      roc: s.roc,
      selected: s.selected,
    }));
    const common = {
      nav: balance.totalValue,
      dataAsOf: plan.dataAsOf,
      hurdle: { ticker: plan.signals.hurdle.ticker, roc: plan.signals.hurdle.roc },
      signals,
    };
    let planLegs = plan.legs;
    let planNotes = plan.notes;
    let carried: PlanTargets | null = null;
    if (!plan.isRebalanceDay) {
      carried = await lastPlanTargets(ctx);
      if (carried === null) return { status: 'NOT_REBALANCE_DAY', ...common, legs: [], notes: [] };
      const prices = freshPricesOf(plan.signals);
      const carry = carryOverLegs({
        plan: carried,
        held: new Map(balance.positions.map((p) => [p.ticker, p.quantity])),
        priceOf: (ticker) => prices.get(ticker) ?? null,
        cash: balance.cashD2,
        config: cycleStrategyConfig(deps),
        rationale: (ticker, held, target) =>
          inBothLocales((m) => m.carryOver({ date: carried!.date, ticker, held, target })),
      });
      if (carry.legs.length === 0) return { status: 'NOT_REBALANCE_DAY', ...common, legs: [], notes: [] };
      planLegs = carry.legs;
      planNotes = carry.notes;
    }

    const fitted = fitLegsToLimits({
      legs: planLegs,
      cash: balance.cashD2,
      positions: balance.positions,
      marks: new Map(market.quotes.map((q) => [q.ticker, q.price])),
      limits: deps.limits,
    });
    const legs: PlanLeg[] = [];
    const notes: StrategyOutput['notes'] = planNotes.map((n) => ({
      code: n.code,
      ticker: n.ticker,
      text: n.text,
    }));
    for (const p of market.priceBasis ?? [])
      if (p.basis === 'PRICE')
        notes.push({
          code: 'PRICE_BASIS',
          ticker: p.ticker,
          text: inBothLocales((m) => m.priceBasis({ ticker: p.ticker })),
        });
    for (const fit of fitted) {
      if (fit.clippedBy && fit.limitValue !== null)
        notes.push(clipNote(fit.leg, fit.quantity, fit.clippedBy, fit.limitValue));
      if (fit.quantity > 0) legs.push(planLeg(fit.leg, fit.quantity, fit.clippedBy));
    }
    if (carried !== null) {
      // Nothing of the remainder fits today's limits: an ordinary day, with the notes saying why.
      if (legs.length === 0) return { status: 'NOT_REBALANCE_DAY', ...common, legs, notes };
      return { status: 'CARRY_OVER', ...common, legs, notes, planTargets: carried };
    }
    return { status: 'PLANNED', ...common, legs, notes, planTargets: planTargetsOf(tradeDate, plan.legs) };
  },
};

/**
 * The targets of this month's plan (run on its first trading day), which the days after it keep working
 * towards until the next plan; null when there was none (no run, or it planned nothing).
 */
async function lastPlanTargets(ctx: StepContext): Promise<PlanTargets | null> {
  const { deps, tradeDate } = ctx;
  const planDay = planDayOnOrBefore(tradeDate, deps.calendar, cycleStrategyConfig(deps).rebalanceOffsetDays);
  if (planDay >= tradeDate) return null;
  const run = await deps.store.getRun(planDay);
  if (run === null) return null;
  const step = (await deps.store.listSteps(run.id)).find((s) => s.step === 'strategy' && s.status === 'DONE');
  const parsed = strategyOutputSchema.safeParse(step?.output);
  if (!parsed.success || parsed.data.status !== 'PLANNED') return null;
  return parsed.data.planTargets ?? null;
}

function barsOf(market: MarketOutput): Record<string, DailyBar[]> {
  const out: Record<string, DailyBar[]> = {};
  for (const [ticker, rows] of Object.entries(market.bars)) out[ticker] = rows.map(barOf);
  return out;
}

function barOf([date, open, high, low, close, volume]: CompactBar): DailyBar {
  return { date, open, high, low, close, volume };
}

function planLeg(leg: RebalanceLeg, quantity: number, clippedBy: PlanLeg['clippedBy']): PlanLeg {
  return {
    ticker: leg.ticker,
    side: leg.side,
    quantity,
    plannedQuantity: leg.quantity,
    limitPrice: leg.limitPrice,
    estimatedValue: quantity * leg.limitPrice,
    heldQuantity: leg.heldQuantity,
    targetQuantity: leg.targetQuantity,
    rationale: leg.rationale,
    clippedBy,
  };
}

function clipNote(
  leg: RebalanceLeg,
  to: number,
  limit: NonNullable<PlanLeg['clippedBy']>,
  limitValue: number,
): StrategyOutput['notes'][number] {
  const text = inBothLocales((m, locale) =>
    m.fit[limit]({
      ticker: leg.ticker,
      from: leg.quantity,
      to,
      limit: limit === 'MAX_POSITION_WEIGHT' ? formatBpPercent(limitValue) : won(limitValue, locale),
    }),
  );
  return { code: 'LEG_CLIPPED', ticker: leg.ticker, text };
}
