import type { EChartsOption, LineSeriesOption } from 'echarts';
import { renderOptionToSvg, svgToPng, validateColor } from './raster';
import { formatCompact } from './ticks';

export interface ChartPoint {
  x: number;
  y: number;
}

export interface LineSeries {
  /** Any text, Korean included. */
  label: string;
  /** '#rrggbb' */
  color: string;
  points: ChartPoint[];
}

/** A dashed horizontal line across the plot, e.g. the NAV floor. */
export interface ReferenceLine {
  label: string;
  y: number;
  color: string;
}

export interface LineChartOptions {
  width: number;
  height: number;
  series: LineSeries[];
  title?: string;
  /** Tick label of the x axis (default: compact number). Return '' to leave a tick unlabelled. */
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  referenceLines?: ReferenceLine[];
  /** A second panel under the plot: the first series' drawdown from its running peak, in percent. */
  drawdown?: { label: string; color?: string };
}

/** Percent below the running peak, one value per point (0 at a new high). */
export function drawdownPercent(points: readonly ChartPoint[]): ChartPoint[] {
  let peak = -Infinity;
  return points.map(({ x, y }) => {
    peak = Math.max(peak, y);
    return { x, y: peak > 0 ? Number((((y - peak) / peak) * 100).toFixed(4)) : 0 };
  });
}

function validate(options: LineChartOptions): void {
  for (const s of options.series) {
    validateColor(s.color);
    if (s.points.some((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y))) {
      throw new RangeError(`series '${s.label}' has a non-finite point`);
    }
  }
  for (const line of options.referenceLines ?? []) {
    validateColor(line.color);
    if (!Number.isFinite(line.y)) throw new RangeError(`reference line '${line.label}' is not finite`);
  }
  if (options.drawdown?.color) validateColor(options.drawdown.color);
}

/** The ECharts option behind the line chart (exported so tests can inspect what is drawn). */
export function lineChartOption(options: LineChartOptions): EChartsOption {
  validate(options);
  const formatX = options.formatX ?? formatCompact;
  const formatY = options.formatY ?? formatCompact;
  const references = options.referenceLines ?? [];
  const withDrawdown = options.drawdown !== undefined && (options.series[0]?.points.length ?? 0) > 0;
  const top = options.title ? 48 : 16;
  const legendHeight = options.series.length > 0 ? 32 : 8;
  const xAxisBase = {
    type: 'value' as const,
    min: 'dataMin' as const,
    max: 'dataMax' as const,
    splitLine: { show: true, lineStyle: { color: '#e4e4e4' } },
    axisLabel: { formatter: (x: number) => formatX(x), hideOverlap: true },
  };
  const refLow = references.length > 0 ? Math.min(...references.map((r) => r.y)) : Infinity;
  const refHigh = references.length > 0 ? Math.max(...references.map((r) => r.y)) : -Infinity;
  const series: LineSeriesOption[] = options.series.map((s, i) => ({
    type: 'line',
    name: s.label,
    data: s.points.map((p) => [p.x, p.y]),
    showSymbol: s.points.length <= 1,
    symbolSize: 5,
    lineStyle: { width: 2, color: s.color },
    itemStyle: { color: s.color },
    xAxisIndex: 0,
    yAxisIndex: 0,
    ...(i === 0 && references.length > 0
      ? {
          markLine: {
            symbol: 'none',
            silent: true,
            data: references.map((r) => ({
              yAxis: r.y,
              name: r.label,
              lineStyle: { color: r.color, type: 'dashed', width: 1.5 },
              label: { formatter: r.label, position: 'insideEndTop', color: r.color },
            })),
          },
        }
      : {}),
  }));
  const option: EChartsOption = {
    title: options.title ? { text: options.title, left: 'center', top: 8, textStyle: { fontSize: 16 } } : undefined,
    legend: options.series.length > 0 ? { bottom: 4 } : undefined,
    grid: withDrawdown
      ? [
          { left: 16, right: 24, top, bottom: '36%', containLabel: true },
          { left: 16, right: 24, height: '18%', bottom: legendHeight + 8, containLabel: true },
        ]
      : [{ left: 16, right: 24, top, bottom: legendHeight + 8, containLabel: true }],
    xAxis: withDrawdown ? [{ ...xAxisBase, gridIndex: 0 }, { ...xAxisBase, gridIndex: 1 }] : [xAxisBase],
    yAxis: [
      {
        type: 'value',
        gridIndex: 0,
        scale: true,
        // The reference lines stay in view even when the data never comes near them.
        min: (v: { min: number }) => Math.min(v.min, refLow),
        max: (v: { max: number }) => Math.max(v.max, refHigh),
        axisLabel: { formatter: (y: number) => formatY(y) },
        splitLine: { lineStyle: { color: '#e4e4e4' } },
      },
      ...(withDrawdown
        ? [
            {
              type: 'value' as const,
              gridIndex: 1,
              max: 0,
              axisLabel: { formatter: (y: number) => `${Number(y.toFixed(1))}%` },
              splitNumber: 2,
              splitLine: { lineStyle: { color: '#e4e4e4' } },
            },
          ]
        : []),
    ],
    series: withDrawdown
      ? [
          ...series,
          {
            type: 'line',
            name: options.drawdown!.label,
            data: drawdownPercent(options.series[0]!.points).map((p) => [p.x, p.y]),
            showSymbol: false,
            xAxisIndex: 1,
            yAxisIndex: 1,
            lineStyle: { width: 1, color: options.drawdown!.color ?? '#c0392b' },
            itemStyle: { color: options.drawdown!.color ?? '#c0392b' },
            areaStyle: { color: options.drawdown!.color ?? '#c0392b', opacity: 0.25 },
          },
        ]
      : series,
  };
  return option;
}

export function renderLineChartSvg(options: LineChartOptions): string {
  return renderOptionToSvg(lineChartOption(options), options.width, options.height);
}

/** A line chart as PNG bytes: ECharts' SSR SVG rasterised by resvg with Noto Sans KR. */
export function renderLineChartPng(options: LineChartOptions): Buffer {
  return svgToPng(renderLineChartSvg(options));
}
