import { describe, expect, it } from 'vitest';
import { marketableLimitPrice } from '../../../src/domain/strategy/limit-price';
import {
  investableValue,
  sizeMomentumPosition,
  sizeSafePosition,
  slotValue,
  sweptSafeQuantity,
  weightBpOf,
} from '../../../src/domain/strategy/sizing';
import { testConfig } from './fixtures';

/** The edges of the order size and limit price the mutation run (issue 17) found unasserted. */

const NAV = 1_000_000;

describe('sizing: the slot and the reserve', () => {
  it('when a cash reserve is set then it is taken off the NAV, rounded down in the reserve', () => {
    expect(investableValue(NAV, { cashReserveBp: 100 })).toBe(990_000);
    expect(investableValue(NAV, { cashReserveBp: 0 })).toBe(NAV);
    // 1 % of 999 = 9.99 → reserve 9, investable 990
    expect(investableValue(999, { cashReserveBp: 100 })).toBe(990);
  });

  it('when the investable NAV does not divide by topN then the slot is rounded down', () => {
    expect(slotValue(1_000_001, testConfig({ topN: 2, cashReserveBp: 0 }))).toBe(500_000);
    expect(slotValue(NAV, testConfig({ topN: 3, cashReserveBp: 100 }))).toBe(330_000);
  });
});

describe('sizing a momentum pick', () => {
  const open = testConfig({ topN: 2, cashReserveBp: 0, maxPositionWeightBp: 10_000, riskBudgetBp: 10_000 });

  it('when the price or the NAV is not positive then nothing is bought', () => {
    expect(sizeMomentumPosition(NAV, 0, 10, open)).toEqual({ quantity: 0, limit: 'EQUAL_WEIGHT' });
    expect(sizeMomentumPosition(NAV, -10_000, 10, open)).toEqual({ quantity: 0, limit: 'EQUAL_WEIGHT' });
    expect(sizeMomentumPosition(0, 10_000, 10, open)).toEqual({ quantity: 0, limit: 'EQUAL_WEIGHT' });
    expect(sizeMomentumPosition(-NAV, 10_000, 10, open)).toEqual({ quantity: 0, limit: 'EQUAL_WEIGHT' });
  });

  it('when two caps give the same quantity then the earlier one (equal weight) is named', () => {
    // slot 500,000 / 10,000 = 50; max weight 50 % of 1,000,000 / 10,000 = 50
    const config = testConfig({
      topN: 2,
      cashReserveBp: 0,
      maxPositionWeightBp: 5_000,
      riskBudgetBp: 10_000,
    });
    expect(sizeMomentumPosition(NAV, 10_000, 1, config)).toEqual({ quantity: 50, limit: 'EQUAL_WEIGHT' });
  });

  it('when the max weight is one share below equal weight then the weight cap binds', () => {
    const config = testConfig({
      topN: 2,
      cashReserveBp: 0,
      maxPositionWeightBp: 4_900,
      riskBudgetBp: 10_000,
    });
    expect(sizeMomentumPosition(NAV, 10_000, 1, config)).toEqual({ quantity: 49, limit: 'MAX_WEIGHT' });
  });

  it('when the ATR is zero then the stop distance is one won, not zero', () => {
    // budget 1 bp of 1,000,000 = 100 KRW / 1 KRW = 100 shares (slot allows 500)
    const config = testConfig({ topN: 2, cashReserveBp: 0, maxPositionWeightBp: 10_000, riskBudgetBp: 1 });
    expect(sizeMomentumPosition(NAV, 1_000, 0, config)).toEqual({ quantity: 100, limit: 'RISK_BUDGET' });
    // ATR × multiplier = 0.4 → rounded up to 1
    expect(sizeMomentumPosition(NAV, 1_000, 0.2, config)).toEqual({ quantity: 100, limit: 'RISK_BUDGET' });
    // 1.5 × 2 = 3 → 33 shares
    expect(sizeMomentumPosition(NAV, 1_000, 1.5, config)).toEqual({ quantity: 33, limit: 'RISK_BUDGET' });
  });

  it('when the risk budget is the binding cap then it uses the multiplier and the NAV, rounded down', () => {
    // 10,000 × 1 % = 10,000 KRW / ⌈300 × 3⌉ = 900 → 11.1 → 11
    const config = testConfig({
      topN: 1,
      cashReserveBp: 0,
      maxPositionWeightBp: 10_000,
      riskBudgetBp: 100,
      atrMultiplier: 3,
    });
    expect(sizeMomentumPosition(NAV, 10_000, 300, config)).toEqual({ quantity: 11, limit: 'RISK_BUDGET' });
  });

  it('when the max weight binds then it is NAV × weight ÷ price, rounded down', () => {
    // 33.33 % of 1,000,000 = 333,300 / 7,000 = 47.6 → 47
    const config = testConfig({
      topN: 1,
      cashReserveBp: 0,
      maxPositionWeightBp: 3_333,
      riskBudgetBp: 10_000,
    });
    expect(sizeMomentumPosition(NAV, 7_000, 1, config)).toEqual({ quantity: 47, limit: 'MAX_WEIGHT' });
  });

  it('when equal weight binds then the slot is divided by the price, rounded down', () => {
    // (1,000,000 − 1 %) / 3 = 330,000 / 7,000 = 47.1 → 47
    const config = testConfig({
      topN: 3,
      cashReserveBp: 100,
      maxPositionWeightBp: 10_000,
      riskBudgetBp: 10_000,
    });
    expect(sizeMomentumPosition(NAV, 7_000, 1, config)).toEqual({ quantity: 47, limit: 'EQUAL_WEIGHT' });
  });
});

