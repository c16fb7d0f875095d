/**
 * Builds the whole desk from configuration. Together with main.ts this is the composition root: the only
 * code that picks concrete adapters. Tests build the same runtime with overrides (clock, simulator options,
 * an in-memory database).
 */
import { sql } from 'drizzle-orm';
import type { Config } from './config';
import { loadTradingCalendar } from './adapters/calendar/load';
import { SystemClock } from './adapters/clock/system';
import { openDatabase, type Database } from './adapters/db/client';
import { createDbSessionStore } from './adapters/db/session-store';
import { createDbTokenStore } from './adapters/db/token-store';
import { createDbTradingStore } from './adapters/db/trading-store';
import { createKisBroker, type KisBroker } from './adapters/kis/broker';
import type { KisConfigurationError } from './adapters/kis/http/errors';
import { RateLimiterRegistry } from './adapters/kis/rate-limit';
import { RedisRateLimiter } from './adapters/kis/redis-rate-limit';
import { PostgresRateLimiter } from './adapters/kis/shared-rate-limit';
import { InMemoryTokenStore } from './adapters/kis/token-store';
import { createLocalEmbedder } from './adapters/llm/local-embedder';
import { createOfflinePlanner } from './adapters/llm/offline';
import { createOpenAiChatModel } from './adapters/llm/openai';
import { createOpenAiEmbedder } from './adapters/llm/openai-embedder';
import { createLogger, type Logger } from './adapters/logging/logger';
import { createPgVectorMemoryStore } from './adapters/memory/pgvector';
import { createQdrantMemoryStore } from './adapters/memory/qdrant';
import { loadEtfManifest } from './adapters/prices/load';
import { repoPath } from './adapters/resources';
import { createAssistant, type Assistant } from './app/assistant';
import { BlackoutService } from './app/blackouts';
import { PreOpenCanary } from './app/canary';
import { createDesk } from './app/desk';
import type { ConversationRef } from './app/desk-api';
import {
  createDailyCycle,
  cycleStrategyConfig,
  CYCLE_AUTO_APPROVER,
  takeCloseSnapshot,
  type DailyCycle,
  type RetryPolicy,
} from './app/cycle';
import { brokerClosePrices } from './app/reports/close-prices';
import { ScorecardService } from './app/reports/scorecard';
import { PnlService } from './app/reports/pnl';
import type { Briefing, ChartRenderer, CyclePublisher, PlanPublication } from './app/cycle/ports';
import type { PublicationLog } from './app/ports/publication-log';
import { createScheduler, type Scheduler } from './app/scheduler';
import {
  deskBacktestOutcome,
  deskJobHandlers,
  followBacktestJob,
  queuedCycleRunner,
  queuedScheduledCycle,
  type JobHandlers,
  JobService,
  type JobPolicies,
} from './app/jobs';
import { createDbJobAuditStore } from './adapters/db/job-audit-store';
import {
  deskRunningOn,
  processName,
  startSchedulerLeadership,
  type SchedulerLeadership,
} from './adapters/jobs/advisory-leader';
import { startPgBossQueue } from './adapters/jobs/pg-boss-queue';
import { NAV_FLOOR_OF_CAPITAL_BP } from './backtest/config';
import {
  runDeskBacktest,
  type DeskBacktestRequest,
  type DeskBacktestRunner,
  type DeskBacktestSetup,
} from './backtest/desk-backtest';
import { createWebhookAlertForwarder } from './adapters/alerts/webhook';
import { renderLineChartPng } from './adapters/chart';
import { createDbBlackoutStore } from './adapters/db/blackout-store';
import { createDbCanaryStore } from './adapters/db/canary-store';
import { createDbCycleStore } from './adapters/db/cycle-store';
import { createDbScorecardStore } from './adapters/db/scorecard-store';
import { createDbFillsReader } from './adapters/db/fills-reader';
import { createDbPublicationLog } from './adapters/db/publication-log';
import { addKisRequestCounts, saveDeskSetting } from './adapters/db/dashboard-store';
import { createKisRequestCounter, meteredFetch } from './adapters/http/kis-metering';
import { createDeskMetrics, type DeskMetrics } from './adapters/http/metrics';
import type { StatusProvider } from './adapters/http/desk-readiness';
import { createNewsCrawler } from './adapters/news/crawler';
import type { Desk } from './app/desk-api';
import type { CycleRunner } from './app/desk';
import { createTradingCore, type TradingCore } from './app/trading-core';
import { createDbWatchStore } from './adapters/db/watch-store';
import { withRealtimeQuotes } from './app/watch/realtime-quotes';
import { WatchAlertRelay } from './app/watch/relay';
import { WatchService } from './app/watch/service';
import { watchReadiness } from './app/watch/readiness';
import type { TradingStore } from './app/trading-store';
import type { Clock } from './domain/clock';
import { kstDate, type TradingCalendar } from './domain/market';
import type { MemoryStore } from './domain/ports/memory';
import type { RiskLimits } from './domain/risk';
import {
  DEFAULT_SIM_ACCOUNTS,
  simulatorClientConfig,
  startKisSimulator,
  type KisSimulator,
  type KisSimulatorOptions,
} from './sim/kis';

