import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimiterRegistry } from '../../../src/adapters/kis/rate-limit';
import { InMemoryTokenStore } from '../../../src/adapters/kis/token-store';
import { ETF, type SimHarness, startSimHarness } from './support/sim-harness';

let h: SimHarness;
beforeEach(async () => {
  h = await startSimHarness();
});
afterEach(async () => {
  await h.close();
});

describe('two clients sharing one token store', () => {
  it('when both start at once then the simulator issues exactly one token', async () => {
    // Arrange
    const tokenStore = new InMemoryTokenStore();
    const rateLimiters = new RateLimiterRegistry();
    const one = h.brokerFor('real', {}, { tokenStore, rateLimiters });
    const two = h.brokerFor('real', {}, { tokenStore, rateLimiters });
    // Act
    const quotes = await Promise.all([
      one.getQuote(ETF),
      two.getQuote(ETF),
      one.getBalance(),
      two.getBalance(),
    ]);
    // Assert
    expect(quotes).toHaveLength(4);
    expect(h.sim.control.stats().byPath['/oauth2/tokenP']).toBe(1);
    expect(h.sim.control.stats().tokensIssued).toBe(1);
  });
});
