import type { KstDate } from '../../../../domain/market';
import type { SimBar } from '../../market/daily-history';

export type Period = 'D' | 'W' | 'M' | 'Y';

export function parsePeriod(value: string | undefined): Period | undefined {
  const v = (value ?? 'D').toUpperCase();
  return v === 'D' || v === 'W' || v === 'M' || v === 'Y' ? v : undefined;
}

/** Monday of the date's week, used to group daily bars into weeks. */
function weekKey(date: KstDate): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

function periodKey(date: KstDate, period: Period): string {
  switch (period) {
    case 'D':
      return date;
    case 'W':
      return weekKey(date);
    case 'M':
      return date.slice(0, 7);
    case 'Y':
      return date.slice(0, 4);
  }
}

/**
 * Daily bars (ascending) folded into weeks, months or years. A period's bar carries the date of its last
 * trading day in the input.
 */
export function aggregateBars(daily: readonly SimBar[], period: Period): SimBar[] {
  if (period === 'D') return [...daily];
  const out: SimBar[] = [];
  let currentKey = '';
  for (const bar of daily) {
    const key = periodKey(bar.date, period);
    const last = out[out.length - 1];
    if (last && key === currentKey) {
      last.high = Math.max(last.high, bar.high);
      last.low = Math.min(last.low, bar.low);
      last.close = bar.close;
      last.volume += bar.volume;
      last.date = bar.date;
    } else {
      out.push({ ...bar });
      currentKey = key;
    }
  }
  return out;
}
