/**
 * The daily cycle: exactly one run per KRX trade date. The unique `daily_runs` row is the claim (a FAILED run
 * is taken over by one conditional update), every step checkpoints RUNNING → DONE with its output, and a DONE
 * step never runs again: a resumed run reads the outputs back and continues where the last one stopped.
 * Steps are retried with backoff; a step that keeps failing raises CYCLE_STEP_FAILED and stops the run.
 * Every side effect a step may repeat after a crash (before its checkpoint) is idempotent: news by URL,
 * memories by id, intents by idempotency key, approvals by compare-and-set, posts by publication key.
 */
import { kstDate, kstParts } from '../../domain/market';
import type { CycleSummary } from '../desk-api';
import type { CycleRunner } from '../desk';
import type { TradingCalendar } from '../../domain/market';
import type { CycleStore, DailyRunRecord, RunStepRecord, RunTrigger } from '../ports/cycle-store';
import { alertStepFailed } from './alerts';
import type { CycleStep, DailyCycleDeps, RetryPolicy, StepContext } from './context';
import { STEP_NAMES, STEP_OUTPUT_SCHEMAS, type StepName, type StepOutputs } from './outputs';
import { briefingStep } from './steps/briefing';
import { executionStep } from './steps/execution';
import { marketFetchStep } from './steps/market-fetch';
import { memorySummaryStep } from './steps/memory-summary';
import { memoryUpsertStep } from './steps/memory-upsert';
import { newsStep } from './steps/news';
import { riskStep } from './steps/risk';
import { strategyStep } from './steps/strategy';

export const CYCLE_STEPS: readonly CycleStep<StepName>[] = [
  newsStep,
  memorySummaryStep,
  marketFetchStep,
  strategyStep,
  riskStep,
  executionStep,
  briefingStep,
  memoryUpsertStep,
];

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, delaysMs: [5_000, 30_000] };
export const DEFAULT_RETRY_FAILED_AFTER_MS = 5 * 60_000;
const INTERRUPTED = 'interrupted: the process stopped during the run';
const MAX_ERROR_CHARS = 500;

export interface DailyCycle extends CycleRunner {
  /**
   * The scheduler's entry: starts or resumes the date's run unless it is COMPLETED, already RUNNING, or
   * failed in this process less than `retryFailedAfterMs` ago. Null when nothing was started.
   */
  runScheduled(tradeDate: string, trigger: 'schedule' | 'catch_up'): Promise<CycleSummary | null>;
  /** Starts or resumes the date's run (a COMPLETED or RUNNING run is only reported). */
  runFor(tradeDate: string, trigger: RunTrigger): Promise<CycleSummary>;
  summaryFor(tradeDate: string): Promise<CycleSummary | null>;
  /**
   * Runs a dead process left RUNNING become FAILED, so they can be resumed: at start-up every date, or one date
   * (the cycle job of that date, which is the only one running it). Nothing while this process runs a cycle.
   */
  recoverInterrupted(tradeDate?: string): Promise<number>;
  /** Today's trade date when a run by hand is allowed now (a KRX trading day before the catch-up cutoff), else null. */
  manualRunDate(): string | null;
}

const hhmmMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

/** JSON round trip and schema check, so a fresh output looks exactly like one read back after a restart. */
function normalise<K extends StepName>(step: K, output: unknown): StepOutputs[K] {
  const json: unknown = output === undefined ? null : JSON.parse(JSON.stringify(output));
  return STEP_OUTPUT_SCHEMAS[step].parse(json) as StepOutputs[K];
}

