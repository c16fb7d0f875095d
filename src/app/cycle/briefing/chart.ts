import type { NavSnapshotRecord } from '../../trading-store';
import type { ChartRenderer } from '../ports';

export const CHART_POINTS = 60;
const WIDTH = 800;
const HEIGHT = 400;

/** The NAV line: the last closes and this morning's NAV, x = position, labelled MM-DD. */
export function navChartPng(
  render: ChartRenderer,
  title: string,
  closes: readonly NavSnapshotRecord[],
  today: { tradeDate: string; nav: number | null },
): Buffer {
  const points = closes
    .filter((c) => c.tradeDate < today.tradeDate)
    .map((c) => ({ date: c.tradeDate, nav: c.nav }));
  if (today.nav !== null) points.push({ date: today.tradeDate, nav: today.nav });
  const shown = points.slice(-CHART_POINTS);
  return render({
    width: WIDTH,
    height: HEIGHT,
    title,
    series: [{ label: 'NAV', color: '#1f77b4', points: shown.map((p, i) => ({ x: i, y: p.nav })) }],
    formatX: (x) => (Number.isInteger(x) ? (shown[x]?.date.slice(5) ?? '') : ''),
  });
}
