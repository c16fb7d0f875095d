/**
 * `/backtest`'s run: the desk's settings over the last N months, the one engine on a worker thread, and a
 * brief whose figures are the engine's own (compared with a direct run of the same config).
 */
import { describe, expect, it } from 'vitest';
import { runBuyAndHold } from '../../../src/backtest/benchmark';
import { guardLimitsFor } from '../../../src/backtest/config';
import {
  deskBacktestConfig,
  monthsBefore,
  NoBacktestDataError,
  runDeskBacktest,
  type DeskBacktestSetup,
} from '../../../src/backtest/desk-backtest';
import { runBacktest } from '../../../src/backtest/engine';
import { loadBacktestData } from '../../../src/backtest/load';
import { computeMetrics } from '../../../src/backtest/metrics';
import { runStudyJob } from '../../../src/backtest/study/worker';
import { DEFAULT_STRATEGY_CONFIG } from '../../../src/domain/strategy/config';

const strategy = DEFAULT_STRATEGY_CONFIG;
const setup: DeskBacktestSetup = {
  strategy,
  limits: guardLimitsFor(strategy, 1_000_000),
  commissionPpm: 140,
  navFloorBp: 8_000,
};
/** The engine in this thread: the same function the worker runs. */
const inProcess = async (config: Parameters<typeof runStudyJob>[0]['config'], tickers: readonly string[]) =>
  runStudyJob({ id: 1, config, dataTickers: [...tickers] });

describe('desk backtest', () => {
  it('when months are counted back then the day is kept, or clamped to the shorter month', () => {
    expect(monthsBefore('2026-07-31', 24)).toBe('2024-07-31');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2026-01-15', 1)).toBe('2025-12-15');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
  });

  it('when the shipped data ends before yesterday then the run ends with the data, and the floor follows the capital', () => {
    const late = deskBacktestConfig({ months: 12, capital: 2_000_000 }, setup, '2026-12-07', '2026-08-21');
    expect([late.from, late.to]).toEqual(['2025-08-21', '2026-08-21']);
    expect(late.capital).toBe(2_000_000);
    expect(late.limits.navFloor).toBe(1_600_000);
    expect(late.forceFirstDay).toBe(false);
    expect(late.commissionPpm).toBe(140);

    const early = deskBacktestConfig({ months: 6, capital: 1_000_000 }, setup, '2026-03-10', '2026-08-21');
    expect([early.from, early.to]).toEqual(['2025-09-09', '2026-03-09']);
  });

  it('when a desk backtest runs then its brief carries the engine’s own figures and KODEX 200 buy & hold', async () => {
    const brief = await runDeskBacktest({ months: 24, capital: 1_000_000 }, setup, '2026-12-07', inProcess);

    const config = deskBacktestConfig({ months: 24, capital: 1_000_000 }, setup, '2026-12-07', '2026-08-21');
    const data = loadBacktestData([...strategy.universe, strategy.safeAsset, '069500']);
    const direct = runBacktest({ barsByTicker: data.barsByTicker, calendar: data.calendar, config });
    const metrics = computeMetrics(direct.equity, direct.fills, config.capital, config.riskFreeRate);
    const hold = runBuyAndHold('069500', data.barsByTicker['069500']!, direct.days, config);
    expect(brief).toMatchObject({
      from: metrics.from,
      to: metrics.to,
      months: 24,
      capital: 1_000_000,
      finalNav: metrics.finalNav,
      trades: metrics.trades,
      cagr: metrics.cagr,
      maxDrawdown: metrics.maxDrawdown,
      benchmark: { ticker: '069500', finalNav: hold.equity.at(-1)!.nav },
      settings: { topN: strategy.topN, lookbackDays: strategy.lookbackDays, skipDays: strategy.skipDays },
    });
    expect(brief.trades).toBeGreaterThan(0);
    expect(Number.isInteger(brief.finalNav) && Number.isInteger(brief.finalNavAfterTax)).toBe(true);
    expect(brief.finalNavAfterTax).toBeLessThanOrEqual(brief.finalNav);
  });

  it('when the run goes to a worker thread then the brief is the same as in this thread', async () => {
    const here = await runDeskBacktest({ months: 12, capital: 1_000_000 }, setup, '2026-12-07', inProcess);
    const there = await runDeskBacktest({ months: 12, capital: 1_000_000 }, setup, '2026-12-07');
    expect(there).toEqual(here);
  }, 120_000);

  it('when the asked months lie before the shipped data then NoBacktestDataError is thrown and nothing runs', async () => {
    let ran = 0;
    const attempt = runDeskBacktest({ months: 3, capital: 1_000_000 }, setup, '1999-06-01', async (c, t) => {
      ran += 1;
      return inProcess(c, t);
    });
    await expect(attempt).rejects.toThrow(NoBacktestDataError);
    expect(ran).toBe(0);
  });
});
