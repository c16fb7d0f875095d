import { z } from 'zod';
import { isKstDate } from '../domain/market';
import { mulDivFloor } from '../domain/money';
import { DEFAULT_RISK_LIMITS, riskLimitsSchema } from '../domain/risk';
import { DEFAULT_STRATEGY_CONFIG, strategyConfigSchema } from '../domain/strategy/config';
import { accountTypeSchema } from './tax';

const kstDate = z.string().refine(isKstDate, 'a date is YYYY-MM-DD');

export const backtestConfigSchema = z
  .object({
    from: kstDate,
    to: kstDate,
    capital: z.int().min(1),
    strategy: strategyConfigSchema,
    /** Buy-and-hold benchmark with the same capital and costs. */
    benchmark: z.string().regex(/^\d{6}$/),
    /** Fills at the open moved this many ticks against the trade. */
    slippageTicks: z.int().min(0).max(100),
    commissionPpm: z.int().min(0).max(100_000),
    /** KRX ETFs pay no securities transaction tax on sells. */
    sellTaxPpm: z.int().min(0).max(100_000),
    /** Annual rate earned by uninvested cash, basis points (accrued per calendar day, rounded down). */
    cashRateBp: z.int().min(0).max(5_000),
    /** Annual risk-free rate for the Sharpe ratio (a ratio, 0.03 = 3 %). */
    riskFreeRate: z.number().min(0).max(0.5),
    /** The risk guard's limits, applied to every leg as the live cycle applies them (post-plan.ts). */
    limits: riskLimitsSchema,
    /** Taxable, ISA or pension account: decides the tax on gains (src/backtest/tax.ts). */
    accountType: accountTypeSchema,
    /** Re-propose what a plan left undone on the following trading days (the live cycle does). */
    carryOver: z.boolean(),
    /** Plan on the first day even if it is not the first trading day of a month (the live cycle does not). */
    forceFirstDay: z.boolean(),
  })
  .refine((c) => c.from <= c.to, { message: 'from must not be after to' });

export type BacktestConfig = z.infer<typeof backtestConfigSchema>;

export const DEFAULT_BACKTEST_COSTS = {
  benchmark: '069500',
  slippageTicks: 1,
  commissionPpm: 140,
  sellTaxPpm: 0,
  cashRateBp: 0,
  /** 2 % a year: roughly the 2016–2025 average of short Korean government yields (Sharpe only). */
  riskFreeRate: 0.02,
  carryOver: true,
  forceFirstDay: true,
  accountType: 'taxable',
} as const;

export function defaultBacktestConfig(from: string, to: string, capital: number): BacktestConfig {
  return {
    from,
    to,
    capital,
    strategy: DEFAULT_STRATEGY_CONFIG,
    ...DEFAULT_BACKTEST_COSTS,
    limits: guardLimitsFor(DEFAULT_STRATEGY_CONFIG, capital),
  };
}

/**
 * The desk's default guard limits (the same defaults config.ts applies: its weight cap is the strategy's),
 * allowing the strategy's tickers. The NAV floor is the desk's 800,000 KRW for 1,000,000 KRW, i.e. 80 % of
 * the starting capital.
 */
export function guardLimitsFor(
  strategy: { universe: readonly string[]; safeAsset: string; maxPositionWeightBp?: number },
  capital = 1_000_000,
): BacktestConfig['limits'] {
  return {
    ...DEFAULT_RISK_LIMITS,
    maxPositionWeightBp: strategy.maxPositionWeightBp ?? DEFAULT_STRATEGY_CONFIG.maxPositionWeightBp,
    navFloor: mulDivFloor(capital, NAV_FLOOR_OF_CAPITAL_BP, 10_000),
    allowedTickers: [
      ...new Set([
        ...DEFAULT_RISK_LIMITS.allowedTickers,
        ...strategy.universe,
        ...(strategy.safeAsset === 'CASH' ? [] : [strategy.safeAsset]),
      ]),
    ],
  };
}

/** The desk's NAV floor (RISK_NAV_FLOOR_KRW 800,000) relative to its 1,000,000 KRW account. */
export const NAV_FLOOR_OF_CAPITAL_BP = 8_000;
