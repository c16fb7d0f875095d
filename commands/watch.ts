import { SlashCommandBuilder } from 'discord.js';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/watch add <ticker> [conditions] [thresholds]`, `/watch remove <ticker>`, `/watch list`: the intraday watch. */
export const data = localize(guildOnly(new SlashCommandBuilder()), 'watch', (c) => c.watch)
  .addSubcommand((add) =>
    localize(add, 'add', (c) => c.watch.subcommands.add)
      .addStringOption((ticker) =>
        localize(ticker, 'ticker', (c) => c.watch.subcommands.add.options.ticker)
          .setRequired(true)
          .setAutocomplete(true)
          .setMaxLength(50),
      )
      .addStringOption((conditions) =>
        localize(conditions, 'conditions', (c) => c.watch.subcommands.add.options.conditions)
          .setRequired(false)
          .setMaxLength(300),
      )
      .addStringOption((thresholds) =>
        localize(thresholds, 'thresholds', (c) => c.watch.subcommands.add.options.thresholds)
          .setRequired(false)
          .setMaxLength(300),
      ),
  )
  .addSubcommand((remove) =>
    localize(remove, 'remove', (c) => c.watch.subcommands.remove).addStringOption((ticker) =>
      localize(ticker, 'ticker', (c) => c.watch.subcommands.remove.options.ticker)
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(50),
    ),
  )
  .addSubcommand((list) => localize(list, 'list', (c) => c.watch.subcommands.list));
