import { SlashCommandBuilder } from 'discord.js';
import { approverOnly } from './approver-only';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/**
 * `/cycle run` starts the daily cycle now; `/cycle last` shows the latest run. Discord sets default permissions
 * per command, not per subcommand, so both are behind Manage Server by default.
 */
export const data = localize(approverOnly(guildOnly(new SlashCommandBuilder())), 'cycle', (c) => c.cycle)
  .addSubcommand((run) => localize(run, 'run', (c) => c.cycle.subcommands.run))
  .addSubcommand((last) => localize(last, 'last', (c) => c.cycle.subcommands.last));
