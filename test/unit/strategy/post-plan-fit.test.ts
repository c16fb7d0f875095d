import { describe, expect, it } from 'vitest';
import { fitLegsToLimits, type LegToFit } from '../../../src/domain/strategy/post-plan';

const LIMITS = { maxOrderValue: 300_000, fatFingerCashBp: 3_000, maxPositionWeightBp: 4_000 };

function fit(legs: LegToFit[], cash = 1_000_000, positions: { ticker: string; quantity: number; price: number }[] = []) {
  return fitLegsToLimits({ legs, cash, positions, marks: new Map(), limits: LIMITS }).map((f) => ({
    ticker: f.leg.ticker,
    quantity: f.quantity,
    clippedBy: f.clippedBy,
  }));
}

describe('fitting plan legs to the guard limits', () => {
  it('when a buy is worth more than the per-order limit then it is cut to the most whole shares under it', () => {
    // Arrange
    const legs: LegToFit[] = [{ ticker: '133690', side: 'BUY', quantity: 3, limitPrice: 122_400 }];

    // Act
    const result = fit(legs);

    // Assert
    expect(result).toEqual([{ ticker: '133690', quantity: 2, clippedBy: 'MAX_ORDER_VALUE' }]);
  });

  it('when earlier buys spent cash then the next buy is cut to 30 % of the cash that is left', () => {
    // Arrange
    const legs: LegToFit[] = [
      { ticker: '133690', side: 'BUY', quantity: 2, limitPrice: 122_400 },
      { ticker: '069500', side: 'BUY', quantity: 11, limitPrice: 36_720 },
    ];

    // Act
    const result = fit(legs);

    // Assert: (1,000,000 − 244,800) × 30 % = 226,560 → 6 × 36,720 = 220,320
    expect(result).toEqual([
      { ticker: '133690', quantity: 2, clippedBy: null },
      { ticker: '069500', quantity: 6, clippedBy: 'FAT_FINGER' },
    ]);
  });

  it('when a holding already fills most of its weight then a buy only tops it up to 40 % of NAV', () => {
    // Arrange: NAV = 900,000 cash + 10 × 10,000 = 1,000,000; cap 400,000 at 10,000 → 40 shares, 10 held
    const legs: LegToFit[] = [{ ticker: '111111', side: 'BUY', quantity: 35, limitPrice: 10_000 }];

    // Act
    const result = fitLegsToLimits({
      legs,
      cash: 900_000,
      positions: [{ ticker: '111111', quantity: 10, price: 10_000 }],
      marks: new Map(),
      limits: { ...LIMITS, maxOrderValue: 1_000_000, fatFingerCashBp: 10_000 },
    });

    // Assert
    expect(result.map((r) => [r.quantity, r.clippedBy])).toEqual([[30, 'MAX_POSITION_WEIGHT']]);
  });

  it('when a sell is worth more than the per-order limit then it is cut too, and its proceeds fund the buys after it', () => {
    // Arrange
    const legs: LegToFit[] = [
      { ticker: '069500', side: 'BUY', quantity: 8, limitPrice: 36_000 },
      { ticker: '133690', side: 'SELL', quantity: 4, limitPrice: 100_000 },
    ];

    // Act
    const result = fit(legs, 0, [{ ticker: '133690', quantity: 4, price: 100_000 }]);

    // Assert: sells go first; 3 × 100,000 = 300,000 of proceeds; 30 % = 90,000 → 2 shares of 36,000
    expect(result).toEqual([
      { ticker: '133690', quantity: 3, clippedBy: 'MAX_ORDER_VALUE' },
      { ticker: '069500', quantity: 2, clippedBy: 'FAT_FINGER' },
    ]);
  });

  it('when no cash is left then a buy is cut to zero shares', () => {
    // Arrange
    const legs: LegToFit[] = [{ ticker: '069500', side: 'BUY', quantity: 5, limitPrice: 36_000 }];

    // Act
    const result = fit(legs, 50_000);

    // Assert
    expect(result).toEqual([{ ticker: '069500', quantity: 0, clippedBy: 'FAT_FINGER' }]);
  });
});
