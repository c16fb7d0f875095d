import type { NavSnapshotRecord } from '../../trading-store';
import type { ChartRenderer } from '../ports';

export const CHART_POINTS = 60;
const WIDTH = 800;
const HEIGHT = 480;

export interface NavChartLabels {
  title: string;
  nav: string;
  /** The floor line's label, e.g. "순자산 하한 800,000원". */
  floor: string;
  drawdown: string;
}

/**
 * The NAV line: the last closes and this morning's NAV, x = position, labelled MM-DD; the NAV floor as a dashed
 * line and the drawdown from the running peak in a panel below.
 */
export function navChartPng(
  render: ChartRenderer,
  labels: NavChartLabels,
  closes: readonly NavSnapshotRecord[],
  today: { tradeDate: string; nav: number | null },
  navFloor: number,
): Buffer {
  const points = closes
    .filter((c) => c.tradeDate < today.tradeDate)
    .map((c) => ({ date: c.tradeDate, nav: c.nav }));
  if (today.nav !== null) points.push({ date: today.tradeDate, nav: today.nav });
  const shown = points.slice(-CHART_POINTS);
  return render({
    width: WIDTH,
    height: HEIGHT,
    title: labels.title,
    series: [{ label: labels.nav, color: '#1f77b4', points: shown.map((p, i) => ({ x: i, y: p.nav })) }],
    formatX: (x) => (Number.isInteger(x) ? (shown[x]?.date.slice(5) ?? '') : ''),
    referenceLines: navFloor > 0 ? [{ label: labels.floor, y: navFloor, color: '#d62728' }] : [],
    drawdown: { label: labels.drawdown, color: '#c0392b' },
  });
}
