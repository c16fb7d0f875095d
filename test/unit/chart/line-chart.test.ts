import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  chartLayout,
  renderLineChartPng,
  type LineChartOptions,
} from '../../../src/adapters/chart/line-chart';
import { formatCompact, niceTicks } from '../../../src/adapters/chart/ticks';

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
}

/** True when some pixel within `radius` of (x, y) has exactly this colour. */
function colourNear(png: PNG, x: number, y: number, rgb: [number, number, number], radius = 1): boolean {
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const [r, g, b] = pixel(png, x + dx, y + dy);
      if (r === rgb[0] && g === rgb[1] && b === rgb[2]) return true;
    }
  }
  return false;
}

const diagonal: LineChartOptions = {
  width: 400,
  height: 240,
  series: [
    {
      label: 'Red',
      color: '#ff0000',
      points: [
        { x: 0, y: 0 },
        { x: 10, y: 10 },
      ],
    },
  ],
};

describe('line chart PNG', () => {
  it('when rendered then it decodes as a PNG of the requested size', () => {
    const png = PNG.sync.read(renderLineChartPng(diagonal));

    expect([png.width, png.height]).toEqual([400, 240]);
  });

  it('when a series is drawn then its colour is on the line and not off it', () => {
    // Arrange
    const layout = chartLayout(diagonal);

    // Act
    const png = PNG.sync.read(renderLineChartPng(diagonal));

    // Assert: the middle of the diagonal is red; the opposite corner of the plot is not
    const mid = layout.toPixel({ x: 5, y: 5 });
    expect(colourNear(png, mid.px, mid.py, [255, 0, 0])).toBe(true);
    const off = layout.toPixel({ x: 9, y: 1 });
    expect(colourNear(png, off.px, off.py, [255, 0, 0], 3)).toBe(false);
  });

  it('when two series are drawn then each keeps its own colour', () => {
    const options: LineChartOptions = {
      ...diagonal,
      series: [
        {
          label: 'A',
          color: '#0000ff',
          points: [
            { x: 0, y: 2 },
            { x: 10, y: 2 },
          ],
        },
        {
          label: 'B',
          color: '#00aa00',
          points: [
            { x: 0, y: 8 },
            { x: 10, y: 8 },
          ],
        },
      ],
    };
    const layout = chartLayout(options);

    const png = PNG.sync.read(renderLineChartPng(options));

    const a = layout.toPixel({ x: 7, y: 2 });
    const b = layout.toPixel({ x: 7, y: 8 });
    expect(colourNear(png, a.px, a.py, [0, 0, 255])).toBe(true);
    expect(colourNear(png, b.px, b.py, [0, 170, 0])).toBe(true);
  });

  it('when there is a title and axis labels then text pixels appear above the plot and left of it', () => {
    const options = { ...diagonal, title: 'EQUITY 2016' };
    const layout = chartLayout(options);

    const png = PNG.sync.read(renderLineChartPng(options));

    const dark = (x0: number, y0: number, x1: number, y1: number): number => {
      let n = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (pixel(png, x, y)[0] < 100) n++;
      return n;
    };
    expect(dark(0, 0, 400, layout.plot.top - 2)).toBeGreaterThan(20);
    expect(dark(0, layout.plot.top, layout.plot.left - 2, layout.plot.bottom)).toBeGreaterThan(20);
    expect(pixel(png, 399, 0)).toEqual([255, 255, 255, 255]);
  });

  it('when all points have the same value or there is one point then it still renders', () => {
    const flat = {
      ...diagonal,
      series: [
        {
          label: 'flat',
          color: '#123456',
          points: [
            { x: 1, y: 5 },
            { x: 2, y: 5 },
          ],
        },
      ],
    };
    const single = { ...diagonal, series: [{ label: 'one', color: '#123456', points: [{ x: 1, y: 5 }] }] };

    expect(PNG.sync.read(renderLineChartPng(flat)).width).toBe(400);
    expect(PNG.sync.read(renderLineChartPng(single)).width).toBe(400);
  });

  it('when the colour or size is invalid then it throws a RangeError', () => {
    expect(() =>
      renderLineChartPng({ ...diagonal, series: [{ label: 'x', color: 'red', points: [] }] }),
    ).toThrow(RangeError);
    expect(() => renderLineChartPng({ ...diagonal, width: 10 })).toThrow(RangeError);
    expect(() =>
      renderLineChartPng({
        ...diagonal,
        series: [{ label: 'x', color: '#ffffff', points: [{ x: NaN, y: 1 }] }],
      }),
    ).toThrow(RangeError);
  });
});

describe('axis ticks', () => {
  it('when the range is 0..10 then ticks are 0, 2, …, 10', () => {
    expect(niceTicks(0, 10, 5).ticks).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('when the range is off round numbers then ticks cover it with a nice step', () => {
    const { ticks, step } = niceTicks(930_000, 3_090_000, 5);

    expect(step).toBe(500_000);
    expect(ticks[0]).toBe(500_000);
    expect(ticks[ticks.length - 1]).toBe(3_500_000);
  });

  it('when labels are compact then thousands and millions get K and M', () => {
    expect([
      formatCompact(1_500_000),
      formatCompact(25_000),
      formatCompact(0.25),
      formatCompact(2_000_000),
    ]).toEqual(['1.5M', '25K', '0.25', '2M']);
  });
});
