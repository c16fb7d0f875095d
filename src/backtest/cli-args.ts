import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isKstDate } from '../domain/market';
import { CASH, DEFAULT_STRATEGY_CONFIG } from '../domain/strategy/config';
import { backtestConfigSchema, DEFAULT_BACKTEST_COSTS, guardLimitsFor, type BacktestConfig } from './config';

const ticker = z.string().regex(/^\d{6}$/, 'tickers are 6 digits, e.g. 069500');
const integerString = (what: string) =>
  z
    .string()
    .regex(/^\d[\d_,]*$/, `${what} must be a whole number`)
    .transform((s) => Number(s.replaceAll(/[_,]/g, '')));
const percentString = (what: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `${what} must be a percentage such as 2.5`)
    .transform(Number);

const argsSchema = z
  .object({
    from: z.string().refine(isKstDate, '--from must be a date YYYY-MM-DD'),
    to: z.string().refine(isKstDate, '--to must be a date YYYY-MM-DD'),
    capital: integerString('--capital').pipe(
      z.number().int().min(10_000, '--capital must be at least 10,000 KRW').max(1e13),
    ),
    universe: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      )
      .pipe(z.array(ticker).min(1, '--universe needs at least one ticker'))
      .optional(),
    safe: z.union([ticker, z.literal(CASH)], { error: '--safe must be a 6-digit ticker or CASH' }).optional(),
    top: integerString('--top').pipe(z.number().int().min(1).max(10)).optional(),
    lookback: integerString('--lookback').pipe(z.number().int().min(20).max(500)).optional(),
    skip: integerString('--skip').pipe(z.number().int().min(0).max(63)).optional(),
    'atr-budget-bp': integerString('--atr-budget-bp').pipe(z.number().int().min(10).max(10_000)).optional(),
    out: z.string().min(1).default('docs/backtest'),
    'slippage-ticks': integerString('--slippage-ticks').pipe(z.number().int().max(100)).optional(),
    'commission-ppm': integerString('--commission-ppm').pipe(z.number().int().max(100_000)).optional(),
    'cash-rate': percentString('--cash-rate').optional(),
    'risk-free': percentString('--risk-free').optional(),
    account: z
      .enum(['taxable', 'isa', 'pension'], { error: '--account must be taxable, isa or pension' })
      .optional(),
  })
  .refine((a) => a.from <= a.to, { message: '--from must not be after --to' });

export interface BacktestCliArgs {
  config: BacktestConfig;
  outDir: string;
}

export class CliArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliArgsError';
  }
}

export const BACKTEST_USAGE = `usage: npm run backtest -- --from YYYY-MM-DD --to YYYY-MM-DD --capital KRW
       [--universe 069500,229200,...] [--safe 114260|CASH] [--top 3] [--out docs/backtest]
       [--lookback 126] [--skip 0] [--atr-budget-bp 10000 (off)]   (classic 12-1: --lookback 252 --skip 21)
       [--slippage-ticks 1] [--commission-ppm 140] [--cash-rate 0 (% a year)] [--risk-free 2 (% a year)]
       [--account taxable|isa|pension (default taxable: 15.4 % on gains of non-domestic-equity ETFs)]
       npm run backtest -- --replay-check [--months 24]`;

/** argv (without node and the script) → a validated backtest config, or a CliArgsError saying what is wrong. */
export function parseBacktestArgs(argv: readonly string[]): BacktestCliArgs {
  let values: unknown;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        argsSchema.keyof().options.map((name) => [name, { type: 'string' as const }]),
      ),
    }).values;
  } catch (error) {
    throw new CliArgsError(`${(error as Error).message}\n${BACKTEST_USAGE}`);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const field = i.path.length ? `--${i.path.join('.')}` : '';
      return i.message.startsWith('--') || !field ? i.message : `${field}: ${i.message}`;
    });
    throw new CliArgsError(`${problems.join('\n')}\n${BACKTEST_USAGE}`);
  }
  const a = parsed.data;
  const strategy = {
    ...DEFAULT_STRATEGY_CONFIG,
    ...(a.universe ? { universe: a.universe } : {}),
    ...(a.safe ? { safeAsset: a.safe } : {}),
    ...(a.top !== undefined ? { topN: a.top } : {}),
    ...(a.lookback !== undefined ? { lookbackDays: a.lookback } : {}),
    ...(a.skip !== undefined ? { skipDays: a.skip } : {}),
    ...(a['atr-budget-bp'] !== undefined ? { riskBudgetBp: a['atr-budget-bp'] } : {}),
  };
  const config = backtestConfigSchema.safeParse({
    from: a.from,
    to: a.to,
    capital: a.capital,
    strategy,
    ...DEFAULT_BACKTEST_COSTS,
    limits: guardLimitsFor(strategy, a.capital),
    ...(a['slippage-ticks'] !== undefined ? { slippageTicks: a['slippage-ticks'] } : {}),
    ...(a['commission-ppm'] !== undefined ? { commissionPpm: a['commission-ppm'] } : {}),
    ...(a['cash-rate'] !== undefined ? { cashRateBp: Math.round(a['cash-rate'] * 100) } : {}),
    ...(a['risk-free'] !== undefined ? { riskFreeRate: a['risk-free'] / 100 } : {}),
    ...(a.account !== undefined ? { accountType: a.account } : {}),
  });
  if (!config.success) {
    throw new CliArgsError(
      `${config.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}\n${BACKTEST_USAGE}`,
    );
  }
  return { config: config.data, outDir: a.out };
}
