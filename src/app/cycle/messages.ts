import { formatKrw } from '../../domain/money';
import { cycleEn } from '../../i18n/en/cycle';
import { cycleKo, type CycleMessages } from '../../i18n/ko/cycle';
import type { Locale } from '../desk-api';

export const LOCALES: readonly Locale[] = ['ko', 'en'];

export function cycleMessages(locale: Locale): CycleMessages {
  return locale === 'ko' ? cycleKo : cycleEn;
}

/** The same sentence in both locales, Korean first. */
export function inBothLocales(
  render: (messages: CycleMessages, locale: Locale) => string,
): Record<Locale, string> {
  return { ko: render(cycleKo, 'ko'), en: render(cycleEn, 'en') };
}

export function won(value: number, locale: Locale): string {
  return formatKrw(value, locale);
}

/** A signed amount: "+1,200원" / "-₩3,000". */
export function signedWon(value: number | null, locale: Locale): string {
  if (value === null) return '—';
  return value > 0 ? `+${formatKrw(value, locale)}` : formatKrw(value, locale);
}
