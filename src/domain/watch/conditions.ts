import type { Krw, Shares } from '../money';
import type { DailyBar } from '../ports';
import { highest, lowest, sma, wilderRsiSeries } from './indicators';
import { kindOf, type WatchCondition, type WatchKind, type WatchThresholds } from './settings';

/** What the watch knows about one ticker at one moment. */
export interface WatchMarket {
  ticker: string;
  /** Completed daily bars, oldest first, none of them today's. */
  bars: readonly DailyBar[];
  /** The live (last traded) price. */
  price: Krw;
  /** Today's opening print; 0 before the first print. */
  todayOpen: Krw;
  /** Today's cumulative volume. */
  todayVolume: Shares;
}

export interface WatchHolding {
  quantity: Shares;
  averageCost: Krw;
  /** Highest price seen since the position was opened (daily highs and live prints). */
  highestSinceOpened: Krw;
}

/** The outcome of one condition: fired or not, and the numbers behind it either way. */
export interface ConditionResult {
  ticker: string;
  kind: WatchKind;
  condition: WatchCondition;
  fired: boolean;
  severity: 'normal' | 'high';
  price: Krw;
  /** Indicator values and limits the decision used (null when the history was too short). */
  numbers: Record<string, number | null>;
  /**
   * For conditions a price alone can trigger: the price at which it would fire (below it for sell stops,
   * above it for breakouts); null for the others or when history is missing.
   */
  triggerPrice: number | null;
}

/** The firing an alert is made of. */
export type WatchFiring = ConditionResult & { fired: true };

function result(
  market: WatchMarket,
  condition: WatchCondition,
  fired: boolean,
  numbers: ConditionResult['numbers'],
  triggerPrice: number | null,
  severity: ConditionResult['severity'] = 'normal',
): ConditionResult {
  return {
    ticker: market.ticker,
    kind: kindOf(condition),
    condition,
    fired,
    severity,
    price: market.price,
    numbers,
    triggerPrice,
  };
}

const closesOf = (bars: readonly DailyBar[]): number[] => bars.map((b) => b.close);

/** MA-fast > MA-mid > MA-slow, the low of the last bars within the band above MA-fast, price above MA-fast. */
export function buyMa20Pullback(market: WatchMarket, t: WatchThresholds): ConditionResult {
  const closes = closesOf(market.bars);
  const maFast = sma(closes, t.maFast);
  const maMid = sma(closes, t.maMid);
  const maSlow = sma(closes, t.maSlow);
  const recentLow = lowest(
    market.bars.map((b) => b.low),
    t.pullbackBars,
  );
  const numbers = { maFast, maMid, maSlow, recentLow, bandPct: t.pullbackBandPct };
  if (maFast === null || maMid === null || maSlow === null || recentLow === null)
    return result(market, 'buy_ma20_pullback', false, numbers, null);
  const fired =
    maFast > maMid &&
    maMid > maSlow &&
    recentLow * 100 <= maFast * (100 + t.pullbackBandPct) &&
    market.price > maFast;
  return result(market, 'buy_ma20_pullback', fired, numbers, maFast);
}

/** Price above the highest high of the prior bars and today's volume above a multiple of the average. */
export function buyBreakout(market: WatchMarket, t: WatchThresholds): ConditionResult {
  const priorHigh = highest(
    market.bars.map((b) => b.high),
    t.breakoutBars,
  );
  const averageVolume = sma(
    market.bars.map((b) => b.volume),
    t.volumeAverageBars,
  );
  const numbers = {
    priorHigh,
    averageVolume,
    todayVolume: market.todayVolume,
    volumeMultiple: t.breakoutVolumeMultiple,
  };
  if (priorHigh === null || averageVolume === null)
    return result(market, 'buy_breakout', false, numbers, null);
  const fired = market.price > priorHigh && market.todayVolume > t.breakoutVolumeMultiple * averageVolume;
  return result(market, 'buy_breakout', fired, numbers, priorHigh);
}

/**
 * Wilder RSI over the closes with the live price as today's close: one of the `rsiLookback` values before
 * the latest was below the oversold level, the latest is above it and above the one before.
 */
export function buyRsiBounce(market: WatchMarket, t: WatchThresholds): ConditionResult {
  const series = wilderRsiSeries([...closesOf(market.bars), market.price], t.rsiPeriod);
  const latest = series.at(-1) ?? null;
  const previous = series.at(-2) ?? null;
  const window = series.slice(-1 - t.rsiLookback, -1);
  const recentMin = window.length === t.rsiLookback ? Math.min(...window) : null;
  const numbers = { rsi: latest, previousRsi: previous, recentMinRsi: recentMin, oversold: t.rsiOversold };
  if (latest === null || previous === null || recentMin === null)
    return result(market, 'buy_rsi_bounce', false, numbers, null);
  const fired = recentMin < t.rsiOversold && latest > t.rsiOversold && latest > previous;
  return result(market, 'buy_rsi_bounce', fired, numbers, null);
}

/** (price − average cost) / average cost ≤ −stopLossPct. */
export function sellStopLoss(
  market: WatchMarket,
  holding: WatchHolding,
  t: WatchThresholds,
): ConditionResult {
  const cost = holding.averageCost;
  const numbers = { averageCost: cost, changePct: changePct(market.price, cost), stopLossPct: t.stopLossPct };
  if (cost <= 0) return result(market, 'sell_stop_loss', false, numbers, null);
  const fired = (market.price - cost) * 100 <= -t.stopLossPct * cost;
  return result(market, 'sell_stop_loss', fired, numbers, Math.floor((cost * (100 - t.stopLossPct)) / 100));
}