/** Forwards to whichever channel attaches (Discord or terminal); until one does, publishing fails and is retried. */
export class ChannelRelay implements CyclePublisher {
  private publisher: CyclePublisher | null = null;
  private archiver: ((refs: ConversationRef[]) => Promise<void>) | null = null;

  attach(publisher: CyclePublisher, archiver?: (refs: ConversationRef[]) => Promise<void>): void {
    this.publisher = publisher;
    this.archiver = archiver ?? null;
  }

  publishPlan(plan: PlanPublication, key: string): Promise<void> {
    if (!this.publisher) return Promise.reject(new Error('no channel attached to publish the plan'));
    return this.publisher.publishPlan(plan, key);
  }

  publishBriefing(briefing: Briefing, png: Buffer, key: string): Promise<void> {
    if (!this.publisher) return Promise.reject(new Error('no channel attached to publish the briefing'));
    return this.publisher.publishBriefing(briefing, png, key);
  }

  async archive(refs: ConversationRef[]): Promise<void> {
    if (this.archiver && refs.length > 0) await this.archiver(refs);
  }
}

export interface DeskRuntime {
  config: Config;
  logger: Logger;
  clock: Clock;
  calendar: TradingCalendar;
  database: Database;
  simulator: KisSimulator | null;
  broker: KisBroker;
  store: TradingStore;
  core: TradingCore;
  memory: MemoryStore;
  assistant: Assistant;
  desk: Desk;
  blackouts: BlackoutService;
  cycle: DailyCycle | null;
  scheduler: Scheduler;
  channels: ChannelRelay;
  publications: PublicationLog;
  universe: { ticker: string; name: string }[];
  /** The intraday watch; main.ts starts it and attaches its alerts to the channel. */
  watch: WatchService;
  watchAlerts: WatchAlertRelay;
  /** Every secret the process holds (config and simulator keys), for redaction. */
  secrets: string[];
  /** Prometheus registry behind /metrics (KIS traffic is metered here; the rest is read from the views). */
  metrics: DeskMetrics;
  /** Named status providers shown in /readyz after the standard parts (watch, KIS budget, …). */
  statusProviders: Record<string, StatusProvider>;
  /** The job queue's face: enqueue, follow, the audit. */
  jobs: JobService;
  /** What each job kind does in this process (`npm run cycle` works the cycle itself when no desk runs). */
  jobHandlers: JobHandlers;
  /** Whether a desk process (holding its presence lock) runs on this database. */
  deskRunning(): Promise<boolean>;
  /**
   * Starts this process's background work (main.ts, once a channel can publish): takes part in the scheduler
   * leadership, works the job queue, starts the scheduler (its start-up reconciliation runs in every process).
   */
  startBackgroundWork(): Promise<void>;
  /** /readyz `scheduler_leader`: this process leads, or which one does. */
  schedulerLeader: StatusProvider;
  close(): Promise<void>;
}

