/**
 * What `npm run study` runs: a parameter grid, the rebalance-day offsets, the universe perturbations and the
 * walk-forward windows, from command-line flags. Every flag has a default (the default study); every problem
 * with the flags or the data is collected and reported together (StudyInputError), before anything runs.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isKstDate, type KstDate } from '../../domain/market';
import { CASH, DEFAULT_STRATEGY_CONFIG } from '../../domain/strategy/config';
import { ACCOUNT_TYPES, type AccountType } from '../tax';

/** One value per dimension makes one grid run. */
export interface StudyGrid {
  topN: number[];
  lookbackDays: number[];
  skipDays: number[];
  /** ATR risk budget per position, bp of NAV; null = no ATR cap. */
  riskBudgetBp: (number | null)[];
  /** Position weight cap, bp (the strategy's and the guard's). */
  maxPositionWeightBp: number[];
  rebalanceOffsetDays: number[];
  cashSweep: boolean[];
}

export interface StudySpec {
  from: KstDate;
  to: KstDate;
  capital: number;
  universe: string[];
  safeAsset: string;
  grid: StudyGrid;
  /** Offsets for the timing-luck curve, at the base parameters. */
  offsets: number[];
  /** Tickers added one at a time (and all together) in the universe perturbation: the early-ending ETFs. */
  additions: string[];
  inSampleMonths: number;
  outOfSampleMonths: number;
  account: AccountType;
  riskFreeRate: number;
  workers: number;
  outDir: string;
}

export const MAX_STUDY_RUNS = 10_000;
/** The shipped ETFs whose daily data ends in 2022–2023 (resources/krx/SOURCES.md). */
export const EARLY_ENDING_ETFS = ['305720', '130680', '192090', '238720'];

export const STUDY_USAGE = `usage: npm run study -- [--from 2016-01-01] [--to 2025-12-31] [--capital 1000000]
       [--top 1,2,3] [--lookback 126,252] [--skip 0,21] [--budget 1,2,off (% of NAV per position)]
       [--cap 40,50 (% weight)] [--offset 0 (grid)] [--sweep off,on] [--offsets 0,1,2,3,5,7,10,15]
       [--universe 069500,...] [--safe 114260] [--add 305720,130680,192090,238720]
       [--in-sample 36] [--out-of-sample 12 (months)] [--account taxable|isa|pension] [--risk-free 2 (%)]
       [--workers 2] [--out docs/study]`;

