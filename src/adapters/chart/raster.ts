import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/** The family name ECharts writes into the SVG and resvg matches against the font file below. */
export const CHART_FONT_FAMILY = 'Noto Sans KR';

/**
 * Noto Sans KR (OFL) as shipped by the @embedpdf/fonts-kr package. Its exports map hides the font files, so
 * the path is found from the package's entry point.
 */
export function koreanFontFiles(): string[] {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@embedpdf/fonts-kr');
  const root = path.resolve(path.dirname(entry), '..');
  return [path.join(root, 'fonts', 'NotoSansKR-Regular.otf'), path.join(root, 'fonts', 'NotoSansKR-Bold.otf')];
}

export function validateSize(width: number, height: number): void {
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
}

const HEX = /^#[0-9a-fA-F]{6}$/;

export function validateColor(color: string): void {
  if (!HEX.test(color)) throw new RangeError(`colour must be '#rrggbb', got '${color}'`);
}

/** An ECharts option rendered by ECharts' own server-side SVG renderer (no DOM, no animation). */
export function renderOptionToSvg(option: EChartsOption, width: number, height: number): string {
  validateSize(width, height);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: CHART_FONT_FAMILY },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface Raster {
  width: number;
  height: number;
  /** RGBA, row-major. */
  pixels: Buffer;
  png: Buffer;
}

/** SVG → pixels and PNG via resvg, with the Korean font and no system fonts (same output on every machine). */
export function rasterizeSvg(svg: string): Raster {
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    font: { fontFiles: koreanFontFiles(), loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
  });
  const image = resvg.render();
  return { width: image.width, height: image.height, pixels: image.pixels, png: image.asPng() };
}

export function svgToPng(svg: string): Buffer {
  return rasterizeSvg(svg).png;
}
