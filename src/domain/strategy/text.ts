import { strategyEn } from '../../i18n/en/strategy';
import { strategyKo, type StrategyMessages } from '../../i18n/ko/strategy';

/** A user-facing sentence in both locales: Korean first, English when the reader's locale is not Korean. */
export interface LocalizedText {
  ko: string;
  en: string;
}

export function localized(
  render: (messages: StrategyMessages, locale: 'ko' | 'en') => string,
): LocalizedText {
  return { ko: render(strategyKo, 'ko'), en: render(strategyEn, 'en') };
}

/** A ratio as a signed percentage with one decimal: 0.2345 → "+23.5%". */
export function formatRatioPercent(ratio: number): string {
  const percent = (ratio * 100).toFixed(1);
  return ratio > 0 && percent !== '0.0' ? `+${percent}%` : `${percent === '-0.0' ? '0.0' : percent}%`;
}

/** Basis points as a percentage with one decimal: 4000 → "40.0%". */
export function formatBpPercent(bp: number): string {
  return `${(bp / 100).toFixed(1)}%`;
}

/**
 * Same output as `formatKrw` ("1,234,567원" / "₩1,234,567") without `toLocaleString`, which builds an ICU
 * formatter on every call and showed up in backtest profiles.
 */
export function formatWon(value: number, locale: 'ko' | 'en'): string {
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 ? '-' : '';
  return locale === 'ko' ? `${sign}${digits}원` : `${sign}₩${digits}`;
}
