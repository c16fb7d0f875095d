/**
 * Blackout windows: times in which nothing is sent to KIS for orders and no access token is issued (KIS
 * maintenance). Daily windows come from configuration as KST clock times and may cross midnight; ad-hoc
 * windows are absolute intervals a person adds. Pure: every instant is passed in.
 */
import { addDays, isKstDate, kstDate, kstInstant, kstParts } from './market';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const DAY_MS = DAY_MINUTES * MINUTE_MS;
export const MAX_BLACKOUT_REASON = 200;
export const MAX_ADHOC_BLACKOUTS = 20;

/** A window repeated every day, in KST minutes of the day; `toMinute < fromMinute` crosses midnight. */
export interface DailyBlackout {
  fromMinute: number;
  toMinute: number;
}

/** A window a person added for one occasion (a KIS notice of extended maintenance). */
export interface AdhocBlackout {
  id: number;
  from: Date;
  to: Date;
  reason: string;
  createdBy: string;
}

export interface BlackoutSchedule {
  daily: readonly DailyBlackout[];
  adhoc: readonly AdhocBlackout[];
}

/** One occurrence of a window: [from, to). */
export interface BlackoutInterval {
  from: Date;
  to: Date;
  kind: 'daily' | 'adhoc';
  /** `23:30-00:10` for a daily window, `#3` for an ad-hoc one. */
  label: string;
  reason: string | null;
}

/** The window(s) covering an instant; `until` is the end of the chain of windows that touch or overlap. */
export interface ActiveBlackout {
  from: Date;
  until: Date;
  windows: BlackoutInterval[];
}

export type BlackoutProblem =
  | { code: 'FORMAT'; input: string }
  | { code: 'EMPTY_WINDOW'; window: string }
  | { code: 'OVERLAP'; first: string; second: string }
  | { code: 'TOO_LONG'; window: string }
  | { code: 'END_NOT_AFTER_START' }
  | { code: 'IN_THE_PAST' }
  | { code: 'REASON_TOO_LONG'; max: number }
  | { code: 'TOO_MANY'; max: number }
  | { code: 'NOT_FOUND'; id: string };

export type BlackoutResult<T> = { ok: true; value: T } | { ok: false; problem: BlackoutProblem };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOf(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function dailyLabel(window: DailyBlackout): string {
  return `${hhmm(window.fromMinute)}-${hhmm(window.toMinute)}`;
}

function dailyLength(window: DailyBlackout): number {
  return (window.toMinute - window.fromMinute + DAY_MINUTES) % DAY_MINUTES;
}

/** Do two daily windows share a minute on the 24-hour clock? */
function dailyOverlap(a: DailyBlackout, b: DailyBlackout): boolean {
  const lengthA = dailyLength(a);
  const lengthB = dailyLength(b);
  return [-DAY_MINUTES, 0, DAY_MINUTES].some(
    (shift) => a.fromMinute < b.fromMinute + shift + lengthB && b.fromMinute + shift < a.fromMinute + lengthA,
  );
}

/**
 * `23:30-00:10,12:00-12:05` → daily windows. Empty or `none` means no window. A window of zero length (from =
 * to: it would mean all day or nothing), a malformed one or two that overlap are refused with the first problem.
 */
export function parseDailyBlackouts(text: string): BlackoutResult<DailyBlackout[]> {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'none') return { ok: true, value: [] };
  const windows: DailyBlackout[] = [];
  for (const part of trimmed.split(',').map((p) => p.trim())) {
    const [from = '', to = '', ...rest] = part.split('-').map((p) => p.trim());
    const fromMinute = minuteOf(from);
    const toMinute = minuteOf(to);
    if (rest.length > 0 || fromMinute === null || toMinute === null)
      return { ok: false, problem: { code: 'FORMAT', input: part } };
    const window = { fromMinute, toMinute };
    if (fromMinute === toMinute) return { ok: false, problem: { code: 'EMPTY_WINDOW', window: part } };
    const clash = windows.find((w) => dailyOverlap(w, window));
    if (clash)
      return {
        ok: false,
        problem: { code: 'OVERLAP', first: dailyLabel(clash), second: dailyLabel(window) },
      };
    windows.push(window);
  }
  return { ok: true, value: windows };
}

/** The occurrences of the daily windows that start from the KST day before `around` to two days after it. */
function dailyIntervals(daily: readonly DailyBlackout[], around: Date): BlackoutInterval[] {
  const today = kstDate(around);
  const intervals: BlackoutInterval[] = [];
  for (const date of [-1, 0, 1, 2].map((d) => addDays(today, d))) {
    for (const window of daily) {
      const from = kstInstant(date, Math.floor(window.fromMinute / 60), window.fromMinute % 60);
      intervals.push({
        from,
        to: new Date(from.getTime() + dailyLength(window) * MINUTE_MS),
        kind: 'daily',
        label: dailyLabel(window),
        reason: null,
      });
    }
  }
  return intervals;
}

function adhocIntervals(adhoc: readonly AdhocBlackout[]): BlackoutInterval[] {
  return adhoc.map((w) => ({ from: w.from, to: w.to, kind: 'adhoc', label: `#${w.id}`, reason: w.reason }));
}

function intervalsAround(schedule: BlackoutSchedule, at: Date): BlackoutInterval[] {
  return [...dailyIntervals(schedule.daily, at), ...adhocIntervals(schedule.adhoc)].sort(
    (a, b) => a.from.getTime() - b.from.getTime(),
  );
}

