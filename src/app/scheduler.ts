/**
 * The desk's clockwork. State-based, not window-based: a tick every minute (and one at start-up) looks at
 * the time and the stored state and does what is due, so a late start or a missed minute catches up instead
 * of skipping a day. node-cron only wakes the logic; `tick()` reads time from the injected Clock, which is
 * how tests drive it.
 *
 * Each tick, in order:
 *  - start-up (until it succeeds): release cycle runs a dead process left RUNNING, then reconcile with the
 *    broker; trading stays HALTED until that reconciliation succeeds, and nothing below that sends orders runs;
 *  - reconcile every minute during the session, send deferred approvals whose session opened, expire intents;
 *  - on a KRX trading day between CYCLE_TIME and CYCLE_CATCHUP_CUTOFF, run or resume today's cycle until it
 *    is COMPLETED ('schedule' when this process was up at CYCLE_TIME, else 'catch_up');
 *  - on a KRX trading day from CANARY_TIME, the pre-open canary (the cycle waits for it to pass);
 *  - after 15:30 on a trading day, the closing NAV snapshot (once);
 *  - the idle-session sweep.
 * Tasks run in lanes: a lane still busy from an earlier tick is skipped, so a long cycle never delays the
 * trading lane and nothing overlaps itself.
 *
 * Several desk processes on one database: every process does its own start-up reconciliation (its trading
 * stays HALTED until then), and only the leader (`isLeader`, src/adapters/jobs/advisory-leader.ts) does the
 * rest; with a job queue the leader only queues the cycle, the in-session reconciliation, the close snapshot
 * and the sweep, and whichever desk takes a job runs it (src/app/jobs).
 */
import cron from 'node-cron';
import type { Clock } from '../domain/clock';
import { kstParts, marketSessionAt, type TradingCalendar } from '../domain/market';
import type { ApprovalService } from './approvals';
import type { PreOpenCanary } from './canary';
import type { DailyCycle } from './cycle';
import type { CycleSummary } from './desk-api';

export const SCHEDULER_TIMEZONE = 'Asia/Seoul';
export const EVERY_MINUTE = '* * * * *';
const CLOSE_SNAPSHOT_MINUTE = 15 * 60 + 30;
const RECONCILE_PHASES = new Set(['OPENING_AUCTION', 'CONTINUOUS', 'CLOSING_AUCTION', 'POST_CLOSE_BREAK']);

/** The part of node-cron the scheduler uses (tests pass a fake). */
export interface CronLike {
  schedule(
    expression: string,
    run: () => void,
    options: { timezone: string; name?: string },
  ): { destroy(): void | Promise<void> };
}

export interface SchedulerDeps {
  clock: Clock;
  calendar: TradingCalendar;
  /** Null when CYCLE_ENABLED=false. */
  cycle: Pick<DailyCycle, 'runScheduled' | 'recoverInterrupted'> | null;
  /** HH:MM KST. */
  cycleTime: string;
  /** HH:MM KST. */
  catchUpCutoff: string;
  /** core.reconciliation.reconcile: `ok` once every open order is accounted for. */
  reconcile: () => Promise<{ ok: boolean }>;
  approvals: Pick<ApprovalService, 'releaseDeferred' | 'expireDue'>;
  /** takeCloseSnapshot bound to its deps. */
  closeSnapshot: (tradeDate: string) => Promise<unknown>;
  /** The assistant's idle-session sweep (summarise and archive). */
  sweepIdleSessions?: () => Promise<unknown>;
  /** Default 5. */
  sweepEveryMinutes?: number;
  cron?: CronLike;
  onError?: (task: string, error: unknown) => void;
  /**
   * Called on a tick whose date lies beyond the shipped calendar data: asks an authoritative source (KIS
   * chk-holiday) and records the answer in the calendar, or raises an alert that it is guessing.
   */
  learnMarketDay?: (date: string) => Promise<void>;
  /**
   * The pre-open canary (src/app/canary.ts): `tick` runs it when due on a trading day; the scheduled cycle runs
   * only once `gate` allows (a failed canary holds it, retried until the catch-up cutoff).
   */
  canary?: Pick<PreOpenCanary, 'tick' | 'gate'>;
  /** Whether this process runs the schedule (several desks on one database); absent: always. */
  isLeader?: () => boolean;
  /**
   * In-session reconciliation with deferred releases and expiry, handed to the job queue (one at a time across
   * processes). Absent: the trading lane does it in this process.
   */
  queueTradingUpkeep?: () => Promise<unknown>;
  /** Retries jobs whose running attempt belongs to a process that is gone (leader only, every tick). */
  retryAbandonedJobs?: () => Promise<unknown>;
}

export interface TickReport {
  at: string;
  /** Whether the start-up reconciliation has succeeded (trading may leave HALTED). */
  reconciled: boolean;
  /** Lanes that ran in this tick. */
  ran: string[];
  /** The cycle's summary when this tick started or resumed it. */
  cycle: CycleSummary | null;
}

export interface Scheduler {
  /** Schedules the minute tick and runs the start-up tick now (not awaited). */
  start(): void;
  /** Removes every scheduled job and waits for the tick in progress. */
  stop(): Promise<void>;
  tick(): Promise<TickReport>;
}

