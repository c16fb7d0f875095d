import { addDays, type KstDate } from '../../domain/market';
import type { Broker, DailyBar } from '../../domain/ports';

/**
 * KIS answers at most 100 daily bars per call and pages backwards, so one long range is a chain of dependent
 * requests. A span of this many calendar days holds at most 97 weekdays, i.e. one call, so the spans can be
 * asked for at once and the rate limiter, not the chain, sets the pace.
 */
export const SPAN_DAYS = 130;

/** Calendar days that hold `bars` trading days with room for KRX holidays (≈ 15 weekdays a year). */
export function calendarDaysFor(bars: number): number {
  return Math.ceil((bars * 7) / 5) + 30;
}

/** Splits [from, to] into consecutive spans of at most `spanDays` calendar days, oldest first. */
export function dateSpans(
  from: KstDate,
  to: KstDate,
  spanDays = SPAN_DAYS,
): { from: KstDate; to: KstDate }[] {
  const spans: { from: KstDate; to: KstDate }[] = [];
  for (let start = from; start <= to; start = addDays(start, spanDays)) {
    const end = addDays(start, spanDays - 1);
    spans.push({ from: start, to: end < to ? end : to });
  }
  return spans;
}

/** Daily bars of [from, to], ascending and one per date, fetched span by span in parallel. */
export async function fetchDailyHistory(
  broker: Pick<Broker, 'getDailyBars'>,
  ticker: string,
  from: KstDate,
  to: KstDate,
): Promise<DailyBar[]> {
  const parts = await Promise.all(
    dateSpans(from, to).map((span) => broker.getDailyBars(ticker, span.from, span.to)),
  );
  const byDate = new Map<KstDate, DailyBar>();
  for (const bar of parts.flat()) if (bar.date >= from && bar.date <= to) byDate.set(bar.date, bar);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
