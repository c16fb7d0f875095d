import { MessageFlags } from 'discord.js';
import { z } from 'zod';
import { catalogsFor, localeOf } from '../../locale';
import { NO_MENTIONS } from '../../posting';
import { renderMemories } from '../../render/memory';
import { approverOrDeny } from '../respond';
import type { CommandRoute } from '../routes';

const SHOW_LIMIT = 10;
const querySchema = z.string().trim().max(200).nullable();
const idSchema = z.string().trim().min(1).max(64);

/** `/memory show [query]` for everyone; `/memory forget <id>` changes what the desk knows, so approvers only. */
export const memoryCommand: CommandRoute = {
  name: 'memory',
  async run(interaction, ctx) {
    const catalogs = catalogsFor(localeOf(interaction.locale));
    if (interaction.options.getSubcommand() === 'forget') {
      if (!(await approverOrDeny(interaction, ctx))) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const id = idSchema.parse(interaction.options.getString('id', true));
      const forgotten = await ctx.desk.memoryForget(id, interaction.user.id);
      const m = catalogs.text.memory;
      await interaction.editReply({
        content: forgotten ? m.forgotten(id) : m.notFound(id),
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const raw = querySchema.parse(interaction.options.getString('query'));
    const query = raw === '' ? null : raw;
    const items = await ctx.desk.memoryShow(query, SHOW_LIMIT);
    await interaction.editReply({
      embeds: [renderMemories(items, query, catalogs)],
      allowedMentions: NO_MENTIONS,
    });
  },
};
