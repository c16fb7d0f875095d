import { addDays, isWeekend, TradingCalendar, type ClosedDay, type KstDate } from '../domain/market';

/**
 * The same calendar with its trading days listed once, so the day-by-day questions a backtest asks thousands
 * of times (previous trading day, first of the month) are array look-ups instead of date arithmetic. Answers
 * are identical to the parent's: the list is built from it.
 */
class IndexedTradingCalendar extends TradingCalendar {
  private readonly days: KstDate[] = [];
  private readonly firstOfMonth = new Set<KstDate>();

  constructor(closedDays: readonly ClosedDay[], coverage: { from: KstDate; to: KstDate }) {
    super(closedDays, coverage);
    for (let d = coverage.from; d <= coverage.to; d = addDays(d, 1)) {
      if (!super.isTradingDay(d)) continue;
      const previous = this.days[this.days.length - 1];
      if (!previous || previous.slice(0, 7) !== d.slice(0, 7)) this.firstOfMonth.add(d);
      this.days.push(d);
    }
  }

  /** Index of the first listed trading day ≥ date. */
  private lowerBound(date: KstDate): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.days[mid]! < date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  override isTradingDay(date: KstDate): boolean {
    if (!this.isCovered(date)) return super.isTradingDay(date);
    return this.days[this.lowerBound(date)] === date;
  }

  override previousTradingDay(date: KstDate): KstDate {
    const i = this.lowerBound(date) - 1;
    return this.isCovered(date) && i >= 0 ? this.days[i]! : super.previousTradingDay(date);
  }

  override nextTradingDay(date: KstDate): KstDate {
    const i = this.lowerBound(addDays(date, 1));
    return this.isCovered(date) && i < this.days.length ? this.days[i]! : super.nextTradingDay(date);
  }

  override isFirstTradingDayOfMonth(date: KstDate): boolean {
    // The first listed month may have started before the coverage: only trust months that begin inside it.
    if (!this.isCovered(date) || date.slice(0, 7) === this.coverage.from.slice(0, 7))
      return super.isFirstTradingDayOfMonth(date);
    return this.firstOfMonth.has(date);
  }

  override tradingDaysBetween(from: KstDate, to: KstDate): KstDate[] {
    if (!this.isCovered(from) || !this.isCovered(to)) return super.tradingDaysBetween(from, to);
    return this.days.slice(this.lowerBound(from), this.lowerBound(addDays(to, 1)));
  }
}

/**
 * The official calendar where it has data (2014–2026), extended with the dates present in the price data
 * outside that range: a weekday with no price row there counts as closed.
 */
export function backtestCalendar(
  official: TradingCalendar,
  dataDates: ReadonlySet<KstDate>,
): TradingCalendar {
  const sorted = [...dataDates].sort();
  const first = sorted[0] ?? official.coverage.from;
  const last = sorted[sorted.length - 1] ?? official.coverage.to;
  const from = first < official.coverage.from ? first : official.coverage.from;
  const to = last > official.coverage.to ? last : official.coverage.to;
  const closed: ClosedDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (isWeekend(d)) continue;
    if (official.isCovered(d)) {
      const reason = official.closedReason(d);
      if (reason !== undefined) closed.push({ date: d, reason });
    } else if (!dataDates.has(d)) {
      closed.push({ date: d, reason: 'no price data' });
    }
  }
  return new IndexedTradingCalendar(closed, { from, to });
}
