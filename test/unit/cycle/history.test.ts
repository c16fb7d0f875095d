import { describe, expect, it } from 'vitest';
import { calendarDaysFor, dateSpans, fetchDailyHistory, SPAN_DAYS } from '../../../src/app/cycle/history';
import { addDays, isWeekend } from '../../../src/domain/market';
import type { DailyBar } from '../../../src/domain/ports';

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

describe('fetching ≈ 13 months of daily bars', () => {
  it('when a range is split then the spans cover it exactly, in order, each short enough for one KIS call', () => {
    // Arrange
    const from = '2025-09-01';
    const to = '2026-09-30';

    // Act
    const spans = dateSpans(from, to);

    // Assert
    expect(spans[0]!.from).toBe(from);
    expect(spans[spans.length - 1]!.to).toBe(to);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBe(addDays(spans[i - 1]!.to, 1));
    for (const span of spans) {
      expect(daysBetween(span.from, span.to)).toBeLessThanOrEqual(SPAN_DAYS);
      let weekdays = 0;
      for (let d = span.from; d <= span.to; d = addDays(d, 1)) if (!isWeekend(d)) weekdays++;
      expect(weekdays).toBeLessThan(100);
    }
  });

  it('when 253 bars are needed then the calendar window holds them with room for holidays', () => {
    // Act
    const days = calendarDaysFor(253);

    // Assert: 253 trading days need ≈ 354 calendar days plus ≈ 15 weekday holidays a year
    expect(days).toBeGreaterThanOrEqual(354 + 15);
  });

  it('when spans are fetched then all requests go out at once and the bars come back merged, ascending and unique', async () => {
    // Arrange
    const asked: { from: string; to: string }[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const broker = {
      async getDailyBars(_ticker: string, from: string, to: string): Promise<DailyBar[]> {
        asked.push({ from, to });
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        // Each answer repeats the bar before its span (as a sloppy server might) and returns newest first.
        const bars: DailyBar[] = [];
        for (let d = addDays(from, -1); d <= to; d = addDays(d, 1))
          if (!isWeekend(d)) bars.push({ date: d, open: 1, high: 1, low: 1, close: 1, volume: 1 });
        return bars.reverse();
      },
    };

    // Act
    const bars = await fetchDailyHistory(broker, '069500', '2026-01-01', '2026-09-30');

    // Assert
    expect(maxInFlight).toBe(asked.length);
    expect(asked.length).toBe(dateSpans('2026-01-01', '2026-09-30').length);
    const dates = bars.map((b) => b.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    expect(dates[0]).toBe('2026-01-01');
    expect(dates[dates.length - 1]).toBe('2026-09-30');
  });
});