describe('sizing the safe asset', () => {
  const config = testConfig({ topN: 3, cashReserveBp: 100 });

  it('when slots are empty then it gets their slots at the price, rounded down', () => {
    // 330,000 × 2 / 7,000 = 94.3 → 94
    expect(sizeSafePosition(NAV, 7_000, 2, config)).toBe(94);
    expect(sizeSafePosition(NAV, 7_000, 1, config)).toBe(47);
  });

  it('when the price, the NAV or the empty slots are not positive then it gets nothing', () => {
    expect(sizeSafePosition(NAV, 0, 2, config)).toBe(0);
    expect(sizeSafePosition(NAV, -7_000, 2, config)).toBe(0);
    expect(sizeSafePosition(-NAV, 7_000, 2, config)).toBe(0);
    expect(sizeSafePosition(0, 7_000, 2, config)).toBe(0);
    expect(sizeSafePosition(NAV, 7_000, -1, config)).toBe(0);
    expect(sizeSafePosition(NAV, 7_000, 0, config)).toBe(0);
  });

  it('when the cash sweep sizes it then it takes what the momentum targets leave of the investable NAV', () => {
    // 990,000 − 500,000 = 490,000 / 7,000 = 70
    expect(sweptSafeQuantity(NAV, 500_000, 7_000, config)).toBe(70);
    // 490,001 left… rounded down
    expect(sweptSafeQuantity(NAV, 499_999, 7_000, config)).toBe(70);
    expect(sweptSafeQuantity(NAV, 0, 9_900, config)).toBe(100);
  });

  it('when the momentum targets already use more than the investable NAV then the sweep buys nothing', () => {
    expect(sweptSafeQuantity(NAV, 995_000, 7_000, config)).toBe(0);
    expect(sweptSafeQuantity(NAV, 500_000, 0, config)).toBe(0);
    expect(sweptSafeQuantity(NAV, 500_000, -1, config)).toBe(0);
    expect(sweptSafeQuantity(0, 0, 7_000, config)).toBe(0);
    expect(sweptSafeQuantity(-NAV, -2 * NAV, 7_000, config)).toBe(0);
  });

  it('a weight is quantity × price in basis points of NAV', () => {
    expect(weightBpOf(47, 7_000, NAV)).toBe(3_290);
    expect(weightBpOf(0, 7_000, NAV)).toBe(0);
  });
});

