import { PNG } from 'pngjs';

export type Rgb = readonly [number, number, number];

/** '#rrggbb' → [r, g, b]. */
export function parseHexColor(color: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) throw new RangeError(`colour must be '#rrggbb', got '${color}'`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** An opaque RGBA raster; drawing outside it is clipped. */
export class Canvas {
  readonly png: PNG;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.png = new PNG({ width, height });
    for (let i = 0; i < this.png.data.length; i += 4) {
      this.png.data[i] = background[0];
      this.png.data[i + 1] = background[1];
      this.png.data[i + 2] = background[2];
      this.png.data[i + 3] = 255;
    }
  }

  setPixel(x: number, y: number, color: Rgb): void {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    const i = (py * this.width + px) * 4;
    this.png.data[i] = color[0];
    this.png.data[i + 1] = color[1];
    this.png.data[i + 2] = color[2];
    this.png.data[i + 3] = 255;
  }

  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    for (let py = Math.round(y); py < Math.round(y + h); py++) {
      for (let px = Math.round(x); px < Math.round(x + w); px++) this.setPixel(px, py, color);
    }
  }

  /** A straight segment `thickness` pixels wide (Bresenham, each step stamped as a square). */
  drawLine(x0: number, y0: number, x1: number, y1: number, color: Rgb, thickness = 1): void {
    let x = Math.round(x0);
    let y = Math.round(y0);
    const xEnd = Math.round(x1);
    const yEnd = Math.round(y1);
    const dx = Math.abs(xEnd - x);
    const dy = -Math.abs(yEnd - y);
    const sx = x < xEnd ? 1 : -1;
    const sy = y < yEnd ? 1 : -1;
    const half = Math.floor((thickness - 1) / 2);
    let err = dx + dy;
    for (;;) {
      this.fillRect(x - half, y - half, thickness, thickness, color);
      if (x === xEnd && y === yEnd) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }

  toPngBuffer(): Buffer {
    return PNG.sync.write(this.png);
  }
}
