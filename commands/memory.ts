import { SlashCommandBuilder } from 'discord.js';
import { guildOnly } from './guild-only';
import { localize } from './localize';

/** `/memory show [query]` and `/memory forget <id>`. */
export const data = localize(guildOnly(new SlashCommandBuilder()), 'memory', (c) => c.memory)
  .addSubcommand((show) =>
    localize(show, 'show', (c) => c.memory.subcommands.show).addStringOption((query) =>
      localize(query, 'query', (c) => c.memory.subcommands.show.options.query)
        .setRequired(false)
        .setMaxLength(200),
    ),
  )
  .addSubcommand((forget) =>
    localize(forget, 'forget', (c) => c.memory.subcommands.forget).addStringOption((id) =>
      localize(id, 'id', (c) => c.memory.subcommands.forget.options.id)
        .setRequired(true)
        .setMinLength(1)
        .setMaxLength(64),
    ),
  );
