import type { Clock } from '../../../domain/clock';
import { hasElapsed, stampNow, type Stamp } from './elapsed';

const WINDOW_MS = 1_000;

/** A sliding one-second window per app key. Refused requests do not count. */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, Stamp[]>();

  /** `realTime` false: only the injected clock ends a window (deterministic under any machine load). */
  constructor(
    private readonly clock: Clock,
    private readonly realTime = true,
  ) {}

  tryAcquire(key: string, perSecond: number): boolean {
    const kept = (this.windows.get(key) ?? []).filter(
      (s) => !hasElapsed(this.clock, s, WINDOW_MS, this.realTime),
    );
    if (kept.length >= perSecond) {
      this.windows.set(key, kept);
      return false;
    }
    kept.push(stampNow(this.clock));
    this.windows.set(key, kept);
    return true;
  }
}
