import { z } from 'zod';
import { DEFAULT_ETF_UNIVERSE } from '../universe';

const tickerSchema = z.string().regex(/^[0-9A-Z]{6}$|^Q[0-9]{6}$/, 'ticker must be a 6-character KRX code');
const bpSchema = z.number().int().min(0).max(10_000);

/** Every limit the guard enforces. Money in KRW, ratios in basis points, ages in milliseconds. */
export const riskLimitsSchema = z
  .object({
    /** ETF universe: orders for any other ticker are denied. */
    allowedTickers: z.array(tickerSchema).min(1, 'allowedTickers must not be empty'),
    maxOrderValue: z.number().int().positive(),
    /** Post-trade value of one position relative to NAV (buys only). */
    maxPositionWeightBp: bpSchema.min(1),
    /** Distance of a limit price from the fresh quote. */
    maxQuoteDistanceBp: bpSchema.min(1),
    /** Largest premium of a buy (or discount of a sell) to the ETF's NAV (iNAV). */
    maxNavPremiumBp: bpSchema.min(1),
    /** A buy's value relative to cash. */
    fatFingerCashBp: bpSchema.min(1),
    maxOrdersPerDay: z.number().int().nonnegative(),
    /** Loss of equity from the start-of-day NAV that trips the REDUCING breaker. */
    dailyLossLimitBp: bpSchema.min(1),
    navFloor: z.number().int().nonnegative(),
    maxQuoteAgeMs: z.number().int().positive(),
    maxAccountAgeMs: z.number().int().positive(),
  })
  .strict();

export type RiskLimits = z.infer<typeof riskLimitsSchema>;

export const DEFAULT_RISK_LIMITS: RiskLimits = Object.freeze({
  allowedTickers: [...DEFAULT_ETF_UNIVERSE],
  maxOrderValue: 300_000,
  maxPositionWeightBp: 4_000,
  maxQuoteDistanceBp: 300,
  maxNavPremiumBp: 50,
  fatFingerCashBp: 3_000,
  maxOrdersPerDay: 10,
  dailyLossLimitBp: 300,
  navFloor: 800_000,
  maxQuoteAgeMs: 10_000,
  maxAccountAgeMs: 30_000,
}) as RiskLimits;
