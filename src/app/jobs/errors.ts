import { z } from 'zod';
import { JOB_KINDS } from './kinds';

/** A job was asked for (or found in the queue) under a kind this desk does not know. Nothing was run. */
export class UnknownJobKindError extends Error {
  constructor(readonly kind: string) {
    super(`unknown job kind "${kind}" (known: ${JOB_KINDS.join(', ')})`);
    this.name = 'UnknownJobKindError';
  }
}

/** A job's payload does not match its kind's schema. Nothing was run; the payload is kept in the audit. */
export class JobPayloadError extends Error {
  constructor(
    readonly kind: string,
    readonly problems: string,
  ) {
    super(`bad payload for job "${kind}": ${problems}`);
    this.name = 'JobPayloadError';
  }

  static from(kind: string, error: z.ZodError): JobPayloadError {
    return new JobPayloadError(kind, z.prettifyError(error).replace(/\n+/g, '; '));
  }
}

/** A followed job did not finish within the caller's bound (it keeps running where it is). */
export class JobWaitTimeoutError extends Error {
  constructor(
    readonly jobId: string,
    readonly waitedMs: number,
  ) {
    super(
      `job ${jobId} has not finished after ${Math.round(waitedMs / 1000)} s; it keeps running in the desk`,
    );
    this.name = 'JobWaitTimeoutError';
  }
}
