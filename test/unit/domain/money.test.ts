import { describe, expect, it } from 'vitest';
import {
  ceilToTick,
  feeFor,
  floorToTick,
  isOnTick,
  krw,
  mulDivFloor,
  mulDivRound,
  nearestTick,
  parseIntegerString,
  priceBand,
  tickSizeForEtf,
  tickSizeForStock,
} from '../../../src/domain/money';

describe('ETF tick size', () => {
  it.each([
    [1_995, 1],
    [1_999, 1],
    [2_000, 5],
    [2_005, 5],
    [46_770, 5],
  ])('at %i KRW the tick is %i', (price, tick) => {
    expect(tickSizeForEtf(price)).toBe(tick);
  });

  it('when a price is around the 2,000 boundary then validity follows the tick of its own level', () => {
    expect(isOnTick(1_995, 'ETF')).toBe(true);
    expect(isOnTick(1_999, 'ETF')).toBe(true);
    expect(isOnTick(2_000, 'ETF')).toBe(true);
    expect(isOnTick(2_003, 'ETF')).toBe(false);
    expect(isOnTick(2_005, 'ETF')).toBe(true);
    expect(floorToTick(2_004, 'ETF')).toBe(2_000);
    expect(ceilToTick(2_001, 'ETF')).toBe(2_005);
    expect(ceilToTick(1_999.4, 'ETF')).toBe(2_000);
    expect(nearestTick(2_002.4, 'ETF')).toBe(2_000);
    expect(nearestTick(2_002.6, 'ETF')).toBe(2_005);
  });
});

describe('stock tick size', () => {
  it.each([
    [1_999, 1],
    [2_000, 5],
    [4_995, 5],
    [5_000, 10],
    [19_990, 10],
    [20_000, 50],
    [49_950, 50],
    [50_000, 100],
    [199_900, 100],
    [200_000, 500],
    [499_500, 500],
    [500_000, 1_000],
  ])('at %i KRW the tick is %i', (price, tick) => {
    expect(tickSizeForStock(price)).toBe(tick);
  });

  it('when rounding across a band boundary then the result lies on the grid of its level', () => {
    expect(floorToTick(5_003, 'STOCK')).toBe(5_000);
    expect(ceilToTick(4_998, 'STOCK')).toBe(5_000);
    expect(floorToTick(20_040, 'STOCK')).toBe(20_000);
    expect(isOnTick(50_050, 'STOCK')).toBe(false);
  });
});

describe('daily price band', () => {
  it('when the ETF base is 35,980 then the limits are 46,770 and 25,190', () => {
    expect(priceBand(35_980, 'ETF')).toEqual({ upper: 46_770, lower: 25_190 });
  });

  it('when the stock base is 66,000 then the limits are 85,800 and 46,200', () => {
    expect(priceBand(66_000, 'STOCK')).toEqual({ upper: 85_800, lower: 46_200 });
  });

  it('when the band edge is off the grid then each limit is rounded inside the band', () => {
    const band = priceBand(1_999, 'ETF');
    expect(band.upper).toBe(2_595); // 2,598.7 → floor on the 5-KRW grid
    expect(band.lower).toBe(1_400); // 1,399.3 → ceil on the 1-KRW grid
  });
});

describe('integer arithmetic', () => {
  it('rejects fractional money', () => {
    expect(() => krw(1.5)).toThrow(/integer/);
  });

  it('parses KIS numeric strings', () => {
    expect(parseIntegerString('65850')).toBe(65_850);
    expect(parseIntegerString('-150')).toBe(-150);
    expect(parseIntegerString('12345.6789')).toBe(12_345);
    expect(parseIntegerString('')).toBe(0);
    expect(() => parseIntegerString('12a')).toThrow();
  });

  it('rounds like a broker', () => {
    expect(mulDivFloor(-7, 1, 2)).toBe(-4);
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(feeFor(1_000_000, 140)).toBe(140);
    expect(feeFor(99_999, 140)).toBe(13);
  });
});
