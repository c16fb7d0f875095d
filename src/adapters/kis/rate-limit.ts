import { currentCallContext, type KisCallPriority, PRIORITY_RANK } from '../../app/call-priority';
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
  /**
   * Waits until sending one more request keeps every server-side 1-s window under the limit. Higher priorities
   * are served first; `background` never takes the reserved share. Without a priority, the one of the current
   * call context (src/app/call-priority.ts) applies.
   */
  acquire(priority?: KisCallPriority): Promise<RateLimitPermit>;
  /** Releases what the limiter holds outside the process (database connections); idempotent. */
  close?(): Promise<void>;
}

/** Slots only order POSTs and interactive reads may take: 10 % of the limit (18/s → 1; 1/s → none). */
export function reservedSlots(limitPerSecond: number): number {
  return Math.floor(limitPerSecond / 10);
}

/** After this long in the limiter's queue, an interactive caller is told "KIS is busy, retrying". */
export const BUSY_NOTICE_MS = 5_000;

interface Slot {
  finishedAt: number | null;
}

interface Waiter {
  rank: number;
  seq: number;
  priority: KisCallPriority;
  grant: (permit: RateLimitPermit) => void;
  granted: boolean;
}

/**
 * KIS counts arrivals in a sliding 1-s window per app key. The client cannot see arrival times, but it knows
 * a request had arrived by the time its answer came back. So a slot stays taken while the request is in
 * flight and for one window (plus a margin) after its answer: however the network delays a request, no
 * server window can then hold more than `limitPerSecond` of ours. Waiters are served by priority, then first
 * come, first served; background waiters leave the reserved share to orders and interactive reads.
 * In-process only: across processes use the Postgres or Redis limiter (shared-rate-limit.ts).
 */
export class SlidingWindowRateLimiter implements RateLimiter {
  private readonly slots: Slot[] = [];
  private readonly waiters: Waiter[] = [];
  private seq = 0;
  private sleeping = false;

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

  acquire(priority?: KisCallPriority): Promise<RateLimitPermit> {
    const context = currentCallContext();
    const chosen = priority ?? context.priority;
    return new Promise<RateLimitPermit>((resolve) => {
      const waiter: Waiter = {
        rank: PRIORITY_RANK[chosen],
        seq: this.seq++,
        priority: chosen,
        granted: false,
        grant: (permit) => {
          waiter.granted = true;
          resolve(permit);
        },
      };
      this.waiters.push(waiter);
      if (context.onBusy && chosen !== 'background') {
        const onBusy = context.onBusy;
        const notice = setTimeout(() => {
          if (!waiter.granted) onBusy();
        }, BUSY_NOTICE_MS);
        notice.unref?.();
      }
      this.pump();
    });
  }

  private capacityFor(priority: KisCallPriority): number {
    if (priority !== 'background') return this.limitPerSecond;
    return Math.max(1, this.limitPerSecond - reservedSlots(this.limitPerSecond));
  }

  private pump(): void {
    const now = this.timer.now();
    this.dropExpired(now);
    this.waiters.sort((x, y) => x.rank - y.rank || x.seq - y.seq);
    while (this.waiters.length > 0) {
      const next = this.waiters[0]!;
      if (this.slots.length >= this.capacityFor(next.priority)) break;
      this.waiters.shift();
      const slot: Slot = { finishedAt: null };
      this.slots.push(slot);
      next.grant({ release: () => this.finish(slot) });
    }
    if (this.waiters.length === 0 || this.sleeping) return;
    const delay = this.nextExpiry(now);
    if (delay === null) return; // every slot is in flight: a release wakes the queue
    this.sleeping = true;
    void this.timer.sleep(delay).then(() => {
      this.sleeping = false;
      this.pump();
    });
  }

  private finish(slot: Slot): void {
    if (slot.finishedAt !== null) return;
    slot.finishedAt = this.timer.now();
    this.pump();
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
}

/** Builds the limiter of one app key: in-process by default, shared through Postgres or Redis when configured. */
export type RateLimiterFactory = (keyId: string, limitPerSecond: number) => RateLimiter;

/**
 * One limiter per app key, shared by every client built with the same registry (the composition root owns
 * one registry). Keyed by keyId, never by the key itself.
 */
export class RateLimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(
    private readonly timer: PacingTimer = systemPacingTimer(),
    private readonly factory?: RateLimiterFactory,
  ) {}

  limiterFor(keyId: string, limitPerSecond: number): RateLimiter {
    const existing = this.limiters.get(keyId);
    if (existing) return existing;
    const created = this.factory
      ? this.factory(keyId, limitPerSecond)
      : new SlidingWindowRateLimiter(limitPerSecond, this.timer);
    this.limiters.set(keyId, created);
    return created;
  }

  async close(): Promise<void> {
    await Promise.all([...this.limiters.values()].map((l) => l.close?.()));
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
