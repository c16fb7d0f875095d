/**
 * Rolling walk-forward over the grid's daily NAV series (every run covers the whole period, so a window is a
 * slice): for each out-of-sample window, the configuration with the best in-sample return over the preceding
 * `inSampleMonths` is chosen, and its return over the window is what the procedure earns. The windows chain
 * into one out-of-sample equity curve. Switching configuration at a window boundary is taken as free (the
 * runs are continuous; the switch's trades are not modelled) — the report says so.
 */
import type { KstDate } from '../../domain/market';

export interface WalkForwardWindow {
  inSample: { from: KstDate; to: KstDate };
  outOfSample: { from: KstDate; to: KstDate };
  /** Index of the chosen run in the series given. */
  chosen: number;
  inSampleReturn: number;
  outOfSampleReturn: number;
}

export interface WalkForwardResult {
  windows: WalkForwardWindow[];
  /** The chained out-of-sample NAV from the first window's start, starting at `capital`. */
  equity: { date: KstDate; nav: number }[];
  cagr: number;
  from: KstDate | null;
  to: KstDate | null;
}

/** YYYY-MM-01 of the month `months` after the month of `date`. */
export function addMonths(date: KstDate, months: number): KstDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** Index of the first day ≥ date (days.length if none). */
export function indexAtOrAfter(days: readonly KstDate[], date: KstDate): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** NAV growth over days [a, b): from the close before day a (the capital for a = 0) to the close of day b − 1. */
export function periodReturn(nav: readonly number[], capital: number, a: number, b: number): number {
  if (b <= a) return 0;
  const start = a === 0 ? capital : nav[a - 1]!;
  return start > 0 ? nav[b - 1]! / start - 1 : 0;
}

/** Calendar years between two dates, inclusive of both (as the metrics count them). */
export function yearsBetween(from: KstDate, to: KstDate): number {
  return ((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1) / 365.25;
}

export const cagrOf = (growth: number, years: number): number =>
  years > 0 && growth > -1 ? Math.pow(1 + growth, 1 / years) - 1 : -1;

export function walkForward(
  days: readonly KstDate[],
  navs: readonly (readonly number[])[],
  capital: number,
  options: { inSampleMonths: number; outOfSampleMonths: number },
): WalkForwardResult {
  const windows: WalkForwardWindow[] = [];
  const equity: { date: KstDate; nav: number }[] = [];
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last || navs.length === 0) return { windows, equity, cagr: 0, from: null, to: null };
  let value = capital;
  for (let start = addMonths(first, options.inSampleMonths); start <= last;) {
    const end = addMonths(start, options.outOfSampleMonths);
    const isFrom = addMonths(start, -options.inSampleMonths);
    const i0 = indexAtOrAfter(days, isFrom);
    const a = indexAtOrAfter(days, start);
    const b = indexAtOrAfter(days, end);
    if (a >= b) break;
    let chosen = 0;
    let best = -Infinity;
    navs.forEach((nav, k) => {
      const r = periodReturn(nav, capital, i0, a);
      if (r > best) {
        best = r;
        chosen = k;
      }
    });
    const nav = navs[chosen]!;
    const base = a === 0 ? capital : nav[a - 1]!;
    const startValue = value;
    for (let i = a; i < b; i++) equity.push({ date: days[i]!, nav: (startValue * nav[i]!) / base });
    value = equity[equity.length - 1]!.nav;
    windows.push({
      inSample: { from: days[i0]!, to: days[a - 1]! },
      outOfSample: { from: days[a]!, to: days[b - 1]! },
      chosen,
      inSampleReturn: best,
      outOfSampleReturn: periodReturn(nav, capital, a, b),
    });
    start = end;
  }
  const from = equity[0]?.date ?? null;
  const to = equity[equity.length - 1]?.date ?? null;
  const cagr = from && to ? cagrOf(value / capital - 1, yearsBetween(from, to)) : 0;
  return { windows, equity, cagr, from, to };
}

/**
 * Per parameter, the value chosen in most windows (among equals, the one chosen most recently): more stable
 * than the single most-chosen run when the choices spread over neighbouring configurations.
 */
export function majorityParams<P extends object>(
  windows: readonly WalkForwardWindow[],
  runs: readonly P[],
): P | null {
  if (windows.length === 0) return null;
  const latest = runs[windows[windows.length - 1]!.chosen]!;
  const out = { ...latest };
  for (const key of Object.keys(latest) as (keyof P)[]) {
    const counts = new Map<string, { n: number; last: number; value: P[keyof P] }>();
    windows.forEach((w, i) => {
      const value = runs[w.chosen]![key];
      const k = JSON.stringify(value);
      counts.set(k, { n: (counts.get(k)?.n ?? 0) + 1, last: i, value });
    });
    const best = [...counts.values()].sort((a, b) => b.n - a.n || b.last - a.last)[0]!;
    out[key] = best.value;
  }
  return out;
}

/** The run chosen in most windows; among equals, the one chosen most recently. */
export function mostChosen(windows: readonly WalkForwardWindow[]): number | null {
  const counts = new Map<number, number>();
  for (const w of windows) counts.set(w.chosen, (counts.get(w.chosen) ?? 0) + 1);
  let best: number | null = null;
  for (const w of [...windows].reverse()) {
    if (best === null || counts.get(w.chosen)! > counts.get(best)!) best = w.chosen;
  }
  return best;
}
