/** The audit of every job (table job_runs; adapter src/adapters/db/job-audit-store.ts). */

export type JobAuditState = 'QUEUED' | 'RUNNING' | 'RETRYING' | 'COMPLETED' | 'FAILED' | 'REJECTED';

export interface JobAuditRecord {
  jobId: string;
  kind: string;
  singletonKey: string;
  payload: unknown;
  requestedBy: string;
  state: JobAuditState;
  attempts: number;
  /** `host:pid` of the process that ran the last attempt. */
  worker: string | null;
  error: string | null;
  output: unknown;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface JobAuditStore {
  /** Records a job as queued; a second call for the same id changes nothing. */
  queued(entry: {
    jobId: string;
    kind: string;
    singletonKey: string;
    payload: unknown;
    requestedBy: string;
    at: Date;
  }): Promise<void>;
  /** Records an attempt starting (inserting the row when the job was queued without one, e.g. by hand). */
  started(entry: {
    jobId: string;
    kind: string;
    singletonKey: string;
    payload: unknown;
    attempt: number;
    worker: string;
    at: Date;
  }): Promise<void>;
  finished(
    jobId: string,
    outcome: { state: Exclude<JobAuditState, 'QUEUED' | 'RUNNING'>; error?: string; output?: unknown },
    at: Date,
  ): Promise<void>;
  get(jobId: string): Promise<JobAuditRecord | null>;
  /** Jobs whose last attempt started and has not ended. */
  running(): Promise<JobAuditRecord[]>;
  recent(limit: number): Promise<JobAuditRecord[]>;
}
