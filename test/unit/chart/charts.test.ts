import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  drawdownPercent,
  rasterizeSvg,
  renderBarChartPng,
  renderBarChartSvg,
  renderHeatmapSvg,
  renderLineChartPng,
  renderLineChartSvg,
  type LineChartOptions,
  type Raster,
} from '../../../src/adapters/chart';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** Pixels darker than light grey inside a rectangle: ink, i.e. text or lines. */
function inkIn(r: Raster, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let n = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = (y * r.width + x) * 4;
      if (r.pixels[i]! < 160 && r.pixels[i + 1]! < 160 && r.pixels[i + 2]! < 160) n++;
    }
  }
  return n;
}

function hasColour(r: Raster, rgb: [number, number, number], tolerance = 8): boolean {
  for (let i = 0; i < r.pixels.length; i += 4) {
    if (
      Math.abs(r.pixels[i]! - rgb[0]) <= tolerance &&
      Math.abs(r.pixels[i + 1]! - rgb[1]) <= tolerance &&
      Math.abs(r.pixels[i + 2]! - rgb[2]) <= tolerance
    )
      return true;
  }
  return false;
}

function textSvg(text: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><text x="10" y="40" font-size="32" font-family="Noto Sans KR" fill="#000">${text}</text></svg>`;
}

const nav: LineChartOptions = {
  width: 800,
  height: 480,
  title: '순자산 (원)',
  series: [
    {
      label: '순자산',
      color: '#ff0000',
      points: [1_000_000, 1_020_000, 990_000, 1_005_000, 970_000].map((y, x) => ({ x, y })),
    },
  ],
  referenceLines: [{ label: '순자산 하한 900,000원', y: 900_000, color: '#0000ff' }],
  drawdown: { label: '고점 대비 하락률' },
};

describe('Korean text in chart pictures', () => {
  it('when a Hangul syllable is rasterised then glyph pixels are drawn, and different syllables differ', () => {
    const ga = rasterizeSvg(textSvg('가'));
    const na = rasterizeSvg(textSvg('나'));
    const blank = rasterizeSvg(textSvg(''));

    const box = { x0: 0, y0: 0, x1: 120, y1: 60 };
    expect(inkIn(blank, box)).toBe(0);
    expect(inkIn(ga, box)).toBeGreaterThan(40);
    expect(inkIn(na, box)).toBeGreaterThan(40);
    expect(ga.pixels.equals(na.pixels)).toBe(false);
  });

  it('when the NAV chart has a Korean title then the SVG carries it and the PNG has ink in the title band', () => {
    const svg = renderLineChartSvg(nav);
    const titled = rasterizeSvg(svg);
    const untitled = rasterizeSvg(renderLineChartSvg({ ...nav, title: undefined }));

    expect(svg).toContain('순자산 (원)');
    expect(svg).toContain('고점 대비 하락률');
    const band = { x0: 250, y0: 0, x1: 550, y1: 36 };
    expect(inkIn(titled, band)).toBeGreaterThan(100);
    expect(inkIn(untitled, band)).toBe(0);
  });
});

describe('line chart', () => {
  it('when rendered then it is a PNG of the requested size with the series colour on it', () => {
    const png = renderLineChartPng(nav);

    expect(pngSize(png)).toEqual([800, 480]);
    const raster = rasterizeSvg(renderLineChartSvg(nav));
    expect(hasColour(raster, [255, 0, 0])).toBe(true);
  });

  it('when a floor is given then a dashed line in its colour and its label are drawn even below the data', () => {
    const svg = renderLineChartSvg(nav);
    const raster = rasterizeSvg(svg);

    expect(svg).toContain('순자산 하한 900,000원');
    expect(svg).toMatch(/stroke="#0000ff"[^>]*stroke-dasharray|stroke-dasharray[^>]*stroke="#0000ff"/);
    expect(hasColour(raster, [0, 0, 255], 40)).toBe(true);
  });

  it('when there is no floor then no blue is drawn', () => {
    const raster = rasterizeSvg(renderLineChartSvg({ ...nav, referenceLines: [] }));

    expect(hasColour(raster, [0, 0, 255], 40)).toBe(false);
  });

  it('when the size is out of range or a colour is malformed then it throws a RangeError', () => {
    expect(() => renderLineChartPng({ ...nav, width: 50 })).toThrow(RangeError);
    expect(() => renderLineChartPng({ ...nav, height: 10.5 })).toThrow(RangeError);
    expect(() =>
      renderLineChartPng({ ...nav, series: [{ label: 'x', color: 'red', points: [{ x: 0, y: 1 }] }] }),
    ).toThrow(RangeError);
    expect(() =>
      renderLineChartPng({ ...nav, series: [{ label: 'x', color: '#ff0000', points: [{ x: 0, y: NaN }] }] }),
    ).toThrow(/non-finite/);
  });

  it('when there are no points then it still renders an empty chart', () => {
    const png = renderLineChartPng({ width: 300, height: 200, series: [{ label: 'a', color: '#123456', points: [] }] });

    expect(pngSize(png)).toEqual([300, 200]);
  });
});

describe('drawdownPercent', () => {
  it('when NAV falls from a peak then the drawdown is the percent below the running peak', () => {
    const dd = drawdownPercent([100, 120, 90, 130, 117].map((y, x) => ({ x, y })));

    expect(dd.map((p) => p.y)).toEqual([0, 0, -25, 0, -10]);
  });
});

describe('bar chart and heatmap (study report)', () => {
  it('when bars are rendered then each Korean category label is in the SVG and the PNG has the size asked', () => {
    const options = {
      width: 600,
      height: 300,
      title: '종목별 수익률',
      categories: ['KODEX 200', 'TIGER 미국S&P500', '국고채 10년'],
      series: [{ label: '수익률', color: '#2ca02c', values: [12.5, -3, null] }],
    };
    const svg = renderBarChartSvg(options);

    for (const c of options.categories) expect(svg).toContain(c.replace('&', '&amp;'));
    expect(pngSize(renderBarChartPng(options))).toEqual([600, 300]);
    expect(hasColour(rasterizeSvg(svg), [0x2c, 0xa0, 0x2c])).toBe(true);
  });

  it('when a bar series does not match the categories then it throws', () => {
    expect(() =>
      renderBarChartSvg({
        width: 300,
        height: 200,
        categories: ['a', 'b'],
        series: [{ label: 'x', color: '#000000', values: [1] }],
      }),
    ).toThrow(RangeError);
  });

  it('when a heatmap is rendered then every cell value is labelled and empty cells are not', () => {
    const svg = renderHeatmapSvg({
      width: 500,
      height: 300,
      title: '월별 수익률 (%)',
      xLabels: ['1월', '2월', '3월'],
      yLabels: ['2023', '2024'],
      values: [
        [1.25, -2.5, null],
        [0.5, 3.75, -1],
      ],
      formatValue: (v) => v.toFixed(2),
    });

    for (const v of ['1.25', '-2.50', '0.50', '3.75', '-1.00']) expect(svg).toContain(`>${v}<`);
    expect(svg).toContain('월별 수익률 (%)');
    expect(svg).toContain('2월');
  });
});

describe('no hand-drawn pixels under src/', () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
  }

  it('when src/ is scanned then nothing imports a raw PNG encoder or a bitmap font', () => {
    const offenders = files(path.resolve('src'))
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from 'pngjs'|GLYPHS|bitmap font/.test(readFileSync(f, 'utf8')));

    expect(offenders).toEqual([]);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).devDependencies?.pngjs).toBeUndefined();
  });
});
