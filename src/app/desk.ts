/**
 * The Desk facade: the one object channels talk to. It composes the trading core, the assistant, the
 * portfolio view and the daily cycle; it holds no state of its own.
 */
import {
  DEFAULT_DESK_BACKTEST,
  deskBacktestRequestSchema,
  type DeskBacktestRequest,
} from '../backtest/desk-request';
import type { Clock } from '../domain/clock';
import { kstDate, type TradingCalendar } from '../domain/market';
import { OPEN_ORDER_STATUSES } from '../domain/order';
import { basisPoints } from '../domain/money';
import { parsePeriod } from '../domain/scorecard';
import type { Broker } from '../domain/ports';
import type {
  AssistantReply,
  BacktestOutcome,
  ConversationOpening,
  ConversationRef,
  CycleSummary,
  Desk,
  MemoryItem,
  PortfolioView,
  Speaker,
  StatusView,
  TurnProgress,
} from './desk-api';
import type { BlackoutService } from './blackouts';
import { deskConnections, marketStatus, type ConnectionProbes } from './desk-status';
import type { PreOpenCanary } from './canary';
import type { ScorecardService } from './reports/scorecard';
import type { PnlService } from './reports/pnl';
import type { TradingCore } from './trading-core';
import type { TradingCommand } from './trading-state';
import type { TradingStore } from './trading-store';
import { createDeskWatch, type WatchCommandsPort } from './watch/desk-watch';
import { MAX_WATCHED_TICKERS } from './watch/service';

