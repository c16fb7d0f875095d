import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiterRegistry } from '../../../src/adapters/kis/rate-limit';
import { InMemoryTokenStore } from '../../../src/adapters/kis/token-store';
import { ETF, type SimHarness, startSimHarness } from './support/sim-harness';

let h: SimHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("the shared rate limiter against the simulator's sliding 1-s window", () => {
  it('when 60 quotes are fired at once at the published 18/s then none is refused', async () => {
    // Arrange
    h = await startSimHarness();
    const broker = h.brokerFor('real');
    // Act
    const quotes = await Promise.all(Array.from({ length: 60 }, () => broker.getQuote(ETF)));
    // Assert
    expect(quotes).toHaveLength(60);
    expect(h.sim.control.stats().rateLimited).toBe(0);
  });

  it('when 1,000 quotes are fired at once in the real profile (18/s) then none is refused', async () => {
    // Arrange: the published real limit on both sides; this takes about a minute of mostly waiting
    h = await startSimHarness();
    const broker = h.brokerFor('real');
    // Act
    const quotes = await Promise.all(Array.from({ length: 1_000 }, () => broker.getQuote(ETF)));
    // Assert
    expect(quotes).toHaveLength(1_000);
    expect(h.sim.control.stats().rateLimited).toBe(0);
    expect(h.sim.control.stats().byPath['/uapi/domestic-stock/v1/quotations/inquire-price']).toBe(1_000);
  }, 150_000);

  it('when two clients of the same key share the registry then together they stay under the limit', async () => {
    // Arrange
    h = await startSimHarness();
    const rateLimiters = new RateLimiterRegistry();
    const tokenStore = new InMemoryTokenStore();
    const one = h.brokerFor('real', {}, { rateLimiters, tokenStore });
    const two = h.brokerFor('real', {}, { rateLimiters, tokenStore });
    // Act
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).getQuote(ETF)));
    // Assert
    expect(h.sim.control.stats().rateLimited).toBe(0);
  });
});
