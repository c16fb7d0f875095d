import { describe, expect, it } from 'vitest';
import {
  activeBlackout,
  nextBlackout,
  parseDailyBlackouts,
  parseKstMoment,
  splitBlackoutArguments,
  validateAdhocBlackout,
  type AdhocBlackout,
  type BlackoutSchedule,
} from '../../../src/domain/blackout';
import { kstInstant } from '../../../src/domain/market';

const NIGHTLY = parseDailyBlackouts('23:30-00:10');
if (!NIGHTLY.ok) throw new Error('the default window must parse');
const schedule = (adhoc: AdhocBlackout[] = []): BlackoutSchedule => ({ daily: NIGHTLY.value, adhoc });
const adhoc = (id: number, from: Date, to: Date, reason = 'KIS 공지'): AdhocBlackout => ({
  id,
  from,
  to,
  reason,
  createdBy: 'alice',
});

describe('blackout windows: configuration', () => {
  it('when the default 23:30-00:10 is parsed then it is one window crossing midnight', () => {
    expect(NIGHTLY).toEqual({ ok: true, value: [{ fromMinute: 23 * 60 + 30, toMinute: 10 }] });
  });

  it('when the setting is empty or none then there is no window', () => {
    expect(parseDailyBlackouts('')).toEqual({ ok: true, value: [] });
    expect(parseDailyBlackouts('none')).toEqual({ ok: true, value: [] });
  });

  it('when a window is malformed, empty or overlaps another then the first problem is named', () => {
    expect(parseDailyBlackouts('23:30~00:10')).toEqual({
      ok: false,
      problem: { code: 'FORMAT', input: '23:30~00:10' },
    });
    expect(parseDailyBlackouts('24:00-01:00')).toMatchObject({ ok: false, problem: { code: 'FORMAT' } });
    expect(parseDailyBlackouts('12:00-12:00')).toMatchObject({
      ok: false,
      problem: { code: 'EMPTY_WINDOW' },
    });
    expect(parseDailyBlackouts('23:30-00:10,00:05-01:00')).toEqual({
      ok: false,
      problem: { code: 'OVERLAP', first: '23:30-00:10', second: '00:05-01:00' },
    });
  });

  it('when two windows only touch then both are accepted', () => {
    expect(parseDailyBlackouts('23:30-00:10,00:10-00:20')).toMatchObject({ ok: true });
  });
});

describe('blackout windows: in force', () => {
  it('when it is 23:45 or 00:05 then the nightly window is in force until 00:10 of the next day', () => {
    const late = activeBlackout(kstInstant('2026-03-10', 23, 45), schedule());
    const early = activeBlackout(kstInstant('2026-03-11', 0, 5), schedule());

    expect(late?.until).toEqual(kstInstant('2026-03-11', 0, 10));
    expect(early?.until).toEqual(kstInstant('2026-03-11', 0, 10));
    expect(late?.windows.map((w) => w.label)).toEqual(['23:30-00:10']);
  });

  it('when it is 00:10 or 23:29 then no window is in force (the end is open)', () => {
    expect(activeBlackout(kstInstant('2026-03-11', 0, 10), schedule())).toBeNull();
    expect(activeBlackout(kstInstant('2026-03-10', 23, 29), schedule())).toBeNull();
  });

  it('when an ad-hoc window continues the nightly one then the blackout lasts until the ad-hoc end', () => {
    const extended = adhoc(1, kstInstant('2026-03-11', 0, 10), kstInstant('2026-03-11', 6, 0));

    const active = activeBlackout(kstInstant('2026-03-10', 23, 50), schedule([extended]));

    expect(active?.until).toEqual(kstInstant('2026-03-11', 6, 0));
    expect(active?.windows.map((w) => w.label)).toEqual(['23:30-00:10', '#1']);
  });

  it('when the next window is asked for at 22:00 then it is tonight at 23:30', () => {
    expect(nextBlackout(kstInstant('2026-03-10', 22, 0), schedule())?.from).toEqual(
      kstInstant('2026-03-10', 23, 30),
    );
  });
});

describe('blackout windows: ad-hoc input', () => {
  const now = kstInstant('2026-03-10', 10, 0);

  it('when from and to are full KST times then the window is those instants', () => {
    const result = validateAdhocBlackout(
      { from: '2026-03-14 08:00', to: '2026-03-14T12:00', reason: '정기 점검' },
      [],
      now,
    );

    expect(result).toEqual({
      ok: true,
      value: {
        from: kstInstant('2026-03-14', 8, 0),
        to: kstInstant('2026-03-14', 12, 0),
        reason: '정기 점검',
      },
    });
  });

  it('when to is a bare time earlier than from then it is the next day', () => {
    const result = validateAdhocBlackout({ from: '22:00', to: '01:00' }, [], now);

    expect(result).toMatchObject({
      ok: true,
      value: { from: kstInstant('2026-03-10', 22, 0), to: kstInstant('2026-03-11', 1, 0) },
    });
  });

  it('when the input is bad then one problem is named', () => {
    const taken = [adhoc(3, kstInstant('2026-03-14', 8, 0), kstInstant('2026-03-14', 12, 0))];
    const problem = (from: string, to: string, reason?: string) => {
      const result = validateAdhocBlackout(
        { from, to, ...(reason === undefined ? {} : { reason }) },
        taken,
        now,
      );
      return result.ok ? null : result.problem.code;
    };

    expect(problem('tomorrow', '12:00')).toBe('FORMAT');
    expect(problem('2026-02-30 08:00', '12:00')).toBe('FORMAT');
    expect(problem('2026-03-14 12:00', '2026-03-14 08:00')).toBe('END_NOT_AFTER_START');
    expect(problem('2026-03-14 08:00', '2026-03-15 08:01')).toBe('TOO_LONG');
    expect(problem('2026-03-09 08:00', '2026-03-09 09:00')).toBe('IN_THE_PAST');
    expect(problem('2026-03-14 11:00', '2026-03-14 13:00')).toBe('OVERLAP');
    expect(problem('2026-03-15 08:00', '2026-03-15 09:00', 'x'.repeat(201))).toBe('REASON_TOO_LONG');
    expect(problem('2026-03-14 12:00', '2026-03-14 13:00')).toBeNull();
  });

  it('when twenty windows are upcoming then a twenty-first is refused with TOO_MANY', () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      adhoc(i + 1, kstInstant('2026-04-01', i, 0), kstInstant('2026-04-01', i, 30)),
    );

    const result = validateAdhocBlackout({ from: '2026-05-01 08:00', to: '2026-05-01 09:00' }, many, now);

    expect(result).toEqual({ ok: false, problem: { code: 'TOO_MANY', max: 20 } });
  });

  it('when the terminal line is split then dates with times, bare times and the reason are separated', () => {
    expect(splitBlackoutArguments('2026-03-14 08:00 2026-03-14 12:00 KIS 정기 점검')).toEqual({
      from: '2026-03-14 08:00',
      to: '2026-03-14 12:00',
      reason: 'KIS 정기 점검',
    });
    expect(splitBlackoutArguments('22:00 01:00')).toEqual({ from: '22:00', to: '01:00' });
    expect(splitBlackoutArguments('22:00')).toBeNull();
  });

  it('when a bare time is parsed then it is today in KST', () => {
    expect(parseKstMoment('07:30', now)).toEqual(kstInstant('2026-03-10', 7, 30));
    expect(parseKstMoment('7:30', now)).toBeNull();
  });
});
