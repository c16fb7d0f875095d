/**
 * Step 7: the morning briefing (NAV and P&L from the NAV snapshots, positions, the plan and why, news
 * highlights, the trading state) with a NAV chart, published once. "Once" is the DONE checkpoint; the
 * publisher is called before it is written, so a crash in between calls it again with the same key
 * (`daily-run:<runId>:briefing`) and the publisher drops the repeat. A publisher that cannot dedupe posts
 * twice in that one window: at-least-once, never zero.
 */
import { addDays } from '../../../domain/market';
import type { CycleStep, StepContext } from '../context';
import { cycleMessages, won } from '../messages';
import type { BriefingOutput } from '../outputs';
import { navChartPng } from '../briefing/chart';
import { composeBriefing } from '../briefing/compose';
import { pnlFigures } from '../briefing/pnl';

/** Enough closes for the year-to-date base and the chart. */
const HISTORY_DAYS = 400;

export function briefingPublicationKey(runId: string): string {
  return `daily-run:${runId}:briefing`;
}

export const briefingStep: CycleStep<'briefing'> = {
  name: 'briefing',
  async run(ctx: StepContext): Promise<BriefingOutput> {
    const { deps, tradeDate, run } = ctx;
    const market = ctx.output('market_fetch');
    const strategy = ctx.output('strategy');
    const execution = ctx.output('execution');
    const fromDate = addDays(tradeDate, -HISTORY_DAYS);
    const closes = await deps.tradingStore.listNavSnapshots({ kind: 'close', fromDate, toDate: tradeDate });
    const starts = await deps.tradingStore.listNavSnapshots({
      kind: 'start_of_day',
      fromDate,
      toDate: tradeDate,
    });
    const nav = market.balance?.totalValue ?? null;
    const state = await deps.core.tradingState.effective();
    let scorecard: Record<'ko' | 'en', string> | null = null;
    try {
      scorecard = (await deps.scorecard?.briefingLine(tradeDate)) ?? null;
    } catch (error) {
      deps.onError?.('briefing scorecard', error);
    }

    const briefing = composeBriefing({
      tradeDate,
      runId: run.id,
      calendar: deps.calendar,
      names: deps.names ?? {},
      market,
      strategy,
      risk: ctx.output('risk'),
      execution,
      news: ctx.output('news'),
      pnl: pnlFigures(tradeDate, nav, closes, starts),
      tradingState: state.state,
      awaitingReconciliation: state.awaitingReconciliation,
      scorecard,
    });
    const m = cycleMessages(deps.locale).briefing;
    const png = navChartPng(
      deps.renderChart,
      {
        title: m.chartTitle,
        nav: m.chartNav,
        floor: m.chartFloor({ floor: won(deps.limits.navFloor, deps.locale) }),
        drawdown: m.chartDrawdown,
      },
      closes,
      { tradeDate, nav },
      deps.limits.navFloor,
    );
    const key = briefingPublicationKey(run.id);
    await deps.publisher.publishBriefing(briefing, png, key);
    const tickers = [
      ...new Set([
        ...(market.balance?.positions.filter((p) => p.quantity > 0).map((p) => p.ticker) ?? []),
        ...strategy.legs.map((l) => l.ticker),
        ...execution.intents.map((i) => i.ticker),
      ]),
    ];
    return { key, text: briefing.text, tickers };
  },
};