export interface ComposeOverrides {
  clock?: Clock;
  logger?: Logger;
  database?: Database;
  simulator?: KisSimulatorOptions;
  /** Fetch used by the news crawler and the alert webhook (tests pass a local one). */
  fetch?: typeof fetch;
  cycleRetry?: RetryPolicy;
  /** The briefing's chart renderer (the replay check passes a cheap one: the chart decides no order). */
  renderChart?: ChartRenderer;
  /** Runs `/backtest`'s engine run; default: a one-thread worker pool. */
  backtestRunner?: DeskBacktestRunner;
  /** The memory store (process tests on a Postgres without pgvector pass an exact in-memory one). */
  memory?: MemoryStore;
  /** Job queue and leadership timings (process tests shorten them). */
  jobs?: {
    pollingIntervalSeconds?: number;
    maintenanceIntervalSeconds?: number;
    leaderPollMs?: number;
    policies?: Partial<JobPolicies>;
  };
}

/** Every secret the process will hold: the configuration's and, in simulator mode, the simulator's keys. */
export function secretsOf(config: Config): string[] {
  const simAccount = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;
  return [
    ...config.secrets,
    ...(config.kis.mode === 'simulator' ? [simAccount.appKey, simAccount.appSecret] : []),
  ];
}

export function riskLimitsFrom(config: Config): RiskLimits {
  return {
    allowedTickers: config.risk.etfUniverse,
    maxOrderValue: config.risk.maxOrderValue,
    maxPositionWeightBp: config.risk.maxPositionWeightBp,
    maxQuoteDistanceBp: config.risk.maxPriceDistanceBp,
    maxNavPremiumBp: config.risk.maxNavPremiumBp,
    fatFingerCashBp: config.risk.fatFingerCashBp,
    maxOrdersPerDay: config.risk.maxOrdersPerDay,
    dailyLossLimitBp: config.risk.dailyLossBp,
    navFloor: config.risk.navFloor,
    maxQuoteAgeMs: 10_000,
    maxAccountAgeMs: 30_000,
  };
}

export function universeFrom(config: Config): { ticker: string; name: string }[] {
  const names = new Map(loadEtfManifest().map((e) => [e.ticker, e.name]));
  return config.risk.etfUniverse.map((ticker) => ({ ticker, name: names.get(ticker) ?? ticker }));
}

/** `/cycle run` through the queue once background work runs, in-process before (tests, the replay check). */
function switchableCycleRunner(
  direct: CycleRunner,
  queued: CycleRunner,
  queueing: () => boolean,
): CycleRunner {
  return {
    runNow: (actor) => (queueing() ? queued.runNow(actor) : direct.runNow(actor)),
    last: () => direct.last(),
  };
}

