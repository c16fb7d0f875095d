/**
 * The desk's work as jobs: what each kind does when a worker takes it, and the queued faces the scheduler,
 * `/cycle run` and `npm run cycle` use instead of running the work in their own process. Whichever desk
 * process takes a job runs it; one cycle per trade date across all of them (the singleton key).
 */
import {
  deskBacktestBriefSchema,
  NO_BACKTEST_DATA,
  type DeskBacktestBrief,
} from '../../backtest/desk-request';
import type { BacktestOutcome, CycleSummary } from '../desk-api';
import type { CycleRunner } from '../desk';
import type { DailyCycle } from '../cycle';
import type { SchedulerDeps } from '../scheduler';
import type { JobPayload } from './kinds';
import type { JobHandlers, JobService } from './service';

/** The cycle ended FAILED: the job attempt fails too, so the queue retries it (resuming from the checkpoint). */
export class CycleRunFailedError extends Error {
  constructor(readonly summary: CycleSummary) {
    const failed = summary.steps.find((s) => s.status === 'FAILED');
    super(
      `the ${summary.tradeDate} cycle failed${failed ? ` at ${failed.step}: ${failed.error ?? ''}` : ''}`,
    );
    this.name = 'CycleRunFailedError';
  }
}

export interface DeskJobDeps {
  cycle: Pick<DailyCycle, 'runFor' | 'summaryFor' | 'recoverInterrupted'> | null;
  /** One reconciliation, then deferred approvals released and due intents expired (the trading lane). */
  tradingUpkeep: () => Promise<unknown>;
  closeSnapshot: (tradeDate: string) => Promise<unknown>;
  sweepIdleSessions?: () => Promise<unknown>;
  /** `/backtest`: the desk's strategy over the last N months; its brief is the job's output. */
  backtest?: (request: JobPayload<'backtest'>) => Promise<unknown>;
}

export function deskJobHandlers(deps: DeskJobDeps): JobHandlers {
  const cycle = deps.cycle;
  const sweep = deps.sweepIdleSessions;
  return {
    ...(cycle
      ? {
          async cycle({ tradeDate, trigger }) {
            // This job is the only one running the date (singleton key): a RUNNING run is a dead attempt's.
            if ((await cycle.summaryFor(tradeDate))?.status === 'RUNNING')
              await cycle.recoverInterrupted(tradeDate);
            const summary = await cycle.runFor(tradeDate, trigger);
            if (summary.status === 'FAILED') throw new CycleRunFailedError(summary);
            return summary;
          },
        }
      : {}),
    async reconcile() {
      await deps.tradingUpkeep();
      return null;
    },
    async 'close-snapshot'({ tradeDate }) {
      await deps.closeSnapshot(tradeDate);
      return { tradeDate };
    },
    ...(sweep ? { 'session-sweep': async () => (await sweep(), null) } : {}),
    ...(deps.backtest ? { backtest: deps.backtest } : {}),
  };
}

/** The scheduler's cycle when work goes through the queue: a due cycle is queued (joined when already queued). */
export function queuedScheduledCycle(
  jobs: JobService,
  cycle: Pick<DailyCycle, 'summaryFor'>,
  requestedBy = 'scheduler',
): NonNullable<SchedulerDeps['cycle']> {
  return {
    async runScheduled(tradeDate, trigger) {
      const run = await cycle.summaryFor(tradeDate);
      if (run?.status === 'COMPLETED') return null;
      await jobs.enqueue('cycle', { tradeDate, trigger }, requestedBy);
      return null;
    },
    // The cycle job releases a dead attempt's run of its own date; a blanket release could hit a live run
    // of another process.
    recoverInterrupted: async () => 0,
  };
}

/** `/cycle run` through the queue: today's cycle runs once, in whichever desk takes it; this waits for it. */
export function queuedCycleRunner(
  jobs: JobService,
  cycle: Pick<DailyCycle, 'runNow' | 'last' | 'summaryFor' | 'manualRunDate'>,
): CycleRunner {
  return {
    last: () => cycle.last(),
    async runNow(actor) {
      const tradeDate = cycle.manualRunDate();
      if (tradeDate === null) return cycle.runNow(actor); // reports the day's run or SKIPPED; runs nothing
      const existing = await cycle.summaryFor(tradeDate);
      if (existing?.status === 'COMPLETED') return existing;
      const job = await jobs.enqueue('cycle', { tradeDate, trigger: 'manual' }, actor);
      const finished = await jobs.follow('cycle', job.id, { until: 'attempt' });
      const summary = await cycle.summaryFor(tradeDate);
      if (summary) return summary;
      throw new Error(
        `the cycle job ${job.id} ended ${finished.status.state} before a run started: ${finished.audit?.error ?? 'no error recorded'}`,
      );
    },
  };
}

/** How long a person's `/backtest` waits for the job (its attempt expires after 10 minutes). */
const BACKTEST_WAIT_MS = 11 * 60_000;

/** `/backtest` through the queue: whichever desk takes the job runs it; this waits for its brief. */
export async function followBacktestJob(
  jobs: JobService,
  request: JobPayload<'backtest'>,
  actor: string,
  options: { pollMs?: number } = {},
): Promise<DeskBacktestBrief> {
  const job = await jobs.enqueue('backtest', request, actor);
  const finished = await jobs.follow('backtest', job.id, {
    timeoutMs: BACKTEST_WAIT_MS,
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
  });
  if (finished.status.state !== 'completed') {
    const error = finished.audit?.error ?? `the backtest job ${job.id} ended ${finished.status.state}`;
    throw error.startsWith(NO_BACKTEST_DATA) ? new BacktestNoDataError(error) : new Error(error);
  }
  // The output crossed the queue (another process may have written it): checked like any boundary.
  return deskBacktestBriefSchema.parse(finished.status.output);
}

class BacktestNoDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = NO_BACKTEST_DATA;
  }
}

/** A brief, or why there is none, as `/backtest` shows it. */
export async function deskBacktestOutcome(run: Promise<DeskBacktestBrief>): Promise<BacktestOutcome> {
  try {
    return { status: 'done', brief: await run };
  } catch (error) {
    if (error instanceof Error && error.name === NO_BACKTEST_DATA) return { status: 'no-data' };
    const text = error instanceof Error ? error.message : String(error);
    return { status: 'failed', error: text.slice(0, 300) };
  }
}
