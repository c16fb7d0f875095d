import { basisPoints, mulDivFloor, type Krw, type Shares } from '../money';
import type { SizingLimit } from '../../i18n/ko/strategy';
import type { StrategyConfig } from './config';

export interface TargetHolding {
  ticker: string;
  role: 'MOMENTUM' | 'SAFE';
  quantity: Shares;
  /** The tick-grid last close the quantity was sized with. */
  price: Krw;
  /** Weight of quantity × price in NAV, basis points. */
  weightBp: number;
  limit: SizingLimit;
}

type SizingConfig = Pick<
  StrategyConfig,
  'topN' | 'riskBudgetBp' | 'atrMultiplier' | 'maxPositionWeightBp' | 'cashReserveBp'
>;

/** NAV less the cash reserve: what the slots (and the cash sweep) may allocate. */
export function investableValue(nav: Krw, config: Pick<StrategyConfig, 'cashReserveBp'>): Krw {
  return nav - mulDivFloor(nav, config.cashReserveBp, 10_000);
}

/** NAV share of one slot: (NAV − cash reserve) / topN, rounded down. */
export function slotValue(nav: Krw, config: SizingConfig): Krw {
  return Math.floor(investableValue(nav, config) / config.topN);
}

/**
 * Shares of one momentum pick. Three caps, the smallest wins:
 *   equal weight   shares ≤ slot / P                                  (slot = (NAV − reserve) / topN)
 *   risk budget    shares × ⌈ATR × multiplier⌉ ≤ NAV × riskBudgetBp / 10 000
 *   max weight     shares × P ≤ NAV × maxPositionWeightBp / 10 000
 * i.e. weight = min(1/topN, riskBudget × P / (ATR × multiplier), maxWeight): a move of `multiplier` ATRs
 * against the position costs at most the risk budget. All in integer KRW; the ATR stop distance is rounded
 * up, so rounding only ever makes the position smaller. What the caps leave over stays cash.
 */
export function sizeMomentumPosition(
  nav: Krw,
  price: Krw,
  atr: number,
  config: SizingConfig,
): { quantity: Shares; limit: SizingLimit } {
  if (price <= 0 || nav <= 0) return { quantity: 0, limit: 'EQUAL_WEIGHT' };
  const stopDistance = Math.max(1, Math.ceil(atr * config.atrMultiplier));
  const caps: Array<{ quantity: Shares; limit: SizingLimit }> = [
    { quantity: Math.floor(slotValue(nav, config) / price), limit: 'EQUAL_WEIGHT' },
    { quantity: mulDivFloor(nav, config.riskBudgetBp, 10_000 * stopDistance), limit: 'RISK_BUDGET' },
    { quantity: mulDivFloor(nav, config.maxPositionWeightBp, 10_000 * price), limit: 'MAX_WEIGHT' },
  ];
  return caps.reduce((best, cap) => (cap.quantity < best.quantity ? cap : best));
}

/**
 * Shares of the safe ETF: the unfilled slots at equal weight. No ATR or max-weight cap: the safe asset is
 * where the absolute-momentum filter parks risk, and capping it would only leave more idle cash.
 */
export function sizeSafePosition(nav: Krw, price: Krw, emptySlots: number, config: SizingConfig): Shares {
  if (price <= 0 || nav <= 0 || emptySlots <= 0) return 0;
  return Math.floor((slotValue(nav, config) * emptySlots) / price);
}

/**
 * Shares of the safe ETF under the cash sweep: everything the momentum targets leave of the investable NAV
 * (empty slots, and what the ATR budget, the weight cap and whole shares cut from the filled ones).
 */
export function sweptSafeQuantity(
  nav: Krw,
  momentumValue: Krw,
  price: Krw,
  config: Pick<StrategyConfig, 'cashReserveBp'>,
): Shares {
  if (price <= 0 || nav <= 0) return 0;
  return Math.max(0, Math.floor((investableValue(nav, config) - momentumValue) / price));
}

export function weightBpOf(quantity: Shares, price: Krw, nav: Krw): number {
  return basisPoints(quantity * price, nav);
}