describe('marketable limit price at its edges', () => {
  it('when no offset is asked then the limit is the last close snapped to the grid', () => {
    expect(marketableLimitPrice(50_002, 'BUY', 0)).toBe(50_000);
    expect(marketableLimitPrice(50_003, 'SELL', 0)).toBe(50_005);
    expect(marketableLimitPrice(1_234, 'BUY', 0, 0)).toBe(1_234);
  });

  it('when stepping by ticks then exactly that many ticks are taken, each way', () => {
    expect(marketableLimitPrice(50_000, 'BUY', 1)).toBe(50_005);
    expect(marketableLimitPrice(50_000, 'SELL', 1)).toBe(50_000 - 5);
    expect(marketableLimitPrice(50_000, 'BUY', 3)).toBe(50_015);
    expect(marketableLimitPrice(50_000, 'SELL', 3)).toBe(49_985);
    expect(marketableLimitPrice(1_500, 'BUY', 3)).toBe(1_503);
    expect(marketableLimitPrice(1_500, 'SELL', 3)).toBe(1_497);
  });

  it('when the ticks reach further than the basis points then the ticks win, each way', () => {
    // 10 bp of 10,000 = 10 KRW = 2 ticks; 5 ticks = 25 KRW
    expect(marketableLimitPrice(10_000, 'BUY', 5, 10)).toBe(10_025);
    expect(marketableLimitPrice(10_000, 'SELL', 5, 10)).toBe(9_975);
    // and the other way round: 100 bp = 100 KRW beats 5 ticks
    expect(marketableLimitPrice(10_000, 'BUY', 5, 100)).toBe(10_100);
    expect(marketableLimitPrice(10_000, 'SELL', 5, 100)).toBe(9_900);
  });

  it('when the basis-point distance is fractional then it is rounded away from the close, onto the grid', () => {
    // 1 bp of 10,005 = 1.0005 → 2 KRW → 10,007 → next tick 10,010; sell: 10,003 → 10,000
    expect(marketableLimitPrice(10_005, 'BUY', 0, 1)).toBe(10_010);
    expect(marketableLimitPrice(10_005, 'SELL', 0, 1)).toBe(10_000);
    // below 2,000 the grid is 1 KRW: 1 % of 1,999 = 19.99 → 20
    expect(marketableLimitPrice(1_999, 'SELL', 0, 100)).toBe(1_979);
    expect(marketableLimitPrice(1_500, 'BUY', 0, 100)).toBe(1_515);
  });

  it('when the offset would leave the band then the limit stops at its edge, each way', () => {
    // band of 10,000: 13,000 … 7,000
    expect(marketableLimitPrice(10_000, 'BUY', 0, 2_000)).toBe(12_000);
    expect(marketableLimitPrice(10_000, 'BUY', 100, 0)).toBe(10_500);
    expect(marketableLimitPrice(100, 'BUY', 50, 0)).toBe(130);
    expect(marketableLimitPrice(100, 'SELL', 50, 0)).toBe(70);
    expect(marketableLimitPrice(100, 'SELL', 0, 2_000)).toBe(80);
  });

  it('when the offset reaches the band of a close above 5,000 KRW then the ETF grid (5 KRW), not the stock grid, sets the edge', () => {
    // base 10,005: the ETF band is 7,005 … 13,005; the stock grid (10 KRW) would give 7,010 … 13,000
    expect(marketableLimitPrice(10_005, 'SELL', 700)).toBe(7_005);
    expect(marketableLimitPrice(10_005, 'BUY', 700)).toBe(13_005);
    // 1 bp below 10,000 is 9,999: the ETF grid floors it to 9,995 (the stock grid would give 9,990)
    expect(marketableLimitPrice(10_000, 'SELL', 0, 1)).toBe(9_995);
  });

  it('when the close is one won then a sell never goes below one won', () => {
    expect(marketableLimitPrice(1, 'SELL', 5)).toBe(1);
    expect(marketableLimitPrice(1, 'SELL', 0, 2_000)).toBe(1);
    expect(marketableLimitPrice(2, 'SELL', 0, 2_000)).toBe(2);
    expect(marketableLimitPrice(1, 'BUY', 5)).toBe(1);
  });
});