/** The blackout in force at `now`, or null. Windows that overlap or touch extend each other. */
export function activeBlackout(now: Date, schedule: BlackoutSchedule): ActiveBlackout | null {
  const intervals = intervalsAround(schedule, now);
  const t = now.getTime();
  const covering = intervals.filter((i) => i.from.getTime() <= t && t < i.to.getTime());
  if (covering.length === 0) return null;
  let until = Math.max(...covering.map((i) => i.to.getTime()));
  const windows = [...covering];
  for (let extended = true; extended;) {
    extended = false;
    for (const interval of intervals) {
      if (interval.from.getTime() <= until && interval.to.getTime() > until) {
        until = interval.to.getTime();
        windows.push(interval);
        extended = true;
      }
    }
  }
  const from = Math.min(...covering.map((i) => i.from.getTime()));
  return { from: new Date(from), until: new Date(until), windows };
}

/** The next window starting after `now` (within two days), for work that must finish before it. */
export function nextBlackout(now: Date, schedule: BlackoutSchedule): BlackoutInterval | null {
  const t = now.getTime();
  return intervalsAround(schedule, now).find((i) => i.from.getTime() > t) ?? null;
}

const MOMENT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/;

/** `2026-11-28 22:00`, `2026-11-28T22:00` or `22:00` (today, KST) → an instant; anything else is null. */
export function parseKstMoment(text: string, now: Date): Date | null {
  const trimmed = text.trim();
  const full = MOMENT.exec(trimmed);
  const date = full ? full[1]! : kstDate(now);
  const time = full ? full[2]! : trimmed;
  const minute = minuteOf(time);
  if (minute === null || !isKstDate(date)) return null;
  return kstInstant(date, Math.floor(minute / 60), minute % 60);
}

export interface AdhocBlackoutInput {
  from: string;
  to: string;
  reason?: string;
}

/**
 * Checks a window a person asked for. `to` given as a bare time is the first such time after `from` (so
 * `23:00`–`01:00` crosses midnight). Refused: a malformed time, an end not after the start, more than 24 hours,
 * an end already past, an overlap with another ad-hoc window, an over-long reason, too many windows.
 */
export function validateAdhocBlackout(
  input: AdhocBlackoutInput,
  existing: readonly AdhocBlackout[],
  now: Date,
): BlackoutResult<{ from: Date; to: Date; reason: string }> {
  const from = parseKstMoment(input.from, now);
  if (from === null) return { ok: false, problem: { code: 'FORMAT', input: input.from.slice(0, 40) } };
  let to = parseKstMoment(input.to, from);
  if (to === null) return { ok: false, problem: { code: 'FORMAT', input: input.to.slice(0, 40) } };
  if (!MOMENT.test(input.to.trim()) && to.getTime() <= from.getTime()) to = new Date(to.getTime() + DAY_MS);
  if (to.getTime() <= from.getTime()) return { ok: false, problem: { code: 'END_NOT_AFTER_START' } };
  if (to.getTime() - from.getTime() > DAY_MS)
    return { ok: false, problem: { code: 'TOO_LONG', window: `${input.from.trim()} ~ ${input.to.trim()}` } };
  if (to.getTime() <= now.getTime()) return { ok: false, problem: { code: 'IN_THE_PAST' } };
  // Control characters would break the card and the terminal; the reason is shown as plain text.
  const reason = (input.reason ?? '').replace(/\p{Cc}/gu, ' ').trim();
  if (reason.length > MAX_BLACKOUT_REASON)
    return { ok: false, problem: { code: 'REASON_TOO_LONG', max: MAX_BLACKOUT_REASON } };
  const upcoming = existing.filter((w) => w.to.getTime() > now.getTime());
  const clash = upcoming.find((w) => from.getTime() < w.to.getTime() && w.from.getTime() < to.getTime());
  if (clash)
    return {
      ok: false,
      problem: {
        code: 'OVERLAP',
        first: `#${clash.id}`,
        second: `${input.from.trim()} ~ ${input.to.trim()}`,
      },
    };
  if (upcoming.length >= MAX_ADHOC_BLACKOUTS)
    return { ok: false, problem: { code: 'TOO_MANY', max: MAX_ADHOC_BLACKOUTS } };
  return { ok: true, value: { from, to, reason } };
}

const DATE_TOKEN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Splits `/blackout add` text into from, to and reason: a moment is `YYYY-MM-DD HH:MM` (two words),
 * `YYYY-MM-DDTHH:MM` or `HH:MM`. Null when there are not two moments.
 */
export function splitBlackoutArguments(text: string): AdhocBlackoutInput | null {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const moments: string[] = [];
  let i = 0;
  while (moments.length < 2 && i < words.length) {
    const word = words[i]!;
    if (DATE_TOKEN.test(word) && words[i + 1] !== undefined && HHMM.test(words[i + 1]!)) {
      moments.push(`${word} ${words[i + 1]}`);
      i += 2;
    } else {
      moments.push(word);
      i += 1;
    }
  }
  if (moments.length < 2) return null;
  const reason = words.slice(i).join(' ');
  return { from: moments[0]!, to: moments[1]!, ...(reason ? { reason } : {}) };
}

/** `11-28 22:00` in KST, for short lists. */
export function kstShort(instant: Date): string {
  const p = kstParts(instant);
  return `${p.date.slice(5)} ${hhmm(p.hour * 60 + p.minute)}`;
}
