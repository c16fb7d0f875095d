/**
 * The job queue the desk hands long or scheduled work to (src/app/jobs). Every process on one database sees
 * the same queue; a job runs in exactly one of them. The adapter is src/adapters/jobs/pg-boss-queue.ts
 * (pg-boss on Postgres, and on PGlite through the same library over the embedded client).
 */

export type QueueJobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface QueueSendOptions {
  /** At most one job per key waiting and one running, across every process. */
  singletonKey: string;
  /** Further attempts after a failed one. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** An attempt still running after this long is failed (its process is presumed dead) and retried. */
  expireInSeconds: number;
}

export interface QueueJob {
  id: string;
  kind: string;
  data: unknown;
  /** 1 for the first attempt. */
  attempt: number;
  /** Whether a failure of this attempt leaves no retry. */
  lastAttempt: boolean;
}

export interface QueueJobStatus {
  id: string;
  kind: string;
  state: QueueJobState;
  singletonKey: string | null;
  output: unknown;
}

export interface JobQueue {
  /** Sends a job; null when a job with the same singleton key is already waiting (or running, per policy). */
  send(kind: string, data: object, options: QueueSendOptions): Promise<string | null>;
  /** Runs `handler` for jobs of `kind` in this process; a throw fails the attempt (retried while retries last). */
  work(kind: string, handler: (job: QueueJob) => Promise<unknown>): Promise<void>;
  /** The job, wherever it is (waiting, running, finished or archived). */
  find(kind: string, id: string): Promise<QueueJobStatus | null>;
  /** A job of `kind` with this key that has not finished (waiting, retrying or running). */
  findUnfinished(kind: string, singletonKey: string): Promise<QueueJobStatus | null>;
  /**
   * Ends a running attempt whose process is gone: the job is due again at once while it has retries left, else
   * failed. Resolves with its new state (null when the job is not found).
   */
  retryNow(kind: string, id: string, reason: string): Promise<QueueJobState | null>;
  /** Takes a job out of the queue without running it (its data stays readable). */
  cancel(kind: string, id: string): Promise<void>;
  /** Stops the workers (waiting for the running handlers up to a bound) and closes the connection. */
  stop(): Promise<void>;
}
