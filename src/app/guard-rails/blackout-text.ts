/** The lines of `/blackout list` and the answers to add/remove, for any channel (each renders them its way). */
import { dailyLabel, kstShort, type AdhocBlackout } from '../../domain/blackout';
import { basisPoints, formatKrw } from '../../domain/money';
import { formatBasisPoints } from '../../domain/risk';
import { guardRailsEn } from '../../i18n/en/guard-rails';
import { guardRailsKo, type GuardRailsCatalog } from '../../i18n/ko/guard-rails';
import type { BlackoutChange, BlackoutList } from '../blackouts';
import type { Locale } from '../desk-api';

export function guardRailsText(locale: Locale): GuardRailsCatalog {
  return locale === 'ko' ? guardRailsKo : guardRailsEn;
}

export function blackoutRange(window: Pick<AdhocBlackout, 'from' | 'to'>): string {
  return `${kstShort(window.from)} ~ ${kstShort(window.to)} KST`;
}

/** `who` renders a person (a Discord mention, or the terminal's plain id). */
export function blackoutListLines(
  list: BlackoutList,
  locale: Locale,
  who: (userId: string) => string,
): string[] {
  const t = guardRailsText(locale).blackout;
  const lines = [
    list.active
      ? t.active(
          `${kstShort(list.active.until)} KST`,
          [...new Set(list.active.windows.map((w) => w.label))].join(', '),
        )
      : t.none,
    '',
    ...(list.daily.length > 0 ? list.daily.map((w) => t.daily(dailyLabel(w))) : [t.noDaily]),
    ...(list.adhoc.length > 0
      ? list.adhoc.map((w) => t.adhoc(w.id, blackoutRange(w), w.reason, who(w.createdBy)))
      : [t.noAdhoc]),
    '',
    t.explain,
  ];
  return lines;
}

export function blackoutChangeText(change: BlackoutChange, kind: 'add' | 'remove', locale: Locale): string {
  const t = guardRailsText(locale).blackout;
  switch (change.status) {
    case 'ok':
      return kind === 'add'
        ? t.added(change.window.id, blackoutRange(change.window))
        : t.removed(change.window.id, blackoutRange(change.window));
    case 'invalid':
      return t.problem(change.problem);
    case 'not-allowed':
      return t.notAllowed;
  }
}

/** The text of a `BLACKOUT_DRIFT:<approved>-><fresh>` re-approval reason, or null for any other reason. */
export function describeBlackoutDrift(reason: string, locale: Locale): string | null {
  const drift = /^BLACKOUT_DRIFT:(\d+)->(\d+)$/.exec(reason);
  if (!drift) return null;
  const from = Number(drift[1]);
  const to = Number(drift[2]);
  return guardRailsText(locale).reapproval.blackoutDrift(
    formatKrw(from, locale),
    formatKrw(to, locale),
    formatBasisPoints(basisPoints(to - from, from)),
  );
}
