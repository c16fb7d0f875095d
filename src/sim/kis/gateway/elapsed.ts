import { performance } from 'node:perf_hooks';
import type { Clock } from '../../../domain/clock';

/** A moment seen on both the injected clock and the process's monotonic clock. */
export interface Stamp {
  clockMs: number;
  monotonicMs: number;
}

export function stampNow(clock: Clock): Stamp {
  return { clockMs: clock.now().getTime(), monotonicMs: performance.now() };
}

/**
 * Throttle windows end when either clock has moved past them: tests that step a FakeClock get a fresh window,
 * and a client that simply waits in real time does too, even while a FakeClock stands still.
 */
export function hasElapsed(clock: Clock, since: Stamp, ms: number, realTime = true): boolean {
  return (
    clock.now().getTime() - since.clockMs >= ms || (realTime && performance.now() - since.monotonicMs >= ms)
  );
}
