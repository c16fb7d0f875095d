import { describe, expect, it } from 'vitest';
import { type PacingTimer, SlidingWindowRateLimiter } from '../../../src/adapters/kis/rate-limit';
import { withCallPriority } from '../../../src/app/call-priority';

function virtualTimer(): PacingTimer {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
  };
}

describe('priorities in the KIS limiter', () => {
  it('when background reads queue ahead of an order and an interactive read then those two go first', async () => {
    // Arrange
    const limiter = new SlidingWindowRateLimiter(1, virtualTimer());
    const first = await limiter.acquire('background');
    const served: string[] = [];
    const take = (name: string, priority?: 'order' | 'interactive' | 'background') =>
      limiter.acquire(priority).then((p) => {
        served.push(name);
        p.release();
      });
    // Act
    const all = [
      take('bg-1'),
      take('bg-2'),
      withCallPriority('interactive', () => take('guard read')),
      take('order', 'order'),
    ];
    first.release();
    await Promise.all(all);
    // Assert
    expect(served).toEqual(['order', 'guard read', 'bg-1', 'bg-2']);
  });

  it('when background calls fill the key then the reserved share is still free for an order', async () => {
    // Arrange
    const limiter = new SlidingWindowRateLimiter(18, virtualTimer());
    const background = await Promise.all(Array.from({ length: 17 }, () => limiter.acquire('background')));
    let eighteenth = false;
    void limiter.acquire('background').then(() => (eighteenth = true));
    // Act
    const order = await limiter.acquire('order');
    // Assert
    expect(background).toHaveLength(17);
    expect(order).toBeDefined();
    expect(eighteenth).toBe(false);
  });
});
