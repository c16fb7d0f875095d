export {
  chartLayout,
  renderLineChartPng,
  type ChartLayout,
  type ChartPoint,
  type LineChartOptions,
  type LineSeries,
} from './line-chart';
export { formatCompact } from './ticks';
