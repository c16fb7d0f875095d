import { SlashCommandBuilder } from 'discord.js';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/scorecard [person] [period]`: what people's approval decisions did against the alternative, in KRW. */
export const data = localize(guildOnly(new SlashCommandBuilder()), 'scorecard', (c) => c.scorecard)
  .addUserOption((person) => localize(person, 'person', (c) => c.scorecard.options.person).setRequired(false))
  .addStringOption((period) =>
    localize(period, 'period', (c) => c.scorecard.options.period)
      .setRequired(false)
      .setMaxLength(20),
  );
