import { describe, expect, it } from 'vitest';
import { loadTradingCalendar } from '../../../src/adapters/calendar/load';
import {
  kstInstant,
  marketSessionAt,
  orderAcceptedNow,
  parseClosedDaysCsv,
  kstDate,
} from '../../../src/domain/market';

const calendar = loadTradingCalendar();

describe('KRX calendar', () => {
  it.each([
    '2025-01-01',
    '2025-01-27',
    '2025-01-28',
    '2025-06-03',
    '2025-10-08',
    '2025-12-31',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-05-25',
    '2026-06-03',
    '2026-09-24',
    '2026-12-31',
  ])('%s is closed', (date) => {
    expect(calendar.isTradingDay(date)).toBe(false);
  });

  it.each(['2025-01-02', '2025-01-31', '2026-01-02', '2026-02-19', '2026-11-23'])(
    '%s is a trading day',
    (date) => {
      expect(calendar.isTradingDay(date)).toBe(true);
    },
  );

  it('when the date is a weekend then it is closed', () => {
    expect(calendar.closedReason('2026-11-21')).toBe('weekend');
  });

  it('finds neighbours across holidays', () => {
    expect(calendar.nextTradingDay('2026-02-13')).toBe('2026-02-19');
    expect(calendar.previousTradingDay('2026-02-19')).toBe('2026-02-13');
    expect(calendar.firstTradingDayOfYear(2026)).toBe('2026-01-02');
    expect(calendar.firstTradingDayOfMonth('2026-03-15')).toBe('2026-03-03');
  });

  it('when the data file lacks coverage then parsing fails loudly', () => {
    expect(() => parseClosedDaysCsv('date,reason\n2026-01-01,x\n')).toThrow(/coverage/);
  });

  it('when a date is beyond the data then it is flagged as not covered', () => {
    expect(calendar.isCovered('2027-03-02')).toBe(false);
    expect(calendar.isCovered('2026-03-02')).toBe(true);
  });
});

describe('KST helpers', () => {
  it('converts instants to KST wall time across midnight UTC', () => {
    expect(kstDate(new Date('2026-11-22T15:30:00Z'))).toBe('2026-11-23');
    expect(kstInstant('2026-11-23', 9, 0).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});

describe('KRX sessions', () => {
  const at = (date: string, h: number, m: number) => marketSessionAt(kstInstant(date, h, m), calendar);
  const day = '2026-11-23';

  it.each([
    [8, 29, 'BEFORE_OPEN', false],
    [8, 30, 'OPENING_AUCTION', true],
    [8, 39, 'OPENING_AUCTION', true],
    [8, 40, 'OPENING_AUCTION', false],
    [8, 59, 'OPENING_AUCTION', false],
    [9, 0, 'CONTINUOUS', false],
    [15, 19, 'CONTINUOUS', false],
    [15, 20, 'CLOSING_AUCTION', false],
    [15, 29, 'CLOSING_AUCTION', false],
    [15, 30, 'POST_CLOSE_BREAK', false],
    [15, 40, 'POST_MARKET_OFF_HOURS', false],
    [16, 0, 'AFTER_HOURS_SINGLE', false],
    [17, 59, 'AFTER_HOURS_SINGLE', false],
    [18, 0, 'AFTER_CLOSE', false],
  ])('at %i:%i the phase is %s (pre-market off-hours %s)', (h, m, phase, offHours) => {
    const s = at(day, h, m);
    expect(s.phase).toBe(phase);
    expect(s.preMarketOffHours).toBe(offHours);
  });

  it('when it is the first trading day of the year then the market opens at 10:00', () => {
    expect(at('2026-01-02', 9, 0).phase).toBe('OPENING_AUCTION');
    expect(at('2026-01-02', 9, 59).phase).toBe('OPENING_AUCTION');
    expect(at('2026-01-02', 10, 0).phase).toBe('CONTINUOUS');
    expect(at('2026-01-02', 8, 29).phase).toBe('BEFORE_OPEN');
    expect(at('2026-01-02', 8, 30).phase).toBe('OPENING_AUCTION');
    expect(at('2026-01-02', 8, 35).preMarketOffHours).toBe(false);
    expect(at('2025-01-02', 9, 59).phase).toBe('OPENING_AUCTION');
  });

  it('when it is a holiday then the whole day is closed', () => {
    expect(at('2026-06-03', 10, 0).phase).toBe('CLOSED_DAY');
  });

  it('when an order comes in the opening auction then real accepts limits and paper defers to 09:00', () => {
    const s = at(day, 8, 45);
    expect(orderAcceptedNow(s, '00', 'real', calendar)).toEqual({ accepted: true });
    const paper = orderAcceptedNow(s, '00', 'paper', calendar);
    expect(paper).toMatchObject({ accepted: false, reason: 'PAPER_REGULAR_HOURS_ONLY' });
    expect(paper.accepted === false && paper.opensAt?.toISOString()).toBe(
      kstInstant(day, 9, 0).toISOString(),
    );
  });

  it('when an order comes on Friday evening then it opens on the next trading day', () => {
    const v = orderAcceptedNow(at('2026-11-20', 19, 0), '00', 'real', calendar);
    expect(v.accepted === false && v.opensAt?.toISOString()).toBe(
      kstInstant('2026-11-23', 8, 30).toISOString(),
    );
  });

  it('when an off-hours division is used then only its own window accepts it', () => {
    expect(orderAcceptedNow(at(day, 8, 35), '05', 'real', calendar)).toEqual({ accepted: true });
    expect(orderAcceptedNow(at(day, 15, 45), '06', 'real', calendar)).toEqual({ accepted: true });
    expect(orderAcceptedNow(at(day, 16, 30), '07', 'real', calendar)).toEqual({ accepted: true });
    expect(orderAcceptedNow(at(day, 10, 0), '07', 'real', calendar)).toMatchObject({
      accepted: false,
      reason: 'WRONG_SESSION',
    });
    expect(orderAcceptedNow(at(day, 8, 35), '05', 'paper', calendar)).toMatchObject({ accepted: false });
  });
});

describe('learning days beyond the data', () => {
  it('when KIS says a later date is closed then the calendar honours it, and the shipped data is never overridden', () => {
    const fresh = loadTradingCalendar();
    expect(fresh.isCovered('2027-01-04')).toBe(false);
    fresh.recordObserved('2027-01-04', false, 'KIS chk-holiday');
    fresh.recordObserved('2026-12-25', true, 'KIS chk-holiday');
    expect(fresh.isTradingDay('2027-01-04')).toBe(false);
    expect(fresh.isCovered('2027-01-04')).toBe(true);
    expect(fresh.isTradingDay('2026-12-25')).toBe(false);
    expect(fresh.firstTradingDayOfYear(2027)).toBe('2027-01-01');
  });
});
