import { describe, expect, it } from 'vitest';
import { sizeMomentumPosition, sizeSafePosition, slotValue } from '../../../src/domain/strategy/sizing';
import { testConfig } from './fixtures';

const NAV = 1_000_000;

describe('ATR sizing under a risk budget', () => {
  it('when volatility is low then equal weight of the investable NAV binds', () => {
    // slot = (1,000,000 − 1 % reserve) / 2 = 495,000 → 49 shares at 10,000
    const config = testConfig({ maxPositionWeightBp: 10_000 });

    expect(slotValue(NAV, config)).toBe(495_000);
    expect(sizeMomentumPosition(NAV, 10_000, 10, config)).toEqual({ quantity: 49, limit: 'EQUAL_WEIGHT' });
  });

  it('when volatility is high then the risk budget binds: shares × ⌈ATR × multiplier⌉ ≤ NAV × budget', () => {
    // budget 1 % of NAV = 10,000 KRW; stop distance 300 × 2 = 600 → 16 shares
    const result = sizeMomentumPosition(NAV, 10_000, 300, testConfig({ maxPositionWeightBp: 10_000 }));

    expect(result).toEqual({ quantity: 16, limit: 'RISK_BUDGET' });
  });

  it('when ATR × multiplier is fractional then the stop distance is rounded up so positions only shrink', () => {
    // 250.2 × 2 = 500.4 → 501 KRW; 10,000 / 501 → 19 shares (rounding the stop down to 500 would allow 20)
    const result = sizeMomentumPosition(NAV, 10_000, 250.2, testConfig({ maxPositionWeightBp: 10_000 }));

    expect(result.quantity).toBe(19);
  });

  it('when equal weight exceeds the max position weight then the cap binds', () => {
    // 40 % of 1,000,000 = 400,000 → 40 shares at 10,000
    expect(sizeMomentumPosition(NAV, 10_000, 10, testConfig())).toEqual({
      quantity: 40,
      limit: 'MAX_WEIGHT',
    });
  });

  it('when one share costs more than the slot then the position is zero shares', () => {
    expect(sizeMomentumPosition(NAV, 600_000, 10, testConfig()).quantity).toBe(0);
  });

  it('when two slots are empty then the safe asset takes both at equal weight without caps', () => {
    // 2 × 495,000 = 990,000 / 61,775 = 16.03 → 16
    expect(sizeSafePosition(NAV, 61_775, 2, testConfig())).toBe(16);
    expect(sizeSafePosition(NAV, 61_775, 0, testConfig())).toBe(0);
  });
});