/** (price − average cost) / average cost ≥ +takeProfitPct. */
export function sellTakeProfit(
  market: WatchMarket,
  holding: WatchHolding,
  t: WatchThresholds,
): ConditionResult {
  const cost = holding.averageCost;
  const numbers = {
    averageCost: cost,
    changePct: changePct(market.price, cost),
    takeProfitPct: t.takeProfitPct,
  };
  if (cost <= 0) return result(market, 'sell_take_profit', false, numbers, null);
  const fired = (market.price - cost) * 100 >= t.takeProfitPct * cost;
  return result(
    market,
    'sell_take_profit',
    fired,
    numbers,
    Math.ceil((cost * (100 + t.takeProfitPct)) / 100),
  );
}

/** Price at or below the highest price since the position was opened × (1 − trailingStopPct). */
export function sellTrailingStop(
  market: WatchMarket,
  holding: WatchHolding,
  t: WatchThresholds,
): ConditionResult {
  const peak = Math.max(holding.highestSinceOpened, market.price);
  const numbers = { highestSinceOpened: peak, trailingStopPct: t.trailingStopPct };
  if (peak <= 0) return result(market, 'sell_trailing_stop', false, numbers, null);
  const fired = market.price * 100 <= peak * (100 - t.trailingStopPct);
  return result(
    market,
    'sell_trailing_stop',
    fired,
    numbers,
    Math.floor((peak * (100 - t.trailingStopPct)) / 100),
  );
}

/** Price below MA-mid; severity high when also below MA-slow. */
export function sellMaBreak(market: WatchMarket, t: WatchThresholds): ConditionResult {
  const closes = closesOf(market.bars);
  const maMid = sma(closes, t.maMid);
  const maSlow = sma(closes, t.maSlow);
  const numbers = { maMid, maSlow };
  if (maMid === null) return result(market, 'sell_ma_break', false, numbers, null);
  const fired = market.price < maMid;
  const high = fired && maSlow !== null && market.price < maSlow;
  return result(market, 'sell_ma_break', fired, numbers, maMid, high ? 'high' : 'normal');
}

/** Today's volume at least a multiple of the average and price below today's open. */
export function sellClimax(market: WatchMarket, t: WatchThresholds): ConditionResult {
  const averageVolume = sma(
    market.bars.map((b) => b.volume),
    t.volumeAverageBars,
  );
  const numbers = {
    averageVolume,
    todayVolume: market.todayVolume,
    todayOpen: market.todayOpen,
    volumeMultiple: t.climaxVolumeMultiple,
  };
  if (averageVolume === null || market.todayOpen <= 0)
    return result(market, 'sell_climax', false, numbers, null);
  const fired =
    market.todayVolume >= t.climaxVolumeMultiple * averageVolume && market.price < market.todayOpen;
  return result(market, 'sell_climax', fired, numbers, null);
}

/** Percent change of price against a reference, rounded to 0.01 % for display; null without a reference. */
function changePct(price: number, reference: number): number | null {
  if (reference <= 0) return null;
  return Math.round(((price - reference) * 10_000) / reference) / 100;
}

/**
 * Evaluates the asked conditions. Sell conditions need a holding (with quantity > 0) and are skipped
 * without one; buy conditions run on any ticker.
 */
export function evaluateConditions(input: {
  market: WatchMarket;
  holding: WatchHolding | undefined;
  thresholds: WatchThresholds;
  conditions: readonly WatchCondition[];
}): ConditionResult[] {
  const { market, holding, thresholds: t } = input;
  const out: ConditionResult[] = [];
  const held = holding && holding.quantity > 0 ? holding : undefined;
  for (const condition of input.conditions) {
    switch (condition) {
      case 'buy_ma20_pullback':
        out.push(buyMa20Pullback(market, t));
        break;
      case 'buy_breakout':
        out.push(buyBreakout(market, t));
        break;
      case 'buy_rsi_bounce':
        out.push(buyRsiBounce(market, t));
        break;
      case 'sell_stop_loss':
        if (held) out.push(sellStopLoss(market, held, t));
        break;
      case 'sell_take_profit':
        if (held) out.push(sellTakeProfit(market, held, t));
        break;
      case 'sell_trailing_stop':
        if (held) out.push(sellTrailingStop(market, held, t));
        break;
      case 'sell_ma_break':
        if (held) out.push(sellMaBreak(market, t));
        break;
      case 'sell_climax':
        if (held) out.push(sellClimax(market, t));
        break;
    }
  }
  return out;
}

/** Distance from the live price to a trigger price, in percent of the price (negative = below). */
export function distanceToTriggerPct(price: Krw, triggerPrice: number | null): number | null {
  if (triggerPrice === null || price <= 0) return null;
  return Math.round(((triggerPrice - price) * 10_000) / price) / 100;
}

/** Conditions whose trigger price is crossed from above (a falling price fires them). */
const FIRES_FALLING: ReadonlySet<WatchCondition> = new Set([
  'sell_stop_loss',
  'sell_trailing_stop',
  'sell_ma_break',
]);

/**
 * Whether a new price reaches the trigger price of an earlier result that had not fired: at or under it for
 * the falling sell conditions, at or over it for take-profit and the buy conditions. A crossing is a reason to
 * evaluate at once; whether the condition fires is still decided by the condition itself.
 */
export function reachesTrigger(result: ConditionResult, price: Krw): boolean {
  if (result.fired || result.triggerPrice === null) return false;
  return FIRES_FALLING.has(result.condition) ? price <= result.triggerPrice : price >= result.triggerPrice;
}
