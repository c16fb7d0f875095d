import { Canvas, parseHexColor, type Rgb } from './canvas';
import { drawText, textHeight, textWidth } from './font';
import { formatCompact, niceTicks } from './ticks';

export interface ChartPoint {
  x: number;
  y: number;
}

export interface LineSeries {
  /** ASCII only: the built-in font has no Hangul. */
  label: string;
  /** '#rrggbb' */
  color: string;
  points: ChartPoint[];
}

export interface LineChartOptions {
  width: number;
  height: number;
  series: LineSeries[];
  title?: string;
  /** Tick label of the x axis (default: compact number). Return '' to leave a tick unlabelled. */
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
}

export interface ChartLayout {
  plot: { left: number; top: number; right: number; bottom: number };
  xDomain: [number, number];
  yDomain: [number, number];
  xTicks: number[];
  yTicks: number[];
  labelScale: number;
  toPixel(point: ChartPoint): { px: number; py: number };
}

const BACKGROUND: Rgb = [255, 255, 255];
const GRID: Rgb = [228, 228, 228];
const AXIS: Rgb = [60, 60, 60];
const TEXT: Rgb = [30, 30, 30];
const LINE_THICKNESS = 2;

function validate(options: LineChartOptions): void {
  const { width, height, series } = options;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 120 ||
    height < 80 ||
    width > 4096 ||
    height > 4096
  ) {
    throw new RangeError(`chart size must be integers within 120×80..4096×4096, got ${width}×${height}`);
  }
  for (const s of series) {
    parseHexColor(s.color);
    if (s.points.some((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y))) {
      throw new RangeError(`series '${s.label}' has a non-finite point`);
    }
  }
}

function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [min - (Math.abs(min) || 1) * 0.5, max + (Math.abs(max) || 1) * 0.5];
  return [min, max];
}

/** Where the plot sits and how data maps onto pixels (exported so tests can find the line). */
export function chartLayout(options: LineChartOptions): ChartLayout {
  const { width, height, series, title } = options;
  const formatY = options.formatY ?? formatCompact;
  const labelScale = width >= 500 && height >= 300 ? 2 : 1;
  const points = series.flatMap((s) => s.points);
  const xDomain = extent(points.map((p) => p.x));
  const yRange = extent(points.map((p) => p.y));
  const yTicks = niceTicks(yRange[0], yRange[1], Math.max(2, Math.floor(height / 80))).ticks;
  const yDomain: [number, number] = [yTicks[0]!, yTicks[yTicks.length - 1]!];
  const xTicks = niceTicks(xDomain[0], xDomain[1], Math.max(2, Math.floor(width / 120))).ticks.filter(
    (x) => x >= xDomain[0] - 1e-9 && x <= xDomain[1] + 1e-9,
  );
  const yLabelWidth = Math.max(...yTicks.map((y) => textWidth(formatY(y), labelScale)));
  const lineHeight = textHeight(labelScale);
  const plot = {
    left: yLabelWidth + 8 * labelScale,
    top: (title ? textHeight(labelScale) + 8 * labelScale : 0) + 6 * labelScale,
    right: width - 8 * labelScale,
    bottom: height - lineHeight - 8 * labelScale,
  };
  const toPixel = ({ x, y }: ChartPoint): { px: number; py: number } => ({
    px: plot.left + ((x - xDomain[0]) / (xDomain[1] - xDomain[0])) * (plot.right - plot.left),
    py: plot.bottom - ((y - yDomain[0]) / (yDomain[1] - yDomain[0])) * (plot.bottom - plot.top),
  });
  return { plot, xDomain, yDomain, xTicks, yTicks, labelScale, toPixel };
}

/**
 * A line chart as PNG bytes: light grid at nice ticks, axes, tick labels in a built-in bitmap font, one
 * polyline per series and a legend. Pure JavaScript (pngjs), no native dependencies.
 */
export function renderLineChartPng(options: LineChartOptions): Buffer {
  validate(options);
  const { width, height, series, title } = options;
  const formatX = options.formatX ?? formatCompact;
  const formatY = options.formatY ?? formatCompact;
  const layout = chartLayout(options);
  const { plot, labelScale: scale, toPixel } = layout;
  const canvas = new Canvas(width, height, BACKGROUND);

  for (const y of layout.yTicks) {
    const { py } = toPixel({ x: layout.xDomain[0], y });
    canvas.drawLine(plot.left, py, plot.right, py, GRID);
    const label = formatY(y);
    drawText(
      canvas,
      label,
      plot.left - 5 * scale - textWidth(label, scale),
      py - textHeight(scale) / 2,
      TEXT,
      scale,
    );
  }
  for (const x of layout.xTicks) {
    const { px } = toPixel({ x, y: layout.yDomain[0] });
    canvas.drawLine(px, plot.top, px, plot.bottom, GRID);
    const label = formatX(x);
    drawText(canvas, label, px - textWidth(label, scale) / 2, plot.bottom + 4 * scale, TEXT, scale);
  }
  canvas.drawLine(plot.left, plot.top, plot.left, plot.bottom, AXIS);
  canvas.drawLine(plot.left, plot.bottom, plot.right, plot.bottom, AXIS);
  if (title) drawText(canvas, title, (width - textWidth(title, scale)) / 2, 4 * scale, TEXT, scale);

  for (const s of series) {
    const color = parseHexColor(s.color);
    const pixels = s.points.map(toPixel);
    if (pixels.length === 1) canvas.fillRect(pixels[0]!.px - 1, pixels[0]!.py - 1, 3, 3, color);
    for (let i = 1; i < pixels.length; i++) {
      const a = pixels[i - 1]!;
      const b = pixels[i]!;
      canvas.drawLine(a.px, a.py, b.px, b.py, color, LINE_THICKNESS);
    }
  }

  if (series.length > 0) {
    const rowHeight = textHeight(scale) + 4 * scale;
    const swatch = 12 * scale;
    const boxWidth = Math.max(...series.map((s) => textWidth(s.label, scale))) + swatch + 12 * scale;
    const boxLeft = plot.left + 8 * scale;
    const boxTop = plot.top + 6 * scale;
    canvas.fillRect(boxLeft, boxTop, boxWidth, rowHeight * series.length + 4 * scale, BACKGROUND);
    series.forEach((s, i) => {
      const rowTop = boxTop + 4 * scale + i * rowHeight;
      const color = parseHexColor(s.color);
      canvas.fillRect(boxLeft + 4 * scale, rowTop + textHeight(scale) / 2 - scale, swatch, 2 * scale, color);
      drawText(canvas, s.label, boxLeft + swatch + 8 * scale, rowTop, TEXT, scale);
    });
  }
  return canvas.toPngBuffer();
}
