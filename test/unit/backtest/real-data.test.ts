import { describe, expect, it } from 'vitest';
import { defaultBacktestConfig } from '../../../src/backtest/config';
import { loadBacktestData } from '../../../src/backtest/load';
import { runBacktestWithBenchmark, tickersFor } from '../../../src/backtest/run';
import { formatConsoleSummary, renderReportMarkdown } from '../../../src/backtest/report';
import { isOnTick } from '../../../src/domain/money';
import type { DailyBar } from '../../../src/domain/ports';

describe('backtest on the shipped KRX data', () => {
  const config = defaultBacktestConfig('2016-01-01', '2017-12-31', 1_000_000);
  const data = loadBacktestData(tickersFor(config));
  const result = runBacktestWithBenchmark(config, data);

  it('when run for two years then it rebalances monthly with on-grid integer fills and a benchmark', () => {
    expect(result.strategy.plans).toHaveLength(24);
    expect(new Set(result.strategy.plans.map((p) => p.date.slice(0, 7))).size).toBe(24);
    for (const f of result.strategy.fills) {
      expect(isOnTick(f.price, 'ETF')).toBe(true);
      expect(Number.isSafeInteger(f.quantity)).toBe(true);
    }
    expect(result.benchmark.fills).toHaveLength(1);
    expect(result.metrics.strategy.from).toBe('2016-01-04');
  });

  it('when every price after 2016-12-30 is doubled then the 2016 decisions and fills are unchanged', () => {
    // Arrange
    const cut = '2016-12-30';
    const tampered: Record<string, DailyBar[]> = {};
    for (const [ticker, bars] of Object.entries(data.barsByTicker)) {
      tampered[ticker] = bars.map((b) =>
        b.date > cut ? { ...b, open: b.open * 2, high: b.high * 2, low: b.low * 2, close: b.close * 2 } : b,
      );
    }

    // Act
    const changed = runBacktestWithBenchmark(config, { ...data, barsByTicker: tampered });

    // Assert
    expect(changed.strategy.plans.filter((p) => p.date <= cut)).toEqual(
      result.strategy.plans.filter((p) => p.date <= cut),
    );
    expect(changed.strategy.fills.filter((f) => f.date <= cut)).toEqual(
      result.strategy.fills.filter((f) => f.date <= cut),
    );
    expect(changed.strategy.fills.filter((f) => f.date > cut)).not.toEqual(
      result.strategy.fills.filter((f) => f.date > cut),
    );
  });

  it('when the report is written then it contains the printed summary verbatim', () => {
    const printed = formatConsoleSummary(result);

    const report = renderReportMarkdown(result, {
      names: data.names,
      command: 'npm run backtest -- …',
      chartFile: 'equity.png',
    });

    for (const block of printed.split('\n\n')) expect(report).toContain(block);
    expect(report).toContain('KODEX 국고채3년');
  });
});
