/**
 * The persistence port of the daily cycle: one run per KRX trade date (the unique row is the exactly-once
 * guarantee), a checkpoint per step, and the news items the cycle collects. The adapter is
 * src/adapters/db/cycle-store.ts.
 */

export type RunStatus = 'RUNNING' | 'COMPLETED' | 'FAILED';
export type RunTrigger = 'schedule' | 'catch_up' | 'manual';
export type StepStatus = 'RUNNING' | 'DONE' | 'FAILED';

export interface DailyRunRecord {
  id: string;
  tradeDate: string;
  status: RunStatus;
  trigger: RunTrigger;
  /** How many times the run was claimed (started or resumed). */
  attempts: number;
  lastError: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface RunStepRecord {
  runId: string;
  step: string;
  status: StepStatus;
  /** How many times the step was started, over every attempt of the run. */
  attempts: number;
  /** The DONE step's result, read back by later steps instead of recomputing it. */
  output: unknown;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewNewsItem {
  url: string;
  title: string;
  source: string;
  summary: string;
  tickers: string[];
  publishedAt: Date | null;
  fetchedAt: Date;
}

export interface NewsItemRecord extends NewNewsItem {
  id: number;
  memoryId: string | null;
}

export interface CycleStore {
  /** Inserts the date's run as RUNNING (claimed by the caller), or returns the existing row with `created: false`. */
  createRun(
    tradeDate: string,
    trigger: RunTrigger,
    at: Date,
  ): Promise<{ run: DailyRunRecord; created: boolean }>;
  getRun(tradeDate: string): Promise<DailyRunRecord | null>;
  latestRun(): Promise<DailyRunRecord | null>;
  /** FAILED → RUNNING in one conditional update (the run lock). Null when someone else got there first. */
  claimRun(runId: string, trigger: RunTrigger, at: Date): Promise<DailyRunRecord | null>;
  /** RUNNING → COMPLETED | FAILED. Null when the run was not RUNNING. */
  finishRun(
    runId: string,
    status: 'COMPLETED' | 'FAILED',
    at: Date,
    error?: string,
  ): Promise<DailyRunRecord | null>;
  /**
   * Marks runs (and their steps) left RUNNING by a process that died as FAILED, so they can be resumed.
   * Only safe at start-up of the single desk process. Returns the runs it released.
   */
  releaseInterruptedRuns(at: Date, reason: string, tradeDate?: string): Promise<DailyRunRecord[]>;

  listSteps(runId: string): Promise<RunStepRecord[]>;
  /** Marks the step RUNNING and counts the attempt; a DONE step is returned unchanged and never restarted. */
  startStep(runId: string, step: string, at: Date): Promise<RunStepRecord>;
  /** RUNNING → DONE with its output. False when the step was not RUNNING. */
  completeStep(runId: string, step: string, output: unknown, at: Date): Promise<boolean>;
  /** RUNNING → FAILED with the error text. */
  failStep(runId: string, step: string, error: string, at: Date): Promise<void>;

  /** Inserts items whose URL is new (the unique index dedupes); returns the inserted ones. */
  saveNewsItems(items: readonly NewNewsItem[]): Promise<NewsItemRecord[]>;
  /** Items not yet copied into memory, oldest first. */
  listNewsWithoutMemory(limit: number): Promise<NewsItemRecord[]>;
  setNewsMemoryIds(links: readonly { id: number; memoryId: string }[]): Promise<void>;
  /** Items published (or, undated, fetched) at or after `since`, newest first. */
  recentNews(since: Date, limit: number): Promise<NewsItemRecord[]>;
}
