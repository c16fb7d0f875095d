import { afterEach, describe, expect, it } from 'vitest';
import { runSharedScenario } from '../../../bench/kis-shared-scenario';
import { RedisRateLimiter, type RedisRateLimiterOptions } from '../../../src/adapters/kis/redis-rate-limit';
import type { RateLimitPermit } from '../../../src/adapters/kis/rate-limit';
import { withCallPriority } from '../../../src/app/call-priority';
import { freshRedisPrefix, reachableRedisUrl } from '../../support/redis';

const redisUrl = await reachableRedisUrl();

describe.runIf(redisUrl)('the shared KIS budget in Redis', () => {
  const opened: RedisRateLimiter[] = [];
  const limiter = (options: Omit<RedisRateLimiterOptions, 'url' | 'keyId'> & { keyPrefix: string }) => {
    const created = new RedisRateLimiter({ url: redisUrl!, keyId: 'app-key-1', marginMs: 0, ...options });
    opened.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((l) => l.close()));
  });

  it('when two limiters on one key take 24 permits then no window ever holds more than the limit', async () => {
    // Arrange: two limiters with one prefix stand for two processes; a 200 ms window keeps the test short.
    const keyPrefix = freshRedisPrefix();
    const a = limiter({ keyPrefix, limitPerSecond: 4, windowMs: 200 });
    const b = limiter({ keyPrefix, limitPerSecond: 4, windowMs: 200 });
    const spans: { takenAt: number; releasedAt: number }[] = [];
    // Act
    await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const permit = await (i % 2 === 0 ? a : b).acquire('background');
        const takenAt = performance.now();
        await new Promise((r) => setTimeout(r, 5));
        const releasedAt = performance.now();
        permit.release();
        spans.push({ takenAt, releasedAt });
      }),
    );
    // Assert: at every take, the permits still in flight or answered less than a window ago number ≤ 4.
    for (const span of spans) {
      const holding = spans.filter(
        (other) => other.takenAt <= span.takenAt && other.releasedAt > span.takenAt - 190,
      );
      expect(holding.length).toBeLessThanOrEqual(4);
    }
    expect(spans).toHaveLength(24);
  });

  it('when background reads fill their share then an interactive read still gets the reserved slot at once', async () => {
    // Arrange: 10/s keeps one slot (10 %) for orders and people waiting.
    const l = limiter({ keyPrefix: freshRedisPrefix(), limitPerSecond: 10 });
    const background: RateLimitPermit[] = [];
    for (let i = 0; i < 9; i++) background.push(await l.acquire('background'));
    // Act
    let tenthBackground = false;
    void l
      .acquire('background')
      .then(() => (tenthBackground = true))
      .catch(() => undefined); // still waiting when the limiter closes
    const started = performance.now();
    const interactive = await withCallPriority('interactive', () => l.acquire());
    const waitedMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 100));
    // Assert
    expect(waitedMs).toBeLessThan(500);
    expect(tenthBackground).toBe(false);
    interactive.release();
    background.forEach((p) => p.release());
  });

  it('when an order waits then a freed slot goes to the order before any background read', async () => {
    // Arrange: one slot per 150 ms, held by a background read; a background read waits first, then an order.
    const keyPrefix = freshRedisPrefix();
    const mine = limiter({ keyPrefix, limitPerSecond: 1, windowMs: 150 });
    const other = limiter({ keyPrefix, limitPerSecond: 1, windowMs: 150 });
    const held = await mine.acquire('background');
    const order: string[] = [];
    const backgroundRead = other.acquire('background').then((p) => {
      order.push('background');
      p.release();
    });
    await new Promise((r) => setTimeout(r, 30));
    const orderPost = mine.acquire('order').then((p) => {
      order.push('order');
      p.release();
    });
    // Act
    held.release();
    await Promise.all([backgroundRead, orderPost]);
    // Assert
    expect(order).toEqual(['order', 'background']);
  });

  it('when a holder dies without releasing then its slot frees after the lease', async () => {
    // Arrange
    const keyPrefix = freshRedisPrefix();
    const dead = limiter({ keyPrefix, limitPerSecond: 1, leaseMs: 300 });
    const alive = limiter({ keyPrefix, limitPerSecond: 1, leaseMs: 300 });
    await dead.acquire('background'); // never released
    // The lease runs from the dead holder's acquisition, so the wait is measured from there (closing its
    // connection can take a good part of the lease on a loaded machine).
    const started = performance.now();
    await dead.close();
    // Act
    const permit = await alive.acquire('background');
    const waitedMs = performance.now() - started;
    // Assert
    expect(waitedMs).toBeGreaterThanOrEqual(200);
    expect(waitedMs).toBeLessThan(2_000);
    permit.release();
  });

  it('when two processes approve while a third floods reads then no approval is denied for the rate and KIS never answers EGW00201', async () => {
    // Act: three child processes on one real-limit simulator key, the budget in Redis.
    const result = await runSharedScenario({ redisUrl: redisUrl!, keyPrefix: freshRedisPrefix() }, 3_000);
    // Assert
    const approvers = result.children.filter((c) => c.role === 'approver');
    const flooder = result.children.find((c) => c.role === 'flooder')!;
    expect(approvers.every((c) => c.approvals > 0)).toBe(true);
    expect(approvers.reduce((n, c) => n + c.deniedByRate + c.deniedOther, 0)).toBe(0);
    expect(flooder.reads).toBeGreaterThan(0);
    expect(result.rateLimited).toBe(0);
    expect(result.served).toBeGreaterThan(0);
  }, 120_000);
});
