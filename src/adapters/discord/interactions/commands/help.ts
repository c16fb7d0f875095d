import { MessageFlags } from 'discord.js';
import { catalogsFor, localeOf } from '../../locale';
import { renderHelp } from '../../render/help';
import type { CommandRoute } from '../routes';

export const helpCommand: CommandRoute = {
  name: 'help',
  async run(interaction) {
    await interaction.reply({
      embeds: [renderHelp(catalogsFor(localeOf(interaction.locale)))],
      flags: MessageFlags.Ephemeral,
    });
  },
};
