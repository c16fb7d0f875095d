import type { EChartsOption } from 'echarts';
import { renderOptionToSvg, svgToPng } from './raster';
import { formatCompact } from './ticks';

export interface HeatmapOptions {
  width: number;
  height: number;
  /** Column labels. */
  xLabels: string[];
  /** Row labels, drawn top to bottom. */
  yLabels: string[];
  /** values[row][column]; null is an empty cell. */
  values: (number | null)[][];
  title?: string;
  formatValue?: (v: number) => string;
  /** Colour scale; defaults to the data's range, centred on 0 when it spans both signs. */
  min?: number;
  max?: number;
}

function validate(options: HeatmapOptions): void {
  if (options.values.length !== options.yLabels.length) {
    throw new RangeError(`heatmap has ${options.values.length} rows for ${options.yLabels.length} labels`);
  }
  options.values.forEach((row, i) => {
    if (row.length !== options.xLabels.length) {
      throw new RangeError(`heatmap row ${i} has ${row.length} cells for ${options.xLabels.length} columns`);
    }
    if (row.some((v) => v !== null && !Number.isFinite(v))) {
      throw new RangeError(`heatmap row ${i} has a non-finite cell`);
    }
  });
}

export function heatmapOption(options: HeatmapOptions): EChartsOption {
  validate(options);
  const format = options.formatValue ?? formatCompact;
  const cells: [number, number, number][] = [];
  options.values.forEach((row, y) =>
    row.forEach((v, x) => {
      if (v !== null) cells.push([x, y, v]);
    }),
  );
  const values = cells.map((c) => c[2]);
  let min = options.min ?? (values.length ? Math.min(...values) : 0);
  let max = options.max ?? (values.length ? Math.max(...values) : 1);
  if (options.min === undefined && options.max === undefined && min < 0 && max > 0) {
    const bound = Math.max(-min, max);
    min = -bound;
    max = bound;
  }
  if (min === max) max = min + 1;
  return {
    title: options.title ? { text: options.title, left: 'center', top: 8, textStyle: { fontSize: 16 } } : undefined,
    grid: { left: 16, right: 24, top: options.title ? 48 : 16, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: options.xLabels, splitArea: { show: true }, axisLabel: { interval: 0 } },
    yAxis: {
      type: 'category',
      data: options.yLabels,
      inverse: true,
      splitArea: { show: true },
      axisLabel: { interval: 0 },
    },
    visualMap: {
      min,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 4,
      itemHeight: 120,
      inRange: { color: ['#c0392b', '#f7f7f7', '#1f77b4'] },
      formatter: (v: unknown) => format(Number(v)),
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: { show: true, formatter: (p: { value?: unknown }) => format(Number((p.value as number[])[2])) },
      },
    ],
  };
}

export function renderHeatmapSvg(options: HeatmapOptions): string {
  return renderOptionToSvg(heatmapOption(options), options.width, options.height);
}

export function renderHeatmapPng(options: HeatmapOptions): Buffer {
  return svgToPng(renderHeatmapSvg(options));
}
