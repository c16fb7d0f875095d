import { EmbedBuilder } from 'discord.js';
import { blackoutListLines, guardRailsText } from '../../../app/guard-rails/blackout-text';
import type { BlackoutList } from '../../../app/blackouts';
import type { Locale } from '../../../app/desk-api';
import { truncate } from '../text';
import { COLORS } from './badge';

/** `/blackout list`: the window in force, the daily ones and the added ones (who added them, as mentions). */
export function renderBlackoutList(list: BlackoutList, locale: Locale): EmbedBuilder {
  return new EmbedBuilder()
    .setTitle(guardRailsText(locale).blackout.title)
    .setColor(list.active ? COLORS.waiting : COLORS.info)
    .setDescription(truncate(blackoutListLines(list, locale, (id) => `<@${id}>`).join('\n'), 4_000));
}
