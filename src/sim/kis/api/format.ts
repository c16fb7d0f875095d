/** KIS sends every number as a string; these helpers produce those strings. */

/** Integer as a KIS string ("-150", never "-0"). */
export function int(value: number): string {
  const n = Math.trunc(value);
  return n === 0 ? '0' : String(n);
}

/** A ratio or percentage with fixed decimals ("0.31", "-1.15"); these are not money. */
export function decimal(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return (0).toFixed(digits);
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** part / whole × 100 with two decimals, "0.00" when whole is 0. */
export function percent(part: number, whole: number, digits = 2): string {
  return whole === 0 ? (0).toFixed(digits) : decimal((part / whole) * 100, digits);
}

/** Integer division shown with fixed decimals, e.g. pchs_avg_pric "135440.2517", computed in integers. */
export function fixedRatio(numerator: number, denominator: number, digits = 4): string {
  if (denominator === 0) return (0).toFixed(digits);
  const scale = 10n ** BigInt(digits);
  const scaled = (BigInt(Math.trunc(numerator)) * scale) / BigInt(Math.trunc(denominator));
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const whole = abs / scale;
  const frac = (abs % scale).toString().padStart(digits, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** prdy_vrss_sign: 1 upper limit, 2 up, 3 unchanged, 4 lower limit, 5 down. */
export function changeSign(price: number, base: number, band?: { upper: number; lower: number }): string {
  if (band && price >= band.upper && price > base) return '1';
  if (band && price <= band.lower && price < base) return '4';
  if (price > base) return '2';
  if (price < base) return '5';
  return '3';
}

/** Right-pads with spaces to `length` characters (cursors such as ctx_area_fk100). */
export function padRight(text: string, length: number): string {
  return text.length >= length ? text.slice(0, length) : text + ' '.repeat(length - text.length);
}

/** msg1 on query APIs: padded with spaces to 80 bytes counted as EUC-KR (Hangul is 2 bytes). */
export function paddedMessage(text: string, bytes = 80): string {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x80 ? 1 : 2;
  return width >= bytes ? text : text + ' '.repeat(bytes - width);
}
