import type { BrokerEnvironment } from '../../domain/ports';

/** Published REST limits per app key (portal notice 2026-04-20). */
export const PUBLISHED_RATE_LIMIT: Readonly<Record<BrokerEnvironment, number>> = { real: 18, paper: 1 };

/** A monotonic time source for pacing; wall-clock jumps must not open or close the window. */
export interface PacingTimer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export function systemPacingTimer(): PacingTimer {
  return {
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  };
}

/** Held for the duration of one HTTP exchange; release it when the answer (or failure) arrives. */
export interface RateLimitPermit {
  release(): void;
}

export interface RateLimiter {
  readonly limitPerSecond: number;
  /** Waits (never fails) until sending one more request keeps every server-side 1-s window under the limit. */
  acquire(): Promise<RateLimitPermit>;
}

interface Slot {
  finishedAt: number | null;
}

/**
 * KIS counts arrivals in a sliding 1-s window per app key. The client cannot see arrival times, but it knows
 * a request had arrived by the time its answer came back. So a slot stays taken while the request is in
 * flight and for one window (plus a margin) after its answer: however the network delays a request, no
 * server window can then hold more than `limitPerSecond` of ours. Waiters are served first come, first served.
 */
export class SlidingWindowRateLimiter implements RateLimiter {
  private readonly slots: Slot[] = [];
  private queue: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;

  constructor(
    readonly limitPerSecond: number,
    private readonly timer: PacingTimer = systemPacingTimer(),
    private readonly windowMs = 1_000,
    private readonly marginMs = 25,
  ) {
    if (!Number.isInteger(limitPerSecond) || limitPerSecond < 1) {
      throw new Error(`rate limit must be a positive integer per second, got ${limitPerSecond}`);
    }
  }

  acquire(): Promise<RateLimitPermit> {
    const turn = this.queue.then(() => this.takeSlot());
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async takeSlot(): Promise<RateLimitPermit> {
    for (;;) {
      const now = this.timer.now();
      this.dropExpired(now);
      if (this.slots.length < this.limitPerSecond) {
        const slot: Slot = { finishedAt: null };
        this.slots.push(slot);
        return { release: () => this.finish(slot) };
      }
      await this.waitForChange(this.nextExpiry(now));
    }
  }

  private finish(slot: Slot): void {
    if (slot.finishedAt !== null) return;
    slot.finishedAt = this.timer.now();
    this.wakeUp?.();
  }

  private dropExpired(now: number): void {
    const span = this.windowMs + this.marginMs;
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const finishedAt = this.slots[i]!.finishedAt;
      if (finishedAt !== null && finishedAt + span <= now) this.slots.splice(i, 1);
    }
  }

  /** Milliseconds until the earliest finished slot frees up, or null when every slot is still in flight. */
  private nextExpiry(now: number): number | null {
    let earliest: number | null = null;
    for (const slot of this.slots) {
      if (slot.finishedAt === null) continue;
      const freeAt = slot.finishedAt + this.windowMs + this.marginMs;
      if (earliest === null || freeAt < earliest) earliest = freeAt;
    }
    return earliest === null ? null : Math.max(1, earliest - now);
  }

  private async waitForChange(delayMs: number | null): Promise<void> {
    const released = new Promise<void>((resolve) => {
      this.wakeUp = resolve;
    });
    await (delayMs === null ? released : Promise.race([released, this.timer.sleep(delayMs)]));
    this.wakeUp = null;
  }
}

/**
 * One limiter per app key, shared by every client built with the same registry (the composition root owns
 * one registry). Keyed by keyId, never by the key itself.
 */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly timer: PacingTimer = systemPacingTimer()) {}

  limiterFor(keyId: string, limitPerSecond: number): RateLimiter {
    const existing = this.limiters.get(keyId);
    if (existing) return existing;
    const created = new SlidingWindowRateLimiter(limitPerSecond, this.timer);
    this.limiters.set(keyId, created);
    return created;
  }
}

export interface ReadRetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_READ_RETRY: ReadRetryPolicy = { retries: 6, baseDelayMs: 250, maxDelayMs: 4_000 };

/** Exponential backoff with equal jitter: half the step is fixed, half random, so callers spread out. */
export function backoffDelayMs(retry: number, policy: ReadRetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
