import { kstInstant, type KstDate } from '../domain/market';

/** Whole calendar days from a to b (b − a). */
export function calendarDaysBetween(a: KstDate, b: KstDate): number {
  return Math.round((kstInstant(b, 12).getTime() - kstInstant(a, 12).getTime()) / 86_400_000);
}
