/**
 * The pre-open canary: read-only probes before the daily cycle, and what their results mean for it. Pure.
 */

export const CANARY_PROBES = ['token', 'balance', 'quotes', 'calendar', 'database', 'memory'] as const;
export type CanaryProbe = (typeof CANARY_PROBES)[number];

export interface ProbeResult {
  probe: CanaryProbe;
  /** `skipped` counts as passing: the part cannot be asked here (e.g. KIS chk-holiday on paper). */
  status: 'ok' | 'failed' | 'skipped';
  /** What was seen, for people (no secrets: counts, codes, prices). */
  detail: string;
}

export type CanaryStatus = 'PASSED' | 'FAILED' | 'SKIPPED';

export interface CanaryRecord {
  tradeDate: string;
  /** SKIPPED: still failing at the catch-up cutoff, so the day's cycle did not run. */
  status: CanaryStatus;
  attempts: number;
  probes: ProbeResult[];
  /** The failed probes and what they saw, one line. */
  reason: string | null;
  firstAt: Date;
  lastAt: Date;
}

export function failedProbes(probes: readonly ProbeResult[]): ProbeResult[] {
  return probes.filter((p) => p.status === 'failed');
}

/** `balance: timeout; quotes: 069500 EGW00201` — the line an alert and /status show. */
export function canaryReason(probes: readonly ProbeResult[]): string | null {
  const failed = failedProbes(probes);
  return failed.length === 0 ? null : failed.map((p) => `${p.probe}: ${p.detail}`).join('; ');
}

/** May the canary run (again) now? Once passed or skipped, never again that day; after a failure, every `retryMs`. */
export function canaryDue(record: CanaryRecord | null, now: Date, retryMs: number): boolean {
  if (record === null) return true;
  if (record.status !== 'FAILED') return false;
  return now.getTime() - record.lastAt.getTime() >= retryMs;
}