export async function composeDesk(config: Config, overrides: ComposeOverrides = {}): Promise<DeskRuntime> {
  const clock = overrides.clock ?? new SystemClock();
  const calendar = loadTradingCalendar();
  const secrets = secretsOf(config);
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, secrets });
  const universe = universeFrom(config);
  const closers: (() => Promise<void>)[] = [];

  const database =
    overrides.database ??
    (await openDatabase({ url: config.database.url, dataDir: config.database.pgliteDir }));
  if (!overrides.database) closers.push(() => database.close());
  try {
    const policy = config.discord.enabled
      ? {
          allowedUserIds: config.discord.approverUserIds,
          allowedRoleIds: config.discord.approverRoleIds,
          twoPersonAboveKrw: config.discord.twoPersonAboveKrw,
        }
      : { allowedUserIds: [], allowedRoleIds: [] };
    // Before the broker: its token cache must not issue inside a KIS maintenance window.
    const blackouts = new BlackoutService({
      store: createDbBlackoutStore(database),
      clock,
      daily: config.blackout.daily,
      policy,
    });
    await blackouts.load();
    const tokenBlackouts = {
      inForce: (at: Date) => blackouts.active(at) !== null,
      next: (at: Date) => blackouts.next(at),
    };
    let simulator: KisSimulator | null = null;
    let broker: KisBroker;
    // Simulator tokens die with the simulator (it restarts with the process); real KIS tokens are shared via the DB.
    const tokenStore =
      config.kis.mode === 'simulator' ? new InMemoryTokenStore() : createDbTokenStore(database);
    const nameOf = (ticker: string) => universe.find((u) => u.ticker === ticker)?.name;
    const kisLogger = logger.child({ component: 'kis' });
    // EGW02006/02007/02004 become an alert once the alert service exists (it is built after the broker).
    let raiseKisConfigAlert: ((error: KisConfigurationError) => void) | null = null;
    const onConfigurationError = (error: KisConfigurationError): void => raiseKisConfigAlert?.(error);
    const metrics = createDeskMetrics({ database });
    const kisCounter = createKisRequestCounter({
      flush: (counts) => addKisRequestCounts(database.db, counts),
      now: () => clock.now(),
      onError: (error) => logger.warn({ err: error }, 'kis request counts not saved'),
    });
    closers.push(() => kisCounter.close());
    const kisFetch = meteredFetch(
      (url, init) => fetch(url, init),
      (e) => {
        metrics.observeKisRequest(e);
        kisCounter.record(e);
      },
    );
    if (config.kis.mode === 'simulator') {
      // The simulated account lives in ./data next to the desk's own books, so both survive a restart.
      simulator = await startKisSimulator({
        clock,
        ...(overrides.database ? {} : { stateFile: repoPath('data', 'sim-state.json') }),
        onWarning: (message) => logger.warn({ component: 'simulator' }, message),
        ...overrides.simulator,
      });
      closers.push(() => simulator!.close());
      broker = createKisBroker({
        config: {
          ...simulatorClientConfig(simulator, 'paper'),
          rateLimitPerSecond: overrides.simulator?.rateLimitPerSecond?.paper,
          tokenIssueIntervalMs: overrides.simulator?.tokenIssueIntervalMs,
        },
        clock,
        tokenStore,
        rateLimiters: new RateLimiterRegistry(),
        logger: kisLogger,
        nameOf,
        tokenBlackouts,
        onConfigurationError,
        fetch: kisFetch,
      });
    } else {
      // One budget per app key across every process: in Redis when REDIS_URL is set, else on this Postgres
      // (PGlite is single-process: its in-process limiter is the whole budget).
      const databaseUrl = config.database.url;
      const redisUrl = config.redis?.url;
      const sharedLimiters = new RateLimiterRegistry(
        undefined,
        redisUrl
          ? (keyId, limitPerSecond) => new RedisRateLimiter({ url: redisUrl, keyId, limitPerSecond })
          : database.kind === 'postgres' && databaseUrl
            ? (keyId, limitPerSecond) => new PostgresRateLimiter({ url: databaseUrl, keyId, limitPerSecond })
            : undefined,
      );
      closers.push(() => sharedLimiters.close());
      broker = createKisBroker({
        config: {
          environment: config.kis.environment,
          appKey: config.kis.appKey,
          appSecret: config.kis.appSecret,
          account: `${config.kis.cano}-${config.kis.productCode}`,
          htsId: config.kis.htsId,
          ...(config.kis.restUrl || config.kis.wsUrl
            ? { urls: { rest: config.kis.restUrl, ws: config.kis.wsUrl } }
            : {}),
          // config.ts already refused KIS_ENV=real without the explicit confirmation.
          confirmLive: config.kis.environment === 'real',
        },
        clock,
        tokenStore,
        rateLimiters: sharedLimiters,
        logger: kisLogger,
        nameOf,
        tokenBlackouts,
        onConfigurationError,
        fetch: kisFetch,
      });
    }
    closers.push(() => broker.close());
    // The quote tool and the guard get the watch's realtime price when it is fresher than REST.
    let watch: WatchService | null = null;
    const quotingBroker = withRealtimeQuotes(
      broker,
      () => watch,
      clock,
      riskLimitsFrom(config).maxQuoteAgeMs,
    );

    const store = createDbTradingStore(database.db);
    // The dashboards draw the NAV floor in force next to the NAV (dashboard.nav_daily).
    await saveDeskSetting(database.db, 'nav_floor', riskLimitsFrom(config).navFloor, clock.now());
    const core = createTradingCore({
      broker: quotingBroker,
      store,
      clock,
      calendar,
      limits: riskLimitsFrom(config),
      policy,
      intentTtlMs: config.risk.intentTtlMs,
      commissionPpm: config.kis.commissionPpm,
      blackouts,
      blackoutMaxDriftBp: config.blackout.maxDriftBp,
      maxDeferred: config.blackout.maxDeferred,
      onError: (what, error) => logger.warn({ err: error, what }, 'trading core'),
    });

    raiseKisConfigAlert = (error) => {
      void core.alerts
        .raise({
          kind: 'KIS_CONFIGURATION',
          severity: 'critical',
          message: `KIS 설정 오류 [${error.code}]: ${error.setting} 설정을 확인하세요. 이 설정이 고쳐질 때까지 KIS 호출은 재시도하지 않습니다. (${error.message})`,
          data: {
            code: error.code,
            setting: error.setting,
            en: `KIS configuration error [${error.code}]: check ${error.setting}. KIS calls are not retried until it is fixed. (${error.message})`,
          },
          dedupeKey: `kis-config:${error.code}:${clock.now().toISOString().slice(0, 10)}`,
        })
        .catch((e: unknown) => logger.warn({ err: e }, 'kis configuration alert failed'));
    };

    const offline = createOfflinePlanner({ universe });
    const chatModel = config.openai.enabled
      ? createOpenAiChatModel({
          apiKey: config.openai.apiKey,
          baseUrl: config.openai.baseUrl,
          model: config.openai.chatModel,
          timeoutMs: config.openai.timeoutMs,
          maxRetries: 1,
        })
      : offline;
    const embedder = config.openai.enabled
      ? createOpenAiEmbedder({
          apiKey: config.openai.apiKey,
          baseUrl: config.openai.baseUrl,
          model: config.openai.embeddingModel,
          timeoutMs: config.openai.timeoutMs,
          maxRetries: 1,
        })
      : createLocalEmbedder();
    let memory: MemoryStore;
    if (overrides.memory) {
      memory = overrides.memory;
    } else if (config.qdrant) {
      memory = createQdrantMemoryStore({
        url: config.qdrant.url,
        apiKey: config.qdrant.apiKey,
        collection: config.qdrant.collection,
        embedder,
        clock,
      });
    } else if (database.vectorAvailable) {
      memory = createPgVectorMemoryStore({ db: database.db, embedder, clock });
    } else {
      throw new Error(
        'memory: the database has no pgvector extension and QDRANT_URL is not set (install pgvector or set QDRANT_URL)',
      );
    }

    const assistant = createAssistant({
      chatModel,
      fallbackModel: offline,
      memory,
      sessionStore: createDbSessionStore(database.db),
      broker: quotingBroker,
      tradingCore: core,
      clock,
      calendar,
      universe,
      budgetCents: config.openai.enabled ? config.openai.dailyBudgetCents : null,
      sessionIdleMs: config.sessionIdleMs,
      logger: logger.child({ component: 'assistant' }),
    });
    closers.push(async () => assistant.close());

    // The approval scorecard records decisions from the desk's events, off the trading path.
    const closePrices = brokerClosePrices(broker);
    const scorecard = new ScorecardService({
      store: createDbScorecardStore(database.db),
      calendar,
      clock,
      closes: closePrices,
      quote: async (ticker) => (await broker.getQuote(ticker)).price,
      cancelledBy: async (orderId) =>
        [...(await store.listEvents({ orderId }))].reverse().find((e) => e.type.includes('CANCEL'))?.actor ??
        null,
      systemActors: [CYCLE_AUTO_APPROVER.userId],
      onError: (what, error) => logger.warn({ err: error, what }, 'scorecard'),
    });
    core.events.subscribe(scorecard.listener());
    closers.push(() => scorecard.settled());
    const pnl = new PnlService({
      snapshots: store,
      fills: createDbFillsReader(database.db),
      closes: closePrices,
      clock,
      calendar,
      onError: (what, error) => logger.warn({ err: error, what }, 'pnl'),
    });

    const limits = riskLimitsFrom(config);
    const channels = new ChannelRelay();
    const publications = createDbPublicationLog(
      database.db,
      config.discord.enabled ? 'discord' : 'terminal',
      () => clock.now(),
    );
    const cycle = config.cycle.enabled
      ? createDailyCycle({
          store: createDbCycleStore(database.db),
          tradingStore: store,
          core,
          broker,
          clock,
          calendar,
          limits,
          settings: config.cycle,
          memory,
          news: createNewsCrawler({
            timeoutMs: 10_000,
            maxBytes: 2 * 1024 * 1024,
            clock,
            universe,
            ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
          }),
          publisher: channels,
          renderChart: overrides.renderChart ?? renderLineChartPng,
          locale: config.locale,
          names: Object.fromEntries(universe.map((u) => [u.ticker, u.name])),
          scorecard,
          ...(overrides.cycleRetry ? { retry: overrides.cycleRetry } : {}),
          onError: (what, error) => logger.warn({ err: error, what }, 'daily cycle'),
        })
      : null;
    if (config.alertWebhookUrl) {
      const forwarder = createWebhookAlertForwarder({
        url: config.alertWebhookUrl,
        clock,
        locale: config.locale,
        ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
      });
      core.events.subscribe(forwarder.listener);
    }
    const canary = config.canary.enabled
      ? new PreOpenCanary({
          broker,
          store: createDbCanaryStore(database.db),
          memory,
          alerts: core.alerts,
          clock,
          calendar,
          tickers: [
            ...new Set([
              ...config.cycle.universe,
              ...(config.cycle.safeAsset === 'CASH' ? [] : [config.cycle.safeAsset]),
            ]),
          ],
          time: config.canary.time,
          catchUpCutoff: config.cycle.catchUpCutoff,
          retryMinutes: config.canary.retryMinutes,
        })
      : null;
    // Long and scheduled work goes through the job queue: whichever desk process takes a job runs it.
    const jobQueue = await startPgBossQueue({
      connection: database.connection,
      pollingIntervalSeconds: overrides.jobs?.pollingIntervalSeconds ?? 2,
      maintenanceIntervalSeconds: overrides.jobs?.maintenanceIntervalSeconds ?? 60,
      onError: (error) => logger.warn({ err: error }, 'job queue'),
    });
    closers.push(() => jobQueue.stop());
    const jobs = new JobService({
      queue: jobQueue,
      audit: createDbJobAuditStore(database.db),
      clock,
      worker: processName(),
      ...(overrides.jobs?.policies ? { policies: overrides.jobs.policies } : {}),
      onError: (what, error) => logger.warn({ err: error, what }, 'job'),
    });
    const sweepIdleSessions = async () => channels.archive(await assistant.sweepIdleSessions(clock.now()));
    const tradingUpkeep = async () => {
      await core.reconciliation.reconcile();
      await core.approvals.releaseDeferred();
      await core.approvals.expireDue();
    };
    const closeSnapshot = (tradeDate: string) =>
      takeCloseSnapshot({ broker, tradingStore: store, clock }, tradeDate);
    // `/backtest`: the desk's own strategy settings and guard limits (what the cycle trades with).
    const backtestSetup: DeskBacktestSetup = {
      strategy: cycleStrategyConfig({ settings: config.cycle, limits }),
      limits,
      commissionPpm: config.kis.commissionPpm,
      navFloorBp: NAV_FLOOR_OF_CAPITAL_BP,
    };
    const backtestHere = (request: DeskBacktestRequest) =>
      runDeskBacktest(request, backtestSetup, kstDate(clock.now()), overrides.backtestRunner);
    const jobHandlers = deskJobHandlers({
      cycle,
      tradingUpkeep,
      closeSnapshot,
      sweepIdleSessions,
      backtest: backtestHere,
    });
    // Until startBackgroundWork (main.ts) this process is alone and runs what the scheduler finds due itself,
    // with the same handlers: how tests and the replay check drive `scheduler.tick()` on a fake clock.
    let leadership: SchedulerLeadership | null = null;
    // The audit names the leader that queued a job: `scheduler@host:pid`.
    const scheduledBy = `scheduler@${processName()}`;
    const queued = cycle ? queuedScheduledCycle(jobs, cycle, scheduledBy) : null;
    const scheduler = createScheduler({
      clock,
      calendar,
      cycle:
        cycle && queued
          ? {
              runScheduled: (tradeDate, trigger) =>
                leadership ? queued.runScheduled(tradeDate, trigger) : cycle.runScheduled(tradeDate, trigger),
              recoverInterrupted: () =>
                leadership ? queued.recoverInterrupted() : cycle.recoverInterrupted(),
            }
          : null,
      cycleTime: config.cycle.time,
      catchUpCutoff: config.cycle.catchUpCutoff,
      reconcile: () => core.reconciliation.reconcile(),
      queueTradingUpkeep: () => (leadership ? jobs.enqueue('reconcile', {}, scheduledBy) : tradingUpkeep()),
      retryAbandonedJobs: async () => {
        if (!leadership) return;
        const live = await leadership.liveProcesses();
        const retried = await jobs.retryAbandoned((worker) => live.has(worker));
        if (retried.length > 0) logger.warn({ jobs: retried }, 'jobs of a stopped process retried');
      },
      isLeader: () => leadership?.isLeader() ?? true,
      approvals: core.approvals,
      closeSnapshot: (tradeDate) =>
        leadership ? jobs.enqueue('close-snapshot', { tradeDate }, scheduledBy) : closeSnapshot(tradeDate),
      sweepIdleSessions: () =>
        leadership ? jobs.enqueue('session-sweep', {}, scheduledBy) : sweepIdleSessions(),
      onError: (task, error) => logger.warn({ err: error, task }, 'scheduler'),
      ...(canary ? { canary } : {}),
      learnMarketDay: async (date) => {
        const answer = broker.checkMarketDay
          ? await broker.checkMarketDay(date)
          : { known: false as const, reason: 'no broker answer' };
        if (answer.known) {
          calendar.recordObserved(date, answer.open, 'KIS chk-holiday');
          return;
        }
        await core.alerts.raise({
          kind: 'DATA_OUTAGE',
          severity: 'warning',
          message: `KRX 휴장일 데이터가 ${calendar.coverage.to}까지만 있어 ${date}를 평일 개장일로 가정합니다. resources/krx/closed-days.csv 를 갱신하세요.`,
          data: {
            date,
            reason: answer.reason,
            en: `The KRX closed-day data ends ${calendar.coverage.to}; ${date} is assumed open on weekdays. Update resources/krx/closed-days.csv.`,
          },
          dedupeKey: `calendar-gap:${date}`,
        });
      },
    });
    closers.push(() => scheduler.stop());
    const watchAlerts = new WatchAlertRelay((alert) =>
      logger.warn(
        { ticker: alert.firing.ticker, condition: alert.firing.condition },
        'watch alert with no channel',
      ),
    );
    const names = new Map(universe.map((u) => [u.ticker, u.name]));
    const watchService = new WatchService({
      broker,
      clock,
      calendar,
      store: createDbWatchStore(database.db),
      settings: config.watch,
      positions: () => store.getPositions(),
      openIntents: () =>
        store.listIntents({ statuses: ['AWAITING_APPROVAL', 'APPROVED', 'DEFERRED', 'SUBMITTED'] }),
      propose: (draft) => core.approvals.propose(draft),
      alerts: core.alerts,
      publisher: watchAlerts,
      isKnownEtf: (ticker) => config.risk.etfUniverse.includes(ticker),
      nameOf: (ticker) => names.get(ticker) ?? ticker,
      onError: (what, error) => logger.warn({ err: error, what }, 'watch'),
    });
    watch = watchService;
    closers.push(() => watchService.stop());
    const desk = createDesk({
      core,
      store,
      broker,
      clock,
      conversations: assistant,
      cycle: cycle
        ? switchableCycleRunner(cycle, queuedCycleRunner(jobs, cycle), () => leadership !== null)
        : null,
      universe,
      simulated: simulator !== null,
      blackouts,
      ...(canary ? { canary } : {}),
      scorecard,
      pnl,
      watch: watchService,
      // Through the queue once background work runs (any desk process may take it), in-process before.
      backtest: (request, actor) =>
        deskBacktestOutcome(leadership ? followBacktestJob(jobs, request, actor) : backtestHere(request)),
      calendar,
      probes: {
        database: async () => {
          await database.db.execute(sql`select 1`);
          return database.kind === 'pglite' ? 'PGlite' : 'Postgres';
        },
      },
    });
    return {
      config,
      logger,
      clock,
      calendar,
      database,
      simulator,
      broker,
      store,
      core,
      memory,
      assistant,
      universe,
      secrets,
      desk,
      watch: watchService,
      watchAlerts,
      blackouts,
      cycle,
      scheduler,
      channels,
      publications,
      metrics,
      statusProviders: {
        watch: () => watchReadiness(watchService.status()),
        jobs: async () => {
          const recent = await jobs.recent(3);
          if (recent.length === 0) return { status: 'skip', detail: 'no job has run yet' };
          const detail = recent
            .map((j) => `${j.kind} ${j.singletonKey} ${j.state}${j.worker ? ` (${j.worker})` : ''}`)
            .join('; ');
          return {
            status: recent[0]!.state === 'FAILED' || recent[0]!.state === 'REJECTED' ? 'fail' : 'ok',
            detail,
          };
        },
      },
      jobs,
      jobHandlers,
      deskRunning: () => deskRunningOn(database.db),
      async startBackgroundWork() {
        if (leadership) return;
        leadership = await startSchedulerLeadership({
          connection: database.connection,
          pollMs: overrides.jobs?.leaderPollMs ?? 5_000,
          // A new leader ticks at once instead of waiting for the next minute.
          onChange: (leading) => {
            logger.info(
              { leading },
              leading ? 'this process now runs the scheduler' : 'scheduler leadership lost',
            );
            if (leading) void scheduler.tick().catch((e: unknown) => logger.warn({ err: e }, 'scheduler'));
          },
          onError: (error) => logger.warn({ err: error }, 'scheduler leadership'),
        });
        const held = leadership;
        closers.push(() => held.stop());
        await jobs.work(jobHandlers);
        scheduler.start();
      },
      async schedulerLeader() {
        if (!leadership) return { status: 'skip', detail: 'background work not started in this process' };
        const s = await leadership.status();
        if (s.leading)
          return { status: 'ok', detail: `this process (${s.me}) since ${s.since?.toISOString() ?? '?'}` };
        return s.leader
          ? { status: 'ok', detail: `standby (${s.me}); ${s.leader} runs the scheduler` }
          : { status: 'fail', detail: `standby (${s.me}); no process holds the scheduler lock yet` };
      },
      async close() {
        for (const close of closers.reverse()) {
          try {
            await close();
          } catch (error) {
            logger.warn({ err: error }, 'close failed');
          }
        }
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}
