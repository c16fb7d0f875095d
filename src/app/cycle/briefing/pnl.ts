import type { NavSnapshotRecord } from '../../trading-store';

export interface PnlFigures {
  /** The last session: last close − the close before it. */
  day: number | null;
  /** NAV now − the last close before the month (or the month's first start-of-day NAV for a new account). */
  mtd: number | null;
  ytd: number | null;
}

/**
 * P&L from the stored NAV snapshots. `closes` and `starts` are the close and start-of-day snapshots dated
 * before or on `tradeDate`, ascending.
 */
export function pnlFigures(
  tradeDate: string,
  nav: number | null,
  closes: readonly NavSnapshotRecord[],
  starts: readonly NavSnapshotRecord[],
): PnlFigures {
  const before = closes.filter((c) => c.tradeDate < tradeDate);
  const last = before[before.length - 1];
  const previous = before[before.length - 2];
  const since = (periodStart: string): number | null => {
    if (nav === null) return null;
    const base =
      [...before].reverse().find((c) => c.tradeDate < periodStart) ??
      starts.find((s) => s.tradeDate >= periodStart && s.tradeDate <= tradeDate);
    return base ? nav - base.nav : null;
  };
  return {
    day: last && previous ? last.nav - previous.nav : null,
    mtd: since(`${tradeDate.slice(0, 7)}-01`),
    ytd: since(`${tradeDate.slice(0, 4)}-01-01`),
  };
}
