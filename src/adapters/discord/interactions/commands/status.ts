import { MessageFlags } from 'discord.js';
import { catalogsFor, localeOf } from '../../locale';
import { renderStatus } from '../../render/status';
import type { CommandRoute } from '../routes';

export const statusCommand: CommandRoute = {
  name: 'status',
  async run(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const catalogs = catalogsFor(localeOf(interaction.locale));
    const view = await ctx.desk.status();
    await interaction.editReply({
      embeds: [
        renderStatus(view, catalogs, ctx.badge, {
          ready: ctx.client.isReady(),
          pingMs: ctx.client.ws.ping >= 0 ? ctx.client.ws.ping : null,
        }),
      ],
      allowedMentions: { parse: [] },
    });
  },
};
