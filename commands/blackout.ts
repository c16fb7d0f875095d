import { SlashCommandBuilder } from 'discord.js';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/blackout add <from> <to> [reason]`, `/blackout list`, `/blackout remove <id>`: KIS maintenance windows. */
export const data = localize(guildOnly(new SlashCommandBuilder()), 'blackout', (c) => c.blackout)
  .addSubcommand((add) =>
    localize(add, 'add', (c) => c.blackout.subcommands.add)
      .addStringOption((from) =>
        localize(from, 'from', (c) => c.blackout.subcommands.add.options.from)
          .setRequired(true)
          .setMaxLength(20),
      )
      .addStringOption((to) =>
        localize(to, 'to', (c) => c.blackout.subcommands.add.options.to)
          .setRequired(true)
          .setMaxLength(20),
      )
      .addStringOption((reason) =>
        localize(reason, 'reason', (c) => c.blackout.subcommands.add.options.reason)
          .setRequired(false)
          .setMaxLength(200),
      ),
  )
  .addSubcommand((list) => localize(list, 'list', (c) => c.blackout.subcommands.list))
  .addSubcommand((remove) =>
    localize(remove, 'remove', (c) => c.blackout.subcommands.remove).addStringOption((id) =>
      localize(id, 'id', (c) => c.blackout.subcommands.remove.options.id)
        .setRequired(true)
        .setMaxLength(20),
    ),
  );
