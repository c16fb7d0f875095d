/**
 * The intraday watch's sell conditions (src/domain/watch, the very functions the live watch evaluates) run over
 * daily bars as an optional exit overlay for the momentum backtest, reported next to the plain strategy.
 *
 * Each trading day, after that day's orders, every holding is checked on the day's bar: first at the open (a gap
 * through the trigger sells at the open, slipped), then at the intraday extreme the condition looks for (the low
 * for stops, the high for take-profit), which sells at the trigger price (slipped, inside the day's range), as
 * the watch's card would have done on that day. The bars before the day are the history; the peak since the
 * position was opened is its highs before the day and the day's open. A ticker sold this way is not carried
 * over; the next monthly plan decides afresh.
 */
import type { KstDate } from '../domain/market';
import { floorToTick, nearestTick, type Krw, type Shares } from '../domain/money';
import type { DailyBar } from '../domain/ports';
import { marketableLimitPrice } from '../domain/strategy/limit-price';
import {
  DEFAULT_WATCH_THRESHOLDS,
  evaluateConditions,
  resolveThresholds,
  type ConditionResult,
  type SellCondition,
  type WatchThresholds,
} from '../domain/watch';
import { CliArgsError } from './cli-args';
import type { BacktestConfig } from './config';
import { runBacktest, type BacktestExitHook, type BacktestRun } from './engine';
import type { BacktestData } from './load';
import { computeMetrics, type PerformanceMetrics } from './metrics';

/** The sell conditions a daily bar can decide (a price crossing a trigger); short names as the CLI takes them. */
export const OVERLAY_CONDITIONS = {
  stop_loss: 'sell_stop_loss',
  trailing_stop: 'sell_trailing_stop',
  take_profit: 'sell_take_profit',
  ma_break: 'sell_ma_break',
} as const satisfies Record<string, SellCondition>;

type OverlayName = keyof typeof OVERLAY_CONDITIONS;
const RISING: ReadonlySet<SellCondition> = new Set(['sell_take_profit']);
/** The longest moving average the thresholds allow, plus room. */
const HISTORY_BARS = 420;

export interface OverlaySpec {
  conditions: SellCondition[];
  thresholds: WatchThresholds;
}

export interface OverlayExit {
  date: KstDate;
  ticker: string;
  quantity: Shares;
  price: Krw;
  condition: SellCondition;
  /** Gapped through the trigger at the open, or reached it during the day. */
  at: 'OPEN' | 'INTRADAY';
  numbers: ConditionResult['numbers'];
}

export interface ExitOverlay extends BacktestExitHook {
  /** Every exit the overlay made, in order. */
  readonly log: OverlayExit[];
}

