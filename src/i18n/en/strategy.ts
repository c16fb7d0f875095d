/** English text of the momentum strategy: the same keys as `ko/strategy.ts`. */
import type { SignalProblem, SizingLimit, StrategyMessages } from '../ko/strategy';

const problems: Record<SignalProblem, string> = {
  INSUFFICIENT_HISTORY: 'not enough history',
  STALE_DATA: 'no recent data',
  NO_DATA: 'no data',
};

const limits: Record<SizingLimit, string> = {
  EQUAL_WEIGHT: 'equal weight',
  RISK_BUDGET: 'ATR risk budget',
  MAX_WEIGHT: 'max position weight',
  SAFE_SLOTS: 'unfilled slots',
  CASH_SWEEP: 'cash sweep',
};

export const strategyEn: StrategyMessages = {
  cash: 'cash',
  momentumPick: (p) =>
    `${p.ticker} momentum return ${p.roc}, rank ${p.rank}: above the hurdle (${p.hurdleName} ${p.hurdle}), held`,
  rankedOut: (p) =>
    `${p.ticker} momentum return ${p.roc}, rank ${p.rank}: outside the top ${p.topN}, dropped`,
  belowHurdle: (p) =>
    `${p.ticker} momentum return ${p.roc}, rank ${p.rank}: not above the hurdle (${p.hurdleName} ${p.hurdle}), dropped by the absolute-momentum filter`,
  noSignal: (p) => `${p.ticker} has no signal (${problems[p.problem]}), dropped`,
  safeSlots: (p) =>
    `only ${p.filled} risk asset(s) beat the hurdle, so ${p.empty} of ${p.topN} slots go to the safe asset ${p.safe} (momentum return ${p.roc})`,
  safeSweep: (p) =>
    `after ${p.filled} of ${p.topN} risk slots, the cash left (ATR budget, weight cap and whole shares included) goes to the safe asset ${p.safe} (cash sweep)`,
  safeNotNeeded: (p) => `risk assets fill all ${p.topN} slots, so the safe asset ${p.safe} is not needed`,
  sizing: (p) =>
    `target ${p.targetQuantity} shares (weight ${p.weight}, ${limits[p.limit]}), holding ${p.heldQuantity}`,
  exitAll: (p) => `target 0 shares: sell all ${p.heldQuantity} held`,
  notes: {
    safeAssetUnavailable: (p) =>
      `the safe asset ${p.safe} has no recent price, so unfilled slots stay in cash`,
    buyReducedForCash: (p) => `${p.ticker} buy reduced from ${p.from} to ${p.to} shares to fit the cash`,
    legBelowMinimum: (p) =>
      `${p.ticker} order of ${p.value} is below the minimum trade value ${p.minimum}, skipped`,
    unmanagedHolding: (p) => `${p.ticker} is not managed by the strategy and is left as it is`,
    missingPrice: (p) => `${p.ticker} has no price data, so no order can be made`,
  },
};
