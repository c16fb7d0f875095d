import { describe, expect, it } from 'vitest';
import { loadTradingCalendar } from '../../../src/adapters/calendar/load';
import {
  addDays,
  fromKisDate,
  isKstDate,
  isWeekend,
  kisDate,
  kisTime,
  kstDate,
  kstInstant,
  kstParts,
  marketSessionAt,
  ORDER_DIVISION,
  orderAcceptedNow,
  parseClosedDaysCsv,
  weekdayOf,
  type AcceptanceVerdict,
  type OrderDivision,
  type TradingCalendar,
} from '../../../src/domain/market';

/**
 * The edges of the KRX calendar, the closed-days parser and the order-acceptance rules that the mutation run
 * (issue 17) found unasserted: malformed data files, every division × session pair, the date helpers' limits.
 */

/** A small calendar of its own: 2026 covered, Labour Day closed, 2026-01-01 closed. */
const SMALL = [
  'date,reason',
  '# coverage,2026-01-01..2026-12-31',
  '2026-01-01,New Year',
  '2026-05-01,Labour Day',
].join('\n');

const iso = (d: Date | undefined): string | undefined => d?.toISOString();

describe('KST helpers at their edges', () => {
  it('when an instant is split into KST parts then every field is the KST wall clock', () => {
    // 2026-03-05 23:07:09 UTC = Friday 2026-03-06 08:07:09 KST.
    expect(kstParts(new Date('2026-03-05T23:07:09Z'))).toEqual({
      date: '2026-03-06',
      year: 2026,
      month: 3,
      day: 6,
      hour: 8,
      minute: 7,
      second: 9,
      weekday: 5,
      minuteOfDay: 8 * 60 + 7,
    });
    // Two-digit month and day are not padded further; Sunday is 0.
    expect(kstParts(new Date('2026-11-22T14:59:59Z'))).toMatchObject({
      date: '2026-11-22',
      month: 11,
      day: 22,
      hour: 23,
      minute: 59,
      second: 59,
      weekday: 0,
      minuteOfDay: 1439,
    });
  });

  it('when KIS dates and times are formatted then they are zero-padded digits only', () => {
    expect(kisDate('2026-03-06')).toBe('20260306');
    expect(fromKisDate('20260306')).toBe('2026-03-06');
    expect(fromKisDate(kisDate('2025-12-31'))).toBe('2025-12-31');
    expect(kisTime(new Date('2026-03-06T00:05:03Z'))).toBe('090503');
    expect(kisTime(new Date('2026-03-06T06:30:00Z'))).toBe('153000');
  });

  it.each([
    ['2026-01-01', true],
    ['2028-02-29', true],
    ['2026-12-31', true],
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
    ['0050-01-01', false],
    ['2026-1-01', false],
    ['2026-01-1', false],
    ['x2026-01-01', false],
    ['2026-01-01x', false],
    ['2026/01/01', false],
    ['20260101', false],
    ['', false],
  ])('isKstDate(%j) is %s', (value, valid) => {
    expect(isKstDate(value)).toBe(valid);
  });

  it('when a KST instant is built then the defaults are midnight and seconds count', () => {
    expect(iso(kstInstant('2026-01-02'))).toBe('2026-01-01T15:00:00.000Z');
    expect(iso(kstInstant('2026-01-02', 9))).toBe('2026-01-02T00:00:00.000Z');
    expect(iso(kstInstant('2026-01-02', 9, 5, 7))).toBe('2026-01-02T00:05:07.000Z');
    expect(() => kstInstant('2026/01/02', 9)).toThrow('not a date: 2026/01/02');
    expect(() => kstInstant('2026-01-02 ', 9)).toThrow('not a date: 2026-01-02 ');
  });

  it('when days are added then months and years roll over both ways', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
    expect(addDays('2026-05-10', 30)).toBe('2026-06-09');
  });

  it.each([
    ['2026-11-21', 6, true],
    ['2026-11-22', 0, true],
    ['2026-11-23', 1, false],
    ['2026-11-27', 5, false],
  ])('%s is weekday %i (weekend %s)', (date, weekday, weekend) => {
    expect(weekdayOf(date)).toBe(weekday);
    expect(isWeekend(date)).toBe(weekend);
  });

  it('when an instant is just before midnight KST then its date is still the old day', () => {
    expect(kstDate(new Date('2026-11-22T14:59:59.999Z'))).toBe('2026-11-22');
    expect(kstDate(new Date('2026-11-22T15:00:00.000Z'))).toBe('2026-11-23');
  });
});

