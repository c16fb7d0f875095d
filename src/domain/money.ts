/**
 * Money and quantities are whole numbers: KRW has no minor unit and KRX trades whole shares.
 * Every function here rejects non-integers instead of rounding them silently.
 */

/** An amount in Korean won. Always a safe integer. */
export type Krw = number;
/** A number of shares (ETF units). Always a safe non-negative integer in positions, positive in orders. */
export type Shares = number;

export class NonIntegerMoneyError extends Error {
  constructor(what: string, value: unknown) {
    super(`${what} must be a safe integer, got ${String(value)}`);
    this.name = 'NonIntegerMoneyError';
  }
}

export function krw(value: number): Krw {
  if (!Number.isSafeInteger(value)) throw new NonIntegerMoneyError('KRW amount', value);
  return value;
}

export function shares(value: number): Shares {
  if (!Number.isSafeInteger(value) || value < 0) throw new NonIntegerMoneyError('share quantity', value);
  return value;
}

/** Parses a KIS-style numeric string ("65850", "-150", "0.0000") into an integer, truncating decimals toward zero. */
export function parseIntegerString(value: string): number {
  const trimmed = value.trim();
  if (trimmed === '') return 0;
  if (!/^[-+]?\d+(\.\d+)?$/.test(trimmed)) throw new NonIntegerMoneyError('numeric string', value);
  const [whole] = trimmed.split('.');
  const n = Number(whole);
  if (!Number.isSafeInteger(n)) throw new NonIntegerMoneyError('numeric string', value);
  return n === 0 ? 0 : n; // normalise -0
}

/** value × numerator / denominator, rounded down (toward −∞), in integer arithmetic. */
export function mulDivFloor(value: number, numerator: number, denominator: number): number {
  const result = (BigInt(value) * BigInt(numerator)) / BigInt(denominator);
  const exact = BigInt(value) * BigInt(numerator);
  const floored = exact % BigInt(denominator) !== 0n && exact < 0n ? result - 1n : result;
  return Number(floored);
}

/** value × numerator / denominator, rounded up (toward +∞), in integer arithmetic. */
export function mulDivCeil(value: number, numerator: number, denominator: number): number {
  return -mulDivFloor(-value, numerator, denominator);
}

/** Rounded to nearest, halves away from zero. */
export function mulDivRound(value: number, numerator: number, denominator: number): number {
  const exact = BigInt(value) * BigInt(numerator) * 2n;
  const den = BigInt(denominator) * 2n;
  const sign = exact < 0n ? -1n : 1n;
  const abs = exact < 0n ? -exact : exact;
  return Number(sign * ((abs + BigInt(denominator)) / den));
}

/** Fee on a traded value at a rate in parts per million, rounded down as brokers do (KRW, integer). */
export function feeFor(value: Krw, ratePpm: number): Krw {
  return mulDivFloor(value, ratePpm, 1_000_000);
}

/** Basis points of `part` relative to `whole` (integer, rounded toward zero). Used for weights and P&L ratios. */
export function basisPoints(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.trunc(mulDivRound(part, 10_000, whole));
}

export type InstrumentKind = 'ETF' | 'STOCK';

/** ETF/ETN tick since December 2023: 1 KRW below 2,000 KRW, 5 KRW from 2,000 KRW. */
export function tickSizeForEtf(price: Krw): Krw {
  return price < 2_000 ? 1 : 5;
}

const STOCK_TICKS: ReadonlyArray<readonly [number, number]> = [
  [2_000, 1],
  [5_000, 5],
  [20_000, 10],
  [50_000, 50],
  [200_000, 100],
  [500_000, 500],
];

/** KOSPI/KOSDAQ stock tick since 2023-01-25. */
export function tickSizeForStock(price: Krw): Krw {
  for (const [below, tick] of STOCK_TICKS) if (price < below) return tick;
  return 1_000;
}

export function tickSize(price: Krw, kind: InstrumentKind): Krw {
  return kind === 'ETF' ? tickSizeForEtf(price) : tickSizeForStock(price);
}

export function isOnTick(price: Krw, kind: InstrumentKind): boolean {
  return Number.isSafeInteger(price) && price > 0 && price % tickSize(price, kind) === 0;
}

/** The largest valid price ≤ `price`. */
export function floorToTick(price: number, kind: InstrumentKind): Krw {
  const p = Math.floor(price);
  return p - (p % tickSize(p, kind));
}

/** The smallest valid price ≥ `price`. */
export function ceilToTick(price: number, kind: InstrumentKind): Krw {
  const p = Math.ceil(price);
  const tick = tickSize(p, kind);
  const rem = p % tick;
  return rem === 0 ? p : p + (tick - rem);
}

/** Nearest valid price (ties go up). Used to snap distribution-adjusted prices onto the grid. */
export function nearestTick(price: number, kind: InstrumentKind): Krw {
  const down = floorToTick(price, kind);
  const up = ceilToTick(price, kind);
  return price - down < up - price ? down : up;
}

export interface PriceBand {
  upper: Krw;
  lower: Krw;
}

/** ±30 % of the base price, each limit rounded to the tick inside the band. */
export function priceBand(base: Krw, kind: InstrumentKind): PriceBand {
  return {
    upper: floorToTick(mulDivFloor(base, 13, 10), kind),
    lower: ceilToTick(mulDivCeil(base, 7, 10), kind),
  };
}

export function isInsideBand(price: Krw, band: PriceBand): boolean {
  return price >= band.lower && price <= band.upper;
}

/** Formats KRW for people: "1,234,567원" (Korean) or "₩1,234,567" (English). */
export function formatKrw(value: Krw, locale: 'ko' | 'en' = 'ko'): string {
  const digits = Math.abs(value).toLocaleString('en-US');
  const sign = value < 0 ? '-' : '';
  return locale === 'ko' ? `${sign}${digits}원` : `${sign}₩${digits}`;
}
