/**
 * The kinds of work the desk hands to its job queue, each with the zod schema of its payload (checked when the
 * job is sent and again when a worker takes it) and its queue policy: the singleton key (one cycle per trade
 * date across every process), retries and how long an attempt may run before it is presumed dead.
 */
import { z } from 'zod';
import { deskBacktestRequestSchema } from '../../backtest/desk-request';
import { isKstDate } from '../../domain/market';

const tradeDate = z.string().refine(isKstDate, 'must be a trade date written YYYY-MM-DD');

export const JOB_PAYLOADS = {
  /** The daily cycle of one trade date (scheduled, catch-up, or asked for by a person or `npm run cycle`). */
  cycle: z.strictObject({ tradeDate, trigger: z.enum(['schedule', 'catch_up', 'manual']) }),
  /** One reconciliation with the broker, then deferred approvals released and stale intents expired. */
  reconcile: z.strictObject({}),
  /** The closing NAV snapshot of a trade date. */
  'close-snapshot': z.strictObject({ tradeDate }),
  /** Idle conversations summarised and archived. */
  'session-sweep': z.strictObject({}),
  /** A backtest a person asked for (`/backtest`): the desk's settings over the last N months, on a worker thread. */
  backtest: deskBacktestRequestSchema,
} as const;

export type JobKind = keyof typeof JOB_PAYLOADS;
export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_PAYLOADS)[K]>;
export const JOB_KINDS = Object.keys(JOB_PAYLOADS) as JobKind[];

export interface JobPolicy<K extends JobKind> {
  singletonKey(payload: JobPayload<K>): string;
  retryLimit: number;
  retryDelaySeconds: number;
  /** Bound on one attempt: past it the attempt is failed (its process presumed dead) and retried. */
  expireInSeconds: number;
}

export type JobPolicies = { [K in JobKind]: JobPolicy<K> };

export const DEFAULT_JOB_POLICIES: JobPolicies = {
  // The cycle retries its own steps; a job retry resumes from the last checkpoint (after a crash, say).
  cycle: {
    singletonKey: (p) => `cycle:${p.tradeDate}`,
    retryLimit: 2,
    retryDelaySeconds: 300,
    expireInSeconds: 30 * 60,
  },
  reconcile: {
    singletonKey: () => 'reconcile',
    retryLimit: 0,
    retryDelaySeconds: 0,
    expireInSeconds: 5 * 60,
  },
  'close-snapshot': {
    singletonKey: (p) => `close-snapshot:${p.tradeDate}`,
    retryLimit: 3,
    retryDelaySeconds: 60,
    expireInSeconds: 5 * 60,
  },
  'session-sweep': {
    singletonKey: () => 'session-sweep',
    retryLimit: 0,
    retryDelaySeconds: 0,
    expireInSeconds: 10 * 60,
  },
  // The same question asked twice while the first runs joins the first; a failed run is asked again by a person.
  backtest: {
    singletonKey: (p) => `backtest:${p.months}:${p.capital}`,
    retryLimit: 0,
    retryDelaySeconds: 0,
    expireInSeconds: 10 * 60,
  },
};

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_PAYLOADS, kind);
}
