/**
 * The default ETF universe: the KRX ETFs whose real daily prices through 2026 ship in resources/krx/prices (so the
 * simulator and the backtester can trade them). Configuration (ETF_UNIVERSE) replaces it.
 */
export const DEFAULT_ETF_UNIVERSE: readonly string[] = Object.freeze([
  '069500', // KODEX 200
  '102110', // TIGER 200
  '122630', // KODEX 레버리지
  '114800', // KODEX 인버스
  '229200', // KODEX 코스닥150
  '360750', // TIGER 미국S&P500
  '133690', // TIGER 미국나스닥100
  '379800', // KODEX 미국S&P500TR
  '114260', // KODEX 국고채3년
  '148070', // KOSEF 국고채10년
  '132030', // KODEX 골드선물(H)
  '091160', // KODEX 반도체
  '139260', // TIGER 200 IT
]);
