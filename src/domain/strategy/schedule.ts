/**
 * When the strategy plans: the (offset + 1)-th trading day of each month (offset 0 = the first trading day),
 * or the month's last trading day when the month has fewer. The live cycle and the backtester both ask here,
 * so a rebalance-day offset moves both. The days between one plan day and the next carry the plan over.
 */
import { addDays, type KstDate, type TradingCalendar } from '../market';

/** The plan day of the month `date` falls in. */
export function planDayOfMonth(date: KstDate, calendar: TradingCalendar, offset: number): KstDate {
  const month = date.slice(0, 7);
  let day = calendar.firstTradingDayOfMonth(date);
  for (let i = 0; i < offset; i++) {
    const next = calendar.nextTradingDay(day);
    if (next.slice(0, 7) !== month) break;
    day = next;
  }
  return day;
}

export function isPlanDay(date: KstDate, calendar: TradingCalendar, offset: number): boolean {
  if (offset === 0) return calendar.isFirstTradingDayOfMonth(date);
  return calendar.isTradingDay(date) && planDayOfMonth(date, calendar, offset) === date;
}

/** The latest plan day on or before `date` (this month's, or last month's when this month's is still ahead). */
export function planDayOnOrBefore(date: KstDate, calendar: TradingCalendar, offset: number): KstDate {
  const thisMonth = planDayOfMonth(date, calendar, offset);
  if (thisMonth <= date) return thisMonth;
  return planDayOfMonth(addDays(`${date.slice(0, 7)}-01`, -1), calendar, offset);
}

/** The first plan day after `date`. */
export function nextPlanDay(date: KstDate, calendar: TradingCalendar, offset: number): KstDate {
  const thisMonth = planDayOfMonth(date, calendar, offset);
  if (thisMonth > date) return thisMonth;
  const [year, month] = date.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return planDayOfMonth(next, calendar, offset);
}
