/**
 * Replay equality: the real composed desk (composeDesk: PGlite in memory, the built-in KIS simulator serving
 * the shipped prices, CYCLE_ORDERS=auto, a fake clock stepped trading day by trading day) against the
 * backtest over the same months. Both must send the same orders: same day, ticker, side and quantity, price
 * within one tick. Used by `npm run backtest -- --replay-check` and test/e2e/full-stack/replay.test.ts.
 *
 * The clock of one trading day, as cron would tick it: 08:05 (the cycle plans; auto approval defers the legs
 * to the open), 09:00:00 (the deferred sells go out at the opening print; 10:00 on the year's first trading
 * day), 09:00:10 (the buys they fund), 15:40 (expiry and the close snapshot), then one reconciliation (what the session's
 * minute ticks would have done). Fills arrive on the execution-notice stream, subscribed as main.ts does.
 * A breaker trip is resumed before the next morning, as the backtest assumes (engine.ts).
 */
import { FakeClock } from '../adapters/clock/fake';
import { openDatabase } from '../adapters/db/client';
import { composeDesk, riskLimitsFrom } from '../compose';
import { loadConfig } from '../config';
import { kstDate, kstInstant, type KstDate } from '../domain/market';
import { tickSize } from '../domain/money';
import type { Side } from '../domain/ports';
import { DEFAULT_STRATEGY_CONFIG } from '../domain/strategy/config';
import { DEFAULT_SIM_ACCOUNTS } from '../sim/kis';
import { DEFAULT_BACKTEST_COSTS, type BacktestConfig } from './config';
import { runBacktest } from './engine';
import { loadBacktestData } from './load';
import { tickersFor } from './run';

/** The last day of the shipped real prices; the simulator continues on a synthetic path after it. */
export const REAL_DATA_END = '2026-08-21';

/** A replay check proves little with fewer legs than this. */
export const REPLAY_MIN_LEGS = 20;

export interface ReplayLeg {
  date: KstDate;
  ticker: string;
  side: Side;
  quantity: number;
  price: number;
}

export interface ReplayComparison {
  same: number;
  total: number;
  live: ReplayLeg[];
  backtest: ReplayLeg[];
  /** Legs present on one side only, or differing; at most 20. */
  differences: { live: ReplayLeg | null; backtest: ReplayLeg | null }[];
}

export interface ReplayOptions {
  months: number;
  /** Default: the last whole month before REAL_DATA_END. */
  lastMonth?: string;
  onDay?: (date: KstDate, index: number, total: number) => void;
}

