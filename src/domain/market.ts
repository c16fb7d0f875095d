/**
 * KRX market rules: KST wall-clock helpers, the trading calendar (closed days come from data) and the
 * trading sessions of a day. Pure: callers pass instants from a Clock and the closed-day list from a loader.
 */

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** A calendar date in KST, 'YYYY-MM-DD'. */
export type KstDate = string;

export interface KstParts {
  date: KstDate;
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** minutes since 00:00 KST */
  minuteOfDay: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function kstParts(instant: Date): KstParts {
  const shifted = new Date(instant.getTime() + KST_OFFSET_MS);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  const day = shifted.getUTCDate();
  const hour = shifted.getUTCHours();
  const minute = shifted.getUTCMinutes();
  return {
    date: `${year}-${pad(month)}-${pad(day)}`,
    year,
    month,
    day,
    hour,
    minute,
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
    minuteOfDay: hour * 60 + minute,
  };
}

export function kstDate(instant: Date): KstDate {
  return kstParts(instant).date;
}

/** 'YYYYMMDD' as KIS uses it. */
export function kisDate(date: KstDate): string {
  return date.replaceAll('-', '');
}

export function fromKisDate(yyyymmdd: string): KstDate {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** 'HHMMSS' in KST as KIS uses it. */
export function kisTime(instant: Date): string {
  const p = kstParts(instant);
  return `${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isKstDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** The instant of a KST wall-clock time on a KST date, e.g. kstInstant('2026-01-02', 10, 0). */
export function kstInstant(date: KstDate, hour = 0, minute = 0, second = 0): Date {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, minute, second) - KST_OFFSET_MS,
  );
}

export function addDays(date: KstDate, days: number): KstDate {
  const t = kstInstant(date, 12).getTime() + days * 86_400_000;
  return kstDate(new Date(t));
}

export function weekdayOf(date: KstDate): number {
  return kstParts(kstInstant(date, 12)).weekday;
}

export function isWeekend(date: KstDate): boolean {
  const wd = weekdayOf(date);
  return wd === 0 || wd === 6;
}

export interface ClosedDay {
  date: KstDate;
  reason: string;
}

/**
 * The KRX calendar. Weekdays listed as closed and every weekend are non-trading days. Outside the data's
 * coverage, weekdays are *assumed* open and `isCovered` says so, so callers can warn or ask KIS chk-holiday.
 */
export class TradingCalendar {
  private readonly closed: Map<KstDate, string>;
  /** Per-date and per-year answers are cached: the guard asks the same questions thousands of times a second. */
  private readonly reasonCache = new Map<KstDate, string | null>();
  private readonly firstDayCache = new Map<number, KstDate>();

  constructor(
    closedDays: readonly ClosedDay[],
    readonly coverage: { from: KstDate; to: KstDate },
  ) {
    this.closed = new Map(closedDays.map((d) => [d.date, d.reason]));
  }

  /** Dates beyond the data that the broker has answered for (KIS chk-holiday). */
  private readonly observed = new Set<KstDate>();

  isCovered(date: KstDate): boolean {
    return (date >= this.coverage.from && date <= this.coverage.to) || this.observed.has(date);
  }

  /**
   * Learns a date beyond the data from an authoritative source (KIS chk-holiday): a temporary holiday or a
   * next year's closed day is then honoured by the guard, the scheduler and the session rules alike.
   */
  recordObserved(date: KstDate, open: boolean, reason: string): void {
    if (this.isCovered(date) && !this.observed.has(date)) return; // the shipped data wins
    this.observed.add(date);
    if (open) this.closed.delete(date);
    else this.closed.set(date, reason);
    this.reasonCache.delete(date);
    this.firstDayCache.delete(Number(date.slice(0, 4)));
  }

  closedReason(date: KstDate): string | undefined {
    let reason = this.reasonCache.get(date);
    if (reason === undefined) {
      reason = isWeekend(date) ? 'weekend' : (this.closed.get(date) ?? null);
      if (this.reasonCache.size > 20_000) this.reasonCache.clear();
      this.reasonCache.set(date, reason);
    }
    return reason ?? undefined;
  }

  isTradingDay(date: KstDate): boolean {
    return this.closedReason(date) === undefined;
  }

  nextTradingDay(date: KstDate): KstDate {
    let d = addDays(date, 1);
    while (!this.isTradingDay(d)) d = addDays(d, 1);
    return d;
  }

  previousTradingDay(date: KstDate): KstDate {
    let d = addDays(date, -1);
    while (!this.isTradingDay(d)) d = addDays(d, -1);
    return d;
  }

  /** The first trading day of the date's year: on it KRX opens at 10:00 instead of 09:00. */
  firstTradingDayOfYear(year: number): KstDate {
    const cached = this.firstDayCache.get(year);
    if (cached) return cached;
    let d = `${year}-01-01`;
    while (!this.isTradingDay(d)) d = addDays(d, 1);
    this.firstDayCache.set(year, d);
    return d;
  }

  isFirstTradingDayOfYear(date: KstDate): boolean {
    return this.isTradingDay(date) && this.firstTradingDayOfYear(Number(date.slice(0, 4))) === date;
  }

  firstTradingDayOfMonth(date: KstDate): KstDate {
    let d = `${date.slice(0, 7)}-01`;
    while (!this.isTradingDay(d)) d = addDays(d, 1);
    return d;
  }

  isFirstTradingDayOfMonth(date: KstDate): boolean {
    return this.isTradingDay(date) && this.firstTradingDayOfMonth(date) === date;
  }

  /** Trading days in [from, to], ascending. */
  tradingDaysBetween(from: KstDate, to: KstDate): KstDate[] {
    const out: KstDate[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) if (this.isTradingDay(d)) out.push(d);
    return out;
  }
}

/** Parses the closed-days data file: `date,reason` rows plus a `# coverage,FROM..TO` line. */
export function parseClosedDaysCsv(text: string): TradingCalendar {
  const days: ClosedDay[] = [];
  let coverage: { from: KstDate; to: KstDate } | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('date,')) continue;
    if (line.startsWith('#')) {
      const m = /^#\s*coverage,(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})/.exec(line);
      if (m) coverage = { from: m[1]!, to: m[2]! };
      continue;
    }
    const comma = line.indexOf(',');
    const date = comma === -1 ? line : line.slice(0, comma);
    if (!isKstDate(date)) throw new Error(`closed-days data: bad date "${date}"`);
    days.push({ date, reason: comma === -1 ? '' : line.slice(comma + 1) });
  }
  if (!coverage) throw new Error('closed-days data: missing "# coverage,FROM..TO" line');
  return new TradingCalendar(days, coverage);
}

/** What the exchange is doing at a moment. Phases do not overlap; the pre-market off-hours window is a flag. */
export type MarketPhase =
  | 'CLOSED_DAY' // weekend or holiday
  | 'BEFORE_OPEN' // trading day, before the first order window
  | 'OPENING_AUCTION' // orders collected, single price at the open
  | 'CONTINUOUS'
  | 'CLOSING_AUCTION' // 15:20–15:30, single price at 15:30
  | 'POST_CLOSE_BREAK' // 15:30–15:40
  | 'POST_MARKET_OFF_HOURS' // 15:40–16:00, at today's close (ORD_DVSN 06)
  | 'AFTER_HOURS_SINGLE' // 16:00–18:00, single price every 10 min (ORD_DVSN 07)
  | 'AFTER_CLOSE';

export interface MarketSession {
  date: KstDate;
  phase: MarketPhase;
  /** 08:30–08:40 on normal days: pre-market off-hours at the previous close (ORD_DVSN 05). */
  preMarketOffHours: boolean;
  /** Minute of day (KST) of the regular open: 540 (09:00), or 600 (10:00) on the first trading day of the year. */
  openMinute: number;
}

const m = (h: number, min: number): number => h * 60 + min;

export function marketSessionAt(instant: Date, calendar: TradingCalendar): MarketSession {
  const p = kstParts(instant);
  const firstDay = calendar.isFirstTradingDayOfYear(p.date);
  const openMinute = firstDay ? m(10, 0) : m(9, 0);
  const base = { date: p.date, openMinute };
  if (!calendar.isTradingDay(p.date)) return { ...base, phase: 'CLOSED_DAY', preMarketOffHours: false };
  const t = p.minuteOfDay;
  // The opening call auction starts at 08:30 even on the first trading day, when it runs until 10:00.
  const auctionStart = m(8, 30);
  const preMarketOffHours = !firstDay && t >= m(8, 30) && t < m(8, 40);
  let phase: MarketPhase;
  if (t < auctionStart) phase = 'BEFORE_OPEN';
  else if (t < openMinute) phase = 'OPENING_AUCTION';
  else if (t < m(15, 20)) phase = 'CONTINUOUS';
  else if (t < m(15, 30)) phase = 'CLOSING_AUCTION';
  else if (t < m(15, 40)) phase = 'POST_CLOSE_BREAK';
  else if (t < m(16, 0)) phase = 'POST_MARKET_OFF_HOURS';
  else if (t < m(18, 0)) phase = 'AFTER_HOURS_SINGLE';
  else phase = 'AFTER_CLOSE';
  return { ...base, phase, preMarketOffHours };
}

/** KIS ORD_DVSN codes kis-desk uses. */
export type OrderDivision = '00' | '01' | '05' | '06' | '07';
export type OrderType = 'LIMIT' | 'MARKET';

export const ORDER_DIVISION: Record<OrderType, OrderDivision> = { LIMIT: '00', MARKET: '01' };

export type AcceptanceVerdict =
  { accepted: true } | { accepted: false; reason: MarketClosedReason; opensAt?: Date };

export type MarketClosedReason =
  'CLOSED_DAY' | 'BEFORE_OPEN' | 'AFTER_CLOSE' | 'PAPER_REGULAR_HOURS_ONLY' | 'WRONG_SESSION';

/**
 * Would KRX (or the paper server) accept this order division right now? Regular limit and market orders are
 * accepted during the auctions and continuous trading; paper accepts orders only 09:00–15:30.
 */
export function orderAcceptedNow(
  session: MarketSession,
  division: OrderDivision,
  environment: 'real' | 'paper',
  calendar: TradingCalendar,
): AcceptanceVerdict {
  const opensAt = (): Date => {
    const day =
      session.phase === 'CLOSED_DAY' || session.phase === 'AFTER_CLOSE' || isLateInDay(session)
        ? calendar.nextTradingDay(session.date)
        : session.date;
    const firstDay = calendar.isFirstTradingDayOfYear(day);
    const minute = environment === 'paper' ? (firstDay ? 600 : 540) : 510;
    return kstInstant(day, Math.floor(minute / 60), minute % 60);
  };
  if (session.phase === 'CLOSED_DAY') return { accepted: false, reason: 'CLOSED_DAY', opensAt: opensAt() };
  if (division === '00' || division === '01') {
    if (environment === 'paper') {
      if (session.phase === 'CONTINUOUS' || session.phase === 'CLOSING_AUCTION') return { accepted: true };
      return { accepted: false, reason: 'PAPER_REGULAR_HOURS_ONLY', opensAt: opensAt() };
    }
    if (
      session.phase === 'OPENING_AUCTION' ||
      session.phase === 'CONTINUOUS' ||
      session.phase === 'CLOSING_AUCTION'
    ) {
      return { accepted: true };
    }
    return {
      accepted: false,
      reason: session.phase === 'BEFORE_OPEN' ? 'BEFORE_OPEN' : 'AFTER_CLOSE',
      opensAt: opensAt(),
    };
  }
  if (environment === 'paper')
    return { accepted: false, reason: 'PAPER_REGULAR_HOURS_ONLY', opensAt: opensAt() };
  if (division === '05' && session.preMarketOffHours) return { accepted: true };
  if (division === '06' && session.phase === 'POST_MARKET_OFF_HOURS') return { accepted: true };
  if (division === '07' && session.phase === 'AFTER_HOURS_SINGLE') return { accepted: true };
  return { accepted: false, reason: 'WRONG_SESSION' };
}

function isLateInDay(session: MarketSession): boolean {
  return !(
    session.phase === 'BEFORE_OPEN' ||
    session.phase === 'OPENING_AUCTION' ||
    session.phase === 'CONTINUOUS'
  );
}
