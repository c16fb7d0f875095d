import { ceilToTick, floorToTick, mulDivCeil, nearestTick, priceBand, type Krw } from '../money';
import type { Side } from '../ports';

/**
 * A limit price through the last close (up for a buy, down for a sell) on the ETF grid, so that an order
 * placed before the open is marketable against a normal opening price: the further of `offsetTicks` ticks
 * and `offsetBp` basis points. Ticks alone are not enough: 5 KRW on a 150,000 KRW ETF is 0.003 %, while the
 * median open-to-previous-close gap in the shipped data is about 0.4 %. An opening-auction fill happens at
 * the auction price, so the offset only bounds how bad that price may be. Steps tick by tick (the tick
 * changes at 2,000 KRW) and stays inside the ±30 % band around the last close.
 */
export function marketableLimitPrice(lastClose: Krw, side: Side, offsetTicks: number, offsetBp = 0): Krw {
  const base = nearestTick(lastClose, 'ETF');
  let byTicks = base;
  for (let i = 0; i < offsetTicks; i++) {
    byTicks = side === 'BUY' ? ceilToTick(byTicks + 1, 'ETF') : floorToTick(byTicks - 1, 'ETF');
  }
  const distance = mulDivCeil(base, offsetBp, 10_000);
  const price =
    side === 'BUY'
      ? Math.max(byTicks, ceilToTick(base + distance, 'ETF'))
      : Math.min(byTicks, floorToTick(Math.max(1, base - distance), 'ETF'));
  const band = priceBand(base, 'ETF');
  return Math.max(1, Math.min(band.upper, Math.max(band.lower, price)));
}
