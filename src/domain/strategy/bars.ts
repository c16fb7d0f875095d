import type { KstDate } from '../market';
import type { DailyBar } from '../ports';

/**
 * Index of the last bar dated strictly before `decisionDate`, or -1 if there is none. The 08:00 KST run on
 * day D may only use bars that closed before D, so the bar of D itself is never visible, even if a caller
 * passes it. Bars must be ascending by date; binary search, so callers can pass whole series without slicing.
 */
export function lastBarIndexBefore(bars: readonly DailyBar[], decisionDate: KstDate): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bars[mid]!.date < decisionDate) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The bars a decision on `decisionDate` may see (a copy; for callers that want an array, not an index). */
export function barsAvailableAt(bars: readonly DailyBar[], decisionDate: KstDate): DailyBar[] {
  return bars.slice(0, lastBarIndexBefore(bars, decisionDate) + 1);
}
