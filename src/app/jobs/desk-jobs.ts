/**
 * The desk's work as jobs: what each kind does when a worker takes it, and the queued faces the scheduler,
 * `/cycle run` and `npm run cycle` use instead of running the work in their own process. Whichever desk
 * process takes a job runs it; one cycle per trade date across all of them (the singleton key).
 */
import type { CycleSummary } from '../desk-api';
import type { CycleRunner } from '../desk';
import type { DailyCycle } from '../cycle';
import type { SchedulerDeps } from '../scheduler';
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
