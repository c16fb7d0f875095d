/**
 * The approval scorecard, pure: what a person's decision on an intent or a plan leg did in KRW against the
 * alternative, 1, 5 and 20 trading days later.
 *
 * The alternative (the baseline) is what would have happened without the person:
 *   - a daily-plan leg (source `cycle`): the strategy's plan, i.e. the leg executed as planned;
 *   - an assistant or monitor proposal (`chat`, `monitor`): doing nothing.
 * So approving a plan leg and rejecting a proposal match their baseline (0 KRW); rejecting or letting a plan
 * leg expire, approving a proposal, and cancelling an approved order change the book. `exposure` is the
 * number of shares the decision added to (+) or removed from (−) the book relative to the baseline; the
 * effect after h trading days is exposure × (close on day h − the reference price at the decision).
 * Integer KRW; fees are left out (they are the same order of size as a tick and would blur the sign).
 */
import type { IntentSource } from './order';
import type { Side } from './ports';
import { addDays, isKstDate, weekdayOf, type KstDate, type TradingCalendar } from './market';

export const DECISIONS = ['APPROVED', 'REJECTED', 'EXPIRED', 'CANCELLED'] as const;
export type Decision = (typeof DECISIONS)[number];

export type Baseline = 'plan' | 'nothing';

export const HORIZONS = [1, 5, 20] as const;
export type Horizon = (typeof HORIZONS)[number];

export function baselineOf(source: IntentSource): Baseline {
  return source === 'cycle' ? 'plan' : 'nothing';
}

/**
 * Shares the decision moved the book by, against its baseline. `quantity` is the intent's quantity, or for a
 * cancellation the part of the order the cancel left unfilled.
 */
export function exposureOf(decision: Decision, baseline: Baseline, side: Side, quantity: number): number {
  const direction = side === 'BUY' ? 1 : -1;
  switch (decision) {
    case 'APPROVED':
      return baseline === 'plan' ? 0 : direction * quantity;
    case 'REJECTED':
    case 'EXPIRED':
      return baseline === 'plan' ? -direction * quantity : 0;
    case 'CANCELLED':
      // The cancelled order (the plan's leg or an approved proposal) is this decision's alternative.
      return -direction * quantity;
  }
}

/** KRW the decision made (+) or cost (−) against its baseline once the close is known. */
export function effectOf(exposure: number, referencePrice: number, close: number): number {
  return exposure * (close - referencePrice);
}

/** The 1st, 5th and 20th trading day after the decision's KST date (the calendar's data decides). */
export function horizonDates(calendar: TradingCalendar, decidedOn: KstDate): Record<Horizon, KstDate> {
  const out = {} as Record<Horizon, KstDate>;
  let day = decidedOn;
  for (let n = 1; n <= HORIZONS[HORIZONS.length - 1]!; n++) {
    day = calendar.nextTradingDay(day);
    if ((HORIZONS as readonly number[]).includes(n)) out[n as Horizon] = day;
  }
  return out;
}

export interface ScoredDecision {
  /** Who decided; null when the card expired without anyone deciding. */
  person: string | null;
  decidedOn: KstDate;
  /** Effect per horizon; null until that day's close is known. */
  effects: Record<Horizon, number | null>;
}

export interface HorizonScore {
  /** Decisions whose close for this horizon is known. */
  scored: number;
  helped: number;
  hurt: number;
  neutral: number;
  net: number;
}

export interface ScoreLine {
  decisions: number;
  horizons: Record<Horizon, HorizonScore>;
}

export interface Scorecard {
  overall: ScoreLine;
  /** Per person (null: expired, nobody decided), most decisions first. */
  people: { person: string | null; line: ScoreLine }[];
}

function emptyLine(): ScoreLine {
  const horizons = {} as Record<Horizon, HorizonScore>;
  for (const h of HORIZONS) horizons[h] = { scored: 0, helped: 0, hurt: 0, neutral: 0, net: 0 };
  return { decisions: 0, horizons };
}

function add(line: ScoreLine, decision: ScoredDecision): void {
  line.decisions += 1;
  for (const h of HORIZONS) {
    const effect = decision.effects[h];
    if (effect === null) continue;
    const score = line.horizons[h];
    score.scored += 1;
    score.net += effect;
    if (effect > 0) score.helped += 1;
    else if (effect < 0) score.hurt += 1;
    else score.neutral += 1;
  }
}

export function buildScorecard(decisions: readonly ScoredDecision[]): Scorecard {
  const overall = emptyLine();
  const people = new Map<string | null, ScoreLine>();
  for (const d of decisions) {
    add(overall, d);
    let line = people.get(d.person);
    if (!line) people.set(d.person, (line = emptyLine()));
    add(line, d);
  }
  return {
    overall,
    people: [...people.entries()]
      .map(([person, line]) => ({ person, line }))
      .sort(
        (a, b) =>
          b.line.decisions - a.line.decisions ||
          (a.person === null ? 1 : 0) - (b.person === null ? 1 : 0) ||
          String(a.person).localeCompare(String(b.person)),
      ),
  };
}

/** A date range of decisions (KST dates, inclusive) and how it was asked for. */
export interface DatePeriod {
  kind: 'day' | 'week' | 'month' | 'year' | 'all' | 'range';
  from: KstDate;
  to: KstDate;
  label: string;
}

const ALIASES: Record<string, DatePeriod['kind']> = {
  day: 'day',
  today: 'day',
  일: 'day',
  오늘: 'day',
  week: 'week',
  주: 'week',
  이번주: 'week',
  month: 'month',
  월: 'month',
  이번달: 'month',
  year: 'year',
  년: 'year',
  올해: 'year',
  all: 'all',
  전체: 'all',
};

function lastDayOfMonth(year: number, month: number): KstDate {
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/**
 * Reads a period: `day | week | month | year | all` (or 일 / 주 / 월 / 년 / 전체) ending today, a month
 * `YYYY-MM`, or a year `YYYY`. `week` is Monday to today; `month` and `year` are to date. Null when unreadable.
 * `allowed` limits the kinds (P&L has no `all`).
 */
export function parsePeriod(
  input: string | null | undefined,
  today: KstDate,
  fallback: DatePeriod['kind'],
  allowed: readonly DatePeriod['kind'][] = ['day', 'week', 'month', 'year', 'all', 'range'],
): DatePeriod | null {
  const text = (input ?? '').trim().toLowerCase().replace(/\s+/g, '');
  const kind = text === '' ? fallback : ALIASES[text];
  if (kind) {
    if (!allowed.includes(kind)) return null;
    switch (kind) {
      case 'day':
        return { kind, from: today, to: today, label: today };
      case 'week': {
        const from = addDays(today, -((weekdayOf(today) + 6) % 7));
        return { kind, from, to: today, label: `${from}..${today}` };
      }
      case 'month':
        return { kind, from: `${today.slice(0, 7)}-01`, to: today, label: today.slice(0, 7) };
      case 'year':
        return { kind, from: `${today.slice(0, 4)}-01-01`, to: today, label: today.slice(0, 4) };
      case 'all':
        return { kind, from: '1970-01-01', to: today, label: 'all' };
      default:
        return null;
    }
  }
  if (!allowed.includes('range')) return null;
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    if (m < 1 || m > 12 || !isKstDate(`${text}-01`)) return null;
    return { kind: 'range', from: `${text}-01`, to: lastDayOfMonth(year, m), label: text };
  }
  if (/^\d{4}$/.test(text) && Number(text) >= 1990 && Number(text) <= 2100)
    return { kind: 'range', from: `${text}-01-01`, to: `${text}-12-31`, label: text };
  return null;
}
