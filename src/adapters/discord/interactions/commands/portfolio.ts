import { MessageFlags } from 'discord.js';
import { catalogsFor, localeOf } from '../../locale';
import { renderPortfolio } from '../../render/portfolio';
import type { CommandRoute } from '../routes';

export const portfolioCommand: CommandRoute = {
  name: 'portfolio',
  async run(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const catalogs = catalogsFor(localeOf(interaction.locale));
    const view = await ctx.desk.portfolio();
    await interaction.editReply({ embeds: [renderPortfolio(view, catalogs, ctx.badge)] });
  },
};
