export {
  drawdownPercent,
  lineChartOption,
  renderLineChartPng,
  renderLineChartSvg,
  type ChartPoint,
  type LineChartOptions,
  type LineSeries,
  type ReferenceLine,
} from './line-chart';
export { barChartOption, renderBarChartPng, renderBarChartSvg, type BarChartOptions, type BarSeries } from './bar-chart';
export { heatmapOption, renderHeatmapPng, renderHeatmapSvg, type HeatmapOptions } from './heatmap';
export { CHART_FONT_FAMILY, rasterizeSvg, renderOptionToSvg, svgToPng, type Raster } from './raster';
export { formatCompact } from './ticks';
