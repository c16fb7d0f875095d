import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  type PacingTimer,
  RateLimiterRegistry,
  SlidingWindowRateLimiter,
} from '../../../src/adapters/kis/rate-limit';

/** Virtual time that jumps forward whenever the limiter sleeps. */
function virtualTimer(): PacingTimer & { set(t: number): void; sleeps: number[] } {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    set: (to) => {
      t = to;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

describe('SlidingWindowRateLimiter', () => {
  it('when 100 requests race for an 18/s key then no 1-s window ever holds more than 18 and none fails', async () => {
    // Arrange
    const timer = virtualTimer();
    const limiter = new SlidingWindowRateLimiter(18, timer);
    const sentAt: number[] = [];
    // Act
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        const permit = await limiter.acquire();
        sentAt.push(timer.now());
        permit.release();
      }),
    );
    // Assert
    expect(sentAt).toHaveLength(100);
    for (let i = 0; i + 18 < sentAt.length; i++)
      expect(sentAt[i + 18]! - sentAt[i]!).toBeGreaterThanOrEqual(1_000);
    expect(timer.sleeps.length).toBeGreaterThan(0);
  });

  it('when every slot is still in flight then the next request waits for an answer plus a full window', async () => {
    // Arrange
    const timer = virtualTimer();
    const limiter = new SlidingWindowRateLimiter(2, timer, 1_000, 25);
    const first = await limiter.acquire();
    await limiter.acquire();
    let thirdAt: number | null = null;
    const third = limiter.acquire().then(() => {
      thirdAt = timer.now();
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(thirdAt).toBeNull();
    // Act
    timer.set(700);
    first.release();
    await third;
    // Assert
    expect(thirdAt).toBe(1_725);
  });

  it('when callers queue then they are served first come, first served', async () => {
    // Arrange
    const timer = virtualTimer();
    const limiter = new SlidingWindowRateLimiter(1, timer);
    const order: number[] = [];
    // Act
    await Promise.all(
      [0, 1, 2, 3].map(async (n) => {
        const permit = await limiter.acquire();
        order.push(n);
        permit.release();
      }),
    );
    // Assert
    expect(order).toEqual([0, 1, 2, 3]);
  });
});

describe('RateLimiterRegistry', () => {
  it('when two clients ask for the same key id then they share one limiter, other keys get their own', () => {
    // Arrange
    const registry = new RateLimiterRegistry(virtualTimer());
    // Act
    const a = registry.limiterFor('key-a', 18);
    const again = registry.limiterFor('key-a', 18);
    const b = registry.limiterFor('key-b', 1);
    // Assert
    expect(again).toBe(a);
    expect(b).not.toBe(a);
    expect(b.limitPerSecond).toBe(1);
  });
});

describe('backoffDelayMs', () => {
  it('when retries grow then the delay doubles up to the cap and keeps half of it fixed', () => {
    // Arrange
    const policy = { retries: 6, baseDelayMs: 100, maxDelayMs: 1_000 };
    // Act
    const low = [1, 2, 3, 4, 5, 6].map((r) => backoffDelayMs(r, policy, () => 0));
    const high = [1, 2, 3, 4, 5, 6].map((r) => backoffDelayMs(r, policy, () => 1));
    // Assert
    expect(low).toEqual([50, 100, 200, 400, 500, 500]);
    expect(high).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });
});
