import type { Clock } from '../../../domain/clock';
import { hasElapsed, stampNow, type Stamp } from './elapsed';

const WINDOW_MS = 1_000;

/** A sliding one-second window per app key. Refused requests do not count. */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, Stamp[]>();

  constructor(private readonly clock: Clock) {}

  tryAcquire(key: string, perSecond: number): boolean {
    const kept = (this.windows.get(key) ?? []).filter((s) => !hasElapsed(this.clock, s, WINDOW_MS));
    if (kept.length >= perSecond) {
      this.windows.set(key, kept);
      return false;
    }
    kept.push(stampNow(this.clock));
    this.windows.set(key, kept);
    return true;
  }
}
