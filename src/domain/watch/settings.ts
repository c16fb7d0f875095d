import { z } from 'zod';

/** The eight watch conditions: three buy signals for the watchlist, five sell signals for holdings. */
export const BUY_CONDITIONS = ['buy_ma20_pullback', 'buy_breakout', 'buy_rsi_bounce'] as const;
export const SELL_CONDITIONS = [
  'sell_stop_loss',
  'sell_take_profit',
  'sell_trailing_stop',
  'sell_ma_break',
  'sell_climax',
] as const;
export const WATCH_CONDITIONS = [...BUY_CONDITIONS, ...SELL_CONDITIONS] as const;

export type BuyCondition = (typeof BUY_CONDITIONS)[number];
export type SellCondition = (typeof SELL_CONDITIONS)[number];
export type WatchCondition = (typeof WATCH_CONDITIONS)[number];
export type WatchKind = 'buy' | 'sell';

export function kindOf(condition: WatchCondition): WatchKind {
  return (BUY_CONDITIONS as readonly string[]).includes(condition) ? 'buy' : 'sell';
}

export function isWatchCondition(value: string): value is WatchCondition {
  return (WATCH_CONDITIONS as readonly string[]).includes(value);
}

/** A percentage: strictly positive, at most 100 %. */
const percent = z.number().gt(0, 'must be above 0 %').max(100, 'must be at most 100 %');
/** A multiple of an average (e.g. 1.5 × the 20-day volume). */
const multiple = z.number().gt(0, 'must be above 0').max(100, 'must be at most 100');
const period = (max: number) => z.number().int('must be a whole number').min(2).max(max);

/**
 * Every threshold of the eight conditions. Percentages are percent (8 = 8 %), periods are daily bars.
 * The defaults are the product spec's.
 */
export const watchThresholdsSchema = z
  .object({
    maFast: period(100),
    maMid: period(250),
    maSlow: period(400),
    /** buy_ma20_pullback: the last bars' low within this much above MA-fast. */
    pullbackBandPct: percent,
    pullbackBars: period(20).min(1),
    /** buy_breakout: above the highest high of this many prior bars … */
    breakoutBars: period(250),
    /** … with today's volume above this multiple of the average volume. */
    breakoutVolumeMultiple: multiple,
    volumeAverageBars: period(250),
    rsiPeriod: period(100),
    rsiOversold: percent,
    rsiLookback: period(20).min(1),
    stopLossPct: percent,
    /** Take profit may sit above 100 % gain. */
    takeProfitPct: z.number().gt(0, 'must be above 0 %').max(1_000, 'must be at most 1000 %'),
    trailingStopPct: percent,
    climaxVolumeMultiple: multiple,
  })
  .strict()
  .refine((t) => t.maFast < t.maMid && t.maMid < t.maSlow, {
    message: 'moving averages must be fast < mid < slow',
    path: ['maMid'],
  });

export type WatchThresholds = z.infer<typeof watchThresholdsSchema>;

export const DEFAULT_WATCH_THRESHOLDS: Readonly<WatchThresholds> = Object.freeze({
  maFast: 20,
  maMid: 50,
  maSlow: 200,
  pullbackBandPct: 2,
  pullbackBars: 3,
  breakoutBars: 20,
  breakoutVolumeMultiple: 1.5,
  volumeAverageBars: 20,
  rsiPeriod: 14,
  rsiOversold: 30,
  rsiLookback: 3,
  stopLossPct: 8,
  takeProfitPct: 25,
  trailingStopPct: 10,
  climaxVolumeMultiple: 3,
});

export type WatchThresholdOverrides = Partial<WatchThresholds>;

export type ThresholdCheck =
  { ok: true; value: WatchThresholds } | { ok: false; problems: Array<{ field: string; message: string }> };

/** Base thresholds with a ticker's overrides applied, validated as a whole; nothing is partly applied. */
export function resolveThresholds(
  base: Readonly<WatchThresholds>,
  overrides: WatchThresholdOverrides | undefined,
): ThresholdCheck {
  const parsed = watchThresholdsSchema.safeParse({ ...base, ...(overrides ?? {}) });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(thresholds)',
      message: issue.message,
    })),
  };
}

/** Overrides as a person or a settings file gives them: only known keys, numbers. */
export const watchOverridesSchema = z
  .object(
    Object.fromEntries(
      Object.keys(DEFAULT_WATCH_THRESHOLDS).map((k) => [k, z.number().optional()]),
    ) as Record<keyof WatchThresholds, z.ZodOptional<z.ZodNumber>>,
  )
  .strict();
