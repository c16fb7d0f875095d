import { watchEn } from '../../i18n/en/watch';
import { watchKo, type WatchCatalog } from '../../i18n/ko/watch';
import type { Locale } from '../desk-api';
import type { WatchAlert } from './ports';

export function watchText(locale: Locale): WatchCatalog {
  return locale === 'ko' ? watchKo : watchEn;
}

const formatNumber = (value: number | null): string =>
  value === null ? '–' : Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);

/** The lines of a watch alert (title first), the same in Discord and the terminal. */
export function watchAlertLines(alert: WatchAlert, locale: Locale): string[] {
  const t = watchText(locale);
  const { firing } = alert;
  const condition = t.conditions[firing.condition] ?? firing.condition;
  const lines = [
    t.alertTitle(alert.name, firing.ticker, condition),
    t.alertPrice(firing.price.toLocaleString('en-US')),
  ];
  if (firing.severity === 'high') lines.push(t.severityHigh);
  const pairs = Object.entries(firing.numbers)
    .map(([k, v]) => `${k} ${formatNumber(v)}`)
    .join(', ');
  if (pairs) lines.push(t.numbers(pairs));
  if (firing.kind === 'sell') {
    if (alert.intent) lines.push(t.sellProposed);
    else if (alert.existingIntentId) lines.push(t.sellExisting(alert.existingIntentId));
    else lines.push(t.sellNotProposed);
  } else lines.push(t.buyHint);
  return lines;
}
