import { SlashCommandBuilder } from 'discord.js';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/trade [ticker]` opens a modal for the question; `ticker` autocompletes from the ETF list. */
export const data = localize(guildOnly(new SlashCommandBuilder()), 'trade', (c) => c.trade).addStringOption(
  (option) =>
    localize(option, 'ticker', (c) => c.trade.options.ticker)
      .setRequired(false)
      .setAutocomplete(true)
      .setMaxLength(50),
);
