/**
 * Hands work to the job queue and runs it: the one place that checks a job's kind and payload (zod), keeps the
 * audit (job_runs) and joins a request to the job already waiting or running under the same singleton key, so
 * a cycle asked for twice — by the scheduler of one process and `npm run cycle` in another — runs once.
 */
import type { Clock } from '../../domain/clock';
import type { JobAuditRecord, JobAuditStore } from '../ports/job-audit';
import type { JobQueue, QueueJob, QueueJobStatus } from '../ports/job-queue';
import { JobPayloadError, JobWaitTimeoutError, UnknownJobKindError } from './errors';
import {
  DEFAULT_JOB_POLICIES,
  isJobKind,
  JOB_PAYLOADS,
  type JobKind,
  type JobPayload,
  type JobPolicies,
  type JobPolicy,
} from './kinds';

export type JobHandler<K extends JobKind> = (payload: JobPayload<K>, job: QueueJob) => Promise<unknown>;
export type JobHandlers = { [K in JobKind]?: JobHandler<K> };

export interface EnqueuedJob {
  id: string;
  kind: JobKind;
  /** True when an unfinished job with the same singleton key was already there (that one is returned). */
  joined: boolean;
}

export interface FinishedJob {
  status: QueueJobStatus;
  audit: JobAuditRecord | null;
}

export interface JobServiceDeps {
  queue: JobQueue;
  audit: JobAuditStore;
  clock: Clock;
  /** `host:pid` of this process, written on each attempt it runs. */
  worker: string;
  policies?: Partial<JobPolicies>;
  onError?: (what: string, error: unknown) => void;
}

const FINISHED = new Set(['completed', 'failed', 'cancelled']);
const MAX_ERROR_CHARS = 500;

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

export class JobService {
  private readonly policies: JobPolicies;

  constructor(private readonly deps: JobServiceDeps) {
    this.policies = { ...DEFAULT_JOB_POLICIES, ...deps.policies };
  }

  private policy<K extends JobKind>(kind: K): JobPolicy<K> {
    return this.policies[kind] as JobPolicy<K>;
  }

  /** Checks kind and payload (UnknownJobKindError / JobPayloadError: nothing is sent), then sends or joins. */
  async enqueue(kind: string, payload: unknown, requestedBy: string): Promise<EnqueuedJob> {
    if (!isJobKind(kind)) throw new UnknownJobKindError(kind);
    const parsed = JOB_PAYLOADS[kind].safeParse(payload);
    if (!parsed.success) throw JobPayloadError.from(kind, parsed.error);
    const policy = this.policy(kind) as JobPolicy<JobKind>;
    const singletonKey = policy.singletonKey(parsed.data as never);
    const { queue } = this.deps;
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await queue.findUnfinished(kind, singletonKey);
      if (existing) return { id: existing.id, kind, joined: true };
      const id = await queue.send(kind, parsed.data, {
        singletonKey,
        retryLimit: policy.retryLimit,
        retryDelaySeconds: policy.retryDelaySeconds,
        expireInSeconds: policy.expireInSeconds,
      });
      if (id) {
        await this.deps.audit.queued({
          jobId: id,
          kind,
          singletonKey,
          payload: parsed.data,
          requestedBy,
          at: this.deps.clock.now(),
        });
        return { id, kind, joined: false };
      }
      // Another process sent one between our look and our send: join it.
    }
    throw new Error(`could not queue or find the "${kind}" job ${singletonKey}`);
  }

  /** Runs the given kinds in this process. */
  async work(handlers: JobHandlers): Promise<void> {
    for (const kind of Object.keys(handlers) as JobKind[]) {
      const handler = handlers[kind] as JobHandler<JobKind>;
      await this.deps.queue.work(kind, (job) => this.run(kind, handler, job));
    }
  }

  private async run(kind: JobKind, handler: JobHandler<JobKind>, job: QueueJob): Promise<unknown> {
    const { audit, clock, queue, worker } = this.deps;
    const parsed = JOB_PAYLOADS[kind].safeParse(job.data);
    const policy = this.policy(kind) as JobPolicy<JobKind>;
    const singletonKey = parsed.success ? policy.singletonKey(parsed.data as never) : `invalid:${job.id}`;
    await audit.started({
      jobId: job.id,
      kind,
      singletonKey,
      payload: job.data,
      attempt: job.attempt,
      worker,
      at: clock.now(),
    });
    if (!parsed.success) {
      // Retrying cannot fix a payload: the job leaves the queue, its payload and the reason stay in the audit.
      const error = JobPayloadError.from(kind, parsed.error);
      await audit.finished(job.id, { state: 'REJECTED', error: error.message }, clock.now());
      await queue.cancel(kind, job.id);
      this.deps.onError?.(`job ${kind} ${job.id}`, error);
      return { rejected: error.message };
    }
    try {
      const output = (await handler(parsed.data, job)) ?? null;
      await audit.finished(job.id, { state: 'COMPLETED', output }, clock.now());
      return output;
    } catch (error) {
      const state = job.lastAttempt ? 'FAILED' : 'RETRYING';
      await audit.finished(job.id, { state, error: describe(error) }, clock.now()).catch(() => undefined);
      this.deps.onError?.(`job ${kind} ${job.id} attempt ${job.attempt}`, error);
      throw error;
    }
  }

  /**
   * Waits until the job finished (completed, failed after its retries, or cancelled) or, with `until:
   * 'attempt'`, until its next attempt ended (a person waiting is told about a failure now, not after the
   * retries; the queue still retries).
   */
  async follow(
    kind: JobKind,
    id: string,
    options: {
      until?: 'job' | 'attempt';
      pollMs?: number;
      timeoutMs?: number;
      sleep?: (ms: number) => Promise<void>;
    } = {},
  ): Promise<FinishedJob> {
    const pollMs = options.pollMs ?? 500;
    const timeoutMs = options.timeoutMs ?? 60 * 60_000;
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const started = Date.now();
    const attemptsBefore = (await this.deps.audit.get(id))?.attempts ?? 0;
    for (;;) {
      const status = await this.deps.queue.find(kind, id);
      if (status && FINISHED.has(status.state)) return { status, audit: await this.deps.audit.get(id) };
      if (options.until === 'attempt') {
        const audit = await this.deps.audit.get(id);
        if (status && audit?.state === 'RETRYING' && audit.attempts > attemptsBefore)
          return { status, audit };
      }
      if (Date.now() - started >= timeoutMs) throw new JobWaitTimeoutError(id, Date.now() - started);
      await sleep(pollMs);
    }
  }

  /**
   * Jobs whose running attempt belongs to a process that is gone (`alive` says no): retried at once (or failed
   * when out of retries) instead of waiting for the attempt's expiry. The leader calls this each tick, so a
   * cycle interrupted by a crash resumes within a tick of the restart or takeover. Resolves with their ids.
   */
  async retryAbandoned(alive: (worker: string) => boolean): Promise<string[]> {
    const { audit, queue, clock } = this.deps;
    const retried: string[] = [];
    for (const job of await audit.running()) {
      if (job.worker === null || alive(job.worker)) continue;
      const reason = `the process running it (${job.worker}) stopped`;
      const state = await queue.retryNow(job.kind, job.jobId, reason);
      if (state === null) continue;
      await audit.finished(
        job.jobId,
        { state: state === 'failed' ? 'FAILED' : 'RETRYING', error: reason },
        clock.now(),
      );
      retried.push(job.jobId);
    }
    return retried;
  }

  recent(limit = 20): Promise<JobAuditRecord[]> {
    return this.deps.audit.recent(limit);
  }
}