/** The bar on a date and the bars before it, by binary search over a sorted series. */
function barsAround(bars: readonly DailyBar[], date: KstDate): { today: DailyBar; before: number } | null {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = bars[mid]!.date;
    if (d === date) return { today: bars[mid]!, before: mid };
    if (d < date) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

export function createExitOverlay(input: {
  barsByTicker: Readonly<Record<string, readonly DailyBar[]>>;
  spec: OverlaySpec;
  slippageTicks: number;
}): ExitOverlay {
  const { spec, slippageTicks } = input;
  const falling = spec.conditions.filter((c) => !RISING.has(c));
  const rising = spec.conditions.filter((c) => RISING.has(c));
  /** Highest price since the position was opened, as known before the day being checked. */
  const peaks = new Map<string, Krw>();
  const log: OverlayExit[] = [];

  return {
    log,
    exits({ date, positions, averageCost }) {
      const out: ReturnType<BacktestExitHook['exits']> = [];
      for (const ticker of peaks.keys()) if (!positions.has(ticker)) peaks.delete(ticker);
      for (const [ticker, quantity] of positions) {
        const series = input.barsByTicker[ticker];
        const found = series ? barsAround(series, date) : null;
        if (!series || !found || quantity <= 0) continue;
        const raw = found.today;
        const bar = {
          open: nearestTick(raw.open, 'ETF'),
          high: nearestTick(raw.high, 'ETF'),
          low: nearestTick(raw.low, 'ETF'),
        };
        const history = series.slice(Math.max(0, found.before - HISTORY_BARS), found.before);
        const peak = Math.max(peaks.get(ticker) ?? 0, bar.open);
        const holding = { quantity, averageCost: averageCost(ticker), highestSinceOpened: peak };
        const at = (price: Krw, conditions: SellCondition[]) =>
          conditions.length === 0
            ? undefined
            : evaluateConditions({
                market: { ticker, bars: history, price, todayOpen: bar.open, todayVolume: raw.volume },
                holding,
                thresholds: spec.thresholds,
                conditions,
              }).find((r) => r.fired);
        const atOpen = at(bar.open, spec.conditions);
        const intraday = atOpen ? undefined : (at(bar.low, falling) ?? at(bar.high, rising));
        peaks.set(ticker, Math.max(peak, bar.high));
        const fired = atOpen ?? intraday;
        if (!fired) continue;
        const price = atOpen
          ? Math.max(bar.low, marketableLimitPrice(bar.open, 'SELL', slippageTicks))
          : exitPriceAtTrigger(fired, bar, slippageTicks);
        peaks.delete(ticker);
        out.push({ ticker, quantity, price, atOpen: atOpen !== undefined });
        log.push({
          date,
          ticker,
          quantity,
          price,
          condition: fired.condition as SellCondition,
          at: atOpen ? 'OPEN' : 'INTRADAY',
          numbers: fired.numbers,
        });
      }
      return out;
    },
  };
}

/** The trigger price on the tick grid, moved the slippage ticks down, inside the day's range. */
function exitPriceAtTrigger(
  fired: ConditionResult,
  bar: { high: Krw; low: Krw },
  slippageTicks: number,
): Krw {
  const trigger = fired.triggerPrice ?? fired.price;
  // A stop sells at or under its trigger (floor); take-profit at or over it (the next tick up is the nearest).
  const onGrid = RISING.has(fired.condition as SellCondition)
    ? Math.min(bar.high, nearestTick(Math.ceil(trigger), 'ETF'))
    : floorToTick(Math.floor(trigger), 'ETF');
  return Math.min(bar.high, Math.max(bar.low, marketableLimitPrice(onGrid, 'SELL', slippageTicks)));
}

// ---- the CLI flag ---------------------------------------------------------------------------------------

const THRESHOLD_KEYS = Object.keys(DEFAULT_WATCH_THRESHOLDS) as (keyof WatchThresholds)[];

/**
 * Takes `--overlay stop_loss,trailing_stop` and `--overlay-thresholds stopLossPct=7,trailingStopPct=12` out of
 * the backtest's argv (the rest goes to the usual parser). No `--overlay`: no overlay.
 */
export function takeOverlayArgs(argv: readonly string[]): { overlay: OverlaySpec | null; rest: string[] } {
  const rest: string[] = [];
  let conditionsText: string | null = null;
  let thresholdsText: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--overlay') ? splitFlag(arg) : [arg, undefined];
    if (flag !== '--overlay' && flag !== '--overlay-thresholds') {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--'))
      throw new CliArgsError(`${flag} needs a value\n${OVERLAY_USAGE}`);
    if (flag === '--overlay') conditionsText = value;
    else thresholdsText = value;
  }
  if (conditionsText === null) {
    if (thresholdsText !== null)
      throw new CliArgsError(`--overlay-thresholds needs --overlay\n${OVERLAY_USAGE}`);
    return { overlay: null, rest };
  }
  return { overlay: parseOverlaySpec(conditionsText, thresholdsText), rest };
}

export const OVERLAY_USAGE = `exit overlay: add --overlay ${Object.keys(OVERLAY_CONDITIONS).join('|')}[,…] [--overlay-thresholds stopLossPct=8,trailingStopPct=10]`;

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

export function parseOverlaySpec(conditionsText: string, thresholdsText: string | null): OverlaySpec {
  const problems: string[] = [];
  const conditions: SellCondition[] = [];
  for (const raw of conditionsText.split(',').map((c) => c.trim().toLowerCase())) {
    if (raw === '') continue;
    const name = raw.replace(/^sell_/, '') as OverlayName;
    const condition = OVERLAY_CONDITIONS[name];
    if (!condition) problems.push(`--overlay: unknown condition "${raw}"`);
    else if (!conditions.includes(condition)) conditions.push(condition);
  }
  if (conditions.length === 0 && problems.length === 0)
    problems.push('--overlay needs at least one condition');
  const overrides: Record<string, number> = {};
  for (const pair of (thresholdsText ?? '').split(',').filter((p) => p.trim() !== '')) {
    const match = /^\s*([A-Za-z]+)\s*=\s*(-?\d+(?:\.\d+)?)\s*%?\s*$/.exec(pair);
    const key = match && THRESHOLD_KEYS.find((k) => k.toLowerCase() === match[1]!.toLowerCase());
    if (!match || !key)
      problems.push(`--overlay-thresholds: "${pair}" is not one of ${THRESHOLD_KEYS.join(', ')}=<number>`);
    else overrides[key] = Number(match[2]);
  }
  const thresholds = resolveThresholds(DEFAULT_WATCH_THRESHOLDS, overrides);
  if (!thresholds.ok)
    for (const p of thresholds.problems) problems.push(`--overlay-thresholds: ${p.field} ${p.message}`);
  if (problems.length > 0 || !thresholds.ok)
    throw new CliArgsError(`${problems.join('\n')}\n${OVERLAY_USAGE}`);
  return { conditions, thresholds: thresholds.value };
}

// ---- the comparison -------------------------------------------------------------------------------------

export interface OverlayComparison {
  spec: OverlaySpec;
  run: BacktestRun;
  metrics: PerformanceMetrics;
  exits: OverlayExit[];
}

/** The same backtest with the overlay on; the plain run is the caller's (runBacktestWithBenchmark). */
export function runWithOverlay(
  config: BacktestConfig,
  data: BacktestData,
  spec: OverlaySpec,
): OverlayComparison {
  const overlay = createExitOverlay({
    barsByTicker: data.barsByTicker,
    spec,
    slippageTicks: config.slippageTicks,
  });
  const run = runBacktest({
    barsByTicker: data.barsByTicker,
    calendar: data.calendar,
    config,
    exitHook: overlay,
  });
  return {
    spec,
    run,
    metrics: computeMetrics(run.equity, run.fills, config.capital, config.riskFreeRate),
    exits: overlay.log,
  };
}

const pct = (ratio: number, signed = true): string => {
  const text = `${(ratio * 100).toFixed(2)}%`;
  return signed && ratio > 0 ? `+${text}` : text;
};
const krw = (value: number): string => Math.round(value).toLocaleString('en-US');

/** The section the CLI prints and appends to the report: plain strategy next to strategy + overlay. */
export function formatOverlaySection(plain: PerformanceMetrics, comparison: OverlayComparison): string {
  const o = comparison.metrics;
  const names = comparison.spec.conditions.map((c) => c.replace(/^sell_/, '')).join(', ');
  const rows: [string, string, string][] = [
    ['Final NAV (KRW)', krw(plain.finalNav), krw(o.finalNav)],
    ['Total return', pct(plain.totalReturn), pct(o.totalReturn)],
    ['CAGR', pct(plain.cagr), pct(o.cagr)],
    ['Annualised volatility', pct(plain.annualVolatility, false), pct(o.annualVolatility, false)],
    ['Sharpe', plain.sharpe.toFixed(2), o.sharpe.toFixed(2)],
    ['Max drawdown', pct(plain.maxDrawdown, false), pct(o.maxDrawdown, false)],
    ['Trades (fills)', String(plain.trades), String(o.trades)],
  ];
  const header: [string, string, string] = ['Metric', 'Strategy', `Strategy + exit overlay (${names})`];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  const byCondition = new Map<string, number>();
  for (const e of comparison.exits) byCondition.set(e.condition, (byCondition.get(e.condition) ?? 0) + 1);
  const t = comparison.spec.thresholds;
  const counts =
    comparison.exits.length === 0
      ? 'none'
      : [...byCondition].map(([c, n]) => `${c.replace(/^sell_/, '')} ${n}`).join(', ');
  const gaps = comparison.exits.filter((e) => e.at === 'OPEN').length;
  return [
    `Exit overlay: the watch's ${names} (src/domain/watch; stop loss ${t.stopLossPct} %, trailing stop ${t.trailingStopPct} %, take profit ${t.takeProfitPct} %, MA${t.maMid}) checked on each day's bar`,
    '',
    [line(header), rule, ...rows.map(line)].join('\n'),
    '',
    `- Overlay exits: ${comparison.exits.length} (${counts}); ${gaps} at the open (gapped through), the rest at the trigger during the day`,
  ].join('\n');
}
