import { describe, expect, it } from 'vitest';
import { Canvas } from '../../../src/adapters/chart/canvas';
import { drawText, textWidth } from '../../../src/adapters/chart/font';

describe('bitmap font', () => {
  it('when "1" is drawn at scale 1 then its stem is the middle column', () => {
    // Arrange
    const canvas = new Canvas(10, 10, [255, 255, 255]);

    // Act
    drawText(canvas, '1', 0, 0, [0, 0, 0], 1);

    // Assert: rows 0..6 of column 2 are ink, column 4 of row 3 is not
    const ink = (x: number, y: number) => canvas.png.data[(y * 10 + x) * 4] === 0;
    expect([0, 1, 2, 3, 4, 5, 6].every((y) => ink(2, y))).toBe(true);
    expect(ink(4, 3)).toBe(false);
  });

  it('when text is measured then each glyph is 5 cells plus a 1-cell gap, times the scale', () => {
    expect(textWidth('2016', 2)).toBe((4 * 6 - 1) * 2);
    expect(textWidth('', 2)).toBe(0);
  });
});
