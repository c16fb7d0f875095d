import { addDays, isWeekend, kisDate, weekdayOf } from '../../../../domain/market';
import { ok, type ApiRequest, type ApiResult, type SimServices } from '../context';
import { padRight } from '../format';
import { parseDate } from './daily-chart';

const DAYS = 30;

/**
 * CTCA0903R (real only) — one row per calendar day from BASS_DT, from the shipped KRX calendar. A weekday
 * closure is not a trading, opening or settlement day (the year-end closure stays a business day);
 * wday_dvsn_cd 01 = Sunday … 07 = Saturday.
 */
export function checkHolidays(services: SimServices, request: ApiRequest): ApiResult {
  const start = parseDate(request.query.require('BASS_DT'), 'BASS_DT');
  const output: Array<Record<string, string>> = [];
  for (let i = 0; i < DAYS; i++) {
    const date = addDays(start, i);
    const open = services.calendar.isTradingDay(date);
    const yn = (value: boolean): string => (value ? 'Y' : 'N');
    output.push({
      bass_dt: kisDate(date),
      wday_dvsn_cd: String(weekdayOf(date) + 1).padStart(2, '0'),
      bzdy_yn: yn(open || (date.endsWith('-12-31') && !isWeekend(date))),
      tr_day_yn: yn(open),
      opnd_yn: yn(open),
      sttl_day_yn: yn(open),
    });
  }
  return ok({
    ctx_area_nk: padRight('', 20),
    ctx_area_fk: padRight('', 20),
    output,
    rt_cd: '0',
    msg_cd: 'KIOK0500',
    msg1: '조회가 완료되었습니다.',
  });
}
