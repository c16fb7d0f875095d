/**
 * What each step checkpoints. Later steps read these back from the database instead of recomputing them, so
 * they are parsed with zod on the way in (a row written by an older version fails loudly, not subtly).
 */
import { z } from 'zod';
import { FIT_LIMITS, type FitLimit } from '../../domain/strategy/post-plan';

export const STEP_NAMES = [
  'news',
  'memory_summary',
  'market_fetch',
  'strategy',
  'risk',
  'execution',
  'briefing',
  'memory_upsert',
] as const;

export type StepName = (typeof STEP_NAMES)[number];

const localized = z.object({ ko: z.string(), en: z.string() });
const int = z.number().int();
const side = z.enum(['BUY', 'SELL']);

export const newsOutputSchema = z.object({
  fetched: int,
  inserted: int,
  memories: int,
  feedErrors: z.array(z.object({ feed: z.string(), kind: z.string() })),
  memoryError: z.string().nullable(),
  highlights: z.array(
    z.object({ title: z.string(), url: z.string(), source: z.string(), publishedAt: z.string().nullable() }),
  ),
});
export type NewsOutput = z.infer<typeof newsOutputSchema>;

export const memorySummaryOutputSchema = z.object({
  noteId: z.string().nullable(),
  sessions: int,
  briefingFrom: z.string().nullable(),
  skipped: z.enum(['NO_MEMORY_STORE', 'NOTHING_TO_SUMMARISE', 'MEMORY_UNAVAILABLE']).nullable(),
});
export type MemorySummaryOutput = z.infer<typeof memorySummaryOutputSchema>;

export const DATA_PROBLEMS = ['NO_BARS', 'STALE', 'SHORT_HISTORY', 'READ_FAILED', 'NO_BALANCE'] as const;
export type MarketDataProblem = (typeof DATA_PROBLEMS)[number];

/** [date, open, high, low, close, volume]: compact, since a checkpoint holds ≈ 270 bars per ticker. */
const compactBar = z.tuple([z.string(), int, int, int, int, int]);
export type CompactBar = z.infer<typeof compactBar>;

export const balanceSchema = z.object({
  cash: int,
  cashD2: int,
  securitiesValue: int,
  totalValue: int,
  asOf: z.string(),
  positions: z.array(
    z.object({
      ticker: z.string(),
      name: z.string(),
      quantity: int,
      orderableQuantity: int,
      purchaseAmount: int,
      price: int,
      marketValue: int,
      unrealizedPnl: int,
    }),
  ),
});
export type BalanceOutput = z.infer<typeof balanceSchema>;

export const marketOutputSchema = z.object({
  complete: z.boolean(),
  problems: z.array(z.object({ ticker: z.string(), problem: z.enum(DATA_PROBLEMS) })),
  bars: z.record(z.string(), z.array(compactBar)),
  quotes: z.array(z.object({ ticker: z.string(), name: z.string(), price: int, asOf: z.string() })),
  balance: balanceSchema.nullable(),
  navBelowFloor: z.boolean(),
  /**
   * Per ticker, the basis of its bars above: TOTAL_RETURN when the broker's distributions were added back
   * (the backtest's basis), PRICE when they could not be read. Absent for brokers without distributions.
   */
  priceBasis: z
    .array(z.object({ ticker: z.string(), basis: z.enum(['TOTAL_RETURN', 'PRICE']), distributions: int }))
    .optional(),
});
export type MarketOutput = z.infer<typeof marketOutputSchema>;

export { FIT_LIMITS, type FitLimit };

export const planLegSchema = z.object({
  ticker: z.string(),
  side,
  quantity: int,
  /** What the strategy asked for before the guard's limits cut it. */
  plannedQuantity: int,
  limitPrice: int,
  estimatedValue: int,
  heldQuantity: int,
  targetQuantity: int,
  rationale: localized,
  clippedBy: z.enum(FIT_LIMITS).nullable(),
});
export type PlanLeg = z.infer<typeof planLegSchema>;

export const strategyOutputSchema = z.object({
  /** CARRY_OVER: a day after the plan, proposing what the plan left undone (post-plan.ts carryOverLegs). */
  status: z.enum(['PLANNED', 'CARRY_OVER', 'NOT_REBALANCE_DAY', 'DATA_INCOMPLETE']),
  nav: int.nullable(),
  dataAsOf: z.string().nullable(),
  hurdle: z.object({ ticker: z.string(), roc: z.number() }).nullable(),
  signals: z.array(
    z.object({
      ticker: z.string(),
      status: z.string(),
      rank: int.nullable(),
      roc: z.number().nullable(),
      selected: z.boolean(),
    }),
  ),
  legs: z.array(planLegSchema),
  notes: z.array(z.object({ code: z.string(), ticker: z.string(), text: localized })),
  /** PLANNED: every ticker the plan's legs touched and the holding it wants, for the carry-over days. */
  planTargets: z
    .object({ date: z.string(), targets: z.array(z.object({ ticker: z.string(), quantity: int })) })
    .optional(),
});
export type StrategyOutput = z.infer<typeof strategyOutputSchema>;

export const legVerdictSchema = z.object({
  ticker: z.string(),
  side,
  quantity: int,
  limitPrice: int,
  outcome: z.enum(['ALLOW', 'DENY', 'DEFER']),
  code: z.string().nullable(),
  reason: localized.nullable(),
  deferUntil: z.string().nullable(),
});
export type LegVerdict = z.infer<typeof legVerdictSchema>;

export const riskOutputSchema = z.object({
  outcome: z.enum(['ALLOW', 'DENY', 'DEFER', 'NO_LEGS']),
  tradingState: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
  legs: z.array(legVerdictSchema),
});
export type RiskOutput = z.infer<typeof riskOutputSchema>;

export const executionOutputSchema = z.object({
  mode: z.enum(['approve', 'auto']),
  intents: z.array(
    z.object({
      id: z.string(),
      ticker: z.string(),
      side,
      quantity: int,
      limitPrice: int.nullable(),
      status: z.string(),
    }),
  ),
  approvals: z.array(z.object({ intentId: z.string(), result: z.string() })),
  planPublished: z.boolean(),
});
export type ExecutionOutput = z.infer<typeof executionOutputSchema>;

export const briefingOutputSchema = z.object({
  key: z.string(),
  text: localized,
  tickers: z.array(z.string()),
});
export type BriefingOutput = z.infer<typeof briefingOutputSchema>;

export const memoryUpsertOutputSchema = z.object({
  memoryId: z.string().nullable(),
  skipped: z.string().nullable(),
});
export type MemoryUpsertOutput = z.infer<typeof memoryUpsertOutputSchema>;

export const STEP_OUTPUT_SCHEMAS = {
  news: newsOutputSchema,
  memory_summary: memorySummaryOutputSchema,
  market_fetch: marketOutputSchema,
  strategy: strategyOutputSchema,
  risk: riskOutputSchema,
  execution: executionOutputSchema,
  briefing: briefingOutputSchema,
  memory_upsert: memoryUpsertOutputSchema,
} as const satisfies Record<StepName, z.ZodType>;

export type StepOutputs = { [K in StepName]: z.infer<(typeof STEP_OUTPUT_SCHEMAS)[K]> };
