import { EmbedBuilder } from 'discord.js';
import { blackoutListLines, guardRailsText } from '../../../app/guard-rails/blackout-text';
import type { BlackoutList } from '../../../app/blackouts';
import type { Locale } from '../../../app/desk-api';
import { truncate } from '../text';
import { escapeUntrusted } from '../untrusted';
import { COLORS } from './badge';

/** `/blackout list`: the window in force, the daily ones and the added ones (who added them, as mentions). */
export function renderBlackoutList(list: BlackoutList, locale: Locale): EmbedBuilder {
  // Reasons and labels are typed by people; escaped like any other text the desk did not write.
  const shown: BlackoutList = {
    ...list,
    adhoc: list.adhoc.map((w) => ({ ...w, reason: escapeUntrusted(w.reason) })),
    active: list.active && {
      ...list.active,
      windows: list.active.windows.map((w) => ({ ...w, label: escapeUntrusted(w.label) })),
    },
  };
  return new EmbedBuilder()
    .setTitle(guardRailsText(locale).blackout.title)
    .setColor(list.active ? COLORS.waiting : COLORS.info)
    .setDescription(truncate(blackoutListLines(shown, locale, (id) => `<@${id}>`).join('\n'), 4_000));
}
