/**
 * What a person may ask `/backtest` for: how many months back and the starting capital (integer KRW). Its own
 * module (zod only) so the job queue's payload schemas can use it without loading the engine.
 */
import { z } from 'zod';
import { isKstDate } from '../domain/market';

export const DESK_BACKTEST_MAX_MONTHS = 120;
export const DESK_BACKTEST_MIN_CAPITAL = 100_000;
export const DESK_BACKTEST_MAX_CAPITAL = 10_000_000_000;

export const deskBacktestRequestSchema = z.strictObject({
  months: z.int().min(1).max(DESK_BACKTEST_MAX_MONTHS),
  capital: z.int().min(DESK_BACKTEST_MIN_CAPITAL).max(DESK_BACKTEST_MAX_CAPITAL),
});
export type DeskBacktestRequest = z.infer<typeof deskBacktestRequestSchema>;

export const DEFAULT_DESK_BACKTEST: DeskBacktestRequest = { months: 24, capital: 1_000_000 };

/** The name of the error a range without data throws (it crosses the job queue as text). */
export const NO_BACKTEST_DATA = 'NoBacktestDataError';

const ratio = z.number().finite();
/** The job's answer: checked again when it is read back from the queue (it crossed a process boundary). */
export const deskBacktestBriefSchema = z.strictObject({
  from: z.string().refine(isKstDate),
  to: z.string().refine(isKstDate),
  months: z.int(),
  capital: z.int(),
  finalNav: z.int(),
  finalNavAfterTax: z.int(),
  cagr: ratio,
  cagrAfterTax: ratio,
  maxDrawdown: ratio,
  sharpe: ratio,
  trades: z.int(),
  clipped: z.int(),
  carried: z.int(),
  abandoned: z.int(),
  averageCash: ratio,
  benchmark: z.strictObject({ ticker: z.string(), cagr: ratio, maxDrawdown: ratio, finalNav: z.int() }),
  settings: z.strictObject({
    topN: z.int(),
    lookbackDays: z.int(),
    skipDays: z.int(),
    maxPositionWeightBp: z.int(),
    cashSweep: z.boolean(),
  }),
});
export type DeskBacktestBrief = z.infer<typeof deskBacktestBriefSchema>;