/** The first and last trading-calendar dates of `months` whole months ending with `lastMonth` (YYYY-MM). */
export function replayRange(months: number, lastMonth = '2026-07'): { from: KstDate; to: KstDate } {
  const [y, m] = lastMonth.split('-').map(Number) as [number, number];
  const startIndex = y * 12 + (m - 1) - (months - 1);
  const from = `${Math.floor(startIndex / 12)}-${String((startIndex % 12) + 1).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(y, m, 0));
  return { from, to: end.toISOString().slice(0, 10) };
}

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const ENV = { CYCLE_ORDERS: 'auto', CANARY_ENABLED: 'false', LOG_LEVEL: 'silent' } as const;

/** The backtest configured as the composed desk trades: its strategy, guard limits, costs and account. */
export function replayBacktestConfig(from: KstDate, to: KstDate): BacktestConfig {
  const config = loadConfig(ENV);
  const paper = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;
  return {
    from,
    to,
    capital: paper.initialCash,
    strategy: {
      ...DEFAULT_STRATEGY_CONFIG,
      universe: [...config.cycle.universe],
      safeAsset: config.cycle.safeAsset,
      topN: config.cycle.topN,
      cashSweep: config.cycle.cashSweep ?? DEFAULT_STRATEGY_CONFIG.cashSweep,
      rebalanceOffsetDays: config.cycle.rebalanceOffsetDays ?? DEFAULT_STRATEGY_CONFIG.rebalanceOffsetDays,
      lookbackDays: config.cycle.lookbackDays ?? DEFAULT_STRATEGY_CONFIG.lookbackDays,
      skipDays: config.cycle.skipDays ?? DEFAULT_STRATEGY_CONFIG.skipDays,
      riskBudgetBp: config.cycle.riskBudgetBp ?? DEFAULT_STRATEGY_CONFIG.riskBudgetBp,
    },
    ...DEFAULT_BACKTEST_COSTS,
    // The simulator fills at the print, without slippage, and charges the desk's commission.
    slippageTicks: 0,
    commissionPpm: config.kis.commissionPpm,
    limits: riskLimitsFrom(config),
    carryOver: true,
    forceFirstDay: false,
    // The simulator withholds no tax on sales (a pension account's behaviour).
    accountType: 'pension',
  };
}

/** Runs the composed desk through the range and returns every order the simulator received. */
export async function replayLive(
  from: KstDate,
  to: KstDate,
  onDay?: ReplayOptions['onDay'],
): Promise<ReplayLeg[]> {
  const clock = new FakeClock(kstInstant(from, 7, 0));
  const database = await openDatabase({ dataDir: 'memory://' });
  const runtime = await composeDesk(loadConfig(ENV), {
    clock,
    database,
    simulator: { rateLimitPerSecond: { real: 100_000, paper: 100_000 }, tokenIssueIntervalMs: 0 },
    cycleRetry: { attempts: 1, delaysMs: [] },
    // A 1×1 PNG: the briefing's chart decides no order, and rendering it is most of a quiet day's time.
    renderChart: () => ONE_PIXEL_PNG,
  });
  let fills: { close(): Promise<void> } | null = null;
  try {
    runtime.channels.attach({ publishPlan: async () => {}, publishBriefing: async () => {} });
    // As main.ts: fills arrive through the execution-notice stream.
    fills = await runtime.broker.subscribeFills((notice) => void runtime.core.fills.onNotice(notice));
    await runtime.scheduler.tick();
    const days = runtime.calendar.tradingDaysBetween(from, to);
    for (const [i, day] of days.entries()) {
      onDay?.(day, i, days.length);
      // A breaker (daily loss, NAV floor) leaves the desk REDUCING until a person resumes it; the backtest
      // assumes the owner does so before the next morning's cycle, and so does the replay.
      const state = await runtime.core.tradingState.persisted();
      if (state?.state === 'REDUCING' && state.actor === 'breaker')
        await runtime.core.tradingState.command('resume', 'replay-owner', `resume after ${state.reason}`);
      // KRX opens at 10:00 on the first trading day of the year (cron would tick then too).
      const open = runtime.calendar.isFirstTradingDayOfYear(day) ? 10 : 9;
      for (const [h, m, s] of [
        [8, 5, 0],
        [open, 0, 0],
        [open, 0, 10],
        [15, 40, 0],
      ] as const) {
        clock.set(kstInstant(day, h, m, s));
        await runtime.scheduler.tick();
      }
      // The minute ticks of the session (skipped here) reconcile the books with the broker; once a day is enough.
      await runtime.core.reconciliation.reconcile();
    }
    const paper = DEFAULT_SIM_ACCOUNTS.find((a) => a.environment === 'paper')!;
    return runtime
      .simulator!.control.receivedOrders()
      .filter((o) => o.kind === 'order' && o.cano === paper.cano)
      .map((o) => ({
        date: kstDate(o.receivedAt),
        ticker: o.ticker,
        side: o.side,
        quantity: o.quantity,
        price: o.price,
      }));
  } finally {
    await fills?.close().catch(() => undefined);
    await runtime.close();
    await database.close();
  }
}

export function replayBacktest(from: KstDate, to: KstDate): ReplayLeg[] {
  const config = replayBacktestConfig(from, to);
  const data = loadBacktestData(tickersFor(config));
  const run = runBacktest({ barsByTicker: data.barsByTicker, calendar: data.calendar, config });
  return run.orders.map((o) => ({
    date: o.date,
    ticker: o.ticker,
    side: o.side,
    quantity: o.quantity,
    price: o.limitPrice,
  }));
}

/** Pairs legs by (day, ticker, side); a pair is identical when the quantity matches and the price is within one tick. */
export function compareLegs(live: readonly ReplayLeg[], backtest: readonly ReplayLeg[]): ReplayComparison {
  const key = (l: ReplayLeg) => `${l.date} ${l.ticker} ${l.side}`;
  const byKey = new Map<string, { live: ReplayLeg | null; backtest: ReplayLeg | null }>();
  for (const l of live) byKey.set(key(l), { live: l, backtest: null });
  for (const b of backtest) {
    const pair = byKey.get(key(b));
    if (pair && pair.backtest === null) pair.backtest = b;
    else byKey.set(`${key(b)} #${byKey.size}`, { live: null, backtest: b });
  }
  let same = 0;
  const differences: ReplayComparison['differences'] = [];
  for (const pair of [...byKey.values()].sort((a, b) =>
    key((a.live ?? a.backtest)!) < key((b.live ?? b.backtest)!) ? -1 : 1,
  )) {
    const { live: l, backtest: b } = pair;
    const identical =
      l !== null &&
      b !== null &&
      l.quantity === b.quantity &&
      Math.abs(l.price - b.price) <= tickSize(Math.max(l.price, b.price), 'ETF');
    if (identical) same++;
    else if (differences.length < 20) differences.push(pair);
  }
  return { same, total: byKey.size, live: [...live], backtest: [...backtest], differences };
}

export async function runReplayCheck(options: ReplayOptions): Promise<ReplayComparison> {
  const { from, to } = replayRange(options.months, options.lastMonth);
  const live = await replayLive(from, to, options.onDay);
  return compareLegs(live, replayBacktest(from, to));
}
