/**
 * The report texts' catalog and KRW with its sign, for every report (scorecard, P&L, backtest). Its own module so
 * the report services can use them without importing the texts that render their results.
 */
import { formatKrw } from '../../domain/money';
import { reportsEn } from '../../i18n/en/reports';
import { reportsKo, type ReportsCatalog } from '../../i18n/ko/reports';

export function reportsText(locale: 'ko' | 'en'): ReportsCatalog {
  return locale === 'ko' ? reportsKo : reportsEn;
}

export function signedKrw(value: number, locale: 'ko' | 'en'): string {
  return value > 0 ? `+${formatKrw(value, locale)}` : formatKrw(value, locale);
}
