import { describe, expect, it } from 'vitest';
import { isOnTick } from '../../../src/domain/money';
import { marketableLimitPrice } from '../../../src/domain/strategy/limit-price';

describe('marketable limit price', () => {
  it('when buying then the limit is the given number of ticks above the last close', () => {
    expect(marketableLimitPrice(50_000, 'BUY', 10)).toBe(50_050);
    expect(marketableLimitPrice(50_000, 'SELL', 10)).toBe(49_950);
  });

  it('when the price crosses 2,000 KRW then each step uses the tick of the price it lands on', () => {
    expect(marketableLimitPrice(2_005, 'SELL', 2)).toBe(1_999);
    expect(marketableLimitPrice(1_999, 'BUY', 2)).toBe(2_005);
  });

  it('when a basis-point offset is further than the ticks then it wins, rounded outward to the grid', () => {
    expect(marketableLimitPrice(50_000, 'BUY', 2, 200)).toBe(51_000);
    expect(marketableLimitPrice(50_000, 'SELL', 2, 200)).toBe(49_000);
    expect(marketableLimitPrice(33_333, 'BUY', 0, 100)).toBe(33_670);
  });

  it('when the last close is off the grid then it is snapped before stepping', () => {
    const price = marketableLimitPrice(50_003, 'BUY', 1);

    expect(price).toBe(50_010);
    expect(isOnTick(price, 'ETF')).toBe(true);
  });

  it('when the offset would leave the ±30 % band then the band limit is used', () => {
    expect(marketableLimitPrice(10, 'BUY', 100)).toBe(13);
    expect(marketableLimitPrice(10, 'SELL', 100)).toBe(7);
  });
});