describe('closed-days data file', () => {
  it('when the file is well formed then closed days, reasons and coverage come from it', () => {
    const cal = parseClosedDaysCsv(SMALL);
    expect(cal.coverage).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(cal.closedReason('2026-05-01')).toBe('Labour Day');
    expect(cal.closedReason('2026-01-01')).toBe('New Year');
    expect(cal.closedReason('2026-05-04')).toBeUndefined();
    expect(cal.isTradingDay('2026-05-04')).toBe(true);
    expect(cal.isTradingDay('2026-05-01')).toBe(false);
  });

  it('when lines end in CRLF, are blank, indented or comments then they are read the same', () => {
    const text = [
      'date,reason',
      '',
      '# a comment line',
      '#coverage,2026-01-01..2026-06-30',
      '   ',
      '  2026-05-01,Labour Day  ',
      '2026-05-05',
      '2026-06-03,election, local',
      '',
    ].join('\r\n');
    const cal = parseClosedDaysCsv(text);
    expect(cal.coverage).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(cal.closedReason('2026-05-01')).toBe('Labour Day');
    // A line without a comma is a closed day with an empty reason.
    expect(cal.closedReason('2026-05-05')).toBe('');
    expect(cal.isTradingDay('2026-05-05')).toBe(false);
    // Only the first comma separates the date from the reason.
    expect(cal.closedReason('2026-06-03')).toBe('election, local');
  });

  it('when lines end in LF only then each is its own row', () => {
    const cal = parseClosedDaysCsv('# coverage,2026-01-01..2026-12-31\n2026-05-01,a\n2026-05-05,b\n');
    expect(cal.closedReason('2026-05-01')).toBe('a');
    expect(cal.closedReason('2026-05-05')).toBe('b');
  });

  it('when there is no header line then the rows still parse', () => {
    const cal = parseClosedDaysCsv('2026-05-01,x\n# coverage,2026-01-01..2026-12-31');
    expect(cal.isTradingDay('2026-05-01')).toBe(false);
  });

  it('when the coverage line appears twice then the last one counts', () => {
    const cal = parseClosedDaysCsv('# coverage,2025-01-01..2025-12-31\n# coverage,2026-01-01..2026-12-31\n');
    expect(cal.coverage).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it.each([
    ['2026-02-30,bad day', '2026-02-30'],
    ['2026-5-01,short month', '2026-5-01'],
    ['20260501,kis format', '20260501'],
    ['2026-05-01x,trailing', '2026-05-01x'],
    [',no date', ''],
    ['2026-05-0', '2026-05-0'],
    ['coverage,2026-01-01..2026-12-31', 'coverage'],
    ['date reason', 'date reason'],
  ])('when a row is %j then parsing fails naming the bad date', (row, bad) => {
    const text = `date,reason\n# coverage,2026-01-01..2026-12-31\n${row}\n`;
    expect(() => parseClosedDaysCsv(text)).toThrow(`closed-days data: bad date "${bad}"`);
  });

  it.each([
    ['no comment at all', 'date,reason\n2026-05-01,x\n'],
    ['an empty file', ''],
    ['a doubled #', '## coverage,2026-01-01..2026-12-31'],
    ['a word before coverage', '# the coverage,2026-01-01..2026-12-31'],
    ['a single dot', '# coverage,2026-01-01.2026-12-31'],
    ['a dash as separator', '# coverage,2026-01-01--2026-12-31'],
    ['a short year', '# coverage,226-01-01..2026-12-31'],
    ['a long year', '# coverage,20261-01-01..2026-12-31'],
    ['a one-digit month', '# coverage,2026-1-01..2026-12-31'],
    ['a three-digit day', '# coverage,2026-01-001..2026-12-31'],
    ['letters for the end', '# coverage,2026-01-01..yyyy-mm-dd'],
    ['a short end day', '# coverage,2026-01-01..2026-12-3'],
    ['a space before the comma', '# coverage ,2026-01-01..2026-12-31'],
    ['no comma', '# coverage 2026-01-01..2026-12-31'],
  ])('when the coverage line is %s then parsing fails saying so', (_what, text) => {
    expect(() => parseClosedDaysCsv(text)).toThrow('closed-days data: missing "# coverage,FROM..TO" line');
  });

  it('when the coverage line has spaces after # or text after the dates then it still counts', () => {
    expect(parseClosedDaysCsv('#    coverage,2026-01-01..2026-12-31 (KRX)').coverage).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(parseClosedDaysCsv('#\tcoverage,2024-02-03..2025-04-05').coverage).toEqual({
      from: '2024-02-03',
      to: '2025-04-05',
    });
  });
});

describe('TradingCalendar queries', () => {
  it('when a date is at either end of the coverage then it is covered, one day beyond is not', () => {
    const cal = parseClosedDaysCsv('# coverage,2026-02-10..2026-03-20');
    expect(cal.isCovered('2026-02-09')).toBe(false);
    expect(cal.isCovered('2026-02-10')).toBe(true);
    expect(cal.isCovered('2026-03-20')).toBe(true);
    expect(cal.isCovered('2026-03-21')).toBe(false);
  });

  it('when a date beyond the data is observed then it stays updatable, while shipped dates are not', () => {
    const cal = parseClosedDaysCsv(SMALL);
    // Beyond the data: first assumed open, then closed, then open again as KIS answers change.
    expect(cal.isTradingDay('2027-01-05')).toBe(true);
    cal.recordObserved('2027-01-05', false, 'temporary holiday');
    expect(cal.closedReason('2027-01-05')).toBe('temporary holiday');
    expect(cal.isCovered('2027-01-05')).toBe(true);
    cal.recordObserved('2027-01-05', true, 'reopened');
    expect(cal.closedReason('2027-01-05')).toBeUndefined();
    expect(cal.isTradingDay('2027-01-05')).toBe(true);
    // Covered by the shipped file: neither an opening nor a closing is taken.
    cal.recordObserved('2026-05-01', true, 'KIS');
    expect(cal.closedReason('2026-05-01')).toBe('Labour Day');
    cal.recordObserved('2026-05-04', false, 'KIS');
    expect(cal.isTradingDay('2026-05-04')).toBe(true);
  });

  it('when an observed closing changes the first day of a year already asked then the new answer is given', () => {
    const cal = parseClosedDaysCsv(SMALL);
    expect(cal.firstTradingDayOfYear(2027)).toBe('2027-01-01');
    expect(cal.isFirstTradingDayOfYear('2027-01-01')).toBe(true);
    cal.recordObserved('2027-01-01', false, 'New Year');
    expect(cal.firstTradingDayOfYear(2027)).toBe('2027-01-04');
    expect(cal.isFirstTradingDayOfYear('2027-01-04')).toBe(true);
    expect(cal.isFirstTradingDayOfYear('2027-01-01')).toBe(false);
    // Asked twice: the cached answer is the same one.
    expect(cal.firstTradingDayOfYear(2027)).toBe('2027-01-04');
    expect(cal.firstTradingDayOfYear(2026)).toBe('2026-01-02');
    expect(cal.firstTradingDayOfYear(2026)).toBe('2026-01-02');
  });

  it('when the first day of a month is a weekend or holiday then the first trading day is the next open one', () => {
    const cal = parseClosedDaysCsv(SMALL);
    expect(cal.firstTradingDayOfMonth('2026-05-20')).toBe('2026-05-04');
    expect(cal.isFirstTradingDayOfMonth('2026-05-04')).toBe(true);
    expect(cal.isFirstTradingDayOfMonth('2026-05-05')).toBe(false);
    expect(cal.firstTradingDayOfMonth('2026-08-31')).toBe('2026-08-03');
    expect(cal.firstTradingDayOfMonth('2026-06-01')).toBe('2026-06-01');
    expect(cal.isFirstTradingDayOfMonth('2026-06-01')).toBe(true);
  });

  it('when trading days between two dates are listed then both ends count and closed days are left out', () => {
    const cal = parseClosedDaysCsv(SMALL);
    expect(cal.tradingDaysBetween('2026-04-29', '2026-05-05')).toEqual([
      '2026-04-29',
      '2026-04-30',
      '2026-05-04',
      '2026-05-05',
    ]);
    expect(cal.tradingDaysBetween('2026-05-04', '2026-05-04')).toEqual(['2026-05-04']);
    expect(cal.tradingDaysBetween('2026-05-02', '2026-05-03')).toEqual([]);
    expect(cal.tradingDaysBetween('2026-05-05', '2026-05-04')).toEqual([]);
  });

  it('when neighbours are asked across a weekend and a holiday then both directions skip them', () => {
    const cal = parseClosedDaysCsv(SMALL);
    expect(cal.nextTradingDay('2026-04-30')).toBe('2026-05-04');
    expect(cal.previousTradingDay('2026-05-04')).toBe('2026-04-30');
    expect(cal.nextTradingDay('2026-05-04')).toBe('2026-05-05');
    expect(cal.previousTradingDay('2026-05-05')).toBe('2026-05-04');
  });

  it('when many dates are asked then answers stay right past the cache size', () => {
    const cal = parseClosedDaysCsv(SMALL);
    let d = '1990-01-01';
    for (let i = 0; i < 20_100; i++) {
      cal.isTradingDay(d);
      d = addDays(d, 1);
    }
    expect(cal.closedReason('2026-05-01')).toBe('Labour Day');
    expect(cal.closedReason('2026-05-02')).toBe('weekend');
    expect(cal.closedReason('2026-05-04')).toBeUndefined();
  });
});

/**
 * The shipped calendar, loaded on first use inside a test, never while the file is collected or in a file-wide
 * hook: a mutant that breaks the parser must fail these tests. Stryker's vitest runner counts a file that
 * cannot load, or whose tests a failed top-level hook skips, as no tests, and the mutant as survived.
 */
let shippedCalendar: TradingCalendar | undefined;
const shipped = (): TradingCalendar => (shippedCalendar ??= loadTradingCalendar());

describe('sessions', () => {
  const at = (date: string, h: number, min: number) => marketSessionAt(kstInstant(date, h, min), shipped());

  it('when a session is read then it carries its date and regular open minute', () => {
    expect(at('2026-11-23', 10, 0)).toEqual({
      date: '2026-11-23',
      phase: 'CONTINUOUS',
      preMarketOffHours: false,
      openMinute: 540,
    });
    expect(at('2026-01-02', 10, 0)).toEqual({
      date: '2026-01-02',
      phase: 'CONTINUOUS',
      preMarketOffHours: false,
      openMinute: 600,
    });
    expect(at('2026-11-23', 8, 30)).toEqual({
      date: '2026-11-23',
      phase: 'OPENING_AUCTION',
      preMarketOffHours: true,
      openMinute: 540,
    });
  });

  it('when the day is closed then even the off-hours window is not open', () => {
    expect(at('2026-11-22', 8, 35)).toEqual({
      date: '2026-11-22',
      phase: 'CLOSED_DAY',
      preMarketOffHours: false,
      openMinute: 540,
    });
  });

  it('when it is the first trading day of the year then no minute of 08:30–08:40 is off-hours', () => {
    for (const min of [29, 30, 35, 39, 40]) expect(at('2026-01-02', 8, min).preMarketOffHours).toBe(false);
    expect(at('2026-01-05', 8, 30).preMarketOffHours).toBe(true);
    expect(at('2026-01-05', 8, 40).preMarketOffHours).toBe(false);
    expect(at('2026-01-05', 8, 29).preMarketOffHours).toBe(false);
  });

  it.each([
    [0, 0, 'BEFORE_OPEN'],
    [23, 59, 'AFTER_CLOSE'],
    [15, 39, 'POST_CLOSE_BREAK'],
    [15, 59, 'POST_MARKET_OFF_HOURS'],
  ] as const)('at %i:%i the phase is %s', (h, min, phase) => {
    expect(at('2026-11-23', h, min).phase).toBe(phase);
  });
});

describe('order acceptance: every division × session', () => {
  const day = '2026-11-23'; // Monday; Tuesday 2026-11-24 is a trading day
  const accept = (
    date: string,
    h: number,
    min: number,
    division: OrderDivision,
    env: 'real' | 'paper',
  ): AcceptanceVerdict =>
    orderAcceptedNow(marketSessionAt(kstInstant(date, h, min), shipped()), division, env, shipped());

  const times: Array<[string, number, number]> = [
    ['BEFORE_OPEN', 8, 0],
    ['OPENING_AUCTION (off-hours)', 8, 35],
    ['OPENING_AUCTION', 8, 50],
    ['CONTINUOUS', 11, 0],
    ['CLOSING_AUCTION', 15, 25],
    ['POST_CLOSE_BREAK', 15, 35],
    ['POST_MARKET_OFF_HOURS', 15, 45],
    ['AFTER_HOURS_SINGLE', 16, 30],
    ['AFTER_CLOSE', 18, 30],
  ];
  // Thunks: the expected instants are built inside the tests, not while the file is collected.
  const same = (h: number, min: number) => () => kstInstant(day, h, min);
  const next = (h: number, min: number) => () => kstInstant('2026-11-24', h, min);

  /** [phase, division, env] → accepted, or [reason, opensAt or undefined]. */
  const expected: Record<string, Record<string, true | [string, (() => Date) | undefined]>> = {
    BEFORE_OPEN: {
      '00 real': ['BEFORE_OPEN', same(8, 30)],
      '01 real': ['BEFORE_OPEN', same(8, 30)],
      '00 paper': ['PAPER_REGULAR_HOURS_ONLY', same(9, 0)],
      '05 real': ['WRONG_SESSION', undefined],
      '06 real': ['WRONG_SESSION', undefined],
      '07 real': ['WRONG_SESSION', undefined],
      '05 paper': ['PAPER_REGULAR_HOURS_ONLY', same(9, 0)],
    },
    'OPENING_AUCTION (off-hours)': {
      '00 real': true,
      '01 real': true,
      '00 paper': ['PAPER_REGULAR_HOURS_ONLY', same(9, 0)],
      '05 real': true,
      '06 real': ['WRONG_SESSION', undefined],
      '07 real': ['WRONG_SESSION', undefined],
      '05 paper': ['PAPER_REGULAR_HOURS_ONLY', same(9, 0)],
    },
    OPENING_AUCTION: {
      '00 real': true,
      '01 real': true,
      '00 paper': ['PAPER_REGULAR_HOURS_ONLY', same(9, 0)],
      '05 real': ['WRONG_SESSION', undefined],
      '06 real': ['WRONG_SESSION', undefined],
      '07 real': ['WRONG_SESSION', undefined],
      '05 paper': ['PAPER_REGULAR_HOURS_ONLY', same(9, 0)],
    },
    CONTINUOUS: {
      '00 real': true,
      '01 real': true,
      '00 paper': true,
      '01 paper': true,
      '05 real': ['WRONG_SESSION', undefined],
      '06 real': ['WRONG_SESSION', undefined],
      '07 real': ['WRONG_SESSION', undefined],
      '06 paper': ['PAPER_REGULAR_HOURS_ONLY', same(9, 0)],
    },
    CLOSING_AUCTION: {
      '00 real': true,
      '01 real': true,
      '00 paper': true,
      '01 paper': true,
      '05 real': ['WRONG_SESSION', undefined],
      '06 real': ['WRONG_SESSION', undefined],
      '07 real': ['WRONG_SESSION', undefined],
      '07 paper': ['PAPER_REGULAR_HOURS_ONLY', next(9, 0)],
    },
    POST_CLOSE_BREAK: {
      '00 real': ['AFTER_CLOSE', next(8, 30)],
      '01 real': ['AFTER_CLOSE', next(8, 30)],
      '00 paper': ['PAPER_REGULAR_HOURS_ONLY', next(9, 0)],
      '05 real': ['WRONG_SESSION', undefined],
      '06 real': ['WRONG_SESSION', undefined],
      '07 real': ['WRONG_SESSION', undefined],
    },
    POST_MARKET_OFF_HOURS: {
      '00 real': ['AFTER_CLOSE', next(8, 30)],
      '00 paper': ['PAPER_REGULAR_HOURS_ONLY', next(9, 0)],
      '05 real': ['WRONG_SESSION', undefined],
      '06 real': true,
      '07 real': ['WRONG_SESSION', undefined],
      '06 paper': ['PAPER_REGULAR_HOURS_ONLY', next(9, 0)],
    },
    AFTER_HOURS_SINGLE: {
      '01 real': ['AFTER_CLOSE', next(8, 30)],
      '00 paper': ['PAPER_REGULAR_HOURS_ONLY', next(9, 0)],
      '05 real': ['WRONG_SESSION', undefined],
      '06 real': ['WRONG_SESSION', undefined],
      '07 real': true,
      '07 paper': ['PAPER_REGULAR_HOURS_ONLY', next(9, 0)],
    },
    AFTER_CLOSE: {
      '00 real': ['AFTER_CLOSE', next(8, 30)],
      '00 paper': ['PAPER_REGULAR_HOURS_ONLY', next(9, 0)],
      '05 real': ['WRONG_SESSION', undefined],
      '06 real': ['WRONG_SESSION', undefined],
      '07 real': ['WRONG_SESSION', undefined],
    },
  };

  const cases = times.flatMap(([phase, h, min]) =>
    Object.entries(expected[phase]!).map(([key, want]) => {
      const [division, env] = key.split(' ') as [OrderDivision, 'real' | 'paper'];
      return { phase, h, min, division, env, want };
    }),
  );

  it.each(cases)('$phase: division $division on $env', ({ phase, h, min, division, env, want }) => {
    const session = marketSessionAt(kstInstant(day, h, min), shipped());
    expect(session.phase).toBe(phase.split(' ')[0]);
    const verdict = accept(day, h, min, division, env);
    if (want === true) {
      expect(verdict).toEqual({ accepted: true });
    } else {
      const [reason, opensAt] = want;
      // WRONG_SESSION carries no opening time at all (not even an undefined one).
      const expectedVerdict = opensAt
        ? { accepted: false, reason, opensAt: opensAt() }
        : { accepted: false, reason };
      expect(verdict).toEqual(expectedVerdict);
      expect('opensAt' in verdict).toBe(opensAt !== undefined);
    }
  });

  it('when the day is closed then every division is refused with the next open, paper at 09:00 and real at 08:30', () => {
    for (const division of ['00', '01', '05', '06', '07'] as const) {
      expect(accept('2026-11-22', 10, 0, division, 'real')).toEqual({
        accepted: false,
        reason: 'CLOSED_DAY',
        opensAt: kstInstant('2026-11-23', 8, 30),
      });
      expect(accept('2026-11-22', 10, 0, division, 'paper')).toEqual({
        accepted: false,
        reason: 'CLOSED_DAY',
        opensAt: kstInstant('2026-11-23', 9, 0),
      });
    }
  });

  it('when the next open is the first trading day of the year then paper waits until 10:00 and real until 08:30', () => {
    // 2025-12-31 and 2026-01-01 are closed; 2026-01-02 is the first trading day of 2026.
    expect(accept('2025-12-30', 16, 30, '00', 'paper')).toEqual({
      accepted: false,
      reason: 'PAPER_REGULAR_HOURS_ONLY',
      opensAt: kstInstant('2026-01-02', 10, 0),
    });
    expect(accept('2025-12-31', 10, 0, '00', 'paper')).toEqual({
      accepted: false,
      reason: 'CLOSED_DAY',
      opensAt: kstInstant('2026-01-02', 10, 0),
    });
    expect(accept('2025-12-31', 10, 0, '00', 'real')).toEqual({
      accepted: false,
      reason: 'CLOSED_DAY',
      opensAt: kstInstant('2026-01-02', 8, 30),
    });
    // On the first day itself, before 10:00: the same day.
    expect(accept('2026-01-02', 9, 30, '00', 'paper')).toEqual({
      accepted: false,
      reason: 'PAPER_REGULAR_HOURS_ONLY',
      opensAt: kstInstant('2026-01-02', 10, 0),
    });
    expect(accept('2026-01-02', 9, 30, '00', 'real')).toEqual({
      accepted: true,
    });
    expect(accept('2026-01-02', 8, 0, '01', 'real')).toEqual({
      accepted: false,
      reason: 'BEFORE_OPEN',
      opensAt: kstInstant('2026-01-02', 8, 30),
    });
  });

  it('when a Friday evening order is refused then the next open is Monday', () => {
    expect(accept('2026-11-20', 15, 35, '00', 'paper')).toEqual({
      accepted: false,
      reason: 'PAPER_REGULAR_HOURS_ONLY',
      opensAt: kstInstant('2026-11-23', 9, 0),
    });
  });

  it('the desk sends LIMIT as division 00 and MARKET as 01', () => {
    expect(ORDER_DIVISION).toEqual({ LIMIT: '00', MARKET: '01' });
  });
});
