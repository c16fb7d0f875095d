import type { BarSeriesOption, EChartsOption } from 'echarts';
import { renderOptionToSvg, svgToPng, validateColor } from './raster';
import { formatCompact } from './ticks';

export interface BarSeries {
  label: string;
  /** '#rrggbb' */
  color: string;
  /** One value per category; null leaves a gap. */
  values: (number | null)[];
}

export interface BarChartOptions {
  width: number;
  height: number;
  categories: string[];
  series: BarSeries[];
  title?: string;
  formatY?: (y: number) => string;
  /** Bars grow to the right, categories read top to bottom (long labels). */
  horizontal?: boolean;
}

function validate(options: BarChartOptions): void {
  for (const s of options.series) {
    validateColor(s.color);
    if (s.values.length !== options.categories.length) {
      throw new RangeError(
        `series '${s.label}' has ${s.values.length} values for ${options.categories.length} categories`,
      );
    }
    if (s.values.some((v) => v !== null && !Number.isFinite(v))) {
      throw new RangeError(`series '${s.label}' has a non-finite value`);
    }
  }
}

export function barChartOption(options: BarChartOptions): EChartsOption {
  validate(options);
  const formatY = options.formatY ?? formatCompact;
  const categoryAxis = {
    type: 'category' as const,
    data: options.categories,
    axisLabel: { interval: 0, hideOverlap: true },
    ...(options.horizontal ? { inverse: true } : {}),
  };
  const valueAxis = {
    type: 'value' as const,
    axisLabel: { formatter: (y: number) => formatY(y) },
    splitLine: { lineStyle: { color: '#e4e4e4' } },
  };
  const series: BarSeriesOption[] = options.series.map((s) => ({
    type: 'bar',
    name: s.label,
    data: s.values,
    itemStyle: { color: s.color },
  }));
  return {
    title: options.title ? { text: options.title, left: 'center', top: 8, textStyle: { fontSize: 16 } } : undefined,
    legend: options.series.length > 1 ? { bottom: 4 } : undefined,
    grid: {
      left: 16,
      right: 24,
      top: options.title ? 48 : 16,
      bottom: options.series.length > 1 ? 40 : 16,
      containLabel: true,
    },
    xAxis: options.horizontal ? valueAxis : categoryAxis,
    yAxis: options.horizontal ? categoryAxis : valueAxis,
    series,
  };
}

export function renderBarChartSvg(options: BarChartOptions): string {
  return renderOptionToSvg(barChartOption(options), options.width, options.height);
}

export function renderBarChartPng(options: BarChartOptions): Buffer {
  return svgToPng(renderBarChartSvg(options));
}
