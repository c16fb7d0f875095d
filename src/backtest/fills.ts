import { feeFor, nearestTick, type Krw, type Shares } from '../domain/money';
import type { Side } from '../domain/ports';
import { marketableLimitPrice } from '../domain/strategy/limit-price';

/** The simulated fill: the day's open on the tick grid, moved `slippageTicks` ticks against the trade. */
export function slippedFillPrice(open: Krw, side: Side, slippageTicks: number): Krw {
  return marketableLimitPrice(nearestTick(open, 'ETF'), side, slippageTicks);
}

/** Largest quantity ≤ wanted whose value plus commission fits in cash. */
export function affordableQuantity(wanted: Shares, price: Krw, cash: Krw, commissionPpm: number): Shares {
  if (price <= 0 || cash <= 0) return 0;
  let quantity = Math.min(wanted, Math.floor(cash / price));
  while (quantity > 0 && quantity * price + feeFor(quantity * price, commissionPpm) > cash) quantity--;
  return quantity;
}
