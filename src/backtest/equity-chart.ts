import { formatCompact, renderLineChartPng } from '../adapters/chart';
import type { KstDate } from '../domain/market';
import { calendarDaysBetween } from './days';
import type { EquityPoint } from './engine';
import type { BacktestResult } from './run';

/** 2020-07-02 → 2020.5: dates as fractional years so the x axis reads in years. */
export function decimalYear(date: KstDate): number {
  const year = Number(date.slice(0, 4));
  const daysInYear = calendarDaysBetween(`${year}-01-01`, `${year + 1}-01-01`);
  return year + calendarDaysBetween(`${year}-01-01`, date) / daysInYear;
}

const toPoints = (equity: readonly EquityPoint[]) =>
  equity.map((e) => ({ x: decimalYear(e.date), y: e.nav }));

/** Strategy vs benchmark NAV, in KRW, as a PNG. */
export function renderEquityChart(result: BacktestResult, width = 1000, height = 500): Buffer {
  const { config } = result;
  return renderLineChartPng({
    width,
    height,
    title: `12-1 momentum vs ${config.benchmark} buy & hold (KRW, start ${formatCompact(config.capital)})`,
    series: [
      { label: 'Strategy (12-1 momentum)', color: '#1f5fbf', points: toPoints(result.strategy.equity) },
      {
        label: `Benchmark ${config.benchmark} buy & hold`,
        color: '#e07b00',
        points: toPoints(result.benchmark.equity),
      },
    ],
    formatX: (x) => (Math.abs(x - Math.round(x)) < 1e-6 ? String(Math.round(x)) : ''),
    formatY: formatCompact,
    drawdown: { label: 'Strategy drawdown from peak (%)' },
  });
}
