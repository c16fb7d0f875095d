import { z } from 'zod';

export const CASH = 'CASH' as const;

const ticker = z.string().regex(/^\d{6}$/, 'a ticker is 6 digits');

/**
 * Parameters of the momentum strategy (12-1 when lookback 252 / skip 21). Day counts are trading-day bars; weights and budgets are basis
 * points of NAV; money is integer KRW.
 */
export const strategyConfigSchema = z
  .object({
    /** Risk assets ranked by momentum. The safe asset is never ranked, even when listed here. */
    universe: z.array(ticker),
    /** Where unfilled slots go: an ETF ticker, or 'CASH' (then the absolute-momentum hurdle is 0 %). */
    safeAsset: z.union([ticker, z.literal(CASH)]),
    topN: z.int().min(1).max(10),
    /** Bars between the "12 months ago" close and the last close (252 ≈ one KRX year). */
    lookbackDays: z.int().min(2).max(1000),
    /** Most recent bars left out of the return (21 ≈ one month: the short-term reversal). */
    skipDays: z.int().min(0).max(500),
    atrDays: z.int().min(1).max(250),
    /** Loss budget per position if the price moves atrMultiplier × ATR against it, in bp of NAV. */
    riskBudgetBp: z.int().min(1).max(10_000),
    atrMultiplier: z.number().positive().max(100),
    maxPositionWeightBp: z.int().min(1).max(10_000),
    /** Legs worth less than this (at the limit price) are skipped, except full exits. */
    minTradeValue: z.int().min(0),
    /** Limit price = last close ± the further of this many ticks … */
    limitOffsetTicks: z.int().min(0).max(100),
    /** … and this many basis points, so that the order is marketable at a normal open. */
    limitOffsetBp: z.int().min(0).max(2_000),
    /** Part of NAV never allocated, to pay commissions and absorb the gap between last close and fill. */
    cashReserveBp: z.int().min(0).max(5_000),
    /** A ticker whose last bar is more than this many trading days old has no signal. */
    maxStaleTradingDays: z.int().min(0).max(60),
    /** Plan on the (offset + 1)-th trading day of the month instead of the first (schedule.ts). */
    rebalanceOffsetDays: z.int().min(0).max(15),
    /**
     * Cash sweep: what the momentum picks leave of the investable NAV (ATR budget, weight cap, whole shares,
     * empty slots) goes to the safe ETF, instead of only the empty slots' share. No effect with CASH.
     */
    cashSweep: z.boolean(),
  })
  .refine((c) => c.skipDays < c.lookbackDays, { message: 'skipDays must be smaller than lookbackDays' });

export type StrategyConfig = z.infer<typeof strategyConfigSchema>;

/**
 * Defaults: 114260 (KODEX 국고채3년) as the safe asset, and — chosen by the walk-forward of `npm run study`
 * (docs/study/study.md: each parameter's value chosen in most out-of-sample windows, never the full-period
 * in-sample best) — the top 3 by 6-month momentum without the skip month, no ATR budget (10 000 bp: a
 * 2-ATR move may cost the whole slot), a 50 % weight cap, no cash sweep, the first trading day of the month.
 * The 12-1 variant (252/21, top 2, 1 % ATR budget, 40 % cap) was the default before the study.
 */
export const DEFAULT_STRATEGY_CONFIG: StrategyConfig = {
  universe: ['069500', '229200', '133690', '360750', '132030', '148070', '091160'],
  safeAsset: '114260',
  topN: 3,
  lookbackDays: 126,
  skipDays: 0,
  atrDays: 20,
  riskBudgetBp: 10_000,
  atrMultiplier: 2,
  maxPositionWeightBp: 5_000,
  minTradeValue: 30_000,
  limitOffsetTicks: 2,
  limitOffsetBp: 200,
  cashReserveBp: 100,
  maxStaleTradingDays: 5,
  rebalanceOffsetDays: 0,
  cashSweep: false,
};

/** How many bars before the decision date a caller must supply for every indicator to be defined. */
export function requiredHistoryBars(config: Pick<StrategyConfig, 'lookbackDays' | 'atrDays'>): number {
  return Math.max(config.lookbackDays, config.atrDays) + 1;
}