export class StudyInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.join('\n')}\n${STUDY_USAGE}`);
    this.name = 'StudyInputError';
  }
}

const DEFAULTS: Record<string, string> = {
  from: '2016-01-01',
  to: '2025-12-31',
  capital: '1000000',
  top: '1,2,3',
  lookback: '126,252',
  skip: '0,21',
  budget: '1,2,off',
  cap: '40,50',
  offset: '0',
  sweep: 'off,on',
  offsets: '0,1,2,3,5,7,10,15',
  universe: DEFAULT_STRATEGY_CONFIG.universe.join(','),
  safe: DEFAULT_STRATEGY_CONFIG.safeAsset,
  add: EARLY_ENDING_ETFS.join(','),
  'in-sample': '36',
  'out-of-sample': '12',
  account: 'taxable',
  'risk-free': '2',
  workers: '2',
  out: 'docs/study',
};

const list = (s: string): string[] =>
  s
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** A comma list of numbers within [min, max]; each problem names the flag. */
function numbers(
  flag: string,
  raw: string,
  min: number,
  max: number,
  problems: string[],
  what = 'whole numbers',
): number[] {
  const out: number[] = [];
  for (const item of list(raw)) {
    const value = Number(item);
    if (!/^\d+(\.\d+)?$/.test(item) || !Number.isFinite(value)) {
      problems.push(`--${flag}: "${item}" is not a number (${what})`);
    } else if (value < min || value > max) {
      problems.push(`--${flag}: ${item} is outside ${min}..${max}`);
    } else out.push(value);
  }
  return [...new Set(out)];
}

const ticker = /^\d{6}$/;

/** argv → a study spec, or a StudyInputError listing every problem with the flags. */
export function parseStudyArgs(argv: readonly string[]): StudySpec {
  const { spec, problems } = readStudyArgs(argv);
  if (problems.length > 0) throw new StudyInputError(problems);
  return spec;
}

/**
 * argv → the spec as far as the flags allow, and every problem with them (the data check adds its own, so
 * that one message lists everything). Throws only when the flags cannot be read at all (unknown flag).
 */
export function readStudyArgs(argv: readonly string[]): { spec: StudySpec; problems: string[] } {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, { type: 'string' as const }])),
    }).values as Record<string, string | undefined>;
  } catch (error) {
    throw new StudyInputError([(error as Error).message]);
  }
  const v = (k: string): string => values[k] ?? DEFAULTS[k]!;
  const problems: string[] = [];

  for (const flag of ['from', 'to'])
    if (!isKstDate(v(flag))) problems.push(`--${flag}: "${v(flag)}" is not a date YYYY-MM-DD`);
  if (isKstDate(v('from')) && isKstDate(v('to')) && v('from') > v('to'))
    problems.push(`--from ${v('from')} is after --to ${v('to')}`);
  const capital = Number(v('capital').replaceAll(/[_,]/g, ''));
  if (!Number.isSafeInteger(capital) || capital < 100_000)
    problems.push(`--capital: "${v('capital')}" must be a whole number of KRW, at least 100,000`);

  const tickers = (flag: string): string[] => {
    const out = list(v(flag));
    for (const t of out) if (!ticker.test(t)) problems.push(`--${flag}: "${t}" is not a 6-digit ticker`);
    return out.filter((t) => ticker.test(t));
  };
  const universe = tickers('universe');
  if (universe.length === 0) problems.push('--universe: needs at least one ticker');
  const safeAsset = v('safe');
  if (safeAsset !== CASH && !ticker.test(safeAsset))
    problems.push(`--safe: "${safeAsset}" must be a 6-digit ticker or CASH`);
  const additions = tickers('add');

  const budgets: (number | null)[] = [];
  for (const item of list(v('budget'))) {
    if (item === 'off') budgets.push(null);
    else budgets.push(...numbers('budget', item, 0.01, 100, problems, 'percent of NAV, or off').map(toBp));
  }
  const caps = numbers('cap', v('cap'), 1, Number.MAX_SAFE_INTEGER, problems, 'percent');
  for (const cap of caps) if (cap > 100) problems.push(`--cap: ${cap} % is more than 100 % of NAV`);
  const sweeps: boolean[] = [];
  for (const item of list(v('sweep'))) {
    if (item === 'on') sweeps.push(true);
    else if (item === 'off') sweeps.push(false);
    else problems.push(`--sweep: "${item}" must be on or off`);
  }
  const grid: StudyGrid = {
    topN: numbers('top', v('top'), 1, 10, problems),
    lookbackDays: numbers('lookback', v('lookback'), 2, 1000, problems),
    skipDays: numbers('skip', v('skip'), 0, 500, problems),
    riskBudgetBp: [...new Set(budgets)],
    maxPositionWeightBp: caps.filter((c) => c <= 100).map(toBp),
    rebalanceOffsetDays: numbers('offset', v('offset'), 0, 15, problems),
    cashSweep: [...new Set(sweeps)],
  };
  for (const lookback of grid.lookbackDays)
    for (const skip of grid.skipDays)
      if (skip >= lookback) problems.push(`--skip ${skip} must be smaller than --lookback ${lookback}`);
  const runs = gridSize(grid);
  if (runs === 0) problems.push('the grid has 0 runs: every grid flag needs at least one value');
  if (runs > MAX_STUDY_RUNS)
    problems.push(
      `the grid has ${runs.toLocaleString('en-US')} runs, more than ${MAX_STUDY_RUNS.toLocaleString('en-US')}`,
    );

  const whole = (flag: string, min: number, max: number): number => {
    const [value] = numbers(flag, v(flag), min, max, problems);
    if (list(v(flag)).length !== 1) problems.push(`--${flag}: one value`);
    return value ?? min;
  };
  const spec = {
    from: v('from'),
    to: v('to'),
    capital,
    universe,
    safeAsset,
    grid,
    offsets: numbers('offsets', v('offsets'), 0, 15, problems),
    additions,
    inSampleMonths: whole('in-sample', 6, 120),
    outOfSampleMonths: whole('out-of-sample', 1, 60),
    account: z.enum(ACCOUNT_TYPES).safeParse(v('account')).data ?? 'taxable',
    riskFreeRate: 0,
    workers: whole('workers', 1, 16),
    outDir: v('out'),
  };
  if (isKstDate(spec.from) && isKstDate(spec.to) && spec.from <= spec.to) {
    const months = monthsBetween(spec.from, spec.to);
    if (months < spec.inSampleMonths + spec.outOfSampleMonths)
      problems.push(
        `--from ${spec.from} --to ${spec.to} spans ${months} months, fewer than one walk-forward window (--in-sample ${spec.inSampleMonths} + --out-of-sample ${spec.outOfSampleMonths})`,
      );
  }
  if (!z.enum(ACCOUNT_TYPES).safeParse(v('account')).success)
    problems.push(`--account: "${v('account')}" must be taxable, isa or pension`);
  const [riskFree] = numbers('risk-free', v('risk-free'), 0, 50, problems, 'percent a year');
  spec.riskFreeRate = (riskFree ?? 0) / 100;
  return { spec, problems: [...new Set(problems)] };
}

const toBp = (percent: number): number => Math.round(percent * 100);

/** Whole calendar months from `from` to the day after `to` (2016-01-01 .. 2025-12-31 = 120). */
export function monthsBetween(from: KstDate, to: KstDate): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(ty, tm - 1, td + 1));
  let months = (end.getUTCFullYear() - fy) * 12 + (end.getUTCMonth() + 1 - fm);
  if (end.getUTCDate() < fd) months--;
  return months;
}

export function gridSize(grid: StudyGrid): number {
  return Object.values(grid).reduce((n: number, values: unknown[]) => n * values.length, 1);
}

/** Problems the data reveals: tickers without a price file, a range with no trading data. */
export function dataProblems(
  spec: Pick<StudySpec, 'from' | 'to' | 'universe' | 'safeAsset' | 'additions'>,
  available: readonly string[],
  dataRange: (tickers: readonly string[]) => { first: KstDate; last: KstDate } | null,
): string[] {
  const problems: string[] = [];
  const wanted = [...spec.universe, ...spec.additions, ...(spec.safeAsset === CASH ? [] : [spec.safeAsset])];
  const unknown = [...new Set(wanted.filter((t) => !available.includes(t)))];
  if (unknown.length > 0)
    problems.push(`no daily price data for ${unknown.join(', ')} (available: ${available.join(', ')})`);
  const known = wanted.filter((t) => available.includes(t));
  const range = known.length > 0 ? dataRange(known) : null;
  if (known.length > 0 && (range === null || range.last < spec.from || range.first > spec.to))
    problems.push(
      `no price data between ${spec.from} and ${spec.to}` +
        (range ? ` (the data runs ${range.first} .. ${range.last})` : ''),
    );
  return problems;
}
