import { readFileSync } from 'node:fs';
import { parseClosedDaysCsv, type TradingCalendar } from '../../domain/market';
import { resourcePath } from '../resources';

/** Loads the KRX calendar from resources/krx/closed-days.csv (or another file with the same format). */
export function loadTradingCalendar(file = resourcePath('krx', 'closed-days.csv')): TradingCalendar {
  return parseClosedDaysCsv(readFileSync(file, 'utf8'));
}
