/** The open-order list and the answers to a cancel, for any channel (each renders them its way). */
import { formatKrw } from '../../domain/money';
import { cancelsEn } from '../../i18n/en/cancels';
import { cancelsKo, type CancelsCatalog } from '../../i18n/ko/cancels';
import type { CancelResult } from '../cancels';
import type { Locale } from '../desk-api';
import type { OrderRecord } from '../trading-store';

export function cancelsText(locale: Locale): CancelsCatalog {
  return locale === 'ko' ? cancelsKo : cancelsEn;
}

/** `#n ticker name · side filled/quantity · price · status`; n counts from 1 in the listed order. */
export function openOrderLine(order: OrderRecord, n: number, locale: Locale, name: string): string {
  const t = cancelsText(locale);
  const price =
    order.orderType === 'LIMIT' && order.limitPrice !== null ? formatKrw(order.limitPrice, locale) : t.market;
  return t.line(
    n,
    order.ticker,
    name,
    t.sides[order.side],
    order.filledQuantity,
    order.quantity,
    price,
    t.statuses[order.status] ?? order.status,
  );
}

export function cancelResultText(result: CancelResult, locale: Locale): string {
  const r = cancelsText(locale).result;
  switch (result.status) {
    case 'cancelled':
      return r.cancelled(result.order.ticker, result.order.filledQuantity, result.order.quantity);
    case 'rejected':
      return r.rejected(`${result.message} (${result.code})`);
    case 'unknown':
      return r.unknown;
    case 'pending':
      return r.pending;
    case 'not-open':
      return r.notOpen;
    case 'blackout':
      return r.blackout;
    case 'not-found':
      return r.notFound;
    case 'not-allowed':
      return r.notAllowed;
  }
}

export function cancelAllText(results: readonly { result: CancelResult }[], locale: Locale): string {
  const t = cancelsText(locale).all;
  if (results.length === 0) return t.none;
  const cancelled = results.filter((r) => r.result.status === 'cancelled').length;
  return t.done(cancelled, results.length, results.length - cancelled);
}