/** The conversation side of the desk (implemented by the assistant). */
export interface ConversationEngine {
  start(
    ref: ConversationRef,
    speaker: Speaker,
    question: string,
    title: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply>;
  continue(
    ref: ConversationRef,
    speaker: Speaker,
    text: string,
    progress?: TurnProgress,
  ): Promise<AssistantReply>;
  /** Optional: engines without it cannot hold desk-opened conversations (the plan thread then says so). */
  open?(ref: ConversationRef, opening: ConversationOpening): Promise<void>;
  memoryShow(query: string | null, limit: number): Promise<MemoryItem[]>;
  memoryForget(id: string, actor: string): Promise<boolean>;
  modelInfo(): Promise<{ id: string; offline: boolean; budgetLeftCents: number | null }>;
}

/** The daily cycle as the desk sees it. */
export interface CycleRunner {
  runNow(actor: string): Promise<CycleSummary>;
  last(): Promise<CycleSummary | null>;
}

export interface DeskDeps {
  core: TradingCore;
  store: TradingStore;
  broker: Broker;
  clock: Clock;
  conversations: ConversationEngine;
  cycle: CycleRunner | null;
  universe: { ticker: string; name: string }[];
  simulated: boolean;
  /** KIS maintenance windows; without it there are none and /blackout is refused. */
  blackouts?: BlackoutService;
  /** The pre-open canary, for /status. */
  canary?: Pick<PreOpenCanary, 'today'>;
  /** The approval scorecard; without it /scorecard finds no decisions. */
  scorecard?: Pick<ScorecardService, 'report'>;
  /** The P&L reports; without it /pnl finds no data. */
  pnl?: Pick<PnlService, 'report'>;
  /** The intraday watch behind /watch and the watch lines of /status; without it /watch says so. */
  watch?: WatchCommandsPort;
  /** `/backtest`: runs (or queues and follows) one desk backtest; without it /backtest says so. */
  backtest?: (request: DeskBacktestRequest, actor: string) => Promise<BacktestOutcome>;
  /** The KRX calendar, for the session line of /status. */
  calendar?: TradingCalendar;
  /** Connection probes for /status (the database); KIS and the model are asked directly. */
  probes?: ConnectionProbes;
}

export function createDesk(deps: DeskDeps): Desk {
  const { core, store, broker, clock } = deps;
  const names = new Map(deps.universe.map((u) => [u.ticker, u.name]));
  const watch = deps.watch
    ? createDeskWatch({ watch: deps.watch, positions: () => store.getPositions(), universe: deps.universe })
    : null;

  async function portfolio(): Promise<PortfolioView> {
    const balance = await broker.getBalance();
    const book = await store.getBook();
    const sod = await store.getNavSnapshot(kstDate(clock.now()), 'start_of_day');
    const nav = balance.totalValue;
    return {
      asOf: balance.asOf.toISOString(),
      environment: broker.environment,
      simulated: deps.simulated,
      cash: balance.cashD2,
      securitiesValue: balance.securitiesValue,
      nav,
      startOfDayNav: sod?.nav ?? null,
      dayPnl: sod ? nav - sod.nav : null,
      realizedPnl: book?.realizedPnl ?? 0,
      feesPaid: book?.feesPaid ?? 0,
      positions: balance.positions.map((p) => ({
        ticker: p.ticker,
        name: names.get(p.ticker) ?? p.name,
        quantity: p.quantity,
        price: p.price,
        value: p.marketValue,
        costBasis: p.purchaseAmount,
        unrealizedPnl: p.unrealizedPnl,
        weightBp: basisPoints(p.marketValue, nav),
      })),
    };
  }

  async function status(): Promise<StatusView> {
    const state = await core.tradingState.effective();
    const openOrders = await store.listOrders({ statuses: OPEN_ORDER_STATUSES });
    const pendingIntents = await store.listIntents({ statuses: ['AWAITING_APPROVAL', 'DEFERRED'] });
    return {
      tradingState: state.state,
      awaitingReconciliation: state.awaitingReconciliation,
      stateReason: state.persisted?.reason ?? null,
      stateChangedAt: state.persisted?.at.toISOString() ?? null,
      environment: broker.environment,
      simulated: deps.simulated,
      openOrders,
      pendingIntents,
      lastCycle: deps.cycle ? await deps.cycle.last() : null,
      model: await deps.conversations.modelInfo(),
      recentAlerts: await store.listRecentAlerts(5),
      blackout: blackoutNow(),
      canary: await canaryToday(),
      watch: deps.watch ? { status: deps.watch.status(), max: MAX_WATCHED_TICKERS } : null,
      market: deps.calendar ? marketStatus(clock.now(), deps.calendar) : null,
      connections: await deskConnections({
        broker,
        clock,
        ...(deps.probes ? { probes: deps.probes } : {}),
        modelInfo: () => deps.conversations.modelInfo(),
      }),
    };
  }

  function blackoutNow(): StatusView['blackout'] {
    const active = deps.blackouts?.active(clock.now()) ?? null;
    if (!active) return null;
    return { until: active.until.toISOString(), windows: [...new Set(active.windows.map((w) => w.label))] };
  }

  async function canaryToday(): Promise<StatusView['canary']> {
    const record = deps.canary ? await deps.canary.today(kstDate(clock.now())) : null;
    if (!record) return null;
    return {
      tradeDate: record.tradeDate,
      status: record.status,
      attempts: record.attempts,
      reason: record.reason,
      at: record.lastAt.toISOString(),
    };
  }

  async function tradingCommand(command: TradingCommand, actor: string) {
    const change = await core.tradingState.command(command, actor);
    const state = await core.tradingState.effective();
    return { changed: change !== null, state: state.state };
  }

  return {
    events: core.events,
    startConversation: (ref, speaker, question, title, progress) =>
      deps.conversations.start(ref, speaker, question, title, progress),
    continueConversation: (ref, speaker, text, progress) =>
      deps.conversations.continue(ref, speaker, text, progress),
    openConversation: async (ref, opening) => {
      await deps.conversations.open?.(ref, opening);
    },
    approve: (intentId, approver) => core.approvals.approve(intentId, approver),
    approvePlan: (dailyRunId, approver) => core.approvals.approvePlan(dailyRunId, approver),
    planLegsAwaiting: (dailyRunId) => core.approvals.planLegsAwaiting(dailyRunId),
    reject: (intentId, approver) => core.approvals.reject(intentId, approver),
    getIntent: (intentId) => store.getIntent(intentId),
    attachCard: (intentId, ref) => store.setIntentCardRef(intentId, ref),
    getOrderForIntent: (intentId) => store.getOrderByIntent(intentId),
    pendingIntents: () => store.listIntents({ statuses: ['AWAITING_APPROVAL', 'DEFERRED'] }),
    openOrders: () => core.cancels.openOrders(),
    cancelOrder: (orderId, approver) => core.cancels.cancel(orderId, approver),
    cancelAllOrders: (approver) => core.cancels.cancelAll(approver),
    portfolio,
    status,
    tradingCommand,
    memoryShow: (query, limit) => deps.conversations.memoryShow(query, limit),
    memoryForget: (id, actor) => deps.conversations.memoryForget(id, actor),
    runCycle: async (actor) => {
      if (!deps.cycle) throw new Error('the daily cycle is not configured');
      return deps.cycle.runNow(actor);
    },
    lastCycle: async () => (deps.cycle ? deps.cycle.last() : null),
    backtest: async (request, actor) => {
      const parsed = deskBacktestRequestSchema.safeParse({
        months: request.months ?? DEFAULT_DESK_BACKTEST.months,
        capital: request.capital ?? DEFAULT_DESK_BACKTEST.capital,
      });
      if (!parsed.success) {
        const fields = new Set(parsed.error.issues.map((i) => i.path[0]));
        return { status: 'invalid', fields: (['months', 'capital'] as const).filter((f) => fields.has(f)) };
      }
      if (!deps.backtest) return { status: 'not-configured' };
      return deps.backtest(parsed.data, actor);
    },
    universe: () => deps.universe,
    blackouts: async () => (deps.blackouts ? deps.blackouts.list() : { daily: [], adhoc: [], active: null }),
    addBlackout: async (input, approver) =>
      deps.blackouts ? deps.blackouts.add(input, approver) : { status: 'not-allowed' },
    removeBlackout: async (id, approver) =>
      deps.blackouts ? deps.blackouts.remove(id, approver) : { status: 'not-allowed' },
    scorecard: async (request) => {
      if (deps.scorecard) return deps.scorecard.report(request);
      const period = parsePeriod(request.period, kstDate(clock.now()), 'month');
      return period
        ? { status: 'no-decisions', period, person: request.person ?? null }
        : { status: 'bad-period', input: (request.period ?? '').slice(0, 40) };
    },
    pnl: async (request) => {
      if (deps.pnl) return deps.pnl.report(request);
      const period = parsePeriod(request.period, kstDate(clock.now()), 'day', [
        'day',
        'week',
        'month',
        'year',
      ]);
      return period
        ? { status: 'no-data', period }
        : { status: 'bad-period', input: (request.period ?? '').slice(0, 40) };
    },
    watchAdd: async (request, by) => (watch ? watch.add(request, by) : { status: 'not-configured' }),
    watchRemove: async (ticker) => (watch ? watch.remove(ticker) : { status: 'not-configured' }),
    watchList: async () => (watch ? watch.list() : null),
  };
}
