import { describe, expect, it } from 'vitest';
import { loadTradingCalendar } from '../../../src/adapters/calendar/load';
import {
  buildScorecard,
  effectOf,
  exposureOf,
  horizonDates,
  parsePeriod,
  type Decision,
} from '../../../src/domain/scorecard';

const calendar = loadTradingCalendar();

describe('scorecard domain', () => {
  it('when a decision is scored then its exposure follows the baseline (plan for legs, nothing for proposals)', () => {
    const table = (['APPROVED', 'REJECTED', 'EXPIRED', 'CANCELLED'] as Decision[]).map((d) => [
      d,
      exposureOf(d, 'plan', 'BUY', 10),
      exposureOf(d, 'plan', 'SELL', 10),
      exposureOf(d, 'nothing', 'BUY', 10),
      exposureOf(d, 'nothing', 'SELL', 10),
    ]);
    expect(table).toEqual([
      ['APPROVED', 0, 0, 10, -10],
      ['REJECTED', -10, 10, 0, 0],
      ['EXPIRED', -10, 10, 0, 0],
      ['CANCELLED', -10, 10, -10, 10],
    ]);
    expect(effectOf(-10, 20_000, 20_150)).toBe(-1_500);
    expect(effectOf(4, 31_000, 30_000)).toBe(-4_000);
  });

  it('when horizons are counted then holidays in the calendar data are skipped', () => {
    // 2026-10-05 and 2026-10-09 are KRX holidays in the shipped data.
    expect(horizonDates(calendar, '2026-10-02')).toEqual({
      1: '2026-10-06',
      5: '2026-10-13',
      20: '2026-11-03',
    });
    // A decision on a Saturday counts from the next trading day.
    expect(horizonDates(calendar, '2026-10-03')[1]).toBe('2026-10-06');
  });

  it('when periods are read then words, months and years are ranges and anything else is refused', () => {
    const today = '2026-11-26'; // a Thursday
    expect(parsePeriod(null, today, 'month')).toEqual({
      kind: 'month',
      from: '2026-11-01',
      to: today,
      label: '2026-11',
    });
    expect(parsePeriod('week', today, 'month')).toMatchObject({ from: '2026-11-23', to: today });
    expect(parsePeriod('주', today, 'month')).toMatchObject({ from: '2026-11-23', to: today });
    expect(parsePeriod('YEAR', today, 'month')).toMatchObject({ from: '2026-01-01', to: today });
    expect(parsePeriod('2026-02', today, 'month')).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(parsePeriod('2025', today, 'month')).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(parsePeriod('day', today, 'day', ['day', 'week'])).toMatchObject({ from: today, to: today });
    for (const bad of ['fortnight', '2026-13', '2026-00', '26-11', '1800', 'month;drop'])
      expect(parsePeriod(bad, today, 'month')).toBeNull();
    expect(parsePeriod('all', today, 'day', ['day', 'week', 'month', 'year'])).toBeNull();
  });

  it('when decisions are summed then helped, hurt and neutral are counted per horizon and unknown closes wait', () => {
    const card = buildScorecard([
      { person: 'a', decidedOn: '2026-10-01', effects: { 1: 100, 5: -50, 20: null } },
      { person: 'a', decidedOn: '2026-10-02', effects: { 1: 0, 5: null, 20: null } },
      { person: null, decidedOn: '2026-10-02', effects: { 1: -30, 5: null, 20: null } },
    ]);
    expect(card.overall).toEqual({
      decisions: 3,
      horizons: {
        1: { scored: 3, helped: 1, hurt: 1, neutral: 1, net: 70 },
        5: { scored: 1, helped: 0, hurt: 1, neutral: 0, net: -50 },
        20: { scored: 0, helped: 0, hurt: 0, neutral: 0, net: 0 },
      },
    });
    expect(card.people.map((p) => [p.person, p.line.decisions])).toEqual([
      ['a', 2],
      [null, 1],
    ]);
  });
});