const nodeCron: CronLike = {
  schedule: (expression, run, options) => cron.schedule(expression, run, options),
};

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { clock, calendar } = deps;
  const cycleMinute = minutesOf(deps.cycleTime);
  const cutoffMinute = minutesOf(deps.catchUpCutoff);
  const sweepEvery = Math.max(1, deps.sweepEveryMinutes ?? 5);
  const busy = new Set<string>();
  let job: { destroy(): void | Promise<void> } | null = null;
  let current: Promise<TickReport> | null = null;
  let firstTickAt: Date | null = null;
  let recovered = deps.cycle === null;
  let reconciled = false;
  let closeTakenFor: string | null = null;

  /** Runs `task` unless its lane is busy; a failure is reported, never thrown into the tick. */
  async function lane(name: string, ran: string[], task: () => Promise<void>): Promise<void> {
    if (busy.has(name)) return;
    busy.add(name);
    ran.push(name);
    try {
      await task();
    } catch (error) {
      deps.onError?.(name, error);
    } finally {
      busy.delete(name);
    }
  }

  async function startUp(ran: string[]): Promise<void> {
    if (!recovered && deps.cycle) {
      const cycle = deps.cycle;
      await lane('recover', ran, async () => {
        await cycle.recoverInterrupted();
        recovered = true;
      });
    }
    if (!reconciled)
      await lane('trading', ran, async () => {
        reconciled = (await deps.reconcile()).ok;
      });
  }

  async function runTick(): Promise<TickReport> {
    const now = clock.now();
    firstTickAt ??= now;
    const parts = kstParts(now);
    const today = parts.date;
    if (!calendar.isCovered(today) && calendar.closedReason(today) !== 'weekend' && deps.learnMarketDay) {
      try {
        await deps.learnMarketDay(today);
      } catch (error) {
        deps.onError?.('market-day', error);
      }
    }
    const tradingDay = calendar.isTradingDay(today);
    const ran: string[] = [];
    let cycleSummary: CycleSummary | null = null;

    const justReconciled = !reconciled;
    await startUp(ran);
    if (deps.isLeader && !deps.isLeader()) return { at: now.toISOString(), reconciled, ran, cycle: null };

    const tasks: Promise<void>[] = [];
    if (reconciled) {
      const inSession = tradingDay && RECONCILE_PHASES.has(marketSessionAt(now, calendar).phase);
      const queueUpkeep = deps.queueTradingUpkeep;
      tasks.push(
        lane('trading', ran, async () => {
          if (inSession && !justReconciled && queueUpkeep) {
            await queueUpkeep();
            return;
          }
          if (inSession && !justReconciled) await deps.reconcile();
          await deps.approvals.releaseDeferred();
          await deps.approvals.expireDue();
        }),
      );
    } else {
      tasks.push(lane('expire', ran, async () => void (await deps.approvals.expireDue())));
    }

    const cycle = deps.cycle;
    const cycleDue = tradingDay && parts.minuteOfDay >= cycleMinute && parts.minuteOfDay < cutoffMinute;
    if (cycle && reconciled && recovered && cycleDue) {
      const upAtCycleTime =
        kstParts(firstTickAt).date < today || kstParts(firstTickAt).minuteOfDay <= cycleMinute;
      tasks.push(
        lane('cycle', ran, async () => {
          if (deps.canary && !(await deps.canary.gate(today)).allow) return;
          cycleSummary = await cycle.runScheduled(today, upAtCycleTime ? 'schedule' : 'catch_up');
        }),
      );
    }

    const canary = deps.canary;
    if (canary && tradingDay) tasks.push(lane('canary', ran, () => canary.tick(today)));

    if (tradingDay && parts.minuteOfDay >= CLOSE_SNAPSHOT_MINUTE && closeTakenFor !== today) {
      tasks.push(
        lane('close-snapshot', ran, async () => {
          await deps.closeSnapshot(today);
          closeTakenFor = today;
        }),
      );
    }

    const retryAbandoned = deps.retryAbandonedJobs;
    if (retryAbandoned) tasks.push(lane('jobs', ran, async () => void (await retryAbandoned())));

    const sweep = deps.sweepIdleSessions;
    if (sweep && parts.minuteOfDay % sweepEvery === 0)
      tasks.push(lane('sweep', ran, async () => void (await sweep())));

    await Promise.all(tasks);
    return { at: now.toISOString(), reconciled, ran, cycle: cycleSummary };
  }

  function tick(): Promise<TickReport> {
    const run = runTick();
    current = run;
    const settle = (): void => {
      if (current === run) current = null;
    };
    run.then(settle, settle);
    return run;
  }

  const tickInBackground = (): void => {
    tick().catch((error: unknown) => deps.onError?.('tick', error));
  };

  return {
    start() {
      if (job) return;
      job = (deps.cron ?? nodeCron).schedule(EVERY_MINUTE, tickInBackground, {
        timezone: SCHEDULER_TIMEZONE,
        name: 'kis-desk-tick',
      });
      tickInBackground();
    },
    async stop() {
      const stopping = job;
      job = null;
      await stopping?.destroy();
      await current?.catch(() => undefined);
    },
    tick,
  };
}
