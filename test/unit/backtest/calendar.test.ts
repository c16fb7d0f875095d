import { describe, expect, it } from 'vitest';
import { loadTradingCalendar } from '../../../src/adapters/calendar/load';
import { backtestCalendar } from '../../../src/backtest/calendar';
import { addDays } from '../../../src/domain/market';

describe('backtest calendar', () => {
  it('when asked inside the official coverage then every answer equals the official calendar', () => {
    // Arrange
    const official = loadTradingCalendar();
    const calendar = backtestCalendar(official, new Set(['2013-12-30']));

    // Act / Assert: 2015-01-01 … 2016-12-31 day by day
    for (let d = '2015-01-01'; d <= '2016-12-31'; d = addDays(d, 1)) {
      expect(calendar.isTradingDay(d), d).toBe(official.isTradingDay(d));
      expect(calendar.previousTradingDay(d), d).toBe(official.previousTradingDay(d));
      expect(calendar.nextTradingDay(d), d).toBe(official.nextTradingDay(d));
      expect(calendar.isFirstTradingDayOfMonth(d), d).toBe(official.isFirstTradingDayOfMonth(d));
    }
    expect(calendar.tradingDaysBetween('2015-09-20', '2015-10-05')).toEqual(
      official.tradingDaysBetween('2015-09-20', '2015-10-05'),
    );
  });

  it('when a date is before the official coverage then a weekday without price data is closed', () => {
    const official = loadTradingCalendar();
    const calendar = backtestCalendar(official, new Set(['2013-12-27', '2013-12-30', '2014-01-02']));

    expect(calendar.isTradingDay('2013-12-30')).toBe(true);
    expect(calendar.isTradingDay('2013-12-31')).toBe(false);
    expect(calendar.previousTradingDay('2014-01-02')).toBe('2013-12-30');
    expect(calendar.isFirstTradingDayOfMonth('2014-01-02')).toBe(true);
  });
});
