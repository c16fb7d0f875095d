/** KRX short codes as KIS takes them: 6 digits for stocks and ETFs, Q + 6 digits for ETNs. */
export function isKisTicker(ticker: string): boolean {
  return /^(?:\d{6}|Q\d{6})$/.test(ticker);
}
