import { SlashCommandBuilder } from 'discord.js';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/cycle run` starts the daily cycle now; `/cycle last` shows the latest run. */
export const data = localize(guildOnly(new SlashCommandBuilder()), 'cycle', (c) => c.cycle)
  .addSubcommand((run) => localize(run, 'run', (c) => c.cycle.subcommands.run))
  .addSubcommand((last) => localize(last, 'last', (c) => c.cycle.subcommands.last));