/** A run and its steps as the desk reports them (the steps in cycle order). */
export async function summarizeRun(
  store: Pick<CycleStore, 'listSteps'>,
  run: DailyRunRecord,
): Promise<CycleSummary> {
  const order = (s: RunStepRecord): number => {
    const i = STEP_NAMES.indexOf(s.step as StepName);
    return i === -1 ? STEP_NAMES.length : i;
  };
  const steps = (await store.listSteps(run.id)).sort((a, b) => order(a) - order(b));
  return {
    tradeDate: run.tradeDate,
    status: run.status,
    steps: steps.map((s) => ({ step: s.step, status: s.status, attempts: s.attempts, error: s.error })),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** Today's trade date when a run by hand is allowed at `now` (a KRX trading day before the cut-off), else null. */
export function manualRunDateAt(now: Date, calendar: TradingCalendar, catchUpCutoff: string): string | null {
  const tradeDate = kstDate(now);
  const pastCutoff = kstParts(now).minuteOfDay >= hhmmMinutes(catchUpCutoff);
  return calendar.isTradingDay(tradeDate) && !pastCutoff ? tradeDate : null;
}

export function createDailyCycle(deps: DailyCycleDeps): DailyCycle {
  const { store, clock, calendar } = deps;
  const retry = deps.retry ?? DEFAULT_RETRY;
  const attempts = Math.max(1, Math.trunc(retry.attempts));
  const sleep = retry.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retryFailedAfterMs = deps.retryFailedAfterMs ?? DEFAULT_RETRY_FAILED_AFTER_MS;
  const inFlight = new Map<string, Promise<CycleSummary>>();
  const lastFailureAt = new Map<string, number>();

  const summaryOf = (run: DailyRunRecord): Promise<CycleSummary> => summarizeRun(store, run);

  /** Runs one step with retries. Resolves with its output, or with the last error once attempts run out. */
  async function runStep(
    run: DailyRunRecord,
    step: CycleStep<StepName>,
    outputs: Map<StepName, unknown>,
  ): Promise<{ ok: true; output: unknown } | { ok: false; error: string }> {
    let lastError = 'not attempted';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const started = await store.startStep(run.id, step.name, clock.now());
      if (started.status === 'DONE') return { ok: true, output: normalise(step.name, started.output) };
      const ctx: StepContext = {
        run,
        tradeDate: run.tradeDate,
        deps,
        attempt,
        lastAttempt: attempt === attempts,
        output: <K extends StepName>(name: K) => {
          if (!outputs.has(name))
            throw new Error(`step ${step.name} needs the output of ${name}, which has none`);
          return outputs.get(name) as StepOutputs[K];
        },
      };
      let output: unknown;
      try {
        output = normalise(step.name, await step.run(ctx));
      } catch (error) {
        lastError = describeError(error);
        deps.onError?.(`cycle ${run.tradeDate} step ${step.name} attempt ${attempt}`, error);
        await store.failStep(run.id, step.name, lastError, clock.now());
        if (attempt < attempts)
          await sleep(retry.delaysMs[Math.min(attempt, retry.delaysMs.length) - 1] ?? 0);
        continue;
      }
      // Outside the try: a checkpoint that cannot be written is not the step's failure, it ends the run.
      await store.completeStep(run.id, step.name, output, clock.now());
      return { ok: true, output };
    }
    return { ok: false, error: lastError };
  }

  async function execute(run: DailyRunRecord): Promise<void> {
    const outputs = new Map<StepName, unknown>();
    const done = new Map((await store.listSteps(run.id)).map((s) => [s.step, s]));
    for (const step of CYCLE_STEPS) {
      const checkpoint = done.get(step.name);
      if (checkpoint?.status === 'DONE') {
        outputs.set(step.name, normalise(step.name, checkpoint.output));
        continue;
      }
      const result = await runStep(run, step, outputs);
      if (!result.ok) {
        lastFailureAt.set(run.tradeDate, clock.now().getTime());
        await store.finishRun(run.id, 'FAILED', clock.now(), `${step.name}: ${result.error}`);
        await alertStepFailed(deps.core.alerts, {
          tradeDate: run.tradeDate,
          step: step.name,
          attempts,
          error: result.error,
          cutoff: deps.settings.catchUpCutoff,
        });
        return;
      }
      outputs.set(step.name, result.output);
    }
    await store.finishRun(run.id, 'COMPLETED', clock.now());
  }

  async function claimAndRun(tradeDate: string, trigger: RunTrigger): Promise<CycleSummary> {
    const existing = await store.getRun(tradeDate);
    let claimed: DailyRunRecord | null = null;
    if (!existing) {
      const created = await store.createRun(tradeDate, trigger, clock.now());
      if (!created.created) return summaryOf(created.run);
      claimed = created.run;
    } else if (existing.status === 'FAILED') {
      claimed = await store.claimRun(existing.id, trigger, clock.now());
    }
    if (!claimed) return summaryOf((await store.getRun(tradeDate)) ?? existing!);
    try {
      await execute(claimed);
    } catch (error) {
      // Best effort: if the database itself is gone, start-up recovery releases the run instead.
      await store.finishRun(claimed.id, 'FAILED', clock.now(), describeError(error)).catch(() => null);
      throw error;
    }
    return summaryOf((await store.getRun(tradeDate)) ?? claimed);
  }

  function runFor(tradeDate: string, trigger: RunTrigger): Promise<CycleSummary> {
    const running = inFlight.get(tradeDate);
    if (running) return running;
    const job = claimAndRun(tradeDate, trigger).finally(() => inFlight.delete(tradeDate));
    inFlight.set(tradeDate, job);
    return job;
  }

  const manualRunDate = (): string | null =>
    manualRunDateAt(clock.now(), calendar, deps.settings.catchUpCutoff);

  async function summaryFor(tradeDate: string): Promise<CycleSummary | null> {
    const run = await store.getRun(tradeDate);
    return run ? summaryOf(run) : null;
  }

  return {
    runFor,
    summaryFor,

    async runScheduled(tradeDate, trigger) {
      if (!calendar.isTradingDay(tradeDate) || inFlight.has(tradeDate)) return null;
      const run = await store.getRun(tradeDate);
      if (run && run.status !== 'FAILED') return null;
      // Only failures seen by this process wait; a run released at start-up resumes at once.
      const failedAt = lastFailureAt.get(tradeDate);
      if (failedAt !== undefined && clock.now().getTime() - failedAt < retryFailedAfterMs) return null;
      return runFor(tradeDate, trigger);
    },

    /** `/cycle run`: today's run under the same rules: once per trade date, nothing on closed days or after the cut-off. */
    async runNow(_actor) {
      const now = clock.now();
      const tradeDate = kstDate(now);
      if (manualRunDate() === null) {
        return (
          (await summaryFor(tradeDate)) ?? {
            tradeDate,
            status: 'SKIPPED',
            steps: [],
            startedAt: now.toISOString(),
            finishedAt: now.toISOString(),
          }
        );
      }
      return runFor(tradeDate, 'manual');
    },

    async last() {
      const run = await store.latestRun();
      return run ? summaryOf(run) : null;
    },

    async recoverInterrupted(tradeDate) {
      if (inFlight.size > 0) return 0;
      return (await store.releaseInterruptedRuns(clock.now(), INTERRUPTED, tradeDate)).length;
    },

    manualRunDate,
  };
}
