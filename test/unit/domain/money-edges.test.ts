import { describe, expect, it } from 'vitest';
import {
  basisPoints,
  ceilToTick,
  floorToTick,
  formatKrw,
  isInsideBand,
  isOnTick,
  krw,
  mulDivCeil,
  mulDivFloor,
  mulDivRound,
  nearestTick,
  NonIntegerMoneyError,
  parseIntegerString,
  shares,
  tickSize,
} from '../../../src/domain/money';

/** The edges of the integer money helpers the guard and the order paths rely on (found by the mutation run). */
describe('money: integers only', () => {
  it('when an amount is a safe integer then it is returned unchanged, negative or not', () => {
    expect(krw(-150)).toBe(-150);
    expect(krw(0)).toBe(0);
  });

  it('when an amount is not a safe integer then a typed error names it', () => {
    expect(() => krw(2 ** 53)).toThrow(NonIntegerMoneyError);
    expect(() => krw(Number.NaN)).toThrow('KRW amount must be a safe integer, got NaN');
    const error = (() => {
      try {
        krw(1.5);
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.name).toBe('NonIntegerMoneyError');
  });

  it('when a share quantity is zero or positive and whole then it is accepted; negative or fractional is refused', () => {
    expect(shares(0)).toBe(0);
    expect(shares(7)).toBe(7);
    expect(() => shares(-1)).toThrow('share quantity must be a safe integer, got -1');
    expect(() => shares(0.5)).toThrow(NonIntegerMoneyError);
  });

  it('when KIS sends padded, signed or zero strings then they parse to plain integers', () => {
    expect(parseIntegerString('  42 ')).toBe(42);
    expect(parseIntegerString('   ')).toBe(0);
    expect(parseIntegerString('+5')).toBe(5);
    expect(parseIntegerString('-0.0000')).toBe(0);
    expect(Object.is(parseIntegerString('-0'), 0)).toBe(true);
    expect(parseIntegerString('-12.9')).toBe(-12);
  });

  it('when a string is not a plain number then it is refused', () => {
    for (const bad of ['x12', '12x', '1.', '.5', '1e3', '1,000', '--1', '12.3.4'])
      expect(() => parseIntegerString(bad), bad).toThrow(NonIntegerMoneyError);
    expect(() => parseIntegerString('99999999999999999999')).toThrow('numeric string must be a safe integer');
  });
});

describe('money: integer division', () => {
  it('when the division is exact then floor, ceil and round all give the exact value', () => {
    expect(mulDivFloor(-6, 1, 2)).toBe(-3);
    expect(mulDivFloor(6, 1, 2)).toBe(3);
    expect(mulDivCeil(6, 1, 2)).toBe(3);
    expect(mulDivRound(-6, 1, 2)).toBe(-3);
  });

  it('when the division is not exact then floor goes down, ceil up and round to the nearest, halves away from zero', () => {
    expect(mulDivFloor(7, 1, 2)).toBe(3);
    expect(mulDivCeil(7, 1, 2)).toBe(4);
    expect(mulDivCeil(-7, 1, 2)).toBe(-3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(4, 1, 3)).toBe(1);
    expect(mulDivRound(5, 1, 3)).toBe(2);
    expect(mulDivRound(-4, 1, 3)).toBe(-1);
  });

  it('when basis points are taken then they round to the nearest and a zero whole gives zero', () => {
    expect(basisPoints(1, 3)).toBe(3_333);
    expect(basisPoints(2, 3)).toBe(6_667);
    expect(basisPoints(-2, 3)).toBe(-6_667);
    expect(basisPoints(5, 0)).toBe(0);
  });
});

describe('money: ticks', () => {
  it('when the kind is STOCK then the stock grid is used, and the ETF grid otherwise', () => {
    expect(tickSize(30_000, 'STOCK')).toBe(50);
    expect(tickSize(30_000, 'ETF')).toBe(5);
    expect(tickSize(600_000, 'STOCK')).toBe(1_000);
  });

  it('when a price is zero, negative or fractional then it is never on the tick', () => {
    expect(isOnTick(0, 'ETF')).toBe(false);
    expect(isOnTick(-5, 'ETF')).toBe(false);
    expect(isOnTick(1_000.5, 'ETF')).toBe(false);
    expect(isOnTick(1, 'ETF')).toBe(true);
  });

  it('when a price is already on the grid then floor and ceil leave it; fractions are floored or ceiled first', () => {
    expect(floorToTick(10_000, 'ETF')).toBe(10_000);
    expect(ceilToTick(10_000, 'ETF')).toBe(10_000);
    expect(floorToTick(10_004.9, 'ETF')).toBe(10_000);
    expect(ceilToTick(10_000.1, 'ETF')).toBe(10_005);
    expect(floorToTick(1_500.7, 'ETF')).toBe(1_500);
  });

  it('when a price is exactly between two ticks then the nearest tick is the upper one', () => {
    expect(nearestTick(10_002.5, 'ETF')).toBe(10_005);
    expect(nearestTick(10_002.4, 'ETF')).toBe(10_000);
    expect(nearestTick(10_000, 'ETF')).toBe(10_000);
  });

  it('when a price is on either limit of the band then it is inside; one won out is outside', () => {
    const band = { lower: 7_000, upper: 13_000 };
    expect(isInsideBand(7_000, band)).toBe(true);
    expect(isInsideBand(13_000, band)).toBe(true);
    expect(isInsideBand(6_999, band)).toBe(false);
    expect(isInsideBand(13_001, band)).toBe(false);
  });
});

describe('money: formatting', () => {
  it('when an amount is shown then Korean puts 원 after it and English ₩ before it, with the sign first', () => {
    expect(formatKrw(1_234_567)).toBe('1,234,567원');
    expect(formatKrw(1_234_567, 'en')).toBe('₩1,234,567');
    expect(formatKrw(-5_000, 'ko')).toBe('-5,000원');
    expect(formatKrw(-5_000, 'en')).toBe('-₩5,000');
    expect(formatKrw(0, 'en')).toBe('₩0');
  });
});
